from celery import shared_task

from . import services


@shared_task
def submit_overdue_attempts() -> int:
    return services.submit_overdue()
