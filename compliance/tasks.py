from celery import shared_task
from django.utils import timezone

from . import months, reminders, services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_reminders() -> int:
    return reminders.send_reminders()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_hod_digests() -> int:
    return reminders.send_hod_digests()


@shared_task
def take_monthly_snapshot() -> int:
    """The month just ended (beat: the first of each month)."""
    today = timezone.localdate()
    return services.take_snapshot(month=months.previous_month(today), today=today)
