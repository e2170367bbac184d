"""The rules of nominating and deciding: window and programme status, one live nomination
per officer, level and department eligibility, who may nominate, quotas and capacity."""

import datetime
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import Programme
from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations import selectors, services
from nominations.enums import LIVE_STATES, SEAT_STATES, NominationState
from nominations.models import Nomination
from tests.factories import DepartmentFactory, make_user

S = NominationState
pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(department, officer_factory):
    return officer_factory(department)


def refused(match, **kwargs):
    with pytest.raises(services.NominationError, match=match):
        services.nominate(**kwargs)


# ------------------------------------------------------------------ window and status
def test_no_nomination_before_the_window_opens(open_programme_factory, hod, officer):
    now = timezone.now()
    programme = open_programme_factory(
        opens=now + datetime.timedelta(minutes=5), closes=now + datetime.timedelta(days=3)
    )
    refused("window", programme=programme, officer=officer, actor=hod)
    assert not Nomination.objects.exists() and not AuditEntry.objects.exists()


def test_no_nomination_after_the_window_closes(open_programme_factory, hod, officer):
    now = timezone.now()
    programme = open_programme_factory(
        opens=now - datetime.timedelta(days=3), closes=now - datetime.timedelta(seconds=1)
    )
    refused("window", programme=programme, officer=officer, actor=hod)
    assert not Nomination.objects.exists()


def test_window_boundaries_open_inclusive_close_exclusive(open_programme_factory, hod, officer):
    programme = open_programme_factory()
    opens, closes = programme.nomination_opens_at, programme.nomination_closes_at
    with mock.patch("django.utils.timezone.now", return_value=closes):
        refused("window", programme=programme, officer=officer, actor=hod)
    with mock.patch(
        "django.utils.timezone.now", return_value=opens - datetime.timedelta(microseconds=1)
    ):
        refused("window", programme=programme, officer=officer, actor=hod)
    with mock.patch("django.utils.timezone.now", return_value=opens):
        assert services.nominate(programme=programme, officer=officer, actor=hod).pk


@pytest.mark.parametrize(
    "status",
    [
        ProgrammeStatus.DRAFT,
        ProgrammeStatus.CLOSED,
        ProgrammeStatus.RUNNING,
        ProgrammeStatus.COMPLETED,
        ProgrammeStatus.CANCELLED,
    ],
)
def test_only_an_open_programme_takes_nominations(status, open_programme_factory, hod, officer):
    """Even with the window open by the dates."""
    programme = open_programme_factory(status=status)
    assert programme.is_window_open()
    refused(
        "cancelled" if status == ProgrammeStatus.CANCELLED else "window",
        programme=programme,
        officer=officer,
        actor=hod,
    )
    assert not Nomination.objects.exists()


# ------------------------------------------------------------------ one live nomination
def test_the_same_officer_twice_is_refused(open_programme_factory, hod, cell_admin, officer):
    programme = open_programme_factory()
    services.nominate(programme=programme, officer=officer, actor=hod)
    refused("already", programme=programme, officer=officer, actor=hod)
    refused("already", programme=programme, officer=officer, actor=cell_admin)
    assert Nomination.objects.filter(officer=officer).count() == 1


@pytest.mark.parametrize("live", sorted(LIVE_STATES))
def test_every_live_state_blocks_a_second_nomination(
    live, open_programme_factory, hod, officer, nomination_factory
):
    programme = open_programme_factory()
    nomination_factory(programme, state=live, officer=officer)
    refused("already", programme=programme, officer=officer, actor=hod)


@pytest.mark.parametrize("ended", [S.WITHDRAWN, S.REJECTED, S.DECLINED])
def test_nominating_again_after_the_nomination_ended(
    ended, open_programme_factory, hod, officer, nomination_factory
):
    programme = open_programme_factory()
    nomination_factory(programme, state=ended, officer=officer)
    again = services.nominate(programme=programme, officer=officer, actor=hod)
    assert again.state == S.SUBMITTED
    assert Nomination.objects.filter(programme=programme, officer=officer).count() == 2


def test_withdraw_then_nominate_again_through_the_services(open_programme_factory, hod, officer):
    programme = open_programme_factory()
    first = services.nominate(programme=programme, officer=officer, actor=hod)
    services.withdraw(nomination=first, actor=hod, note="Wrong batch")
    again = services.nominate(programme=programme, officer=officer, actor=hod)
    assert again.pk != first.pk and again.state == S.SUBMITTED


