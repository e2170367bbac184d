"""A case that needs several offices (the simulator issue): co-offices file their inputs to
the lead office, which files one action-taken report once every input has arrived and
says whose inputs it consolidates. A report filed before an input arrived, a report of a
co-office's own (refused by the desk), or a report silent on the inputs lose routing
points with a deduction that says so; the right play scores full marks."""

import pytest

from simulator import selectors, services
from simulator.audit import MARGIN, Mutation, _score, mutations
from simulator.enums import Action, EngineRule, Outcome, SimRole
from simulator.models import PracticeSession, Scenario
from simulator.scorecard import Case, Event
from simulator.scorer import score

from .conftest import fresh

pytestmark = pytest.mark.django_db

A = Action
R = SimRole
NODAL, DO = R.NODAL_OFFICER, R.DESIGNATED_OFFICER
CODE = "cmw-branch-on-street-light"
LEAD, CO = "mcg-horticulture", "mcg-electrical"
REPORT = (
    "Action taken: the branch was removed and the light restored on 03/03/2026, "
    "consolidating the input of Executive Engineer (Electrical), MC Gurugram; a dated "
    "photo is attached. — Horticulture Officer"
)
SILENT = (
    "Action taken: the branch was removed and the light restored on 03/03/2026; a dated "
    "photo is attached. — Horticulture Officer"
)


@pytest.fixture
def forwarded(seeded, start, act):
    """The branch case, acknowledged, categorised and forwarded to the Horticulture wing
    (lead) with the Electrical wing, and taken up by the lead."""
    g = start(Scenario.objects.get(code=CODE))
    assert act(g, A.ACKNOWLEDGE, NODAL).ok
    assert act(fresh(g), A.CATEGORISE, NODAL, category="ulb-tree").ok
    assert act(fresh(g), A.FORWARD, NODAL, office=LEAD, also=[CO]).ok
    assert act(fresh(g), A.TAKE_UP, DO).ok
    return fresh(g)


def finish(g, trainee) -> PracticeSession:
    services.finish_session(session=g.session, actor=trainee)
    return PracticeSession.objects.get(pk=g.session_id)


def routing_deductions(session) -> dict[str, str]:
    dim = next(d for d in session.score_breakdown["dimensions"] if d["code"] == "routing")
    return {d["code"]: d["detail"] for d in dim["deductions"]}


def submit_report(act, g, text=REPORT, **extra):
    return act(g, A.SUBMIT_ATR, DO, text=text, resolved=True, evidence="photo.jpg", **extra)


# ---------------------------------------------------------------- the desk
def test_a_co_office_files_its_input_once_and_only_a_co_office_may(forwarded, act):
    assert A.SUBMIT_INPUT in selectors.desk_actions(forwarded, DO)
    stranger = act(forwarded, A.SUBMIT_INPUT, DO, office="mcg-nodal", text="Our input.")
    assert not stranger.ok and stranger.event.rule_code == EngineRule.INPUT_INVALID
    filed = act(fresh(forwarded), A.SUBMIT_INPUT, DO, office=CO, text="Cable re-joined.")
    assert filed.ok and fresh(forwarded).co_inputs == [CO]
    again = act(fresh(forwarded), A.SUBMIT_INPUT, DO, office=CO, text="Again.")
    assert not again.ok and again.event.rule_code == EngineRule.INPUT_INVALID


def test_a_case_with_one_office_offers_no_input(seeded, start, act):
    g = start(Scenario.objects.get(code="cmw-mutation-bribe-allegation"))
    assert act(g, A.CATEGORISE, NODAL, category="rev-mutation").ok
    assert act(fresh(g), A.FORWARD, NODAL, office="tehsil-sohna").ok
    assert A.SUBMIT_INPUT not in selectors.desk_actions(fresh(g), DO)


def test_a_co_office_may_not_file_a_report_of_its_own(forwarded, act):
    result = submit_report(act, forwarded, office=CO)
    assert not result.ok and result.event.rule_code == EngineRule.LEAD_ATR
    assert "co-office" in result.event.message
    assert fresh(forwarded).state == "in_progress"  # nothing changed


def test_the_lead_report_records_whose_inputs_it_had(forwarded, act):
    assert act(forwarded, A.SUBMIT_INPUT, DO, office=CO, text="Cable re-joined.").ok
    result = submit_report(act, fresh(forwarded))
    assert result.ok
    assert result.event.payload["inputs"] == [CO] and result.event.payload["awaited"] == []


