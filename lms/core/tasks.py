from celery import current_app, shared_task
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import transaction

from .broker import BROKER_ERRORS, ENQUEUE_RETRY
from .models import PendingTask


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(
    self, *, to: list[str], subject: str, body: str, attachments: list | tuple = ()
) -> int:
    """Send one plain-text email. ``attachments`` lists [file name, storage name, MIME type]
    of files in the default storage, read when the email is sent."""
    message = EmailMessage(subject, body, None, to)
    for filename, name, mimetype in attachments:
        with default_storage.open(name, "rb") as handle:
            message.attach(filename, handle.read(), mimetype)
    return message.send()


@shared_task(ignore_result=True)
def flush_outbox(limit: int = 500) -> int:
    """Send the tasks ``services.enqueue`` kept while the broker was down (Celery beat runs
    this every minute; it only runs at all once the broker is back). Returns how many."""
    sent = 0
    with transaction.atomic():
        rows = PendingTask.objects.select_for_update(skip_locked=True).order_by("pk")[:limit]
        for row in rows:
            try:
                current_app.signature(row.task, kwargs=row.kwargs).apply_async(
                    ignore_result=True, retry_policy=ENQUEUE_RETRY
                )
            except BROKER_ERRORS as error:
                row.attempts += 1
                row.last_error = str(error)[:1000]
                row.save(update_fields=["attempts", "last_error"])
                break
            row.delete()
            sent += 1
    return sent
