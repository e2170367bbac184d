"""Scripted events (call-centre feedback, callbacks, duplicates, allegations, appeals,
reopening) and what they force: remand on contradicting feedback, the reopen window."""

import datetime

import pytest

from simulator import services
from simulator.enums import Action, GrievanceState, Outcome, RuleKind, ScriptKind, SimRole
from simulator.models import Grievance, Scenario
from simulator.scripts import validate_script
from tests.simulator.conftest import fresh

A = Action
S = GrievanceState
R = SimRole
DO, SENIOR, NODAL = R.DESIGNATED_OFFICER, R.SENIOR, R.NODAL_OFFICER
pytestmark = pytest.mark.django_db
REMAND_RULE = "cmw.remand-on-contradiction"


@pytest.fixture
def street_light(seeded, start, act):
    """CM Window: ATR submitted; the Call Centre's feedback comes 4 hours later."""
    g = start(Scenario.objects.get(code="cmw-street-light-atr-contradicted"))
    assert act(g, A.SUBMIT_ATR, DO, text="Repaired.", resolved=True).ok
    return fresh(g)


def test_feedback_contradicting_an_approved_atr_forces_a_remand(street_light, act, trainee):
    g = street_light
    assert act(g, A.APPROVE_ATR, SENIOR).ok  # sent up before the feedback came
    services.advance_clock(session=g.session, actor=trainee, hours=5)
    g = fresh(g)
    assert (g.state, g.remand_count, g.feedback_contradicts) == (S.REMANDED, 1, True)
    feedback = g.events.get(action=A.FEEDBACK)
    assert (feedback.role, feedback.payload["contradicts"]) == (R.CALL_CENTRE, True)
    remand = g.events.get(action=A.REMAND)
    assert (remand.role, remand.rule_code, remand.from_state) == (
        R.SYSTEM,
        REMAND_RULE,
        S.ATR_APPROVED,
    )
    assert remand.sim_at == feedback.sim_at
    assert "Administrative Secretary" in remand.payload["directions"]


def test_approving_against_contradicting_feedback_is_remanded(street_light, act, trainee):
    g = street_light
    services.advance_clock(session=g.session, actor=trainee, hours=5)
    g = fresh(g)
    assert (g.state, g.feedback_contradicts) == (S.ATR_SUBMITTED, True)  # with the senior
    approved = act(g, A.APPROVE_ATR, SENIOR)
    assert approved.ok
    assert [e.action for e in approved.follow_ups] == [A.REMAND]
    assert approved.follow_ups[0].rule_code == REMAND_RULE
    assert fresh(g).state == S.REMANDED


def test_a_senior_who_reads_the_feedback_returns_the_atr(street_light, act, trainee):
    g = street_light
    services.advance_clock(session=g.session, actor=trainee, hours=5)
    assert act(g, A.RETURN_ATR, SENIOR, note="The citizen says it is still dark.").ok
    g = fresh(g)
    assert (g.state, g.remand_count) == (S.IN_PROGRESS, 0)
    assert act(g, A.CALL_CITIZEN, DO, note="Visited with the lineman.").ok
    assert act(g, A.SUBMIT_ATR, DO, text="Fixed; dated photo.", evidence="pole14.jpg").ok
    assert fresh(g).feedback_contradicts is False  # a new ATR awaits new feedback
    assert act(g, A.APPROVE_ATR, SENIOR).ok
    assert fresh(g).state == S.ATR_APPROVED


def test_after_a_remand_the_officer_works_it_again(street_light, act, trainee):
    g = street_light
    act(g, A.APPROVE_ATR, SENIOR)
    services.advance_clock(session=g.session, actor=trainee, hours=5)
    for action, payload in (
        (A.TAKE_UP, {}),
        (A.CALL_CITIZEN, {"note": "Apologised; visiting today."}),
        (A.SUBMIT_ATR, {"text": "Replaced the choke; photo attached.", "evidence": "p.jpg"}),
    ):
        assert act(g, action, DO, **payload).ok
    assert fresh(g).state == S.ATR_SUBMITTED
    assert fresh(g).events.filter(action=A.FEEDBACK).count() == 1  # the script fires once


