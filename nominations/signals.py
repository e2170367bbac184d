"""What the nominations app announces (sent after commit; see ``lms.core.signals``)."""

from django.dispatch import Signal

#: A nomination changed state: ``nomination_id``, ``from_state`` ("" when created),
#: ``to_state``, ``note``.
nomination_changed = Signal()

#: A programme's attendance was finalised and it is completed: ``programme_id``,
#: ``actor_id`` (the cell administrator), ``counts`` ({state: n}).
programme_finalised = Signal()
