"""The nomination state machine: transition map, actors, rules, seats, waitlist, audit, email."""

import datetime

import pytest
from django.utils import timezone

from courses.enums import ProgrammeStatus
from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations import selectors, services
from nominations.enums import ACTORS, SEAT_STATES, TRANSITIONS, NominationState
from nominations.models import Attendance, Nomination
from programmes import services as programme_services
from tests.factories import DepartmentFactory, make_user
from tests.nominations.factories import open_programme

S = NominationState
pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(department):
    return make_user(Role.TRAINEE, department=department, level="cutting_edge")


def officers(department, n, level="cutting_edge"):
    return [make_user(Role.TRAINEE, department=department, level=level) for _ in range(n)]


def force_state(nomination, state):
    Nomination.objects.filter(pk=nomination.pk).update(state=state)
    nomination.refresh_from_db()
    return nomination


# ------------------------------------------------------------------ the map
def _move(nomination, to_state, *, hod, cell_admin, replacement=None):
    """Drive a transition through the public service that makes it."""
    if to_state in (S.APPROVED, S.WAITLISTED, S.REJECTED):
        return services.decide(
            nomination=nomination,
            decision=to_state,
            actor=cell_admin,
            reason="No seat for this level",
        )
    if to_state in (S.CONFIRMED, S.DECLINED):
        return services.respond(
            nomination=nomination, accept=to_state == S.CONFIRMED, actor=nomination.officer
        )
    if to_state == S.WITHDRAWN:
        return services.withdraw(nomination=nomination, actor=hod)
    if to_state == S.SUBSTITUTED:
        services.substitute(nomination=nomination, replacement=replacement, actor=hod)
        nomination.refresh_from_db()
        return nomination
    if to_state in (S.ATTENDED, S.NO_SHOW):
        # Through the choke point: attendance decides this at finalisation.
        return services._transition(nomination=nomination, to_state=to_state, actor=cell_admin)
    raise AssertionError(to_state)


ALLOWED = sorted((f, t) for f, targets in TRANSITIONS.items() for t in targets)
FORBIDDEN = sorted(
    (f, t) for f in TRANSITIONS for t in S.values if t not in TRANSITIONS[f] and t != S.SUBMITTED
)


@pytest.mark.parametrize(("from_state", "to_state"), ALLOWED)
def test_every_allowed_transition(from_state, to_state, department, hod, cell_admin, officer):
    programme = open_programme(capacity=5)
    nomination = force_state(
        services.nominate(programme=programme, officer=officer, actor=hod), from_state
    )
    replacement = make_user(Role.TRAINEE, department=department, level="cutting_edge")
    result = _move(nomination, to_state, hod=hod, cell_admin=cell_admin, replacement=replacement)
    result.refresh_from_db()
    assert result.state == to_state
    assert (
        AuditEntry.objects.filter(
            action="nomination.transition",
            object_id=str(nomination.pk),
            from_state=from_state,
            to_state=to_state,
        ).count()
        == 1
    )


@pytest.mark.parametrize(("from_state", "to_state"), FORBIDDEN)
def test_every_forbidden_transition_changes_nothing(
    from_state, to_state, department, hod, cell_admin, officer
):
    programme = open_programme(capacity=5)
    nomination = force_state(
        services.nominate(programme=programme, officer=officer, actor=hod), from_state
    )
    audit_rows = AuditEntry.objects.count()
    replacement = make_user(Role.TRAINEE, department=department, level="cutting_edge")
    with pytest.raises(services.NominationError):
        _move(nomination, to_state, hod=hod, cell_admin=cell_admin, replacement=replacement)
    nomination.refresh_from_db()
    assert nomination.state == from_state
    assert AuditEntry.objects.count() == audit_rows


@pytest.mark.parametrize("to_state", sorted(ACTORS))
def test_wrong_actor_is_refused(to_state, department, hod, other_hod, cell_admin, officer, trainee):
    """For each target state, a user who is none of the permitted actor kinds is refused."""
    programme = open_programme(capacity=5)
    sources = [f for f, targets in TRANSITIONS.items() if to_state in targets]
    nomination = force_state(
        services.nominate(programme=programme, officer=officer, actor=hod), sources[0]
    )
    with pytest.raises(services.NominationError, match="role"):
        services._transition(nomination=nomination, to_state=to_state, actor=other_hod)
    assert Nomination.objects.get(pk=nomination.pk).state == sources[0]


