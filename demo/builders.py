"""Building blocks the demo's modules share."""

import datetime

from courses.models import Programme, ProgrammeSession
from lms.core.enums import Level


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
