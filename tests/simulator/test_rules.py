"""Every forbidden action of each seeded rulebook is refused with the rule that forbids it,
the refusal is logged (outcome refused, rule code, the rule's message) and the grievance
is left as it was. A coverage check makes sure no refusing rule lacks a recipe here."""

import pytest
from django.utils import timezone

from simulator import services
from simulator.enums import Action, GrievanceState, Outcome, ScriptKind, SimRole
from simulator.models import Grievance, Rule, Scenario
from simulator.rules import REFUSING_KINDS
from tests.simulator.conftest import fresh

A = Action
S = GrievanceState
R = SimRole
NODAL, DO, SENIOR = R.NODAL_OFFICER, R.DESIGNATED_OFFICER, R.SENIOR


def _ok(result):
    assert result.ok, (result.rule_code, result.message)
    return result.grievance


def _to_in_progress(act, g, *, category, office):
    _ok(act(g, A.CATEGORISE, NODAL, category=category))
    _ok(act(g, A.FORWARD, NODAL, office=office))
    return _ok(act(g, A.TAKE_UP, DO))


def _to_disposed(act, g, *, category, office):
    g = _to_in_progress(act, g, category=category, office=office)
    _ok(act(g, A.SUBMIT_ATR, DO, text="Done; photo attached.", evidence="photo.jpg"))
    _ok(act(g, A.APPROVE_ATR, SENIOR))
    return _ok(act(g, A.DISPOSE, NODAL, reply="Redressed."))


def _scenario(code):
    return Scenario.objects.get(code=code)


def _last(g):
    return fresh(g).events.order_by("-pk").first()


# Each recipe gets (start, act, trainee) and returns the refused ActionResult or event.
def not_pertaining(start, act, trainee):
    g = start(_scenario("cpgrams-pension-wrong-department"))
    return act(
        g,
        A.CLOSE_OUT_OF_SCOPE,
        NODAL,
        reason="suggestion",
        reply="The grievance does not pertain to this Department and is closed.",
    )


def cpgrams_out_of_scope(start, act, trainee):
    g = start(_scenario("cpgrams-pension-wrong-department"))
    return act(g, A.CLOSE_OUT_OF_SCOPE, NODAL, reason="too_old", reply="Closed: too old.")


def max_transfers(start, act, trainee):
    g = start(_scenario("cpgrams-transfer-limit"))
    return act(g, A.TRANSFER, NODAL, office="dfs-nodal", reason="Banking matter.")


def multi_forward(start, act, trainee):
    g = start(_scenario("cpgrams-transfer-limit"))
    _ok(act(g, A.CATEGORISE, NODAL, category="posts-savings"))
    also = [f"posts-division-{d}" for d in ("faridabad", "rohtak", "karnal", "ambala", "hisar")]
    return act(g, A.FORWARD, NODAL, office="posts-division", also=also)


def cmw_multi_forward(start, act, trainee):
    g = start(_scenario("cmw-branch-on-street-light"))
    _ok(act(g, A.CATEGORISE, NODAL, category="ulb-tree"))
    also = ["mcg-electrical", "mcg-nodal"]
    return act(g, A.FORWARD, NODAL, office="mcg-horticulture", also=also)


def bihar_multi_forward(start, act, trainee):
    g = start(_scenario("bihar-garbage-duplicate"))
    _ok(act(g, A.CATEGORISE, NODAL, category="swm-garbage"))
    also = ["pmc-sanitation-w9", "pmc-water", "pmc-lighting"]
    return act(g, A.FORWARD, NODAL, office="pmc-sanitation-w22", also=also)


def interim_without_date(start, act, trainee):
    g = start(_scenario("cpgrams-fob-repair-interim-reply"))
    g = _to_in_progress(act, g, category="railways-amenities", office="railways-division")
    return act(g, A.INTERIM_REPLY, DO, text="Sanction awaited.")


def appeal_without_poor_rating(start, act, trainee):
    g = start(_scenario("cpgrams-fob-repair-interim-reply"))
    g = _to_disposed(act, g, category="railways-amenities", office="railways-division")
    services.inject_event(
        grievance=g, kind=ScriptKind.FEEDBACK, payload={"rating": "average", "satisfied": True}
    )
    return services.inject_event(
        grievance=g, kind=ScriptKind.APPEAL, payload={"grounds": "I want a faster repair."}
    )