def test_hod_cannot_approve_and_cell_cannot_confirm_for_the_officer(hod, cell_admin, officer):
    nomination = services.nominate(programme=open_programme(), officer=officer, actor=hod)
    with pytest.raises(services.NominationError):
        services.decide(nomination=nomination, decision=S.APPROVED, actor=hod)
    services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
    with pytest.raises(services.NominationError):
        services.respond(nomination=nomination, accept=True, actor=cell_admin)
    with pytest.raises(services.NominationError):
        services.withdraw(nomination=nomination, actor=officer)


# ------------------------------------------------------------------ nomination rules
def test_window_and_status_rules(hod, officer):
    now = timezone.now()
    early = open_programme(
        opens=now + datetime.timedelta(hours=1), closes=now + datetime.timedelta(days=3)
    )
    late = open_programme(
        opens=now - datetime.timedelta(days=3), closes=now - datetime.timedelta(minutes=1)
    )
    for programme in (
        early,
        late,
        open_programme(status=ProgrammeStatus.DRAFT),
        open_programme(status=ProgrammeStatus.CLOSED),
    ):
        with pytest.raises(services.NominationError, match="window"):
            services.nominate(programme=programme, officer=officer, actor=hod)
    with pytest.raises(services.NominationError, match="cancelled"):
        services.nominate(
            programme=open_programme(status=ProgrammeStatus.CANCELLED), officer=officer, actor=hod
        )
    assert not Nomination.objects.exists()


def test_one_live_nomination_per_officer_but_renomination_after_withdrawal(hod, officer):
    programme = open_programme()
    first = services.nominate(programme=programme, officer=officer, actor=hod)
    with pytest.raises(services.NominationError, match="already"):
        services.nominate(programme=programme, officer=officer, actor=hod)
    services.withdraw(nomination=first, actor=hod)
    again = services.nominate(programme=programme, officer=officer, actor=hod)
    assert again.state == S.SUBMITTED and Nomination.objects.filter(officer=officer).count() == 2


def test_scope_level_department_and_activity(
    department, other_department, hod, other_hod, cell_admin
):
    programme = open_programme(levels=["cutting_edge"])
    ours = make_user(Role.TRAINEE, department=department, level="cutting_edge")
    with pytest.raises(services.NominationError, match="own department"):
        services.nominate(programme=programme, officer=ours, actor=other_hod)
    with pytest.raises(services.NominationError, match="level"):
        services.nominate(
            programme=programme, officer=make_user(department=department, level="top"), actor=hod
        )
    with pytest.raises(services.NominationError, match="inactive"):
        services.nominate(
            programme=programme,
            officer=make_user(department=department, is_active=False),
            actor=hod,
        )
    trainee = make_user(Role.TRAINEE, department=department)
    with pytest.raises(services.NominationError, match="own department"):
        services.nominate(programme=programme, officer=ours, actor=trainee)
    assert (
        services.nominate(programme=programme, officer=ours, actor=cell_admin).state == S.SUBMITTED
    )


def test_quota_makes_departments_eligible_and_caps_seats(
    department, other_department, hod, other_hod, cell_admin
):
    third = DepartmentFactory()
    programme = open_programme(capacity=10, quotas={department: 1, other_department: 5})
    with pytest.raises(services.NominationError, match="no seats for the officer's department"):
        services.nominate(
            programme=programme, officer=make_user(department=third), actor=cell_admin
        )
    a, b = (
        services.nominate(programme=programme, officer=o, actor=hod)
        for o in officers(department, 2)
    )
    services.decide(nomination=a, decision=S.APPROVED, actor=cell_admin)
    with pytest.raises(services.NominationError, match="quota"):
        services.decide(nomination=b, decision=S.APPROVED, actor=cell_admin)