# ---------------------------------------------------------------- the score
def test_the_lead_report_with_every_input_named_scores_full_marks(forwarded, act, trainee):
    assert act(forwarded, A.SUBMIT_INPUT, DO, office=CO, text="Cable re-joined.").ok
    assert submit_report(act, fresh(forwarded)).ok
    session = finish(fresh(forwarded), trainee)
    assert float(session.score) == 100.0, session.score_breakdown


def test_a_lead_report_filed_before_the_input_arrived_loses_routing_points(forwarded, act, trainee):
    assert submit_report(act, forwarded).ok
    session = finish(fresh(forwarded), trainee)
    details = routing_deductions(session)
    assert "score.routing.consolidation" in details
    assert (
        "before the input of Executive Engineer (Electrical)"
        in details["score.routing.consolidation"]
    )
    assert float(session.score) <= 100 - MARGIN


def test_a_separate_report_by_the_co_office_loses_routing_points(forwarded, act, trainee):
    assert not submit_report(act, forwarded, office=CO).ok
    session = finish(fresh(forwarded), trainee)
    details = routing_deductions(session)
    assert "report of its own" in details["score.routing.separate-atr"]
    assert float(session.score) <= 100 - MARGIN


def test_a_report_silent_on_the_inputs_it_consolidates_loses_routing_points(
    forwarded, act, trainee
):
    assert act(forwarded, A.SUBMIT_INPUT, DO, office=CO, text="Cable re-joined.").ok
    assert submit_report(act, fresh(forwarded), text=SILENT).ok
    session = finish(fresh(forwarded), trainee)
    details = routing_deductions(session)
    assert (
        "does not say that it consolidates the input of"
        in details["score.routing.consolidation-named"]
    )
    assert float(session.score) <= 100 - MARGIN


def test_an_input_arriving_only_after_a_new_forward_is_asked_for_afresh():
    """Pure scoring: the inputs count for the forward they answer; forwarded again, the
    lead waits for them again."""
    case = Case(
        key_office="lead",
        key_co_offices=("co",),
        mandatory_steps=(A.FORWARD, A.SUBMIT_INPUT, A.SUBMIT_ATR),
        office_names={"co": ("co", "Electrical wing")},
    )
    forward = Event(A.FORWARD, payload={"office": "lead", "also": ["co"]})
    input_ = Event(A.SUBMIT_INPUT, role=R.DESIGNATED_OFFICER, payload={"office": "co"})
    report = Event(
        A.SUBMIT_ATR, role=R.DESIGNATED_OFFICER, payload={"text": "With the Electrical wing."}
    )

    def codes(events):
        return {d.code for d in score(events, case).deductions}

    assert "score.routing.consolidation" not in codes([forward, input_, report])
    assert "score.routing.consolidation" in codes([forward, report])
    assert "score.routing.consolidation" in codes([input_, forward, report])
    refused = Event(
        A.SUBMIT_ATR,
        outcome=Outcome.REFUSED,
        role=R.DESIGNATED_OFFICER,
        rule_code=EngineRule.LEAD_ATR,
        payload={"office": "co", "text": "Ours."},
    )
    assert "score.routing.separate-atr" in codes([forward, refused, input_, report])


# ---------------------------------------------------------------- the mutation audit
def test_the_audit_plays_each_consolidation_mistake_and_each_loses(seeded, trainee, monday):
    scenario = Scenario.objects.get(code=CODE)
    names = {m.name for m in mutations(scenario)}
    wanted = {
        f"consolidation:atr-before-input-of-{CO}",
        f"consolidation:separate-atr-by-{CO}",
        "consolidation:atr-silent-on-inputs",
    }
    assert wanted <= names
    key, _done = _score(scenario, trainee, None, monday)
    assert key == 100
    for name in sorted(wanted):
        kind = {
            "consolidation:atr-before-input-of-": f"skip:{CO}",
            "consolidation:separate-atr-by-": f"separate:{CO}",
            "consolidation:atr-silent-on-inputs": "silent",
        }[name.removesuffix(CO)]
        wrong, _done = _score(scenario, trainee, Mutation(name, consolidation=kind), monday)
        assert wrong <= key - MARGIN, (name, wrong)
