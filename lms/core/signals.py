"""Side effects travel by signals sent after commit: a lower app announces what happened
(``courses.signals.course_completed``, ``programmes.signals.programme_finalised``, ...) and
the app that reacts (certificates, notifications) connects a receiver in its ``ready()``. No
app imports a higher one to make something happen."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def send_after_commit(signal, *, sender, **kwargs) -> None:
    """Send ``signal`` once the current transaction commits (at once outside one); nothing
    is sent if it rolls back. Every receiver runs: one that fails is logged with its
    traceback, never raised, so a side effect cannot undo the change that caused it."""

    def send():
        for receiver, result in signal.send_robust(sender=sender, **kwargs):
            if isinstance(result, Exception):
                logger.error("receiver %r of %s failed", receiver, sender, exc_info=result)

    transaction.on_commit(send)
