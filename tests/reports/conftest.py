"""The hand-computed report fixture shared by the report tests."""

import datetime

import pytest

from courses.enums import ProgrammeMode, ProgrammeStatus
from lms.core.roles import Role
from nominations.enums import NominationState as S
from tests.factories import make_user
from tests.reports.helpers import programme, record


@pytest.fixture
def fixture(department, other_department):
    """2023-24: P1 (ends 31 March 2024): A attended.
    2024-25: P2 (ends 1 April 2024, classroom): A attended again, B attended, C withdrawn;
             P3 (online): D no-show, E attended.  Cancelled and running programmes ignored."""
    a = make_user(Role.TRAINEE, department=department, level="cutting_edge", gender="female")
    b = make_user(Role.TRAINEE, department=department, level="middle", gender="male")
    c = make_user(Role.TRAINEE, department=department)
    d = make_user(Role.TRAINEE, department=other_department)
    e = make_user(Role.TRAINEE, department=other_department, level="top", gender="male")
    p1 = programme(datetime.date(2024, 3, 31))
    p2 = programme(datetime.date(2024, 4, 1))
    p3 = programme(datetime.date(2024, 6, 15), mode=ProgrammeMode.ONLINE)
    cancelled = programme(datetime.date(2024, 5, 1), status=ProgrammeStatus.CANCELLED)
    running = programme(datetime.date(2024, 12, 1), status=ProgrammeStatus.RUNNING)
    record(p1, a, S.ATTENDED)
    record(p2, a, S.ATTENDED)
    record(p2, b, S.ATTENDED)
    record(p2, c, S.WITHDRAWN)
    record(p3, d, S.NO_SHOW)
    record(p3, e, S.ATTENDED)
    record(cancelled, b, S.WITHDRAWN)
    record(running, c, S.CONFIRMED)
    return locals()
