"""Attendance marked by the coordinator or the cell, self check-in during the session, the
completion rule, and finalising a programme."""

import datetime

import pytest
from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import Enrolment, Programme, ProgrammeSession
from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations import services
from nominations.enums import AttendanceMethod, NominationState
from nominations.models import Attendance, Nomination
from programmes import completion
from programmes import services as programme_services
from tests.factories import build_course, make_user

S = NominationState
P = ProgrammeStatus
pytestmark = pytest.mark.django_db


def state_of(nomination):
    return Nomination.objects.get(pk=nomination.pk).state


# ------------------------------------------------------------------ marking attendance
@pytest.fixture
def ended(ended_programme_factory):
    coordinator = make_user(Role.TRAINER, department=None)
    programme, nominations = ended_programme_factory(coordinator=coordinator)
    return programme, nominations, coordinator


def test_cell_and_coordinator_mark_attendance(ended, cell_admin):
    programme, nominations, coordinator = ended
    first, second = programme.sessions.order_by("date")[:2]
    programme_services.mark_attendance(
        session=first, nomination=nominations[0], present=True, actor=cell_admin
    )
    programme_services.mark_attendance(
        session=second, nomination=nominations[0], present=False, actor=coordinator
    )
    marks = Attendance.objects.filter(nomination=nominations[0]).order_by("session__date")
    assert [(m.present, m.marked_by, m.method) for m in marks] == [
        (True, cell_admin, AttendanceMethod.MARKED),
        (False, coordinator, AttendanceMethod.MARKED),
    ]


def test_marking_again_changes_the_one_mark(ended, cell_admin):
    programme, nominations, coordinator = ended
    session = programme.sessions.first()
    programme_services.mark_attendance(
        session=session, nomination=nominations[0], present=True, actor=cell_admin
    )
    programme_services.mark_attendance(
        session=session, nomination=nominations[0], present=False, actor=coordinator
    )
    mark = Attendance.objects.get(nomination=nominations[0], session=session)
    assert (mark.present, mark.marked_by) == (False, coordinator)


@pytest.mark.parametrize(
    "persona", ["hod", "other_trainer", "officer", "trainee", "course_director"]
)
def test_only_cell_or_coordinator_mark(persona, request, ended):
    programme, nominations, _coordinator = ended
    actor = {
        "officer": lambda: nominations[0].officer,
        "other_trainer": lambda: make_user(Role.TRAINER, department=None),
    }.get(persona, lambda: request.getfixturevalue(persona))()
    with pytest.raises(programme_services.ProgrammeError, match="coordinator"):
        programme_services.mark_attendance(
            session=programme.sessions.first(), nomination=nominations[0], present=True, actor=actor
        )
    assert not Attendance.objects.exists()


def test_no_marking_before_the_session(ended, cell_admin):
    programme, nominations, _coordinator = ended
    session = programme.sessions.order_by("date").last()
    session.date = timezone.localdate() + datetime.timedelta(days=1)
    session.save()
    with pytest.raises(programme_services.ProgrammeError, match="before the session"):
        programme_services.mark_attendance(
            session=session, nomination=nominations[0], present=True, actor=cell_admin
        )
    session.date = timezone.localdate()  # on the day it may be marked
    session.save()
    assert programme_services.mark_attendance(
        session=session, nomination=nominations[0], present=True, actor=cell_admin
    ).present


@pytest.mark.parametrize(
    "state",
    [S.SUBMITTED, S.WAITLISTED, S.REJECTED, S.DECLINED, S.WITHDRAWN, S.SUBSTITUTED, S.ATTENDED],
)
def test_only_approved_or_confirmed_officers_are_marked(state, ended, cell_admin):
    programme, nominations, _coordinator = ended
    Nomination.objects.filter(pk=nominations[0].pk).update(state=state)
    with pytest.raises(programme_services.ProgrammeError, match="approved or confirmed"):
        programme_services.mark_attendance(
            session=programme.sessions.first(),
            nomination=nominations[0],
            present=True,
            actor=cell_admin,
        )
    assert not Attendance.objects.exists()


