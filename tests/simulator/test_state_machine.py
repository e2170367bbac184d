"""The one state machine, through ``services.perform``: every allowed (action, state) works
for each permitted simulated role; other roles and other states are refused with the
engine's rule code and the refusal is logged; misuse raises and logs nothing."""

import pytest

from lms.core.roles import Role
from simulator import services
from simulator.enums import (
    ACTORS,
    DESK_ACTIONS,
    FINAL_STATES,
    TIMER_ACTIONS,
    TRAINEE_ROLES,
    TRANSITIONS,
    Action,
    EngineRule,
    GrievanceState,
    Outcome,
    ScriptKind,
    SimRole,
    state_graph,
)
from simulator.models import GrievanceEvent
from tests.factories import make_user
from tests.simulator.conftest import fresh
from tests.simulator.helpers import payload_for, put_in_state

A = Action
S = GrievanceState
R = SimRole

DESK_MOVES = sorted(
    (action, source, role)
    for action in DESK_ACTIONS
    for source in TRANSITIONS[action]
    for role in ACTORS[action]
    if role in TRAINEE_ROLES
)
WRONG_ROLE = sorted(
    (action, min(TRANSITIONS[action]), role)
    for action in DESK_ACTIONS
    for role in TRAINEE_ROLES
    if role not in ACTORS[action]
)
WRONG_STATE = sorted(
    (action, state)
    for action in DESK_ACTIONS
    for state in S.values
    if state not in TRANSITIONS[action]
)


def test_the_map_is_complete_and_connected():
    assert set(TRANSITIONS) == set(ACTORS)
    graph = state_graph()
    seen, todo = {S.REGISTERED}, [S.REGISTERED]
    while todo:
        for target in graph[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    assert seen == set(S.values), "every state is reachable from registered"
    assert graph[S.CLOSED_OUT_OF_SCOPE] == graph[S.DUPLICATE_LINKED] == frozenset()
    assert graph[S.CLOSED] == {S.IN_APPEAL, S.CATEGORISED}  # appeal or reopen, in windows
    for state in set(S.values) - FINAL_STATES:
        assert graph[state], f"{state} is a dead end"
    for role in TRAINEE_ROLES:
        assert any(role in roles for roles in ACTORS.values())
    assert all(ACTORS[a] == {R.SYSTEM} for a in TIMER_ACTIONS)


def test_the_issue_s_main_line_is_in_the_map():
    line = [
        (A.CATEGORISE, S.REGISTERED, S.CATEGORISED),
        (A.FORWARD, S.CATEGORISED, S.ASSIGNED),
        (A.TAKE_UP, S.ASSIGNED, S.IN_PROGRESS),
        (A.INTERIM_REPLY, S.IN_PROGRESS, S.IN_PROGRESS),
        (A.SUBMIT_ATR, S.IN_PROGRESS, S.ATR_SUBMITTED),
        (A.APPROVE_ATR, S.ATR_SUBMITTED, S.ATR_APPROVED),
        (A.DISPOSE, S.ATR_APPROVED, S.DISPOSED),
        (A.FEEDBACK, S.DISPOSED, S.FEEDBACK_RECEIVED),
        (A.CLOSE, S.FEEDBACK_RECEIVED, S.CLOSED),
    ]
    for action, source, target in line:
        assert TRANSITIONS[action][source] == target


@pytest.fixture
def desk(desk_factory):
    return desk_factory()


@pytest.fixture
def grievance(desk, start):
    return start(desk.scenario())


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "source", "role"), DESK_MOVES)
def test_each_permitted_role_can_make_each_move(
    desk, grievance, act, trainee, action, source, role
):
    g = put_in_state(grievance, desk, source, acknowledged=action != A.ACKNOWLEDGE)
    result = act(g, action, role, **payload_for(action, g))
    assert result.ok, (result.rule_code, result.message)
    assert fresh(g).state == TRANSITIONS[action][source]
    event = result.event
    assert (event.action, event.role, event.outcome) == (action, role, Outcome.OK)
    assert (event.from_state, event.to_state) == (source, TRANSITIONS[action][source])
    assert event.actor == trainee
    assert event.sim_at == g.session.sim_now


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "source", "role"), WRONG_ROLE)
def test_other_roles_are_refused_and_the_refusal_is_logged(
    desk, grievance, act, action, source, role
):
    g = put_in_state(grievance, desk, source, acknowledged=action != A.ACKNOWLEDGE)
    before = fresh(g)
    result = act(g, action, role, **payload_for(action, g))
    assert not result.ok
    assert result.rule_code == EngineRule.ROLE
    after = fresh(g)
    assert (after.state, after.office_id, after.category_id) == (
        before.state,
        before.office_id,
        before.category_id,
    )
    logged = GrievanceEvent.objects.get(pk=result.event.pk)
    assert (logged.outcome, logged.rule_code, logged.role) == (
        Outcome.REFUSED,
        EngineRule.ROLE,
        role,
    )
    assert logged.message


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "state"), WRONG_STATE)
def test_moves_from_other_states_are_refused_and_logged(desk, grievance, act, action, state):
    g = put_in_state(grievance, desk, state)
    role = sorted(ACTORS[action] & set(TRAINEE_ROLES))[0]
    result = act(g, action, role, **payload_for(action, g))
    assert not result.ok
    assert result.rule_code == EngineRule.STATE
    assert fresh(g).state == state
    assert GrievanceEvent.objects.filter(
        pk=result.event.pk, outcome=Outcome.REFUSED, from_state=state, to_state=state
    ).exists()