def test_without_the_remand_rule_contradiction_is_only_flagged(desk_factory, start, act):
    desk = desk_factory()
    g = start(desk.scenario(initial_state=S.IN_PROGRESS, initial_category=desk.leaf))
    act(g, A.SUBMIT_ATR, DO, text="Done.")
    act(g, A.APPROVE_ATR, SENIOR)
    services.inject_event(
        grievance=g, kind=ScriptKind.FEEDBACK, payload={"rating": "poor", "satisfied": False}
    )
    g = fresh(g)
    assert (g.state, g.feedback_contradicts) == (S.ATR_APPROVED, True)
    assert not g.events.filter(action=A.REMAND).exists()


def test_satisfied_feedback_does_not_contradict(street_light, act):
    g = street_light
    services.inject_event(
        grievance=g, kind=ScriptKind.FEEDBACK, payload={"rating": "good", "satisfied": True}
    )
    assert act(g, A.APPROVE_ATR, SENIOR).ok
    assert fresh(g).remand_count == 0


# ---------------------------------------------------------------- other scripted events
def test_a_duplicate_complaint_arrives_and_is_linked(seeded, start, act, trainee):
    g = start(Scenario.objects.get(code="bihar-garbage-duplicate"))
    services.advance_clock(session=g.session, actor=trainee, hours=3)
    duplicate = Grievance.objects.get(session=g.session, is_primary=False)
    assert duplicate.key_duplicate_of_id == g.pk
    assert duplicate.citizen_name == "Smt. Poonam Sinha"
    assert duplicate.reg_no.startswith("PMC/2026/") and duplicate.reg_no != g.reg_no
    received = fresh(g).events.get(action=A.DUPLICATE_RECEIVED)
    assert received.payload["duplicate"] == duplicate.pk
    linked = act(duplicate, A.LINK_DUPLICATE, NODAL, original=g.reg_no)
    assert linked.ok
    duplicate = fresh(duplicate)
    assert (duplicate.state, duplicate.duplicate_of_id) == (S.DUPLICATE_LINKED, g.pk)
    services.advance_clock(session=g.session, actor=trainee, days=5)
    assert not duplicate.events.filter(action=A.DEADLINE_MISSED).exists()  # clocks stopped


def test_a_duplicate_cannot_be_linked_to_itself_or_another_session(seeded, start, act):
    scenario = Scenario.objects.get(code="bihar-garbage-duplicate")
    g = start(scenario)
    other = start(scenario)
    assert act(g, A.LINK_DUPLICATE, NODAL, original=g.pk).rule_code == "input.invalid"
    assert act(g, A.LINK_DUPLICATE, NODAL, original=other.pk).rule_code == "input.invalid"


def test_a_citizen_callback_is_logged_at_its_time(seeded, start, trainee):
    g = start(Scenario.objects.get(code="bihar-trade-licence-working-days"))
    services.advance_clock(session=g.session, actor=trainee, days=8)
    assert not fresh(g).events.filter(action=A.CITIZEN_CALLBACK).exists()
    services.advance_clock(session=g.session, actor=trainee, days=2)
    callback = fresh(g).events.get(action=A.CITIZEN_CALLBACK)
    assert callback.sim_at == g.session.sim_started_at + datetime.timedelta(hours=216)
    assert callback.payload["text_hi"]


def test_reopen_within_the_window(seeded, start, act, trainee):
    g = start(Scenario.objects.get(code="bihar-garbage-reopen"))
    assert g.state == S.DISPOSED
    services.advance_clock(session=g.session, actor=trainee, hours=49)
    g = fresh(g)
    assert (g.state, g.reopen_count, g.disposed_at) == (S.CATEGORISED, 1, None)
    reopen = g.events.get(action=A.REOPEN)
    assert (reopen.role, reopen.outcome) == (R.CITIZEN, Outcome.OK)
    assert act(g, A.FORWARD, NODAL, office="pmc-sanitation-w22").ok