def test_approved_but_unconfirmed_officer_can_be_marked(ended, cell_admin):
    programme, nominations, _coordinator = ended
    assert state_of(nominations[-1]) == S.APPROVED
    programme_services.mark_attendance(
        session=programme.sessions.first(),
        nomination=nominations[-1],
        present=True,
        actor=cell_admin,
    )
    assert Attendance.objects.filter(nomination=nominations[-1]).count() == 1


def test_a_session_of_another_programme_is_refused(ended, ended_programme_factory, cell_admin):
    programme, nominations, _coordinator = ended
    other, _ = ended_programme_factory(confirmed=0, approved=0)
    with pytest.raises(programme_services.ProgrammeError, match="another programme"):
        programme_services.mark_attendance(
            session=other.sessions.first(),
            nomination=nominations[0],
            present=True,
            actor=cell_admin,
        )


# ------------------------------------------------------------------ self check-in
@pytest.fixture
def check_in_setup(open_programme_factory, hod, cell_admin, department, officer_factory):
    """A programme starting in 10 days with one session (09:30-17:30) and its code opened;
    one confirmed officer, one approved, one waitlisted."""
    programme = open_programme_factory(capacity=2, sessions=1)
    confirmed, approved, waiting = (
        services.nominate(programme=programme, officer=officer_factory(department), actor=hod)
        for _ in range(3)
    )
    for item in (confirmed, approved):
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    services.decide(nomination=waiting, decision=S.WAITLISTED, actor=cell_admin)
    services.respond(nomination=confirmed, accept=True, actor=confirmed.officer)
    session = programme.sessions.get()
    code = programme_services.open_check_in(session=session, actor=cell_admin)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(session.date, session.starts_at, tzinfo=tz)
    end = datetime.datetime.combine(session.date, session.ends_at, tzinfo=tz)
    return {
        "programme": programme,
        "session": session,
        "code": code,
        "start": start,
        "end": end,
        "confirmed": confirmed.officer,
        "approved": approved.officer,
        "waiting": waiting.officer,
    }


def test_open_check_in_gives_a_six_character_code(check_in_setup):
    code = check_in_setup["code"]
    assert len(code) == 6 and set(code) <= set(programme_services.CHECK_IN_ALPHABET)
    check_in_setup["session"].refresh_from_db()
    assert check_in_setup["session"].check_in_code == code


@pytest.mark.parametrize("persona", ["hod", "trainee", "trainer"])
def test_only_cell_or_coordinator_open_check_in(persona, request, check_in_setup):
    session = check_in_setup["session"]
    with pytest.raises(programme_services.ProgrammeError, match="coordinator"):
        programme_services.open_check_in(session=session, actor=request.getfixturevalue(persona))
    session.refresh_from_db()
    assert session.check_in_code == check_in_setup["code"]


def test_the_coordinator_opens_check_in(check_in_setup, trainer):
    Programme.objects.filter(pk=check_in_setup["programme"].pk).update(coordinator=trainer)
    session = ProgrammeSession.objects.get(pk=check_in_setup["session"].pk)
    assert len(programme_services.open_check_in(session=session, actor=trainer)) == 6


@pytest.mark.parametrize(
    ("when", "works"),
    [
        (lambda s, e: s - datetime.timedelta(minutes=31), False),
        (lambda s, e: s - datetime.timedelta(minutes=30, seconds=1), False),
        (lambda s, e: s - datetime.timedelta(minutes=30), True),
        (lambda s, e: s - datetime.timedelta(minutes=29), True),
        (lambda s, e: s + datetime.timedelta(hours=3), True),
        (lambda s, e: e, True),
        (lambda s, e: e + datetime.timedelta(seconds=1), False),
        (lambda s, e: e + datetime.timedelta(minutes=1), False),
        (lambda s, e: s - datetime.timedelta(days=1), False),
        (lambda s, e: s + datetime.timedelta(days=1), False),
    ],
    ids=[
        "31-min-early",
        "30-min-1-s-early",
        "30-min-early",
        "29-min-early",
        "mid-session",
        "at-the-end",
        "1-s-after-the-end",
        "1-min-after-the-end",
        "the-day-before",
        "the-day-after",
    ],
)
def test_check_in_only_during_the_session(when, works, check_in_setup):
    now = when(check_in_setup["start"], check_in_setup["end"])
    officer, code = check_in_setup["confirmed"], check_in_setup["code"]
    if works:
        attendance = programme_services.check_in(officer=officer, code=code, now=now)
        assert (attendance.present, attendance.method, attendance.marked_by) == (
            True,
            AttendanceMethod.SELF,
            officer,
        )
        assert attendance.session == check_in_setup["session"]
    else:
        with pytest.raises(programme_services.ProgrammeError, match="not valid now"):
            programme_services.check_in(officer=officer, code=code, now=now)
        assert not Attendance.objects.exists()


