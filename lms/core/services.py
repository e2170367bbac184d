"""Cross-cutting writes: the audit trail and outgoing notifications."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import AuditEntry


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


def notify(*, recipient, template: str, context: dict) -> None:
    """Email ``recipient`` after the current transaction commits.

    ``template`` names a pair ``emails/<template>_subject.txt`` and ``emails/<template>.txt``,
    rendered as plain text (no HTML escaping) in the recipient's preferred language. Nothing is sent if the transaction
    rolls back, and a recipient without an email address is skipped."""
    if not recipient.email:
        return
    language = getattr(recipient, "preferred_language", "") or "en"
    with translation.override(language):
        context = {"recipient": recipient, **context}
        subject = render_to_string(f"emails/{template}_subject.txt", context, using="text").strip()
        body = render_to_string(f"emails/{template}.txt", context, using="text")
    subject = " ".join(subject.split())

    from .tasks import send_email

    transaction.on_commit(
        lambda: send_email.delay(to=[recipient.email], subject=subject, body=body)
    )