def test_the_database_refuses_a_second_live_nomination(open_programme_factory, hod, officer):
    """The partial unique constraint is the last line behind the service's check."""
    programme = open_programme_factory()
    first = services.nominate(programme=programme, officer=officer, actor=hod)
    fields = {"programme": programme, "officer": officer, "department": officer.department}
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.create(**fields, state=S.WAITLISTED)
    Nomination.objects.filter(pk=first.pk).update(state=S.WITHDRAWN)
    Nomination.objects.create(**fields, state=S.WITHDRAWN)  # ended ones may repeat
    Nomination.objects.create(**fields)


def test_a_race_past_the_check_is_reported_as_a_nomination_error(
    open_programme_factory, hod, officer
):
    """If the check passed but another request created the row first, the constraint's
    IntegrityError comes back as the same refusal, not a server error."""
    programme = open_programme_factory()
    services.nominate(programme=programme, officer=officer, actor=hod)
    with mock.patch.object(services, "_check_can_nominate"):
        refused("already", programme=programme, officer=officer, actor=hod)
    assert Nomination.objects.filter(officer=officer).count() == 1


# ------------------------------------------------------------------ eligibility
def test_level_eligibility(open_programme_factory, department, hod, officer_factory):
    programme = open_programme_factory(levels=["cutting_edge"])
    refused(
        "level", programme=programme, officer=officer_factory(department, level="top"), actor=hod
    )
    refused(
        "level", programme=programme, officer=officer_factory(department, level="middle"), actor=hod
    )
    assert services.nominate(
        programme=programme, officer=officer_factory(department, level="cutting_edge"), actor=hod
    )
    assert Nomination.objects.count() == 1


def test_a_programme_without_target_levels_takes_every_level(
    open_programme_factory, department, hod, officer_factory
):
    programme = open_programme_factory(levels=[])
    for level in ("top", "middle", "cutting_edge"):
        services.nominate(
            programme=programme, officer=officer_factory(department, level=level), actor=hod
        )
    assert Nomination.objects.filter(programme=programme).count() == 3


def test_inactive_officer_and_officer_without_department(
    open_programme_factory, department, hod, cell_admin, officer_factory
):
    programme = open_programme_factory()
    refused(
        "inactive",
        programme=programme,
        officer=officer_factory(department, is_active=False),
        actor=hod,
    )
    refused(
        "no department",
        programme=programme,
        officer=officer_factory(None),
        actor=cell_admin,
    )
    assert not Nomination.objects.exists()


def test_hod_nominates_only_own_department(
    open_programme_factory, department, other_department, hod, other_hod, officer_factory
):
    programme = open_programme_factory()
    theirs = officer_factory(other_department)
    refused("own department", programme=programme, officer=theirs, actor=hod)
    ours = officer_factory(department)
    refused("own department", programme=programme, officer=ours, actor=other_hod)
    assert services.nominate(programme=programme, officer=ours, actor=hod).nominated_by == hod
    assert services.nominate(programme=programme, officer=theirs, actor=other_hod)


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.TRAINER, Role.COURSE_DIRECTOR, None])
def test_other_roles_cannot_nominate(role, open_programme_factory, department, officer):
    programme = open_programme_factory()
    actor = make_user(role, department=department) if role else make_user(department=department)
    refused("own department", programme=programme, officer=officer, actor=actor)
    refused("own department", programme=programme, officer=actor, actor=actor)  # not oneself


def test_hod_without_department_cannot_nominate(open_programme_factory, officer):
    refused(
        "own department",
        programme=open_programme_factory(),
        officer=officer,
        actor=make_user(Role.HOD, department=None),
    )


def test_cell_admin_may_nominate_any_department(
    open_programme_factory, other_department, cell_admin, officer_factory
):
    nomination = services.nominate(
        programme=open_programme_factory(),
        officer=officer_factory(other_department),
        actor=cell_admin,
    )
    assert nomination.department == other_department and nomination.nominated_by == cell_admin


def test_the_nomination_keeps_the_officers_department_at_the_time(
    open_programme_factory, department, other_department, hod, officer
):
    nomination = services.nominate(programme=open_programme_factory(), officer=officer, actor=hod)
    officer.department = other_department
    officer.save()
    nomination.refresh_from_db()
    assert nomination.department == department


