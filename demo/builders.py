"""Building blocks the demo's modules share."""

import datetime

from courses.enums import ProgrammeStatus
from courses.models import Programme, ProgrammeSession
from lms.core.enums import Level
from programmes import services as programme_services


def new_programme(report, *, course, title, starts, days, opens, closes, cell, **extra):
    """A draft programme of ``days`` session days from ``starts``, its window from ``opens``
    to ``closes``, coordinated by the cell administrator ``cell``; counted in ``report``."""
    programme = Programme.objects.create(
        course=course,
        title=title,
        capacity=extra.pop("capacity", 30),
        venue=extra.pop("venue", "HIPA, Sector 18, Gurugram"),
        nomination_opens_at=opens,
        nomination_closes_at=closes,
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=days - 1),
        target_levels=[Level.MIDDLE, Level.CUTTING_EDGE],
        coordinator=cell,
        **extra,
    )
    for day in range(days):
        ProgrammeSession.objects.create(
            programme=programme, date=starts + datetime.timedelta(days=day)
        )
    report.count("programmes")
    return programme


def run_in_the_past(programme, shift, *, cell):
    """Move an open ``programme`` (its dates, nomination window and session days) back by
    ``shift``, so that its sessions are over, and take it through closed to running: the
    way a batch that has been held looks before its attendance is marked."""
    Programme.objects.filter(pk=programme.pk).update(
        starts_on=programme.starts_on - shift,
        ends_on=programme.ends_on - shift,
        nomination_opens_at=programme.nomination_opens_at - shift,
        nomination_closes_at=programme.nomination_closes_at - shift,
    )
    for session in programme.sessions.all():
        session.date -= shift
        session.save(update_fields=["date"])
    programme.refresh_from_db()
    for status in (ProgrammeStatus.CLOSED, ProgrammeStatus.RUNNING):
        programme_services.change_programme_status(
            programme=programme, to_status=status, actor=cell
        )
