"""What the programmes app announces (sent after commit; see ``lms.core.signals``)."""

from django.dispatch import Signal

#: A programme's attendance was finalised and it is completed: ``programme_id``,
#: ``actor_id`` (the cell administrator), ``counts`` ({state: n}).
programme_finalised = Signal()
