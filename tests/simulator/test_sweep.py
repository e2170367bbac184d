"""Timers: the sweep applies missed deadlines (acknowledgement, disposal / charter time,
facilitation, escalation levels, appeal levels) once, in a fixed number of queries, and
stamps each event with the simulated moment its deadline ran out."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from simulator import services, tasks
from simulator.enums import Action, GrievanceState, RuleKind, SimRole
from simulator.models import Grievance, GrievanceEvent, PracticeSession, Scenario
from tests.simulator.conftest import IST, MONDAY, fresh

A = Action
S = GrievanceState
R = SimRole
pytestmark = pytest.mark.django_db


def eod(day: str) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(23, 59, 59), tzinfo=IST
    )


def local(value):
    return timezone.localtime(value) if value else None


def timeline(grievance, *actions):
    """[(action, level or deadline, simulated time)] of the grievance's timer events."""
    rows = []
    for event in grievance.events.filter(action__in=actions or None).order_by("sim_at", "pk"):
        detail = event.payload.get("deadline", event.payload.get("level"))
        rows.append((event.action, detail, local(event.sim_at)))
    return rows


@pytest.fixture
def escalating(desk_factory):
    """A Desk whose service takes 2 days and whose field office has a 7/7/15-day ladder."""
    desk = desk_factory(rules={RuleKind.ESCALATE_ON_BREACH: {}})
    desk.case = desk.scenario(
        service=desk.quick,
        initial_office=desk.field,
        initial_state=S.ASSIGNED,
        initial_category=desk.leaf,
    )
    return desk


def move_clocks(to: datetime.datetime):
    PracticeSession.objects.update(sim_now=to)


# ---------------------------------------------------------------- escalation
def test_a_missed_service_time_climbs_the_ladder(escalating, start, trainee):
    g = start(escalating.case)  # received Monday 2 March 10:00; 2 days: due Wed 4 March
    assert local(g.disposal_due_at) == eod("2026-03-04")
    services.advance_clock(session=g.session, actor=trainee, days=3)
    g = fresh(g)
    assert (g.escalation_level, local(g.escalation_due_at)) == (1, eod("2026-03-11"))
    services.advance_clock(session=g.session, actor=trainee, days=40)
    g = fresh(g)
    assert (g.escalation_level, g.escalation_due_at) == (3, None)
    assert timeline(g, A.DEADLINE_MISSED, A.ESCALATE) == [
        (A.DEADLINE_MISSED, "disposal", eod("2026-03-04")),
        (A.ESCALATE, 1, eod("2026-03-04")),
        (A.ESCALATE, 2, eod("2026-03-11")),
        (A.ESCALATE, 3, eod("2026-03-18")),
        (A.DEADLINE_MISSED, "escalation", eod("2026-04-02")),
    ]
    escalations = g.events.filter(action=A.ESCALATE).order_by("sim_at")
    assert [e.payload["authority"] for e in escalations] == [
        "Level one",
        "Level two",
        "Level three",
    ]
    assert {e.rule_code for e in escalations} == {"test.escalate_on_breach"}
    assert g.state == S.ASSIGNED  # escalation does not move the state


def test_disposal_in_time_stops_the_clock(escalating, start, act, trainee):
    g = start(escalating.case)
    for action, role, payload in (
        (A.TAKE_UP, R.DESIGNATED_OFFICER, {}),
        (A.SUBMIT_ATR, R.DESIGNATED_OFFICER, {"text": "Done.", "evidence": "p.jpg"}),
        (A.APPROVE_ATR, R.SENIOR, {}),
        (A.DISPOSE, R.NODAL_OFFICER, {"reply": "Done."}),
    ):
        assert act(g, action, role, **payload).ok
    services.advance_clock(session=g.session, actor=trainee, days=60)
    assert not fresh(g).events.filter(action__in=[A.ESCALATE, A.DEADLINE_MISSED]).exists()


def test_sweep_twice_escalates_once(escalating, start):
    g = start(escalating.case)
    move_clocks(datetime.datetime(2026, 3, 5, 10, tzinfo=IST))
    first = services.sweep(now=MONDAY)
    second = services.sweep(now=MONDAY)
    assert (first.grievances, second.grievances, second.events) == (1, 0, 0)
    g = fresh(g)
    assert g.escalation_level == 1
    assert g.events.filter(action=A.ESCALATE).count() == 1
    move_clocks(datetime.datetime(2026, 6, 1, tzinfo=IST))
    services.sweep(now=MONDAY)
    services.sweep(now=MONDAY)
    assert g.events.filter(action=A.ESCALATE).count() == 3
    assert g.events.filter(action=A.DEADLINE_MISSED).count() == 2
    assert fresh(g).escalation_level == 3


