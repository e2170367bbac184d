"""Scoring from principles (the simulator issue): each defect the issue lists, played as a
trainer found it, now loses or is refused; the engine keeps an accused office out; replies
are checked by their required elements; the debrief names no internal ids or files."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lms.core.models import AuditEntry
from simulator import services
from simulator.audit import MARGIN, Mutation, _score
from simulator.debrief import public_source
from simulator.enums import Action, EngineRule, GrievanceState, Outcome, ScriptKind, SimRole
from simulator.models import Office, Rule, Scenario
from simulator.replies import text_checks
from simulator.rubric import HARD_FAIL_CAP
from simulator.scorecard import Case
from simulator.scorer import score
from simulator.scripts import validate_script

from .conftest import fresh

pytestmark = pytest.mark.django_db

A = Action
S = GrievanceState
R = SimRole
NODAL, DO = R.NODAL_OFFICER, R.DESIGNATED_OFFICER


def play(code, trainee, monday, mutation=None):
    return _score(Scenario.objects.get(code=code), trainee, mutation, monday)


def score_of(code, trainee, monday, mutation=None) -> Decimal:
    return play(code, trainee, monday, mutation)[0]


# ---------------------------------------------------------------- conflict of interest
def test_offices_carry_a_hierarchy_with_sources(seeded):
    tehsil = Office.objects.get(code="tehsil-sohna")
    assert tehsil.parent.code == "sdm-sohna" and tehsil.rank == 3
    assert not Office.objects.filter(source="").exists()
    assert Office.objects.filter(code="posts-cvo", is_vigilance=True).exists()


def test_reassigning_an_allegation_to_a_desk_neither_senior_nor_vigilance_is_a_hard_fail(
    seeded, trainee, monday
):
    wrong = score_of(
        "cmw-mutation-bribe-allegation", trainee, monday, Mutation("x", reassign_to="rev-nodal")
    )
    assert wrong <= HARD_FAIL_CAP


def test_reassigning_away_and_back_to_the_accused_is_refused_and_a_hard_fail(
    seeded, trainee, monday
):
    wrong, done = play(
        "cmw-mutation-bribe-allegation", trainee, monday, Mutation("x", back_to_accused=True)
    )
    assert wrong <= HARD_FAIL_CAP
    assert (A.REASSIGN, Outcome.REFUSED) in [(a, o) for a, _p, o, _t in done]


def test_the_accused_office_still_holding_it_is_a_hard_fail(seeded, trainee, monday):
    wrong = score_of(
        "cmw-mutation-bribe-allegation", trainee, monday, Mutation("x", stop_before=A.REASSIGN)
    )
    assert wrong <= HARD_FAIL_CAP


def test_an_allegation_in_the_complaint_text_keeps_the_accused_office_out(seeded, start, act):
    g = start(Scenario.objects.get(code="cmw-bribe-in-complaint"))
    assert g.allegation_office.code == "tehsil-sohna"
    act(g, A.ACKNOWLEDGE, NODAL)
    act(g, A.CATEGORISE, NODAL, category="rev-mutation")
    refused = act(fresh(g), A.FORWARD, NODAL, office="tehsil-sohna")
    assert not refused.ok and refused.event.rule_code == "cmw.complaint-against-officer"
    assert act(fresh(g), A.FORWARD, NODAL, office="sdm-sohna").ok


def test_an_office_accused_in_the_text_may_not_take_it_up_or_answer(
    desk_factory, start, act, trainee
):
    desk = desk_factory()  # no conflict-of-interest rule: the engine's own refusal
    g = start(
        desk.scenario(
            initial_state=S.ASSIGNED,
            initial_office=desk.field,
            initial_category=desk.leaf,
            key_office=desk.senior,
            key_accused_office=desk.field,
        )
    )
    taken = act(g, A.TAKE_UP, DO)
    assert not taken.ok and taken.event.rule_code == EngineRule.CONFLICT
    services.finish_session(session=g.session, actor=trainee)
    session = fresh(g).session
    assert session.hard_fail and session.score <= HARD_FAIL_CAP


def test_the_seeded_case_with_the_allegation_in_the_text_is_lost_by_the_accused_office(
    seeded, trainee, monday
):
    key = score_of("cmw-bribe-in-complaint", trainee, monday)
    wrong = score_of(
        "cmw-bribe-in-complaint", trainee, monday, Mutation("x", office="tehsil-sohna")
    )
    assert key == 100 and wrong <= HARD_FAIL_CAP


# ---------------------------------------------------------------- several offices
def test_forwarding_to_one_of_two_required_offices_loses(seeded, trainee, monday):
    code = "cmw-branch-on-street-light"
    key = score_of(code, trainee, monday)
    one = score_of(code, trainee, monday, Mutation("x", offices=()))
    extra = score_of(code, trainee, monday, Mutation("x", offices=("mcg-electrical", "mcg-nodal")))
    assert key == 100 and key - one >= MARGIN and key - extra >= MARGIN


def test_every_rulebook_has_a_forward_limit_with_its_source(seeded):
    for code in ("cpgrams-2024", "haryana-cm-window-rts", "bihar-ulb-charter"):
        rule = Rule.objects.get(rulebook__code=code, kind="max_multi_forward")
        assert rule.params["max"] and rule.source
    cpgrams = Rule.objects.get(rulebook__code="cpgrams-2024", kind="max_multi_forward")
    assert cpgrams.params["max"] == 5
    bihar = Rule.objects.get(rulebook__code="bihar-ulb-charter", kind="max_multi_forward")
    assert "not verified" in bihar.source


# ---------------------------------------------------------------- duplicates
def test_linking_only_some_duplicates_loses(seeded, trainee, monday):
    code = "bihar-garbage-duplicate"
    key = score_of(code, trainee, monday)
    some = score_of(code, trainee, monday, Mutation("x", duplicates="first"))
    assert key == 100 and key - some >= MARGIN


def test_working_every_duplicate_separately_loses(seeded, trainee, monday):
    code = "bihar-garbage-duplicate"
    separately = score_of(code, trainee, monday, Mutation("x", duplicates="work"))
    assert 100 - separately >= MARGIN


def test_a_linked_duplicates_citizen_gets_a_reply_quoting_their_own_number(
    seeded, start, act, trainee
):
    g = start(Scenario.objects.get(code="bihar-garbage-duplicate"))
    services.advance_clock(session=g.session, actor=trainee, hours=3, minutes=5)
    duplicates = list(g.session.grievances.filter(is_primary=False).order_by("pk"))
    assert len(duplicates) == 2
    first, second = duplicates
    reply = f"Reg. No. {first.reg_no}: the same as {g.reg_no}; linked to it."
    linked = act(first, A.LINK_DUPLICATE, NODAL, original=g.reg_no, reply=reply)
    assert linked.ok and linked.event.payload["reply"] == reply
    act(second, A.LINK_DUPLICATE, NODAL, original=g.reg_no)  # no reply
    services.finish_session(session=g.session, actor=trainee)
    codes = {d.code for d in fresh(g).session.deductions.all()}
    assert "score.reply.duplicate-reply" in codes
    assert "score.reply.reg-no" not in codes  # the first reply quoted its own number


# ---------------------------------------------------------------- reopen and after the window
def test_a_scripted_event_may_carry_a_photo():
    ok = [{"kind": "reopen", "payload": {"reason": "Still there.", "photo": "sim/heap.jpg"}}]
    assert validate_script(ok) == []
    bad = [{"kind": "reopen", "payload": {"reason": "x", "photo": "../../etc/passwd"}}]
    assert any("photo" in p for p in validate_script(bad))


def test_after_the_window_a_bare_close_loses_to_a_close_with_advice(
    desk_factory, start, act, trainee
):
    def run(action, reply=None):
        desk = desk_factory()
        g = start(
            desk.scenario(
                initial_state=S.DISPOSED,
                initial_category=desk.leaf,
                preset_reply="Done.",
                key_mandatory_steps=[],
            )
        )
        services.advance_clock(session=g.session, actor=trainee, hours=80)
        event = services.inject_event(
            grievance=g, kind=ScriptKind.REOPEN, payload={"reason": "Not done."}
        )
        assert event.outcome == Outcome.REFUSED
        payload = {"reply": reply(g)} if reply else {}
        assert act(fresh(g), action, NODAL, **payload).ok
        services.finish_session(session=g.session, actor=trainee)
        return fresh(g).session.score

    bare = run(A.CLOSE)
    advised = run(
        A.CLOSE_WITH_ADVICE,
        reply=lambda g: (
            f"Reg. No. {g.reg_no}: please lodge a fresh grievance quoting this "
            "number. — Nodal officer"
        ),
    )
    assert bare <= 100 - MARGIN
    assert advised > bare


def test_acknowledging_a_reopened_grievance_is_not_refused(seeded, start, act, trainee):
    g = start(Scenario.objects.get(code="bihar-garbage-reopen"))
    services.advance_clock(session=g.session, actor=trainee, hours=49)
    result = act(fresh(g), A.ACKNOWLEDGE, NODAL)
    assert result.ok and result.event.payload["reopened"] is True
    assert not act(fresh(g), A.ACKNOWLEDGE, NODAL).ok  # once after each reopening


# ---------------------------------------------------------------- replies by elements
def test_a_departmental_representation_route_is_a_route():
    text = (
        "Reg. No. X/1: a service matter. You may make a departmental representation to your "
        "head of office within 30 days."
    )
    assert text_checks(A.CLOSE_OUT_OF_SCOPE, text, reg_no="X/1")["appeal-route"]


def test_refilled_and_relaid_are_actions_taken():
    for verb in ("refilled", "relaid"):
        assert text_checks(A.SUBMIT_ATR, f"The pit was {verb} on 03/03/2026.")["action"]


def test_an_appeal_word_without_authority_or_time_is_no_route():
    assert not text_checks(A.DISPOSE, "If not satisfied you may appeal.")["appeal-route"]


def test_a_wrong_out_of_scope_reason_loses_at_least_the_margin(seeded, trainee, monday):
    code = "cpgrams-land-sub-judice"
    right = score_of(code, trainee, monday)
    wrong = score_of(code, trainee, monday, Mutation("x", reason="rti"))
    assert right - wrong >= MARGIN


def test_a_session_where_no_dimension_applies_does_not_score_zero():
    result = score([], Case(mandatory_steps=(), in_scope=True))
    assert result.total == 100


def test_a_trainer_overrides_the_reply_quality_with_a_comment(
    seeded, start, act, trainee, trainer, client
):
    g = start(Scenario.objects.get(code="cpgrams-land-sub-judice"))
    act(g, A.ACKNOWLEDGE, NODAL)
    act(g, A.CLOSE_OUT_OF_SCOPE, NODAL, reason="sub_judice", reply="Closed.")
    services.finish_session(session=g.session, actor=trainee)
    session = fresh(g).session
    before = session.score
    services.override_reply_score(
        session=session, actor=trainer, percent=100, comment="The reply was fair in person."
    )
    session.refresh_from_db()
    assert session.score > before
    assert session.score_breakdown["reply_override"]["comment"] == "The reply was fair in person."
    entry = AuditEntry.objects.get(action="simulator.reply_score_overridden")
    assert entry.data["previous_score"] == str(before)
    client.force_login(trainee)
    page = client.get(reverse("simulator:debrief", args=[session.pk])).content.decode()
    assert "The reply was fair in person." in page


def test_only_a_reviewer_changes_the_reply_score_through_the_page(
    seeded, start, act, trainee, trainer, client
):
    g = start(Scenario.objects.get(code="cpgrams-land-sub-judice"))
    act(g, A.ACKNOWLEDGE, NODAL)
    act(g, A.CLOSE_OUT_OF_SCOPE, NODAL, reason="sub_judice", reply="Closed.")
    services.finish_session(session=g.session, actor=trainee)
    session = fresh(g).session
    before = session.score
    url = reverse("simulator:override_reply_score", args=[session.pk])
    # the trainee whose session it is: not found, nothing changes
    client.force_login(trainee)
    assert client.post(url, {"percent": "100", "comment": "Mine was fine."}).status_code == 404
    # a trainer without a comment, or with a percentage out of range: refused with a message
    client.force_login(trainer)
    for data in ({"percent": "100", "comment": ""}, {"percent": "140", "comment": "Fair."}):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert any(m.level_tag == "error" for m in response.context["messages"])
    session.refresh_from_db()
    assert session.score == before
    assert not AuditEntry.objects.filter(action="simulator.reply_score_overridden").exists()
    client.post(url, {"percent": "100", "comment": "Fair in person."})
    session.refresh_from_db()
    assert session.score > before


def test_a_rescore_on_request_keeps_the_old_score_in_the_audit(seeded, start, trainee, trainer):
    g = start(Scenario.objects.get(code="cpgrams-land-sub-judice"))
    services.finish_session(session=g.session, actor=trainee)
    session = fresh(g).session
    session.score = Decimal("55.5")  # as an older rubric stored it
    session.save(update_fields=["score"])
    services.rescore_session(session=session, actor=trainer)
    entry = AuditEntry.objects.get(action="simulator.session_rescored")
    assert entry.data["previous_score"] == "55.5"


# ---------------------------------------------------------------- the debrief
NOTES, RESEARCH = "DOM" + "AIN", "GRIEVANCE-" + "RESEARCH"


def test_the_debrief_names_no_internal_ids_or_files(seeded, start, act, trainee, client):
    g = start(Scenario.objects.get(code="cpgrams-pension-wrong-department"))
    act(g, A.CLOSE_OUT_OF_SCOPE, NODAL, reason="does_not_pertain", reply="Does not pertain.")
    services.finish_session(session=g.session, actor=trainee)
    session = fresh(g).session
    breakdown = session.score_breakdown
    breakdown["dimensions"][0]["deductions"].append(
        {
            "dimension": "timeliness",
            "code": "score.timeliness.ack",
            "rule": "score.timeliness.ack",
            # as older scores stored it (assembled: this file must not cite them itself)
            "source": "; ".join(
                [
                    NOTES + ".md §4",
                    "seeds" + "/004 §6.5",
                    RESEARCH + ".md",
                    "Bihar ULB notification",
                ]
            ),
            "detail": "An older score.",
            "points": 0,
            "at": None,
            "hard_fail": False,
        }
    )
    session.score_breakdown = breakdown
    session.save(update_fields=["score_breakdown"])
    client.force_login(trainee)
    page = client.get(reverse("simulator:debrief", args=[session.pk])).content.decode()
    for internal in (
        "score.timeliness.ack",
        "cpgrams.no-not-pertaining",
        NOTES + ".md",
        "seeds" + "/",
        RESEARCH,
        "simulator/enums.py",
    ):
        assert internal not in page, internal
    assert "Bihar ULB notification" in page


def test_public_source_keeps_public_documents_only():
    assert public_source(NOTES + ".md; CPGRAMS guidelines 2024, para 5") == (
        "CPGRAMS guidelines 2024, para 5"
    )


# ---------------------------------------------------------------- the staff audit button
def test_a_trainer_runs_the_audit_of_a_scenario_from_its_page(seeded, trainer, client):
    scenario = Scenario.objects.get(code="cpgrams-land-sub-judice")
    client.force_login(trainer)
    url = reverse("simulator:scenario_audit", args=[scenario.pk])
    assert 'id="run-audit"' in client.get(url).content.decode()
    page = client.post(url).content.decode()
    assert 'id="audit"' in page and "reason:rti" in page


def test_trainees_cannot_run_the_audit(seeded, trainee, client):
    scenario = Scenario.objects.get(code="cpgrams-land-sub-judice")
    client.force_login(trainee)
    response = client.post(reverse("simulator:scenario_audit", args=[scenario.pk]))
    assert response.status_code in (403, 404)


def test_the_admin_scenario_list_has_the_audit_button(seeded, trainer, client):
    scenario = Scenario.objects.get(code="cpgrams-land-sub-judice")
    client.force_login(trainer)
    page = client.get(reverse("sim_scenarios:index")).content.decode()
    assert reverse("simulator:scenario_audit", args=[scenario.pk]) in page


def test_a_hindi_debrief_gives_the_title_and_the_model_answer_in_hindi(
    seeded, start, trainee, client
):
    scenario = Scenario.objects.get(code="cmw-bribe-in-complaint")
    g = start(scenario)
    services.finish_session(session=g.session, actor=trainee)
    client.force_login(trainee)
    client.cookies["django_language"] = "hi"
    page = client.get(reverse("simulator:debrief", args=[g.session.pk])).content.decode()
    assert scenario.title_hi in page and scenario.key_notes_hi in page
    assert scenario.key_notes not in page