def no_reopen_on_cpgrams(start, act, trainee):
    g = start(_scenario("cpgrams-fob-repair-interim-reply"))
    g = _to_disposed(act, g, category="railways-amenities", office="railways-division")
    return services.inject_event(
        grievance=g, kind=ScriptKind.REOPEN, payload={"reason": "It broke again."}
    )


def parent_category(start, act, trainee):
    g = start(_scenario("cmw-branch-on-street-light"))
    return act(g, A.CATEGORISE, NODAL, category="ulb")


def return_not_applied(start, act, trainee):
    g = start(_scenario("cmw-income-certificate-not-applied"))
    g = _to_in_progress(act, g, category="rev-income-certificate", office="tehsil-sohna")
    return act(g, A.RETURN, DO, reason="citizen_not_applied", note="No application on SARAL.")


def officer_complained_against(start, act, trainee):
    g = start(_scenario("cmw-mutation-bribe-allegation"))
    _ok(act(g, A.CATEGORISE, NODAL, category="rev-mutation"))
    _ok(act(g, A.FORWARD, NODAL, office="tehsil-sohna"))
    services.advance_clock(session=g.session, actor=trainee, hours=25)
    assert _last(g).action == A.ALLEGATION
    return act(g, A.TAKE_UP, DO)


def cmw_out_of_scope(start, act, trainee):
    g = start(_scenario("cmw-branch-on-street-light"))
    return act(g, A.CLOSE_OUT_OF_SCOPE, NODAL, reason="religious", reply="Closed.")


def bihar_reopen_after_72_hours(start, act, trainee):
    g = start(_scenario("bihar-dead-animal-evening"))
    g = _to_disposed(act, g, category="swm-dead-animal", office="pmc-sanitation-w22")
    services.advance_clock(session=g.session, actor=trainee, hours=73)
    return services.inject_event(
        grievance=g, kind=ScriptKind.REOPEN, payload={"reason": "It is back."}
    )


def bihar_out_of_scope(start, act, trainee):
    g = start(_scenario("bihar-garbage-duplicate"))
    return act(g, A.CLOSE_OUT_OF_SCOPE, NODAL, reason="rti", reply="Closed.")


RECIPES = {
    "cpgrams.no-not-pertaining": not_pertaining,
    "cpgrams.out-of-scope": cpgrams_out_of_scope,
    "cpgrams.max-transfers": max_transfers,
    "cpgrams.multi-forward-limit": multi_forward,
    "cpgrams.interim-reply": interim_without_date,
    "cpgrams.appeal-on-poor-rating": appeal_without_poor_rating,
    "cpgrams.fresh-grievance-after-closure": no_reopen_on_cpgrams,
    "cmw.categorise-specific": parent_category,
    "cmw.no-return-not-applied": return_not_applied,
    "cmw.complaint-against-officer": officer_complained_against,
    "cmw.out-of-scope": cmw_out_of_scope,
    "cmw.multi-forward-limit": cmw_multi_forward,
    "bihar.multi-forward-limit": bihar_multi_forward,
    "bihar.reopen-72-hours": bihar_reopen_after_72_hours,
    "bihar.out-of-scope": bihar_out_of_scope,
}


def test_every_refusing_rule_of_the_seeds_has_a_recipe(seeded):
    refusing = set(Rule.objects.filter(kind__in=REFUSING_KINDS).values_list("code", flat=True))
    assert refusing == set(RECIPES)
    assert {code.split(".")[0] for code in refusing} == {"cpgrams", "cmw", "bihar"}


@pytest.mark.parametrize("code", sorted(RECIPES))
def test_the_forbidden_action_is_refused_with_its_rule_and_logged(
    seeded, start, act, trainee, code
):
    outcome = RECIPES[code](start, act, trainee)
    event = getattr(outcome, "event", outcome)
    event.refresh_from_db()  # committed with the refusal, not rolled back
    assert event.outcome == Outcome.REFUSED
    assert event.rule_code == code
    rule = Rule.objects.get(code=code)
    assert event.message.split(" ")[:4] == rule.message.split(" ")[:4]
    if getattr(outcome, "ok", None) is not None:
        assert outcome.ok is False
        assert outcome.rule_code == code