def test_capacity_is_never_exceeded_and_reject_needs_reason(department, hod, cell_admin):
    programme = open_programme(capacity=2)
    items = [
        services.nominate(programme=programme, officer=o, actor=hod)
        for o in officers(department, 3)
    ]
    for item in items[:2]:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    with pytest.raises(services.NominationError, match="seats? (is|are) taken"):
        services.decide(nomination=items[2], decision=S.APPROVED, actor=cell_admin)
    with pytest.raises(services.NominationError, match="reason"):
        services.decide(nomination=items[2], decision=S.REJECTED, actor=cell_admin, reason="  ")
    assert selectors.seat_counts(programme)["taken"] == 2


# ------------------------------------------------------------------ waitlist and substitution
def test_freed_seat_promotes_first_waitlisted_that_fits_quota(
    department, other_department, hod, other_hod, cell_admin
):
    programme = open_programme(capacity=2, quotas={department: 1, other_department: 2})
    ours = [
        services.nominate(programme=programme, officer=o, actor=hod)
        for o in officers(department, 2)
    ]
    theirs = [
        services.nominate(programme=programme, officer=o, actor=other_hod)
        for o in officers(other_department, 2)
    ]
    services.decide(nomination=ours[0], decision=S.APPROVED, actor=cell_admin)
    services.decide(nomination=theirs[0], decision=S.APPROVED, actor=cell_admin)
    services.decide(nomination=ours[1], decision=S.WAITLISTED, actor=cell_admin)  # earlier
    services.decide(nomination=theirs[1], decision=S.WAITLISTED, actor=cell_admin)
    services.withdraw(nomination=theirs[0], actor=other_hod)
    states = {n.pk: n.state for n in Nomination.objects.all()}
    # ours[1] came first but our quota (1) is used by ours[0]; theirs[1] fits.
    assert states[ours[1].pk] == S.WAITLISTED and states[theirs[1].pk] == S.APPROVED
    assert AuditEntry.objects.filter(
        object_id=str(theirs[1].pk), actor=None, to_state=S.APPROVED
    ).exists()


def test_decline_promotes_too(department, hod, cell_admin):
    programme = open_programme(capacity=1)
    a, b = (
        services.nominate(programme=programme, officer=o, actor=hod)
        for o in officers(department, 2)
    )
    services.decide(nomination=a, decision=S.APPROVED, actor=cell_admin)
    services.decide(nomination=b, decision=S.WAITLISTED, actor=cell_admin)
    services.respond(nomination=a, accept=False, actor=a.officer)
    b.refresh_from_db()
    assert b.state == S.APPROVED


def test_substitution_keeps_the_seat(department, other_department, hod, cell_admin):
    programme = open_programme(capacity=1)
    original = services.nominate(programme=programme, officer=officers(department, 1)[0], actor=hod)
    services.decide(nomination=original, decision=S.APPROVED, actor=cell_admin)
    with pytest.raises(services.NominationError, match="same department"):
        services.substitute(
            nomination=original, replacement=officers(other_department, 1)[0], actor=hod
        )
    replacement = officers(department, 1)[0]
    new = services.substitute(nomination=original, replacement=replacement, actor=hod)
    original.refresh_from_db()
    assert original.state == S.SUBSTITUTED and new.state == S.APPROVED
    assert new.substitute_for_id == original.pk and selectors.seat_counts(programme)["taken"] == 1


