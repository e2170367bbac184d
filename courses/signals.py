"""What the courses app announces (sent after commit; see ``lms.core.signals``)."""

from django.dispatch import Signal

#: An officer finished every lesson of a course: ``enrolment_id``, ``user_id``,
#: ``course_id``, ``source`` (how they were enrolled: self or a programme nomination).
course_completed = Signal()

#: An officer was enrolled in a course (a new enrolment only): ``enrolment_id``,
#: ``user_id``, ``course_id``, ``source``.
enrolled = Signal()

#: An officer opened a lesson of a course they are enrolled in (not a repeat view within
#: ``services.VISIT_REFRESH``): ``user_id``, ``lesson_id``, ``course_id``, ``at``.
lesson_launched = Signal()

#: An officer completed a lesson (the first time): ``user_id``, ``lesson_id``, ``course_id``.
lesson_completed = Signal()

#: Asked (not announced) while My learning is drawn: apps that keep results of their own
#: for lessons (a SCORM package's score) return ``{course_id: [result, ...]}`` for
#: ``user`` and ``courses``; each result has ``lesson_id``, ``title``, ``status_label``,
#: ``score_raw``, ``score_max`` and ``percent``. Read with ``selectors.lesson_results``.
collect_lesson_results = Signal()