@pytest.mark.parametrize(
    "reply",
    [
        "This does not pertain to our Department.",
        "DOES  NOT   PERTAIN to this ministry",
        "The matter is not pertaining to this office",
    ],
)
def test_not_pertaining_is_caught_in_any_wording(seeded, start, act, reply):
    g = start(_scenario("cpgrams-pension-wrong-department"))
    result = act(g, A.CLOSE_OUT_OF_SCOPE, NODAL, reason="suggestion", reply=reply)
    assert result.rule_code == "cpgrams.no-not-pertaining"
    assert fresh(g).state == S.REGISTERED
    g = _to_in_progress(act, g, category="pension-revision", office="posts-division")
    atr = act(g, A.SUBMIT_ATR, DO, text=reply)
    assert atr.rule_code == "cpgrams.no-not-pertaining"


def test_the_right_handling_passes_the_same_rules(seeded, start, act):
    """A transfer with reasons is what CPGRAMS wants instead of 'does not pertain'."""
    g = start(_scenario("cpgrams-pension-wrong-department"))
    _ok(act(g, A.ACKNOWLEDGE, NODAL))
    _ok(act(g, A.CATEGORISE, NODAL, category="pension-revision"))
    result = act(
        g, A.TRANSFER, NODAL, office="doppw-nodal", reason="Pension revision lies with DoPPW."
    )
    assert result.ok
    g = fresh(g)
    assert (g.state, g.office.code, g.transfer_count) == (S.REGISTERED, "doppw-nodal", 1)
    assert result.event.payload["transfer_number"] == 1


def test_a_third_transfer_is_allowed_a_fourth_is_not(seeded, start, act):
    scenario = _scenario("cpgrams-transfer-limit")
    Scenario.objects.filter(pk=scenario.pk).update(prior_transfers=2)
    g = start(Scenario.objects.get(pk=scenario.pk))
    assert act(g, A.TRANSFER, NODAL, office="dfs-nodal", reason="Banking.").ok
    again = act(g, A.TRANSFER, NODAL, office="doppw-nodal", reason="Not banking.")
    assert again.rule_code == "cpgrams.max-transfers"
    assert "3 times" in again.message


def test_return_for_other_reasons_is_allowed_on_the_cm_window(seeded, start, act):
    g = start(_scenario("cmw-income-certificate-not-applied"))
    g = _to_in_progress(act, g, category="rev-income-certificate", office="tehsil-sohna")
    assert act(g, A.RETURN, DO, reason="incomplete_details").ok
    assert fresh(g).state == S.CATEGORISED


def test_the_allegation_blocks_the_office_until_it_is_reassigned(seeded, start, act, trainee):
    result = officer_complained_against(start, act, trainee)
    g = result.grievance
    assert act(g, A.CALL_CITIZEN, DO).rule_code == "cmw.complaint-against-officer"
    assert act(g, A.REASSIGN, NODAL, office="sdm-sohna").ok
    assert act(g, A.TAKE_UP, DO).ok
    assert fresh(g).office.code == "sdm-sohna"


def test_the_appeal_window_is_enforced(seeded, start, act, trainee):
    g = start(_scenario("cpgrams-fob-repair-interim-reply"))
    g = _to_disposed(act, g, category="railways-amenities", office="railways-division")
    services.inject_event(
        grievance=g, kind=ScriptKind.FEEDBACK, payload={"rating": "poor", "satisfied": False}
    )
    services.advance_clock(session=g.session, actor=trainee, days=31)
    late = services.inject_event(grievance=g, kind=ScriptKind.APPEAL, payload={"grounds": "x"})
    assert (late.outcome, late.rule_code) == (Outcome.REFUSED, "cpgrams.appeal-on-poor-rating")


def test_a_poor_rating_opens_the_appeal_to_the_appellate_authority(seeded, start, act):
    g = start(_scenario("cpgrams-poor-rating-appeal"))
    services.advance_clock(session=g.session, actor=g.session.trainee, hours=3)
    g = fresh(g)
    assert (g.state, g.feedback_rating, g.appeal_level) == (S.IN_APPEAL, "poor", 1)
    # filed at 12:00 on Monday 2 March (2 hours in): 30 days for the appellate authority
    assert timezone.localtime(g.appeal_due_at).isoformat() == "2026-04-01T23:59:59+05:30"
    decided = act(g, A.REMAND, R.APPELLATE_AUTHORITY, directions="Enquire the signature.")
    assert decided.ok
    assert fresh(g).state == S.REMANDED
    assert Grievance.objects.filter(session=g.session).count() == 1
