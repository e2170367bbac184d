"""On PostgreSQL, concurrent requests cannot oversubscribe a programme: approvals and
promotions lock the programme row (select_for_update)."""

import pytest

from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations import selectors, services
from nominations.enums import SEAT_STATES, NominationState
from nominations.models import Nomination
from tests.factories import make_user
from tests.integration.test_services import _in_threads
from tests.nominations.factories import open_programme

S = NominationState
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_concurrent_approvals_fill_exactly_five_seats(department, mailoutbox):
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
    assert selectors.seat_counts(programme)["taken"] == 5
    # Refused approvals leave no trace: 5 audit rows and 5 x 2 emails (officer and HOD).
    assert (
        AuditEntry.objects.filter(action="nomination.transition", to_state=S.APPROVED).count() == 5
    )
    approved_mail = [m for m in mailoutbox if m.subject.startswith("Nomination Approved")]
    assert len(approved_mail) == 10


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
    assert all(isinstance(e, services.NominationError) for e in errors), errors
    assert Nomination.objects.filter(programme=programme, officer=officer).count() == 1
    assert AuditEntry.objects.filter(action="nomination.created").count() == 1


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
    _promoted_once_each(nominations[4:8])


def _promoted_once_each(nominations):
    for nomination in nominations:
        assert (
            AuditEntry.objects.filter(
                action="nomination.transition",
                object_id=str(nomination.pk),
                from_state=S.WAITLISTED,
                to_state=S.APPROVED,
            ).count()
            == 1
        ), nomination


def _seated_with_waitlist(department, *, capacity, waiting, submitted=0):
    hod = make_user(Role.HOD, department=department)
    cell = make_user(Role.CELL_ADMIN, department=None)
    programme = open_programme(capacity=capacity)
    nominations = [
        services.nominate(
            programme=programme,
            officer=make_user(department=department, level="cutting_edge"),
            actor=hod,
        )
        for _ in range(capacity + waiting + submitted)
    ]
    seated = nominations[:capacity]
    waitlisted = nominations[capacity : capacity + waiting]
    for item in seated:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell)
    for item in waitlisted:
        services.decide(nomination=item, decision=S.WAITLISTED, actor=cell)
    return programme, hod, cell, seated, waitlisted, nominations[capacity + waiting :]


def test_withdrawals_racing_approvals_never_exceed_capacity(department):
    """Withdrawals free seats that their promotions refill under the same lock, so the
    approvals fired at the same moment never find a free seat."""
    programme, hod, cell, seated, waitlisted, submitted = _seated_with_waitlist(
        department, capacity=4, waiting=4, submitted=8
    )

    def act(i):
        if i < 4:
            return services.withdraw(nomination=seated[i], actor=hod).state
        return services.decide(nomination=submitted[i - 4], decision=S.APPROVED, actor=cell).state

    results, errors = _in_threads(12, act)

    assert results[:4] == [S.WITHDRAWN] * 4
    assert len(errors) == 8 and all(isinstance(e, services.NominationError) for e in errors)
    held = Nomination.objects.filter(programme=programme, state__in=SEAT_STATES)
    assert held.count() == 4
    assert set(held.values_list("pk", flat=True)) == {n.pk for n in waitlisted}
    _promoted_once_each(waitlisted)


def test_concurrent_declines_promote_each_waitlisted_once(department):
    programme, _hod, _cell, seated, waitlisted, _ = _seated_with_waitlist(
        department, capacity=5, waiting=3
    )
    results, errors = _in_threads(
        5,
        lambda i: (
            services.respond(nomination=seated[i], accept=False, actor=seated[i].officer).state
        ),
    )
    assert errors == [] and results == [S.DECLINED] * 5
    held = Nomination.objects.filter(programme=programme, state__in=SEAT_STATES)
    assert set(held.values_list("pk", flat=True)) == {n.pk for n in waitlisted}
    _promoted_once_each(waitlisted)


def test_concurrent_nominate_and_approve_requests_fill_exactly_the_capacity(department):
    """Each thread nominates its own officer and asks for approval at once."""
    hod = make_user(Role.HOD, department=department)
    cell = make_user(Role.CELL_ADMIN, department=None)
    programme = open_programme(capacity=5)
    officers = [make_user(department=department, level="cutting_edge") for _ in range(16)]

    def nominate_and_approve(i):
        nomination = services.nominate(programme=programme, officer=officers[i], actor=hod)
        return services.decide(nomination=nomination, decision=S.APPROVED, actor=cell).state

    results, errors = _in_threads(16, nominate_and_approve)

    assert results.count(S.APPROVED) == 5
    assert len(errors) == 11 and all("seats are taken" in str(e) for e in errors)
    assert Nomination.objects.filter(programme=programme).count() == 16
    assert selectors.seat_counts(programme)["taken"] == 5


def test_ten_cell_admins_approving_the_same_nomination_approve_it_once(department, mailoutbox):
    hod = make_user(Role.HOD, department=department)
    admins = [make_user(Role.CELL_ADMIN, department=None) for _ in range(10)]
    programme = open_programme(capacity=5)
    nomination = services.nominate(
        programme=programme,
        officer=make_user(department=department, level="cutting_edge"),
        actor=hod,
    )
    mailoutbox.clear()

    results, errors = _in_threads(
        10,
        lambda i: (
            services.decide(nomination=nomination, decision=S.APPROVED, actor=admins[i]).state
        ),
    )

    assert results.count(S.APPROVED) == 1
    assert len(errors) == 9 and all("cannot go from" in str(e) for e in errors), errors
    assert (
        AuditEntry.objects.filter(action="nomination.transition", to_state=S.APPROVED).count() == 1
    )
    assert len(mailoutbox) == 2  # the officer and the HOD, once
    assert selectors.seat_counts(programme)["taken"] == 1