@pytest.mark.django_db
def test_citizen_and_call_centre_act_only_through_the_script(desk, grievance, act):
    g = put_in_state(grievance, desk, S.DISPOSED)
    refused = act(g, A.FEEDBACK, R.CALL_CENTRE, rating="good")
    assert (refused.ok, refused.rule_code) == (False, EngineRule.ROLE_NOT_PLAYED)
    services.inject_event(
        grievance=g, kind=ScriptKind.FEEDBACK, payload={"rating": "good", "satisfied": True}
    )
    assert fresh(g).state == S.FEEDBACK_RECEIVED
    services.inject_event(grievance=g, kind=ScriptKind.APPEAL, payload={"grounds": "Not done."})
    g = fresh(g)
    assert (g.state, g.appeal_level) == (S.IN_APPEAL, 1)
    roles = list(g.events.values_list("action", "role"))
    assert (A.FEEDBACK, R.CALL_CENTRE) in roles and (A.APPEAL, R.CITIZEN) in roles


@pytest.mark.django_db
def test_a_scenario_limits_the_roles_the_trainee_plays(desk, start, act):
    g = start(desk.scenario(playable_roles=[R.APPELLATE_AUTHORITY]))
    result = act(g, A.CATEGORISE, R.NODAL_OFFICER, category="leaf")
    assert (result.ok, result.rule_code) == (False, EngineRule.ROLE_NOT_PLAYED)
    assert fresh(g).state == S.REGISTERED
    system = act(g, A.CATEGORISE, R.SYSTEM, category="leaf")
    assert system.rule_code == EngineRule.ROLE_NOT_PLAYED


@pytest.mark.django_db
def test_only_the_trainee_acts_in_their_session(desk, grievance, department):
    other = make_user(Role.TRAINEE, department=department)
    with pytest.raises(services.SimulatorError):
        services.perform(
            grievance=grievance,
            action=A.CATEGORISE,
            actor=other,
            role=R.NODAL_OFFICER,
            payload={"category": "leaf"},
        )
    with pytest.raises(services.SimulatorError):
        services.advance_clock(session=grievance.session, actor=other, days=1)
    assert not grievance.events.exclude(action=A.REGISTER).exists()


@pytest.mark.django_db
def test_misuse_raises_and_is_not_logged(grievance, trainee, act):
    for action, role in ((A.ESCALATE, R.SYSTEM), ("fly", R.NODAL_OFFICER), (A.CATEGORISE, "king")):
        with pytest.raises(services.SimulatorError):
            services.perform(grievance=grievance, action=action, actor=trainee, role=role)
    services.finish_session(session=grievance.session, actor=trainee)
    with pytest.raises(services.SimulatorError):
        act(grievance, A.CATEGORISE, R.NODAL_OFFICER, category="leaf")
    assert not grievance.events.exclude(action=A.REGISTER).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "payload", "code"),
    [
        (A.CATEGORISE, {}, EngineRule.INPUT_MISSING),
        (A.CATEGORISE, {"category": "nope"}, EngineRule.INPUT_INVALID),
        (A.TRANSFER, {"office": "elsewhere"}, EngineRule.INPUT_MISSING),
    ],
)
def test_bad_inputs_are_refused_and_logged(grievance, act, action, payload, code):
    result = act(grievance, action, R.NODAL_OFFICER, **payload)
    assert (result.ok, result.rule_code) == (False, code)
    assert result.event.pk


@pytest.mark.django_db
def test_forward_stays_inside_and_transfer_goes_outside_the_organisation(desk, grievance, act):
    g = put_in_state(grievance, desk, S.CATEGORISED)
    g.office = desk.nodal
    outside = act(g, A.FORWARD, R.NODAL_OFFICER, office="elsewhere")
    assert outside.rule_code == EngineRule.FORWARD_OUTSIDE
    inside = act(g, A.TRANSFER, R.NODAL_OFFICER, office="field", reason="wrong place")
    assert inside.rule_code == EngineRule.TRANSFER_INSIDE
    moved = act(g, A.TRANSFER, R.NODAL_OFFICER, office="elsewhere", reason="B's matter")
    assert moved.ok
    g = fresh(g)
    assert (g.state, g.office, g.transfer_count) == (S.REGISTERED, desk.elsewhere, 1)
