"""What the nominations app announces (sent after commit; see ``lms.core.signals``)."""

from django.dispatch import Signal

#: A nomination changed state: ``nomination_id``, ``from_state`` ("" when created),
#: ``to_state``, ``note``.
nomination_changed = Signal()