def test_check_in_accepts_lower_case_and_spaces_and_counts_once(check_in_setup):
    officer, code, start = (check_in_setup[k] for k in ("confirmed", "code", "start"))
    programme_services.check_in(officer=officer, code=f"  {code.lower()} ", now=start)
    programme_services.check_in(officer=officer, code=code, now=start + datetime.timedelta(hours=1))
    assert Attendance.objects.filter(nomination__officer=officer).count() == 1


def test_a_wrong_code_fails(check_in_setup):
    code, start = check_in_setup["code"], check_in_setup["start"]
    wrong = ("A" if code[0] != "A" else "B") + code[1:]
    for bad, match in ((wrong, "not valid now"), (code[:5], "6 letters"), ("", "6 letters")):
        with pytest.raises(programme_services.ProgrammeError, match=match):
            programme_services.check_in(officer=check_in_setup["confirmed"], code=bad, now=start)
    assert not Attendance.objects.exists()


def test_a_code_works_only_on_its_own_session_day(check_in_setup, cell_admin):
    session = check_in_setup["session"]
    second = ProgrammeSession.objects.create(
        programme=check_in_setup["programme"], date=session.date + datetime.timedelta(days=1)
    )
    programme_services.open_check_in(session=second, actor=cell_admin)
    with pytest.raises(programme_services.ProgrammeError, match="not valid now"):
        programme_services.check_in(
            officer=check_in_setup["confirmed"],
            code=check_in_setup["code"],
            now=check_in_setup["start"] + datetime.timedelta(days=1),
        )


def test_officers_without_a_seat_cannot_check_in(check_in_setup, department, officer_factory):
    code, start = check_in_setup["code"], check_in_setup["start"]
    for officer in (check_in_setup["waiting"], officer_factory(department)):
        with pytest.raises(programme_services.ProgrammeError, match="no confirmed seat"):
            programme_services.check_in(officer=officer, code=code, now=start)
    assert not Attendance.objects.exists()
    # Approved but not yet confirmed still holds the seat and may check in.
    assert programme_services.check_in(
        officer=check_in_setup["approved"], code=code, now=start
    ).present


def test_check_in_overrides_an_absent_mark(check_in_setup, cell_admin):
    officer, session = check_in_setup["confirmed"], check_in_setup["session"]
    nomination = Nomination.objects.get(officer=officer)
    Attendance.objects.create(
        nomination=nomination, session=session, present=False, marked_by=cell_admin
    )
    programme_services.check_in(
        officer=officer, code=check_in_setup["code"], now=check_in_setup["start"]
    )
    mark = Attendance.objects.get(nomination=nomination, session=session)
    assert (mark.present, mark.method) == (True, AttendanceMethod.SELF)


# ------------------------------------------------------------------ the completion rule
@pytest.fixture
def rule_nomination(open_programme_factory, nomination_factory):
    return nomination_factory(open_programme_factory(), state=S.CONFIRMED)


@pytest.mark.parametrize(
    ("minimum", "total", "present", "met"),
    [
        (75, 4, 3, True),  # exactly 75 %
        (75, 4, 2, False),
        (75, 100, 75, True),
        (75, 100, 74, False),
        (75, 3, 2, False),  # 66.7 %
        (75, 3, 3, True),
        (75, 8, 6, True),
        (75, 8, 5, False),
        (80, 5, 4, True),  # exactly 80 %
        (80, 5, 3, False),
        (100, 4, 4, True),
        (100, 4, 3, False),
        (75, 0, 0, False),  # no sessions, no completion
        (75, 4, 0, False),
    ],
)
def test_completion_rule_boundaries(minimum, total, present, met, rule_nomination):
    rule_nomination.programme.min_attendance_percent = minimum
    assert (
        completion.completion_rule_met(
            nomination=rule_nomination, total_sessions=total, present=present
        )
        is met
    )


