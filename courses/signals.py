"""What the courses app announces (sent after commit; see ``lms.core.signals``)."""

from django.dispatch import Signal

#: An officer finished every lesson of a course: ``enrolment_id``, ``user_id``,
#: ``course_id``, ``source`` (how they were enrolled: self or a programme nomination).
course_completed = Signal()