def test_the_beat_task_runs_the_sweep(escalating, start):
    g = start(escalating.case)
    move_clocks(datetime.datetime(2026, 3, 5, 10, tzinfo=IST))
    assert tasks.sweep_simulations.delay().get()["grievances"] == 1
    assert tasks.sweep_simulations.delay().get()["events"] == 0
    assert fresh(g).escalation_level == 1


SWEEP_QUERY_BUDGET = 14


@pytest.mark.parametrize("n", [1, 50])
def test_sweep_queries_do_not_grow_with_the_grievances(
    escalating, start, django_assert_max_num_queries, n
):
    for _ in range(n):
        start(escalating.case)
    move_clocks(datetime.datetime(2026, 3, 5, 10, tzinfo=IST))  # each: missed + level 1
    with django_assert_max_num_queries(SWEEP_QUERY_BUDGET):
        report = services.sweep(now=MONDAY)
    assert (report.grievances, report.events) == (n, 2 * n)
    assert Grievance.objects.filter(escalation_level=1).count() == n


def test_one_and_fifty_cost_the_same_but_for_insert_batches(escalating, start):
    """PostgreSQL inserts every event in one statement; SQLite splits at 999 parameters."""

    def cost(n):
        PracticeSession.objects.all().delete()
        for _ in range(n):
            start(escalating.case)
        move_clocks(datetime.datetime(2026, 3, 5, 10, tzinfo=IST))
        with CaptureQueriesContext(connection) as queries:
            services.sweep(now=MONDAY)
        return len(queries)

    assert cost(50) - cost(1) <= (1 if connection.vendor == "sqlite" else 0)


def test_running_clocks_move_with_real_time(escalating, start):
    g = start(escalating.case, speed=24 * 60)  # a simulated day per real minute
    services.sweep(now=MONDAY + datetime.timedelta(minutes=3))
    session = PracticeSession.objects.get(pk=g.session_id)
    assert local(session.sim_now) == datetime.datetime(2026, 3, 5, 10, tzinfo=IST)
    assert fresh(g).escalation_level == 1
    services.sweep(now=MONDAY + datetime.timedelta(minutes=2))  # time never runs back
    assert PracticeSession.objects.get(pk=g.session_id).sim_now == session.sim_now


def test_seeded_corporation_ladder_for_a_dead_animal(seeded, start, trainee):
    g = start(Scenario.objects.get(code="bihar-dead-animal-evening"))
    assert local(g.received_at) == datetime.datetime(2026, 3, 2, 18, tzinfo=IST)
    assert local(g.disposal_due_at) == datetime.datetime(2026, 3, 3, 2, tzinfo=IST)  # 8 hours
    services.advance_clock(session=g.session, actor=trainee, days=40)
    g = fresh(g)
    assert [(a, lvl, at) for a, lvl, at in timeline(g, A.ESCALATE)] == [
        (A.ESCALATE, 1, datetime.datetime(2026, 3, 3, 2, tzinfo=IST)),
        (A.ESCALATE, 2, eod("2026-03-10")),
        (A.ESCALATE, 3, eod("2026-03-17")),
    ]
    authorities = [e.payload["authority"] for e in g.events.filter(action=A.ESCALATE)]
    assert authorities == ["Addl. Municipal Commissioner / EO", "Municipal Commissioner", "DMA"]
    assert timeline(g, A.DEADLINE_MISSED)[-1] == (
        A.DEADLINE_MISSED,
        "escalation",
        eod("2026-04-01"),
    )


def test_seeded_council_ladder_for_a_water_connection(seeded, start, trainee):
    """Applied 35 days ago (26 January), 30 days: missed on 25 February; the City
    Manager's 7 days run to 4 March, then Section Head, Executive Officer and DMA."""
    g = start(Scenario.objects.get(code="bihar-water-connection-council"))
    assert (g.escalation_level, local(g.escalation_due_at)) == (1, eod("2026-03-04"))
    services.advance_clock(session=g.session, actor=trainee, days=60)
    g = fresh(g)
    assert timeline(g, A.ESCALATE) == [
        (A.ESCALATE, 1, eod("2026-02-25")),
        (A.ESCALATE, 2, eod("2026-03-04")),
        (A.ESCALATE, 3, eod("2026-03-11")),
        (A.ESCALATE, 4, eod("2026-03-18")),
    ]
    authorities = [e.payload["authority"] for e in g.events.filter(action=A.ESCALATE)]
    assert authorities == ["City Manager", "Section Head", "Executive Officer", "DMA"]
    assert timeline(g, A.DEADLINE_MISSED)[-1] == (
        A.DEADLINE_MISSED,
        "escalation",
        eod("2026-04-02"),
    )