def test_online_completion_needs_a_completed_enrolment(rule_nomination):
    programme = rule_nomination.programme
    programme.requires_online_completion = True
    officer = rule_nomination.officer

    def met():
        return completion.completion_rule_met(
            nomination=rule_nomination, total_sessions=4, present=4
        )

    assert met() is False  # not enrolled
    Enrolment.objects.create(
        user=officer,
        course=build_course(modules=1, lessons_per_module=1),
        completed_at=timezone.now(),
    )
    assert met() is False  # another course completed
    enrolment = Enrolment.objects.create(user=officer, course=programme.course)
    assert met() is False  # enrolled, not completed
    enrolment.completed_at = timezone.now()
    enrolment.save()
    assert met() is True
    assert (
        completion.completion_rule_met(nomination=rule_nomination, total_sessions=4, present=2)
        is False
    ), "online completion does not replace attendance"


@pytest.mark.parametrize(
    ("required", "online_done", "present", "met"),
    [
        (True, True, 3, True),
        (True, False, 4, False),
        (True, True, 2, False),  # online done does not replace attendance
        (False, False, 3, True),  # ignored when the programme does not require it
        (False, True, 2, False),
    ],
)
def test_completion_rule_with_online_done_known(
    required, online_done, present, met, rule_nomination, django_assert_num_queries
):
    rule_nomination.programme.requires_online_completion = required
    with django_assert_num_queries(0):
        assert (
            completion.completion_rule_met(
                nomination=rule_nomination,
                total_sessions=4,
                present=present,
                online_done=online_done,
                simulation_passed=True,  # known for the roll too: no query
            )
            is met
        )


# ------------------------------------------------------------------ finalising
def mark(programme, nomination, present_days, actor):
    for index, session in enumerate(programme.sessions.order_by("date")):
        programme_services.mark_attendance(
            session=session, nomination=nomination, present=index < present_days, actor=actor
        )


