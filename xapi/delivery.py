"""Delivering stored statements to the learning record store, one by one: the sending
task, the beat task's resend and the cell's resend all come here."""

import datetime

from django.conf import settings
from django.utils import timezone

from . import client
from .enums import StatementStatus
from .models import Statement


def deliver(*, statement_id) -> str:
    """Send one statement to the store and record the outcome: sent; pending again with the
    error when the store is unreachable or failing (the beat task tries again); failed when
    the store rejects it. Returns the outcome's kind (``client.SENT``, ...)."""
    if not settings.XAPI_ENDPOINT:  # turned off since: kept as it is for when it is back
        return client.TRANSIENT
    statement = Statement.objects.filter(pk=statement_id).first()
    if statement is None or statement.status == StatementStatus.SENT:
        return client.SENT
    outcome = client.put_statement(statement.payload)
    now = timezone.now()
    fields = {"attempts": statement.attempts + 1, "last_attempt_at": now}
    if outcome.kind == client.SENT:
        fields |= {"status": StatementStatus.SENT, "sent_at": now, "last_error": outcome.detail}
    elif outcome.kind == client.TRANSIENT:
        fields |= {"status": StatementStatus.PENDING, "last_error": outcome.detail}
    else:
        fields |= {"status": StatementStatus.FAILED, "last_error": outcome.detail}
    # One UPDATE, not a save(): a concurrent sender that already succeeded stays sent.
    Statement.objects.filter(pk=statement.pk).exclude(status=StatementStatus.SENT).update(**fields)
    return outcome.kind


def due_for_resend(*, older_than_minutes: int | None = None, limit: int = 500) -> list:
    """Ids of the statements to send again, oldest first: pending ones not tried for
    ``older_than_minutes`` (default ``XAPI_RESEND_AFTER_MINUTES``; recorded at least as
    long ago when never tried), and failed (rejected) ones tried fewer than
    ``XAPI_MAX_AUTOMATIC_ATTEMPTS`` times."""
    if older_than_minutes is None:
        older_than_minutes = settings.XAPI_RESEND_AFTER_MINUTES
    before = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
    pending = Statement.objects.filter(status=StatementStatus.PENDING)
    failed = Statement.objects.filter(
        status=StatementStatus.FAILED, attempts__lt=settings.XAPI_MAX_AUTOMATIC_ATTEMPTS
    )
    due = (pending | failed).filter(created_at__lte=before).exclude(last_attempt_at__gt=before)
    return list(due.order_by("created_at", "pk").values_list("pk", flat=True)[:limit])


def resend(*, older_than_minutes: int | None = None, limit: int = 500) -> dict:
    """Send what ``due_for_resend`` lists, oldest first; stop at the first statement the
    store could not take (down or failing), which the next run tries again. Returns the
    counts by outcome."""
    counts = {client.SENT: 0, client.TRANSIENT: 0, client.REJECTED: 0}
    if not settings.XAPI_ENDPOINT:
        return counts
    for statement_id in due_for_resend(older_than_minutes=older_than_minutes, limit=limit):
        kind = deliver(statement_id=statement_id)
        counts[kind] += 1
        if kind == client.TRANSIENT:
            break
    return counts