# ---------------------------------------------------------------- auto appeal (RTS)
def test_rts_breach_auto_appeals_to_the_first_then_the_second_authority(seeded, start, trainee):
    """Applied Mon 16 February; 7 working days: due Tue 24 February. The FGRA has 30
    working days (to Tue 31 March), the SGRA 30 more (to Tue 5 May), then the Commission."""
    g = start(Scenario.objects.get(code="cmw-aas-first-appeal"))
    assert local(g.disposal_due_at) == eod("2026-02-24")
    assert (g.state, g.appeal_level, local(g.appeal_due_at)) == (S.IN_APPEAL, 1, eod("2026-03-31"))
    auto = g.events.get(action=A.AUTO_APPEAL)
    assert (auto.rule_code, local(auto.sim_at)) == ("rts.auto-appeal", eod("2026-02-24"))
    assert (auto.from_state, auto.to_state) == (S.ASSIGNED, S.IN_APPEAL)
    assert auto.payload["authority"] == "First Grievance Redressal Authority"
    services.advance_clock(session=g.session, actor=trainee, days=31)
    g = fresh(g)
    assert (g.appeal_level, local(g.appeal_due_at)) == (2, eod("2026-05-05"))
    services.advance_clock(session=g.session, actor=trainee, days=40)
    g = fresh(g)
    assert (g.appeal_level, g.appeal_due_at) == (3, None)
    moves = g.events.filter(action=A.ESCALATE_APPEAL).order_by("sim_at")
    assert [(e.payload["authority"], local(e.sim_at)) for e in moves] == [
        ("Second Grievance Redressal Authority", eod("2026-03-31")),
        ("Haryana Right to Service Commission", eod("2026-05-05")),
    ]


def test_the_fgra_decides_in_time_and_the_appeal_stops(seeded, start, act, trainee):
    g = start(Scenario.objects.get(code="cmw-aas-first-appeal"))
    assert act(g, A.ISSUE_DIRECTIONS, R.APPELLATE_AUTHORITY, text="Issue in 3 days.").ok
    decided = act(g, A.DECIDE_APPEAL, R.APPELLATE_AUTHORITY, order="Delivered; allowed.")
    assert decided.ok and decided.event.payload["on_time"] is True
    services.advance_clock(session=g.session, actor=trainee, days=90)
    g = fresh(g)
    assert (g.state, g.appeal_level) == (S.CLOSED, 1)
    assert not g.events.filter(action=A.ESCALATE_APPEAL).exists()


def test_no_rts_clock_until_a_citizen_who_never_applied_applies(seeded, start, act, trainee):
    g = start(Scenario.objects.get(code="cmw-income-certificate-not-applied"))
    assert act(g, A.CATEGORISE, R.NODAL_OFFICER, category="rev-income-certificate").ok
    assert act(g, A.FORWARD, R.NODAL_OFFICER, office="tehsil-sohna").ok
    assert act(g, A.TAKE_UP, R.DESIGNATED_OFFICER).ok
    services.advance_clock(session=g.session, actor=trainee, days=12)
    g = fresh(g)
    assert g.state == S.IN_PROGRESS  # no auto appeal: there was no application
    assert g.events.filter(action=A.DEADLINE_MISSED, payload__deadline="disposal").exists()
    assert act(g, A.CALL_CITIZEN, R.DESIGNATED_OFFICER, note="Explained SARAL.").ok
    helped = act(g, A.FACILITATE_APPLICATION, R.DESIGNATED_OFFICER, application_ref="SARAL/77")
    assert helped.ok and helped.event.payload["on_time"] is True
    g = fresh(g)
    assert g.disposal_breached is False and g.disposal_due_at > g.session.sim_now
    interim = act(g, A.INTERIM_REPLY, R.DESIGNATED_OFFICER, text="Applied: SARAL/77.")
    assert interim.event.payload["application_ref"] == "SARAL/77"
    services.advance_clock(session=g.session, actor=trainee, days=12)
    g = fresh(g)
    assert (g.state, g.appeal_level) == (S.IN_APPEAL, 1)  # now the RTS clock applies
    assert not g.events.filter(payload__deadline="facilitation").exists()


