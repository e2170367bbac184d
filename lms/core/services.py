"""Cross-cutting writes: the audit trail, outgoing notifications and handing tasks to
the broker."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .broker import BROKER_ERRORS, ENQUEUE_RETRY
from .languages import localised
from .models import AuditEntry, PendingTask
from .tasks import send_email

logger = logging.getLogger(__name__)


def record_audit(
    *,
    actor,
    action: str,
    obj=None,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
    data: dict | None = None,
) -> AuditEntry:
    """Write one audit row. Call it inside the transaction that makes the change."""
    entry = AuditEntry(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note,
        data=data or {},
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:255]
    entry.save()
    return entry


def notify(*, recipient, template: str, context: dict, attachments: list | None = None) -> None:
    """Email ``recipient`` after the current transaction commits.

    ``template`` names a pair ``emails/<template>_subject.txt`` and ``emails/<template>.txt``,
    rendered as plain text (no HTML escaping) in the recipient's preferred language. Nothing is sent if the transaction
    rolls back, and a recipient without an email address is skipped. ``attachments``:
    [file name, storage name, MIME type] of files in the default storage, attached when the
    email is sent."""
    if not recipient.email:
        return
    language = getattr(recipient, "preferred_language", "") or "en"
    with translation.override(language):
        # A course (or any Wagtail page) is named by its version in the recipient's language.
        context = {"recipient": recipient, **{k: localised(v) for k, v in context.items()}}
        subject = render_to_string(f"emails/{template}_subject.txt", context, using="text").strip()
        body = render_to_string(f"emails/{template}.txt", context, using="text")
    subject = " ".join(subject.split())
    extra = {"attachments": [list(item) for item in attachments]} if attachments else {}
    transaction.on_commit(
        lambda: enqueue(send_email, to=[recipient.email], subject=subject, body=body, **extra)
    )


def enqueue(task, /, **kwargs) -> bool:
    """Hand ``task`` (keyword arguments only, JSON-serialisable) to the broker without
    waiting for a result. If the broker cannot be reached the task is kept as a
    ``PendingTask`` row, which ``tasks.flush_outbox`` sends once the broker is back, and
    False is returned: a broker outage never turns a saved change into an error page."""
    try:
        task.apply_async(kwargs=kwargs, ignore_result=True, retry_policy=ENQUEUE_RETRY)
        return True
    except BROKER_ERRORS as error:
        PendingTask.objects.create(task=task.name, kwargs=kwargs, last_error=str(error)[:1000])
        logger.warning("Broker unreachable, %s kept in the outbox: %s", task.name, error)
        return False
