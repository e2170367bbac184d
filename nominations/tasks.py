from celery import shared_task

from . import reminders


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_window_reminders() -> int:
    return reminders.send_window_reminders()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_start_reminders() -> int:
    return reminders.send_start_reminders()
