from celery import shared_task

from . import services


@shared_task
def sweep_simulations() -> dict:
    """Celery beat, every minute: running clocks, missed deadlines, scripted events."""
    report = services.sweep()
    return {
        "clocks": report.clocks,
        "grievances": report.grievances,
        "events": report.events,
        "scripted": report.scripted,
    }