def test_quotas_make_only_their_departments_eligible(
    open_programme_factory,
    department,
    other_department,
    hod,
    other_hod,
    cell_admin,
    officer_factory,
):
    third = DepartmentFactory()
    programme = open_programme_factory(capacity=10, quotas={department: 2})
    refused(
        "no seats for the officer's department",
        programme=programme,
        officer=officer_factory(other_department),
        actor=other_hod,
    )
    refused(
        "no seats for the officer's department",
        programme=programme,
        officer=officer_factory(third),
        actor=cell_admin,
    )
    # More nominations than quota seats may be submitted: the quota caps approvals.
    for _ in range(3):
        services.nominate(programme=programme, officer=officer_factory(department), actor=hod)
    assert Nomination.objects.filter(programme=programme, state=S.SUBMITTED).count() == 3


# ------------------------------------------------------------------ deciding: capacity, quota, reason
def test_capacity_is_never_exceeded_on_approve(
    open_programme_factory, cell_admin, nomination_factory
):
    programme = open_programme_factory(capacity=2)
    items = [nomination_factory(programme) for _ in range(3)]
    for item in items[:2]:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    with pytest.raises(services.NominationError, match="All 2 seats are taken"):
        services.decide(nomination=items[2], decision=S.APPROVED, actor=cell_admin)
    assert Nomination.objects.get(pk=items[2].pk).state == S.SUBMITTED
    # The refused one can be waitlisted; a waitlisted one still cannot be approved.
    services.decide(nomination=items[2], decision=S.WAITLISTED, actor=cell_admin)
    with pytest.raises(services.NominationError, match="seats? (is|are) taken"):
        services.decide(nomination=items[2], decision=S.APPROVED, actor=cell_admin)
    assert selectors.seat_counts(programme)["taken"] == 2


@pytest.mark.parametrize("holder", sorted(SEAT_STATES))
def test_every_seat_state_holds_a_seat(
    holder, open_programme_factory, cell_admin, nomination_factory
):
    programme = open_programme_factory(capacity=1)
    nomination_factory(programme, state=holder)
    waiting = nomination_factory(programme)
    with pytest.raises(services.NominationError, match="seats? (is|are) taken"):
        services.decide(nomination=waiting, decision=S.APPROVED, actor=cell_admin)


@pytest.mark.parametrize("free", sorted(set(S.values) - SEAT_STATES))
def test_other_states_hold_no_seat(free, open_programme_factory, cell_admin, nomination_factory):
    programme = open_programme_factory(capacity=1)
    nomination_factory(programme, state=free)
    waiting = nomination_factory(programme)
    services.decide(nomination=waiting, decision=S.APPROVED, actor=cell_admin)
    assert selectors.seat_counts(programme)["taken"] == 1


def test_quota_caps_approvals_per_department(
    open_programme_factory, department, other_department, other_hod, cell_admin, nomination_factory
):
    programme = open_programme_factory(capacity=10, quotas={department: 1, other_department: 2})
    ours = [nomination_factory(programme) for _ in range(2)]
    theirs = [nomination_factory(programme, by=other_hod) for _ in range(3)]
    services.decide(nomination=ours[0], decision=S.APPROVED, actor=cell_admin)
    with pytest.raises(services.NominationError, match="quota of 1 seat is used up"):
        services.decide(nomination=ours[1], decision=S.APPROVED, actor=cell_admin)
    for item in theirs[:2]:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    with pytest.raises(services.NominationError, match="quota of 2 seats"):
        services.decide(nomination=theirs[2], decision=S.APPROVED, actor=cell_admin)
    counts = selectors.seat_counts(programme)
    assert counts == {"taken": 3, "per_department": {department.pk: 1, other_department.pk: 2}}


def test_capacity_caps_even_when_quotas_add_up_to_more(
    open_programme_factory, department, other_department, other_hod, cell_admin, nomination_factory
):
    programme = open_programme_factory(capacity=2, quotas={department: 2, other_department: 2})
    a, b = nomination_factory(programme), nomination_factory(programme)
    c = nomination_factory(programme, by=other_hod)
    services.decide(nomination=a, decision=S.APPROVED, actor=cell_admin)
    services.decide(nomination=b, decision=S.APPROVED, actor=cell_admin)
    with pytest.raises(services.NominationError, match="All 2 seats"):
        services.decide(nomination=c, decision=S.APPROVED, actor=cell_admin)