def test_finalise_counts_and_states(
    ended_programme_factory,
    cell_admin,
    department,
    officer_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    programme, nominations = ended_programme_factory(sessions=4, confirmed=4, approved=1)
    for nomination, days in zip(nominations[:3], (4, 3, 2), strict=True):  # 100 %, 75 %, 50 %
        mark(programme, nomination, days, cell_admin)
    # nominations[3] confirmed but never marked; nominations[4] approved, never confirmed.
    waiting, rejected = (
        Nomination.objects.create(
            programme=programme, officer=officer, department=officer.department, state=state
        )
        for officer, state in (
            (officer_factory(department), S.WAITLISTED),
            (officer_factory(department), S.REJECTED),
        )
    )
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        counts = programme_services.finalise_programme(programme=programme, actor=cell_admin)

    assert counts == {S.ATTENDED: 2, S.NO_SHOW: 2, S.WITHDRAWN: 1}
    assert [state_of(n) for n in nominations] == [
        S.ATTENDED,
        S.ATTENDED,
        S.NO_SHOW,
        S.NO_SHOW,
        S.WITHDRAWN,
    ]
    assert (state_of(waiting), state_of(rejected)) == (S.WAITLISTED, S.REJECTED)
    programme.refresh_from_db()
    assert programme.status == P.COMPLETED
    rows = {
        row.object_id: row
        for row in AuditEntry.objects.filter(
            action="nomination.transition",
            from_state__in=[S.CONFIRMED, S.APPROVED],
            to_state__in=[S.ATTENDED, S.NO_SHOW, S.WITHDRAWN],
        )
    }
    assert (rows[str(nominations[1].pk)].actor, rows[str(nominations[1].pk)].note) == (
        cell_admin,
        "3 of 4 sessions",
    )
    assert rows[str(nominations[3].pk)].note == "0 of 4 sessions"
    assert (rows[str(nominations[4].pk)].actor, rows[str(nominations[4].pk)].note) == (
        None,
        "Never confirmed and no attendance marked.",
    )
    status_row = AuditEntry.objects.get(action="programme.status", object_id=str(programme.pk))
    assert (status_row.actor, status_row.from_state, status_row.to_state) == (
        cell_admin,
        P.RUNNING,
        P.COMPLETED,
    )
    assert status_row.data == {"attended": 2, "no_show": 2, "withdrawn": 1}
    changed = {m.to[0] for m in mailoutbox if m.subject.startswith("Nomination")}
    assert {n.officer.email for n in nominations} <= changed


def test_absent_marks_do_not_count(ended_programme_factory, cell_admin):
    programme, (nomination,) = ended_programme_factory(sessions=4, confirmed=1, approved=0)
    mark(programme, nomination, 2, cell_admin)  # 2 present, 2 marked absent
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert state_of(nomination) == S.NO_SHOW


def test_finalise_applies_online_completion(ended_programme_factory, cell_admin):
    programme, nominations = ended_programme_factory(
        sessions=2, confirmed=2, approved=0, requires_online_completion=True
    )
    for nomination in nominations:
        mark(programme, nomination, 2, cell_admin)
    # Confirming enrolled both officers; only the first completed the online lessons.
    Enrolment.objects.filter(user=nominations[0].officer, course=programme.course).update(
        completed_at=timezone.now()
    )
    counts = programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert [state_of(n) for n in nominations] == [S.ATTENDED, S.NO_SHOW]
    assert counts[S.ATTENDED] == 1 and counts[S.NO_SHOW] == 1


def test_finalise_refuses_before_the_programme_ends(ended_programme_factory, cell_admin):
    programme, nominations = ended_programme_factory(ends_days_ago=-1)
    with pytest.raises(programme_services.ProgrammeError, match="not ended"):
        programme_services.finalise_programme(programme=programme, actor=cell_admin)
    programme.refresh_from_db()
    assert programme.status == P.RUNNING
    assert [state_of(n) for n in nominations] == [S.CONFIRMED] * 3 + [S.APPROVED]


def test_finalise_on_the_last_day(ended_programme_factory, cell_admin):
    programme, _nominations = ended_programme_factory(ends_days_ago=0)
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    programme.refresh_from_db()
    assert programme.status == P.COMPLETED


@pytest.mark.parametrize("status", [P.RUNNING, P.CLOSED])
def test_finalise_from_running_or_closed(status, ended_programme_factory, cell_admin):
    programme, _nominations = ended_programme_factory(status=status)
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    programme.refresh_from_db()
    assert programme.status == P.COMPLETED


@pytest.mark.parametrize("status", [P.DRAFT, P.OPEN, P.CANCELLED, P.COMPLETED])
def test_finalise_refuses_other_statuses(status, ended_programme_factory, cell_admin):
    programme, nominations = ended_programme_factory(status=status)
    with pytest.raises(programme_services.ProgrammeError, match="closed or running"):
        programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert [state_of(n) for n in nominations] == [S.CONFIRMED] * 3 + [S.APPROVED]


def test_finalise_twice_is_refused(ended_programme_factory, cell_admin):
    programme, _nominations = ended_programme_factory()
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    with pytest.raises(programme_services.ProgrammeError, match="closed or running"):
        programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert AuditEntry.objects.filter(action="programme.status", to_state=P.COMPLETED).count() == 1


@pytest.mark.parametrize("persona", ["hod", "coordinator", "trainer", "course_director"])
def test_only_the_cell_finalises(persona, request, ended_programme_factory):
    coordinator = make_user(Role.TRAINER, department=None)
    programme, nominations = ended_programme_factory(coordinator=coordinator)
    actor = coordinator if persona == "coordinator" else request.getfixturevalue(persona)
    with pytest.raises(programme_services.ProgrammeError, match="Only the cell"):
        programme_services.finalise_programme(programme=programme, actor=actor)
    programme.refresh_from_db()
    assert programme.status == P.RUNNING


def test_finalise_a_programme_without_sessions_completes_nobody(
    ended_programme_factory, cell_admin
):
    programme, nominations = ended_programme_factory(sessions=0, confirmed=2, approved=0)
    counts = programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert counts == {S.ATTENDED: 0, S.NO_SHOW: 2, S.WITHDRAWN: 0}
    assert [state_of(n) for n in nominations] == [S.NO_SHOW, S.NO_SHOW]
