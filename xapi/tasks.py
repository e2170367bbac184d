from celery import shared_task
from django.conf import settings

from . import client, delivery

MAX_RETRIES = 5


@shared_task(bind=True, ignore_result=True)
def send_statement(self, *, statement_id: str) -> str:
    """Send one stored statement. While the store is unreachable or failing, Celery tries
    again with growing delays (1, 2, 4, 8, 16 minutes); after that the statement waits,
    pending, for the beat task ``resend_statements``."""
    kind = delivery.deliver(statement_id=statement_id)
    retries = self.request.retries or 0
    store_failed = kind == client.TRANSIENT and settings.XAPI_ENDPOINT
    if store_failed and not self.request.is_eager and retries < MAX_RETRIES:
        raise self.retry(countdown=60 * 2**retries, max_retries=MAX_RETRIES)
    return kind


@shared_task(ignore_result=True)
def resend_statements(*, older_than_minutes: int | None = None, limit: int = 500) -> dict:
    """Celery beat: send again the pending (and failed) statements not tried for a while
    (``delivery.due_for_resend``)."""
    return delivery.resend(older_than_minutes=older_than_minutes, limit=limit)
