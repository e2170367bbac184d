"""Open programmes for nomination tests."""

import datetime

from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import DepartmentQuota, Programme, ProgrammeSession
from tests.factories import build_course


def open_programme(
    *,
    capacity=5,
    quotas=None,
    levels=("middle", "cutting_edge"),
    sessions=2,
    status=ProgrammeStatus.OPEN,
    **fields,
) -> Programme:
    """A programme whose nomination window is open now, starting in 10 days."""
    now = timezone.now()
    starts = timezone.localdate() + datetime.timedelta(days=10)
    programme = Programme.objects.create(
        course=fields.pop("course", None) or build_course(modules=1, lessons_per_module=1),
        title=fields.pop("title", "Sevottam batch"),
        capacity=capacity,
        venue="HIPA Gurugram",
        nomination_opens_at=fields.pop("opens", now - datetime.timedelta(days=1)),
        nomination_closes_at=fields.pop("closes", now + datetime.timedelta(days=5)),
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=max(sessions, 1) - 1),
        target_levels=list(levels),
        status=status,
        **fields,
    )
    for day in range(sessions):
        ProgrammeSession.objects.create(
            programme=programme, date=starts + datetime.timedelta(days=day)
        )
    for department, seats in (quotas or {}).items():
        DepartmentQuota.objects.create(programme=programme, department=department, seats=seats)
    return programme
