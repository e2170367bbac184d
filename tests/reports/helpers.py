"""Shared builders for the report tests."""

import datetime
from pathlib import Path

from courses.enums import ProgrammeMode, ProgrammeStatus
from courses.models import Programme
from nominations.models import Nomination
from tests.nominations.factories import open_programme

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "003_83be2a6e66ac09ed.txt"


def programme(ends_on, status=ProgrammeStatus.COMPLETED, mode=ProgrammeMode.CLASSROOM, **fields):
    """A programme on the day before ``ends_on`` and that day, in ``status``."""
    item = open_programme(**fields)
    Programme.objects.filter(pk=item.pk).update(
        starts_on=ends_on - datetime.timedelta(days=1), ends_on=ends_on, status=status, mode=mode
    )
    item.refresh_from_db()
    return item


def record(item, officer, state):
    return Nomination.objects.create(
        programme=item, officer=officer, department=officer.department, state=state
    )