def test_missing_the_30_days_to_help_the_citizen_apply_is_logged(seeded, start, trainee):
    g = start(Scenario.objects.get(code="cmw-income-certificate-not-applied"))
    services.advance_clock(session=g.session, actor=trainee, days=31)
    missed = fresh(g).events.get(payload__deadline="facilitation")
    assert missed.rule_code == "cmw.facilitate-within-30-days"
    assert local(missed.sim_at) == eod("2026-04-01")
    services.sweep(now=MONDAY)
    assert fresh(g).events.filter(payload__deadline="facilitation").count() == 1


# ---------------------------------------------------------------- other deadlines
def test_acknowledgement_deadline(desk_factory, start, act, trainee):
    desk = desk_factory()
    g = start(desk.scenario())
    services.advance_clock(session=g.session, actor=trainee, days=2)
    missed = fresh(g).events.get(action=A.DEADLINE_MISSED)
    assert missed.payload["deadline"] == "acknowledgement"
    assert local(missed.sim_at) == eod("2026-03-03")
    late = act(g, A.ACKNOWLEDGE, R.NODAL_OFFICER)
    assert late.event.payload["on_time"] is False


@pytest.mark.parametrize("interim_on_day", [None, 10, 25])
def test_cpgrams_interim_reply_before_21_days(seeded, start, act, trainee, interim_on_day):
    g = start(Scenario.objects.get(code="cpgrams-fob-repair-interim-reply"))
    assert local(g.disposal_due_at) == eod("2026-03-23")
    assert act(g, A.CATEGORISE, R.NODAL_OFFICER, category="railways-amenities").ok
    assert act(g, A.FORWARD, R.NODAL_OFFICER, office="railways-division").ok
    assert act(g, A.TAKE_UP, R.DESIGNATED_OFFICER).ok
    if interim_on_day:
        services.advance_clock(session=g.session, actor=trainee, days=interim_on_day)
        result = act(
            g,
            A.INTERIM_REPLY,
            R.DESIGNATED_OFFICER,
            text="Sanction for the repair is awaited.",
            expected_by="2026-05-15",
        )
        assert result.ok
        assert result.event.payload["before_deadline"] is (interim_on_day < 21)
    services.advance_clock(session=g.session, actor=trainee, days=30)
    missed = fresh(g).events.get(action=A.DEADLINE_MISSED, payload__deadline="disposal")
    in_time = interim_on_day is not None and interim_on_day < 21
    assert missed.payload["interim_reply_in_time"] is in_time
    assert missed.rule_code == ("" if in_time else "cpgrams.interim-reply")
    callback = fresh(g).events.get(action=A.CITIZEN_CALLBACK)
    assert local(callback.sim_at) == datetime.datetime(2026, 3, 17, 10, tzinfo=IST)


def test_advancing_fires_everything_in_time_order(escalating, start, trainee):
    case = escalating.case
    case.script = [{"kind": "citizen_callback", "at_hours": 80, "payload": {"text": "Any news?"}}]
    case.save()
    g = start(case)
    report = services.advance_clock(session=g.session, actor=trainee, days=10)
    assert report.scripted == 1
    times = list(fresh(g).events.order_by("pk").values_list("sim_at", flat=True))
    assert times == sorted(times), "events were logged in simulated-time order"
    session = PracticeSession.objects.get(pk=g.session_id)
    assert local(session.sim_now) == datetime.datetime(2026, 3, 12, 10, tzinfo=IST)


def test_working_day_limits_skip_the_calendar_s_holidays(desk_factory, start):
    from tests.factories.simulator import HolidayCalendarFactory, HolidayFactory

    calendar = HolidayCalendarFactory()
    HolidayFactory(calendar=calendar, date=datetime.date(2026, 3, 4), name="Holi")
    desk = desk_factory(calendar=calendar)
    g = start(desk.scenario(service=desk.rts))  # 3 working days from Monday 2 March
    assert local(g.disposal_due_at) == eod("2026-03-06")  # Tue, (Wed holiday), Thu, Fri
    other = desk_factory()  # no calendar: Sundays only
    plain = start(other.scenario(service=other.rts))
    assert local(plain.disposal_due_at) == eod("2026-03-05")


def test_finished_sessions_are_not_swept(escalating, start, trainee):
    g = start(escalating.case)
    services.finish_session(session=g.session, actor=trainee)
    PracticeSession.objects.update(sim_now=F("sim_now") + datetime.timedelta(days=30))
    assert services.sweep(now=MONDAY).grievances == 0
    assert not GrievanceEvent.objects.filter(action=A.ESCALATE).exists()