def test_substitution_closes_with_the_window(department, hod, cell_admin):
    programme = open_programme(capacity=1)
    original = services.nominate(programme=programme, officer=officers(department, 1)[0], actor=hod)
    services.decide(nomination=original, decision=S.APPROVED, actor=cell_admin)
    type(programme).objects.filter(pk=programme.pk).update(
        nomination_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(services.NominationError, match="window"):
        services.substitute(nomination=original, replacement=officers(department, 1)[0], actor=hod)


# ------------------------------------------------------------------ audit and email
def test_each_change_writes_audit_and_emails_after_commit(
    department, hod, cell_admin, officer, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme()
    with django_capture_on_commit_callbacks(execute=True):
        nomination = services.nominate(
            programme=programme, officer=officer, actor=hod, note="Handles CM Window"
        )
        services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
    rows = AuditEntry.objects.filter(object_id=str(nomination.pk)).order_by("pk")
    assert [(r.action, r.from_state, r.to_state, r.actor_id) for r in rows] == [
        ("nomination.created", "", S.SUBMITTED, hod.pk),
        ("nomination.transition", S.SUBMITTED, S.APPROVED, cell_admin.pk),
    ]
    assert sorted(m.to[0] for m in mailoutbox) == sorted([officer.email, hod.email] * 2)
    assert any("Approved" in m.subject for m in mailoutbox)


def test_no_email_when_the_transaction_rolls_back(hod, officer, mailoutbox):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.nominate(programme=open_programme(), officer=officer, actor=hod)
        raise RuntimeError
    assert mailoutbox == [] and not Nomination.objects.exists()


# ------------------------------------------------------------------ programme status
def test_programme_status_rules(cell_admin, hod, department):
    programme = open_programme(status=ProgrammeStatus.DRAFT, sessions=0)
    with pytest.raises(programme_services.ProgrammeError, match="session"):
        programme_services.change_programme_status(
            programme=programme, to_status=ProgrammeStatus.OPEN, actor=cell_admin
        )
    with pytest.raises(programme_services.ProgrammeError, match="cell"):
        programme_services.change_programme_status(
            programme=programme, to_status=ProgrammeStatus.CANCELLED, actor=hod
        )
    with pytest.raises(programme_services.ProgrammeError, match="cannot go"):
        programme_services.change_programme_status(
            programme=programme, to_status=ProgrammeStatus.RUNNING, actor=cell_admin
        )


def test_cancelling_withdraws_live_nominations(
    cell_admin, hod, department, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme()
    items = [
        services.nominate(programme=programme, officer=o, actor=hod)
        for o in officers(department, 2)
    ]
    services.decide(nomination=items[0], decision=S.APPROVED, actor=cell_admin)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.change_programme_status(
            programme=programme, to_status=ProgrammeStatus.CANCELLED, actor=cell_admin
        )
    assert set(Nomination.objects.values_list("state", flat=True)) == {S.WITHDRAWN}
    assert {m.to[0] for m in mailoutbox} >= {items[0].officer.email, items[1].officer.email}


# ------------------------------------------------------------------ attendance and completion
@pytest.fixture
def running(department, hod, cell_admin):
    """A 4-session programme that ended yesterday, with 3 confirmed officers and 1 approved."""
    programme = open_programme(capacity=5, sessions=4)
    items = [
        services.nominate(programme=programme, officer=o, actor=hod)
        for o in officers(department, 4)
    ]
    for item in items:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    for item in items[:3]:
        services.respond(nomination=item, accept=True, actor=item.officer)
    shift = datetime.timedelta(days=14)
    type(programme).objects.filter(pk=programme.pk).update(
        starts_on=programme.starts_on - shift,
        ends_on=programme.ends_on - shift,
        status=ProgrammeStatus.RUNNING,
    )
    for session in programme.sessions.all():
        session.date -= shift
        session.save()
    programme.refresh_from_db()
    return programme, items


def test_completion_rule_boundaries_and_finalise(running, cell_admin):
    programme, items = running
    sessions = list(programme.sessions.all())
    for n_present, item in zip((3, 2, 4), items[:3], strict=True):  # 75 %, 50 %, 100 %
        for index, session in enumerate(sessions):
            programme_services.mark_attendance(
                session=session, nomination=item, present=index < n_present, actor=cell_admin
            )
    counts = programme_services.finalise_programme(programme=programme, actor=cell_admin)
    states = [Nomination.objects.get(pk=item.pk).state for item in items]
    assert states == [S.ATTENDED, S.NO_SHOW, S.ATTENDED, S.WITHDRAWN]
    assert counts == {S.ATTENDED: 2, S.NO_SHOW: 1, S.WITHDRAWN: 1}
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.COMPLETED


def test_online_completion_can_be_required(running, cell_admin):
    from courses.services import complete_lesson, enrol

    programme, items = running
    type(programme).objects.filter(pk=programme.pk).update(requires_online_completion=True)
    programme.refresh_from_db()
    for item in items[:2]:
        for session in programme.sessions.all():
            programme_services.mark_attendance(
                session=session, nomination=item, present=True, actor=cell_admin
            )
    officer = items[0].officer
    enrol(user=officer, course=programme.course)
    from courses.models import LessonPage

    for lesson in LessonPage.objects.live().descendant_of(programme.course):
        complete_lesson(user=officer, lesson=lesson)
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert Nomination.objects.get(pk=items[0].pk).state == S.ATTENDED
    assert Nomination.objects.get(pk=items[1].pk).state == S.NO_SHOW


def test_finalise_refuses_before_the_end_and_for_non_cell(department, hod, cell_admin):
    programme = open_programme(status=ProgrammeStatus.RUNNING)
    with pytest.raises(programme_services.ProgrammeError, match="not ended"):
        programme_services.finalise_programme(programme=programme, actor=cell_admin)
    with pytest.raises(programme_services.ProgrammeError, match="cell"):
        programme_services.finalise_programme(programme=programme, actor=hod)


def test_attendance_rules(running, cell_admin, department, hod):
    programme, items = running
    session = programme.sessions.first()
    with pytest.raises(programme_services.ProgrammeError, match="coordinator"):
        programme_services.mark_attendance(
            session=session, nomination=items[0], present=True, actor=hod
        )
    coordinator = make_user(Role.TRAINER)
    type(programme).objects.filter(pk=programme.pk).update(coordinator=coordinator)
    session.refresh_from_db()
    programme_services.mark_attendance(
        session=session, nomination=items[0], present=True, actor=coordinator
    )
    future = open_programme()
    nomination = services.nominate(programme=future, officer=officers(department, 1)[0], actor=hod)
    services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
    with pytest.raises(programme_services.ProgrammeError, match="before the session"):
        programme_services.mark_attendance(
            session=future.sessions.first(), nomination=nomination, present=True, actor=cell_admin
        )


def test_self_check_in_only_during_the_session(department, hod, cell_admin):
    programme = open_programme(capacity=2, sessions=1)
    mine, stranger = officers(department, 2)
    nomination = services.nominate(programme=programme, officer=mine, actor=hod)
    services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
    services.respond(nomination=nomination, accept=True, actor=mine)
    session = programme.sessions.get()
    code = programme_services.open_check_in(session=session, actor=cell_admin)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(session.date, session.starts_at, tzinfo=tz)
    end = datetime.datetime.combine(session.date, session.ends_at, tzinfo=tz)

    for when in (start - datetime.timedelta(minutes=31), end + datetime.timedelta(minutes=1)):
        with pytest.raises(programme_services.ProgrammeError, match="not valid now"):
            programme_services.check_in(officer=mine, code=code, now=when)
    with pytest.raises(programme_services.ProgrammeError):
        programme_services.check_in(officer=mine, code="ZZZZZZ", now=start)
    with pytest.raises(programme_services.ProgrammeError, match="no confirmed seat"):
        programme_services.check_in(officer=stranger, code=code, now=start)
    attendance = programme_services.check_in(
        officer=mine, code=code.lower(), now=start - datetime.timedelta(minutes=29)
    )
    assert attendance.present and attendance.method == "self"
    assert Attendance.objects.count() == 1


def test_seat_states_are_the_ones_counted(department, hod, cell_admin):
    programme = open_programme(capacity=5)
    items = [
        services.nominate(programme=programme, officer=o, actor=hod)
        for o in officers(department, len(S.values))
    ]
    for item, state in zip(items, S.values, strict=True):
        force_state(item, state)
    assert selectors.seat_counts(programme)["taken"] == len(SEAT_STATES)


def test_confirming_enrols_the_officer_in_the_online_course(department, hod, cell_admin, officer):
    from courses.enums import EnrolmentSource
    from courses.models import Enrolment

    programme = open_programme(course=None)
    programme.course.self_enrolment = False
    programme.course.save_revision().publish()
    nomination = services.nominate(programme=programme, officer=officer, actor=hod)
    services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
    assert not Enrolment.objects.filter(user=officer).exists()
    services.respond(nomination=nomination, accept=True, actor=officer)
    enrolment = Enrolment.objects.get(user=officer, course=programme.course)
    assert enrolment.source == EnrolmentSource.NOMINATION