def test_without_quotas_any_department_fills_up_to_capacity(
    open_programme_factory, other_hod, cell_admin, nomination_factory
):
    programme = open_programme_factory(capacity=3)
    items = [nomination_factory(programme, by=other_hod) for _ in range(3)]
    for item in items:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    assert selectors.seat_counts(programme)["taken"] == 3


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_reject_requires_a_reason(reason, open_programme_factory, cell_admin, nomination_factory):
    nomination = nomination_factory(open_programme_factory())
    rows = AuditEntry.objects.count()
    with pytest.raises(services.NominationError, match="reason"):
        services.decide(nomination=nomination, decision=S.REJECTED, actor=cell_admin, reason=reason)
    nomination.refresh_from_db()
    assert (nomination.state, nomination.reason) == (S.SUBMITTED, "")
    assert AuditEntry.objects.count() == rows


def test_reject_with_reason_stores_it(open_programme_factory, cell_admin, nomination_factory):
    nomination = nomination_factory(open_programme_factory())
    services.decide(
        nomination=nomination,
        decision=S.REJECTED,
        actor=cell_admin,
        reason="  Attended the same course in 2023.  ",
    )
    nomination.refresh_from_db()
    assert nomination.state == S.REJECTED
    assert nomination.reason == "Attended the same course in 2023."
    entry = AuditEntry.objects.get(object_id=str(nomination.pk), action="nomination.transition")
    assert entry.note.strip() == "Attended the same course in 2023."


@pytest.mark.parametrize("status", [ProgrammeStatus.CANCELLED, ProgrammeStatus.COMPLETED])
def test_no_decisions_for_a_cancelled_or_completed_programme(
    status, open_programme_factory, cell_admin, nomination_factory
):
    programme = open_programme_factory()
    nomination = nomination_factory(programme)
    Programme.objects.filter(pk=programme.pk).update(status=status)
    for decision in (S.APPROVED, S.WAITLISTED):
        with pytest.raises(services.NominationError, match="programme is"):
            services.decide(nomination=nomination, decision=decision, actor=cell_admin)
    assert Nomination.objects.get(pk=nomination.pk).state == S.SUBMITTED


def test_decisions_still_possible_after_the_window_closes(
    open_programme_factory, cell_admin, nomination_factory
):
    programme = open_programme_factory()
    nomination = nomination_factory(programme)
    Programme.objects.filter(pk=programme.pk).update(
        status=ProgrammeStatus.CLOSED,
        nomination_closes_at=timezone.now() - datetime.timedelta(hours=1),
        nomination_opens_at=timezone.now() - datetime.timedelta(days=2),
    )
    services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
    assert Nomination.objects.get(pk=nomination.pk).state == S.APPROVED


# ------------------------------------------------------------------ counts and bulk
def test_seat_and_pending_counts(
    open_programme_factory,
    department,
    other_department,
    other_hod,
    nomination_factory,
    django_assert_num_queries,
):
    first, second = open_programme_factory(capacity=9), open_programme_factory(capacity=9)
    for state in (S.SUBMITTED, S.SUBMITTED, S.WAITLISTED, S.APPROVED, S.CONFIRMED, S.REJECTED):
        nomination_factory(first, state=state)
    nomination_factory(first, state=S.APPROVED, by=other_hod)
    nomination_factory(second, state=S.WAITLISTED)
    with django_assert_num_queries(1):
        counts = selectors.seat_counts(first)
    assert counts == {"taken": 3, "per_department": {department.pk: 2, other_department.pk: 1}}
    with django_assert_num_queries(1):
        pending = selectors.pending_counts(programme_ids=[first.pk, second.pk])
    assert (pending[first.pk]["submitted"], pending[first.pk]["waitlisted"]) == (2, 1)
    assert pending[first.pk]["seats"] == 3
    assert (pending[second.pk]["submitted"], pending[second.pk]["waitlisted"]) == (0, 1)


def test_nominate_many_is_all_or_nothing(
    open_programme_factory,
    department,
    hod,
    officer_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    programme = open_programme_factory()
    good = [officer_factory(department) for _ in range(2)]
    bad = officer_factory(department, level="top")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(services.NominationError, match="level") as error,
    ):
        services.nominate_many(
            programme=programme,
            entries=[(good[0], ""), (bad, ""), (good[1], "")],
            actor=hod,
        )
    assert str(bad) in str(error.value)
    assert not Nomination.objects.exists() and not AuditEntry.objects.exists()
    assert callbacks == [] and mailoutbox == []

    created = services.nominate_many(
        programme=programme, entries=[(o, "From the list") for o in good], actor=hod
    )
    assert [n.officer for n in created] == good
    assert all(n.note == "From the list" for n in created)
