"""Shared builders for the report tests."""

import datetime

from courses.enums import ProgrammeMode, ProgrammeStatus
from courses.models import Programme
from nominations.models import Nomination
from reports.services import HIPA_YEAR_TABLE
from tests.nominations.factories import open_programme

SEED = HIPA_YEAR_TABLE  # the HIPA brochure's year-wise table, shipped in reports/data/


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