@pytest.mark.parametrize(("hours", "allowed"), [(71, True), (72, True), (73, False)])
def test_the_reopen_window_edge(desk_factory, start, trainee, hours, allowed):
    desk = desk_factory()  # reopen within 72 hours
    g = start(
        desk.scenario(initial_state=S.DISPOSED, initial_category=desk.leaf, preset_reply="Done.")
    )
    services.advance_clock(session=g.session, actor=trainee, hours=hours)
    event = services.inject_event(grievance=g, kind=ScriptKind.REOPEN, payload={"reason": "No."})
    assert (event.outcome == Outcome.OK) is allowed
    if not allowed:
        assert event.rule_code == desk.rules[RuleKind.REOPEN_WINDOW].code
        assert fresh(g).state == S.DISPOSED


def test_without_a_reopen_rule_reopening_is_not_provided(desk_factory, start):
    desk = desk_factory(rules={RuleKind.REOPEN_WINDOW: None})
    g = start(
        desk.scenario(initial_state=S.DISPOSED, initial_category=desk.leaf, preset_reply="Done.")
    )
    event = services.inject_event(grievance=g, kind=ScriptKind.REOPEN, payload={"reason": "No."})
    assert (event.outcome, event.rule_code) == (Outcome.REFUSED, "reopen.not_provided")


def test_a_script_event_that_no_longer_applies_is_skipped(desk_factory, start, trainee):
    desk = desk_factory()
    scenario = desk.scenario(
        script=[{"kind": "reopen", "at_hours": 1, "payload": {"reason": "Again."}}]
    )
    g = start(scenario)
    services.advance_clock(session=g.session, actor=trainee, hours=2)
    skipped = fresh(g).events.get(action=A.REOPEN)
    assert skipped.outcome == Outcome.SKIPPED
    assert fresh(g).state == S.REGISTERED


def test_anchored_events_wait_for_their_action(seeded, start, trainee):
    g = start(Scenario.objects.get(code="cmw-street-light-atr-contradicted"))
    services.advance_clock(session=g.session, actor=trainee, days=3)
    assert not fresh(g).events.filter(action=A.FEEDBACK).exists()  # no ATR, no feedback


def test_the_allegation_names_the_office_at_the_time(seeded, start, act, trainee):
    g = start(Scenario.objects.get(code="cmw-mutation-bribe-allegation"))
    act(g, A.CATEGORISE, NODAL, category="rev-mutation")
    act(g, A.FORWARD, NODAL, office="tehsil-sohna")
    services.advance_clock(session=g.session, actor=trainee, hours=30)
    g = fresh(g)
    assert g.allegation_office.code == "tehsil-sohna"
    assert g.events.get(action=A.ALLEGATION).payload["against_office"] == "tehsil-sohna"


def test_inject_event_validates_its_payload(desk_factory, start):
    g = start(desk_factory().scenario())
    with pytest.raises(services.SimulatorError):
        services.inject_event(grievance=g, kind=ScriptKind.FEEDBACK, payload={"rating": "meh"})


@pytest.mark.parametrize(
    ("script", "problem"),
    [
        ({"kind": "feedback"}, "must be a JSON list"),
        ([{"kind": "weather", "payload": {}}], "kind must be one of"),
        ([{"kind": "feedback", "payload": {"rating": "poor"}}], "payload needs satisfied"),
        ([{"kind": "feedback", "payload": {"rating": "bad", "satisfied": False}}], "rating"),
        ([{"kind": "citizen_callback", "at_hours": -1, "payload": {"text": "x"}}], "at_hours"),
        ([{"kind": "citizen_callback", "after": "dance", "payload": {"text": "x"}}], "'after'"),
        ([{"kind": "citizen_callback", "payload": {"text": "x", "mood": "angry"}}], "unknown keys"),
        ([{"kind": "appeal", "payload": {"grounds": " "}}], "grounds must be text"),
    ],
)
def test_scripts_are_validated(script, problem):
    problems = validate_script(script)
    assert problems and any(problem in p for p in problems), problems
