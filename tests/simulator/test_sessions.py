"""Practice sessions: who may start one, the simulated clock, the frozen rulebook, and the
reads the trainee's desk uses (own sessions only, no answer key)."""

import datetime

import pytest
from django.utils import timezone

from lms.core.models import AuditEntry
from lms.core.roles import Role
from simulator import selectors, services
from simulator.enums import Action, GrievanceState, RuleKind, SessionStatus, SimRole
from simulator.models import PracticeSession, Rule, Scenario
from tests.factories import make_user
from tests.simulator.conftest import IST, MONDAY, fresh

A = Action
S = GrievanceState
R = SimRole
pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(desk_factory):
    return desk_factory()


def test_a_session_starts_on_today_s_date_at_the_received_time(desk, start):
    scenario = desk.scenario(received_days_ago=3, received_time=datetime.time(18, 30))
    g = start(scenario)
    session = g.session
    assert timezone.localtime(session.sim_now) == datetime.datetime(2026, 3, 2, 18, 30, tzinfo=IST)
    assert session.sim_started_at == session.sim_now == session.sim_anchor
    assert timezone.localtime(g.received_at) == datetime.datetime(2026, 2, 27, 18, 30, tzinfo=IST)
    assert g.reg_no == f"DEPA/E/2026/{g.pk:07d}"
    assert session.rulebook_snapshot["code"] == desk.rulebook.code
    assert AuditEntry.objects.filter(action="simulator.session_started").count() == 1
    register = g.events.get(action=A.REGISTER)
    assert register.payload["reg_no"] == g.reg_no


def test_the_rulebook_is_frozen_for_a_running_session(desk_factory, start, act):
    desk = desk_factory(rules={RuleKind.MAX_TRANSFERS: {"max": 1}})
    scenario = desk.scenario()
    g = start(scenario)
    Rule.objects.filter(kind=RuleKind.MAX_TRANSFERS).update(params={"max": 0})
    desk.rulebook.disposal_amount = 1
    desk.rulebook.save()
    assert act(g, A.TRANSFER, R.NODAL_OFFICER, office="elsewhere", reason="B's").ok
    fresh_session = start(scenario)
    refused = act(fresh_session, A.TRANSFER, R.NODAL_OFFICER, office="elsewhere", reason="B's")
    assert refused.rule_code == f"test.{RuleKind.MAX_TRANSFERS}"


def test_only_trainees_and_authors_practise(desk, trainer, hod, monday):
    scenario = desk.scenario()
    assert services.start_session(trainee=trainer, scenario=scenario, now=monday)
    with pytest.raises(services.SimulatorError):
        services.start_session(trainee=hod, scenario=scenario, now=monday)


def test_a_withdrawn_scenario_is_for_authors_only(desk, trainee, trainer, monday):
    scenario = desk.scenario(is_active=False)
    with pytest.raises(services.SimulatorError):
        services.start_session(trainee=trainee, scenario=scenario, now=monday)
    assert services.start_session(trainee=trainer, scenario=scenario, now=monday)


def test_advance_clock_rules(desk, start, trainee):
    g = start(desk.scenario())
    for kwargs in ({}, {"days": -1}, {"days": 401}):
        with pytest.raises(services.SimulatorError):
            services.advance_clock(session=g.session, actor=trainee, **kwargs)
    services.advance_clock(session=g.session, actor=trainee, hours=5, minutes=30)
    session = PracticeSession.objects.get(pk=g.session_id)
    assert session.sim_now - session.sim_started_at == datetime.timedelta(hours=5, minutes=30)
    assert session.sim_anchor == session.sim_now


def test_speed_re_anchors_the_running_clock(desk, start, trainee):
    g = start(desk.scenario())
    later = MONDAY + datetime.timedelta(minutes=10)
    services.set_speed(session=g.session, actor=trainee, speed=60, now=later)
    services.sweep(now=later + datetime.timedelta(minutes=2))  # 2 real minutes = 2 hours
    session = PracticeSession.objects.get(pk=g.session_id)
    assert session.sim_now - session.sim_started_at == datetime.timedelta(hours=2)
    services.set_speed(session=session, actor=trainee, speed=0, now=later)
    services.sweep(now=later + datetime.timedelta(days=1))
    assert PracticeSession.objects.get(pk=g.session_id).sim_now == session.sim_now


def test_finishing_freezes_the_session(desk, start, trainee):
    g = start(desk.scenario())
    session = services.finish_session(session=g.session, actor=trainee)
    assert session.status == SessionStatus.FINISHED and session.finished_at
    with pytest.raises(services.SimulatorError):
        services.advance_clock(session=session, actor=trainee, days=1)
    with pytest.raises(services.SimulatorError):
        services.finish_session(session=session, actor=trainee)


def test_trainees_see_only_their_own_sessions(desk, start, trainee, department):
    other = make_user(Role.TRAINEE, department=department)
    mine = start(desk.scenario()).session
    theirs = start(desk.scenario(), user=other).session
    assert list(selectors.sessions_for(trainee)) == [mine]
    assert selectors.session_for(trainee, mine.pk) == mine
    with pytest.raises(PracticeSession.DoesNotExist):
        selectors.session_for(trainee, theirs.pk)
    assert selectors.active_session(trainee, mine.scenario) == mine


def test_the_answer_key_stays_out_of_the_trainee_s_reads(seeded, start):
    scenario = selectors.scenarios_for_trainees().get(code="cmw-income-certificate-not-applied")
    assert {"key_citizen_applied", "key_notes", "script"} <= scenario.get_deferred_fields()
    g = start(Scenario.objects.get(pk=scenario.pk))
    view = selectors.desk_view(g)
    assert "citizen_applied" not in view and "facilitation_due_at" not in view
    assert view["reg_no"].startswith("CMOFF/N/2026/")
    assert view["is_rts"] is True


def test_desk_actions_follow_the_state_machine(desk, start):
    g = start(desk.scenario())
    assert selectors.desk_actions(g, R.NODAL_OFFICER) == sorted(
        [
            A.ACKNOWLEDGE,
            A.CATEGORISE,
            A.CLOSE_OUT_OF_SCOPE,
            A.LINK_DUPLICATE,
            A.TRANSFER,
        ]
    )
    assert selectors.desk_actions(g, R.DESIGNATED_OFFICER) == []


def test_the_event_log_reads_in_simulated_time_order(
    seeded, start, act, trainee, django_assert_max_num_queries
):
    g = start(Scenario.objects.get(code="bihar-garbage-duplicate"))
    act(g, A.ACKNOWLEDGE, R.NODAL_OFFICER)
    services.advance_clock(session=g.session, actor=trainee, days=3)
    with django_assert_max_num_queries(1):
        events = list(selectors.event_log(g.session))
        assert [e.grievance.reg_no for e in events]
    assert [e.sim_at for e in events] == sorted(e.sim_at for e in events)
    assert {e.grievance_id for e in events} == {x.pk for x in selectors.grievances(g.session)}
    row = list(selectors.sessions_for(trainee))[0]
    assert (row.actions, row.refusals) == (1, 0)


def test_state_survives_a_reload(desk, start, act):
    g = start(desk.scenario())
    act(g, A.CATEGORISE, R.NODAL_OFFICER, category="leaf")
    assert fresh(g).state == S.CATEGORISED
