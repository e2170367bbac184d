"""On PostgreSQL, concurrent requests cannot oversubscribe a programme: approvals and
promotions lock the programme row (select_for_update)."""

import pytest

from lms.core.roles import Role
from nominations import services
from nominations.enums import SEAT_STATES, NominationState
from nominations.models import Nomination
from tests.factories import make_user
from tests.integration.test_services import _in_threads
from tests.nominations.factories import open_programme

S = NominationState
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_concurrent_approvals_fill_exactly_five_seats(department):
    hod = make_user(Role.HOD, department=department)
    cell = make_user(Role.CELL_ADMIN, department=None)
    programme = open_programme(capacity=5)
    nominations = [
        services.nominate(
            programme=programme,
            officer=make_user(department=department, level="cutting_edge"),
            actor=hod,
        )
        for _ in range(20)
    ]

    results, errors = _in_threads(
        20,
        lambda i: services.decide(nomination=nominations[i], decision=S.APPROVED, actor=cell).state,
    )

    assert results.count(S.APPROVED) == 5
    assert len(errors) == 15 and all(isinstance(e, services.NominationError) for e in errors)
    assert Nomination.objects.filter(programme=programme, state__in=SEAT_STATES).count() == 5


def test_concurrent_quota_approvals_respect_each_department(department, other_department):
    cell = make_user(Role.CELL_ADMIN, department=None)
    hods = {d: make_user(Role.HOD, department=d) for d in (department, other_department)}
    programme = open_programme(capacity=10, quotas={department: 2, other_department: 3})
    nominations = [
        services.nominate(
            programme=programme,
            officer=make_user(department=d, level="cutting_edge"),
            actor=hods[d],
        )
        for d in (department, other_department)
        for _ in range(6)
    ]
    _in_threads(
        12, lambda i: services.decide(nomination=nominations[i], decision=S.APPROVED, actor=cell)
    )
    held = Nomination.objects.filter(programme=programme, state__in=SEAT_STATES)
    assert held.filter(department=department).count() == 2
    assert held.filter(department=other_department).count() == 3


def test_the_same_officer_nominated_ten_times_at_once_gets_one_live_nomination(department):
    hod = make_user(Role.HOD, department=department)
    officer = make_user(department=department, level="cutting_edge")
    programme = open_programme()
    results, errors = _in_threads(
        10, lambda i: services.nominate(programme=programme, officer=officer, actor=hod).pk
    )
    assert len([r for r in results if r]) == 1 and len(errors) == 9
    assert Nomination.objects.filter(programme=programme, officer=officer).count() == 1


def test_concurrent_withdrawals_promote_without_exceeding_capacity(department):
    hod = make_user(Role.HOD, department=department)
    cell = make_user(Role.CELL_ADMIN, department=None)
    programme = open_programme(capacity=4)
    nominations = [
        services.nominate(
            programme=programme,
            officer=make_user(department=department, level="cutting_edge"),
            actor=hod,
        )
        for _ in range(12)
    ]
    for item in nominations[:4]:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell)
    for item in nominations[4:]:
        services.decide(nomination=item, decision=S.WAITLISTED, actor=cell)

    _in_threads(4, lambda i: services.withdraw(nomination=nominations[i], actor=hod))

    held = Nomination.objects.filter(programme=programme, state__in=SEAT_STATES)
    assert held.count() == 4
    assert set(held.values_list("pk", flat=True)) == {n.pk for n in nominations[4:8]}, (
        "first come, first served"
    )
