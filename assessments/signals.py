"""What the assessments app announces (sent after commit; see ``lms.core.signals``)."""

from django.dispatch import Signal

#: An officer started a new attempt at a test: ``attempt_id``.
attempt_started = Signal()

#: An attempt was submitted (by the officer or on time-out) and graded: ``attempt_id``.
attempt_submitted = Signal()
