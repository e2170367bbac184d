"""What the SCORM app announces (sent after commit; see ``lms.core.signals``)."""

from django.dispatch import Signal

#: A learner's SCORM attempt reached a result, or its result changed: its status became
#: ``passed``, ``failed`` or ``completed``, or a new score arrived in one of these
#: statuses. ``attempt_id``, ``user_id``, ``lesson_id`` (the English lesson), ``status``,
#: ``score_raw`` (None without a score).
attempt_result = Signal()
