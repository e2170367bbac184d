"""Scoring the real thing: every seeded scenario played by its model answer scores full
marks, and each hard fail played in a real session caps the score."""

import datetime

import pytest

from simulator import services
from simulator.enums import Action, GrievanceState, SimRole
from simulator.ideal import play_ideal
from simulator.models import PracticeSession, Scenario, ScoreDeduction
from simulator.scoring import HARD_FAIL_CAP
from simulator.seed_data import SCENARIOS

A = Action
S = GrievanceState
R = SimRole


# ---------------------------------------------------------------- the real thing
@pytest.fixture
def play(seeded, trainee, monday):
    def run(code, *, extra=None):
        scenario = Scenario.objects.get(code=code)
        session = services.start_session(trainee=trainee, scenario=scenario, now=monday)
        play_ideal(session)
        if extra is not None:
            extra(session)
        services.finish_session(session=session, actor=trainee)
        return PracticeSession.objects.get(pk=session.pk)

    return run


@pytest.mark.parametrize("code", [s["code"] for s in SCENARIOS])
def test_the_ideal_run_of_every_seeded_scenario_scores_full_marks(play, code):
    session = play(code)
    deductions = [
        (d["code"], d["detail"])
        for dim in session.score_breakdown["dimensions"]
        for d in dim["deductions"]
    ]
    assert float(session.score) == 100.0, deductions
    assert not session.hard_fail and not session.deductions.exists()


def _primary(session):
    return session.grievances.get(is_primary=True)


def _do(session, action, role, **payload):
    return services.perform(
        grievance=_primary(session),
        action=action,
        actor=session.trainee,
        role=role,
        payload=payload,
    )


def _return_not_applied(session):
    _do(session, A.CATEGORISE, R.NODAL_OFFICER, category="rev-income-certificate")
    _do(session, A.FORWARD, R.NODAL_OFFICER, office="tehsil-sohna")
    _do(session, A.RETURN, R.DESIGNATED_OFFICER, reason="citizen_not_applied")


HARD_FAIL_RUNS = {
    "cpgrams.no-not-pertaining": (
        "cpgrams-pension-wrong-department",
        lambda s: _do(
            s,
            A.CLOSE_OUT_OF_SCOPE,
            R.NODAL_OFFICER,
            reason="does_not_pertain",
            reply="This does not pertain to this Department.",
        ),
    ),
    "cmw.no-return-not-applied": ("cmw-income-certificate-not-applied", _return_not_applied),
    "cpgrams.max-transfers": (
        "cpgrams-transfer-limit",
        lambda s: _do(s, A.TRANSFER, R.NODAL_OFFICER, office="dfs-nodal", reason="Banks."),
    ),
    "score.hard.wrong-out-of-scope": (
        "cmw-branch-on-street-light",
        lambda s: _do(
            s, A.CLOSE_OUT_OF_SCOPE, R.NODAL_OFFICER, reason="does_not_pertain", reply="Not ours."
        ),
    ),
}


@pytest.mark.parametrize("rule", HARD_FAIL_RUNS)
def test_each_hard_fail_caps_a_real_session(seeded, trainee, monday, rule):
    """The mistake is tried (and refused), then the case is handled perfectly: capped."""
    code, mistake = HARD_FAIL_RUNS[rule]
    scenario = Scenario.objects.get(code=code)
    session = services.start_session(trainee=trainee, scenario=scenario, now=monday)
    mistake(session)
    play_ideal(session)
    services.finish_session(session=session, actor=trainee)
    session.refresh_from_db()
    assert session.hard_fail and float(session.score) == HARD_FAIL_CAP
    assert session.score_breakdown["raw"] > HARD_FAIL_CAP
    assert rule in [h["code"] for h in session.score_breakdown["hard_fails"]]
    assert session.deductions.filter(code=rule, hard_fail=True).exists()


def test_closing_a_grievance_within_scope_as_out_of_scope_caps(seeded, trainee, monday):
    scenario = Scenario.objects.get(code="cmw-branch-on-street-light")
    session = services.start_session(trainee=trainee, scenario=scenario, now=monday)
    assert _do(session, A.CLOSE_OUT_OF_SCOPE, R.NODAL_OFFICER, reason="suggestion", reply="No.").ok
    services.finish_session(session=session, actor=trainee)
    session.refresh_from_db()
    assert session.hard_fail and float(session.score) <= HARD_FAIL_CAP
    assert "score.outcome.wrongly-closed" in session.deductions.values_list("code", flat=True)


def test_approving_before_the_feedback_is_a_remand_and_a_hard_fail(seeded, trainee, monday):
    scenario = Scenario.objects.get(code="cmw-street-light-atr-contradicted")
    session = services.start_session(trainee=trainee, scenario=scenario, now=monday)
    _do(session, A.SUBMIT_ATR, R.DESIGNATED_OFFICER, text="Repaired.", resolved=True)
    _do(session, A.APPROVE_ATR, R.SENIOR)
    services.advance_clock(session=session, actor=trainee, hours=5)
    services.finish_session(session=session, actor=trainee)
    session.refresh_from_db()
    assert session.hard_fail and float(session.score) <= HARD_FAIL_CAP
    assert [h["code"] for h in session.score_breakdown["hard_fails"]] == [
        "cmw.remand-on-contradiction"
    ]


def test_rescoring_replaces_the_result(play):
    session = play("cpgrams-land-sub-judice")
    services.record_score(session=session)
    services.record_score(session=session)
    assert float(session.score) == 100 and not ScoreDeduction.objects.filter(session=session)


def test_an_abandoned_session_is_scored_too(seeded, trainee, monday):
    scenario = Scenario.objects.get(code="bihar-garbage-duplicate")
    session = services.start_session(trainee=trainee, scenario=scenario, now=monday)
    services.finish_session(session=session, actor=trainee, abandon=True)
    session.refresh_from_db()
    assert session.score is not None and float(session.score) < 50
    assert session.deductions.filter(code="score.procedure.missing-step").count() == 4


def test_a_reopened_grievance_gets_a_fresh_service_clock(seeded, trainee, monday):
    scenario = Scenario.objects.get(code="bihar-garbage-reopen")
    session = services.start_session(trainee=trainee, scenario=scenario, now=monday)
    services.advance_clock(session=session, actor=trainee, hours=49)
    grievance = _primary(session)
    assert grievance.state == S.CATEGORISED and not grievance.disposal_breached
    assert grievance.disposal_due_at == grievance.events.get(action=A.REOPEN).sim_at + (
        datetime.timedelta(hours=24)
    )
