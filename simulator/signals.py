"""What the simulator announces (sent after commit; see ``lms.core.signals``)."""

from django.dispatch import Signal

#: A practice session ended and was scored: ``session_id``, ``status`` (finished or
#: abandoned).
session_finished = Signal()
