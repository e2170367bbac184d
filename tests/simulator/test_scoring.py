"""Scoring: pure functions over hand-built event lists and a hand-built key, then the real
thing (every seeded scenario's ideal run scores full marks; every hard fail caps)."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.enums import Action, GrievanceState, Outcome, RuleKind, SimRole
from simulator.rubric import SEVERE_CAP
from simulator.scoring import HARD_FAIL_CAP, Case, Event, RuleInfo, score, text_checks
from tests.simulator.conftest import IST

A = Action
S = GrievanceState
R = SimRole
REG = "DEPA/E/2026/0000001"
T0 = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=IST)
PHRASE = "test.no-not-pertaining"
RETURN_RULE = "test.no-return-not-applied"
MAX_TRANSFERS = "test.max-transfers"
REMAND_RULE = "test.remand"
LEAF_RULE = "test.leaf"
INTERIM_RULE = "test.interim"
ESCALATE_RULE = "test.escalate"

RULES = {
    code: RuleInfo(code, kind, f"Title of {code}", f"Message of {code}", f"Source of {code}")
    for code, kind in (
        (PHRASE, RuleKind.FORBID_CLOSURE_PHRASE),
        (RETURN_RULE, RuleKind.FORBID_RETURN_REASON),
        (MAX_TRANSFERS, RuleKind.MAX_TRANSFERS),
        (REMAND_RULE, RuleKind.REMAND_ON_CONTRADICTION),
        (LEAF_RULE, RuleKind.LEAF_CATEGORY),
        (INTERIM_RULE, RuleKind.INTERIM_REPLY_REQUIRED),
        (ESCALATE_RULE, RuleKind.ESCALATE_ON_BREACH),
    )
}


def at(**delta) -> datetime.datetime:
    return T0 + datetime.timedelta(**delta)


def case(**fields) -> Case:
    values = {
        "primary": 1,
        "reg_nos": {1: REG, 2: "DEPA/E/2026/0000002"},
        "started_at": T0,
        "ended_at": at(days=1),
        "key_category": "leaf",
        "key_category_parent": "parent",
        "key_office": "field",
        "key_office_org": "Department A",
        "initial_office": "nodal",
        "initial_office_org": "Department A",
        "mandatory_steps": (A.ACKNOWLEDGE, A.CATEGORISE, A.FORWARD),
        "rules": RULES,
        "labels": {"leaf": "Leaf", "field": "Field office", "sub_judice": "Sub-judice"},
        "ack_limit": {"limit": [1, "calendar_days"]},
    }
    values.update(fields)
    return Case(**values)


def mine(action, *, hours=0, outcome=Outcome.OK, grievance=1, role=R.NODAL_OFFICER, **payload):
    return Event(
        action=action,
        outcome=outcome,
        role=role,
        sim_at=at(hours=hours),
        grievance=grievance,
        by_trainee=True,
        rule_code=payload.pop("rule_code", ""),
        message=payload.pop("message", ""),
        from_state=payload.pop("from_state", ""),
        payload=payload,
    )


def system(action, *, hours=0, grievance=1, rule_code="", **payload):
    return Event(
        action=action,
        role=R.SYSTEM,
        sim_at=at(hours=hours),
        grievance=grievance,
        by_trainee=False,
        rule_code=rule_code,
        payload=payload,
    )


def register(grievance=1, *, days_allowed=21, hours=0):
    return system(
        A.REGISTER,
        hours=hours,
        grievance=grievance,
        reg_no=REG,
        disposal_due_at=at(hours=hours, days=days_allowed).isoformat(),
    )


def good_run():
    return [
        register(),
        mine(A.ACKNOWLEDGE, on_time=True),
        mine(A.CATEGORISE, hours=1, category="leaf", parent="parent", others=False),
        mine(A.FORWARD, hours=2, office="field"),
    ]


def dim(result, code):
    return next(d for d in result.dimensions if d.code == code)


def codes(result):
    return [d.code for d in result.deductions if d.points > 0]


# ---------------------------------------------------------------- the whole
def test_a_clean_run_scores_full_marks():
    result = score(good_run(), case())
    assert result.total == 100 and result.cap is None and not result.hard_fails
    assert not codes(result)
    assert not dim(result, "reply").applicable  # nothing written, nothing required
    assert sum(d.max_points for d in result.dimensions) == pytest.approx(100)


def test_nothing_done_scores_little():
    result = score([register()], case())
    assert result.total < 20  # only the time not yet missed, and half the outcome
    assert {LEAF_RULE, "score.routing.missing", "score.procedure.missing-step"} <= set(
        codes(result)
    )  # the categorisation deduction cites the rulebook's own rule


def test_every_deduction_names_its_rule_and_source():
    events = [
        register(),
        mine(A.CATEGORISE, outcome=Outcome.REFUSED, rule_code=LEAF_RULE, message="Be specific."),
        mine(A.CATEGORISE, category="others", parent=None, others=True),
        mine(A.CLOSE_OUT_OF_SCOPE, hours=1, outcome=Outcome.REFUSED, rule_code="state.not_allowed"),
    ]
    result = score(events, case())
    for deduction in result.deductions:
        assert deduction.code and deduction.rule and deduction.source, deduction
    leaf = next(d for d in result.deductions if d.code == LEAF_RULE)
    assert leaf.rule == f"Title of {LEAF_RULE}: Message of {LEAF_RULE}"
    assert leaf.source == f"Source of {LEAF_RULE}"
    engine = next(d for d in result.deductions if d.code == "state.not_allowed")
    assert engine.rule == "Not allowed in this state" and "desk" in engine.source


# ---------------------------------------------------------------- categorisation
@pytest.mark.parametrize(
    ("payload", "fraction"),
    [
        ({"category": "leaf", "parent": "parent", "others": False}, 1.0),
        ({"category": "leaf2", "parent": "parent", "others": False}, SEVERE_CAP),
        ({"category": "others", "parent": None, "others": True}, 0.1),
        ({"category": "elsewhere", "parent": "other", "others": False}, 0.0),
    ],
)
def test_categorisation_leaf_parent_others(payload, fraction):
    events = [*good_run()[:2], mine(A.CATEGORISE, **payload), good_run()[3]]
    assert dim(score(events, case()), "categorisation").fraction == pytest.approx(fraction)


def test_the_last_category_counts_and_others_cites_the_rulebook_rule():
    first = mine(A.CATEGORISE, category="others", parent=None, others=True)
    assert LEAF_RULE in codes(score([*good_run(), first], case()))
    assert dim(score([first, *good_run()], case()), "categorisation").fraction == 1


def test_categorisation_does_not_apply_when_nothing_was_to_be_categorised():
    result = score([register()], case(mandatory_steps=(A.FORWARD,)))
    assert not dim(result, "categorisation").applicable


# ---------------------------------------------------------------- routing
def test_the_first_forward_must_go_to_the_key_office():
    events = [*good_run()[:3], mine(A.FORWARD, office="field2"), mine(A.REASSIGN, office="field")]
    result = score(events, case())
    assert dim(result, "routing").fraction == pytest.approx(SEVERE_CAP)
    assert "score.routing.first-office" in codes(result)
    assert ("office", False) in [(d.topic, d.ok) for d in result.decisions]


def test_a_needed_transfer_is_free_each_extra_one_costs():
    other_org = case(key_office="elsewhere", key_office_org="Department B")
    one = [*good_run()[:3], mine(A.TRANSFER, office="elsewhere", transfer_number=1)]
    assert dim(score(one, other_org), "routing").fraction == 1
    two = [*one, mine(A.TRANSFER, hours=3, office="elsewhere", transfer_number=2)]
    result = score(two, other_org)
    assert dim(result, "routing").fraction == pytest.approx(0.75)
    assert "score.routing.extra-transfer" in codes(result)


def test_out_of_scope_closed_for_the_key_reason():
    key = case(in_scope=False, out_of_scope_reason="sub_judice", mandatory_steps=())
    right = [register(), mine(A.CLOSE_OUT_OF_SCOPE, reason="sub_judice", reply="x")]
    assert dim(score(right, key), "routing").fraction == 1
    wrong = [register(), mine(A.CLOSE_OUT_OF_SCOPE, reason="suggestion", reply="x")]
    assert dim(score(wrong, key), "routing").fraction == 0  # a wrong reason fails routing
    worked = [register(), mine(A.FORWARD, office="field")]
    result = score(worked, key)
    assert dim(result, "routing").fraction == 0
    assert dim(result, "outcome").fraction == 0


# ---------------------------------------------------------------- timeliness
def test_a_late_acknowledgement_costs_its_part():
    events = [register(), mine(A.ACKNOWLEDGE, hours=40, on_time=False), *good_run()[2:]]
    result = score(events, case())
    assert "score.timeliness.ack" in codes(result)
    assert dim(result, "timeliness").fraction == pytest.approx(SEVERE_CAP)  # a missed time


def test_a_missed_limit_without_an_interim_reply():
    miss = system(
        A.DEADLINE_MISSED,
        hours=21 * 24,
        rule_code=INTERIM_RULE,
        deadline="disposal",
        interim_reply_in_time=False,
    )
    key = case(ended_at=at(days=21 + 21))  # the end is twice the limit: nothing left of it
    result = score([*good_run(), miss], key)
    timeliness = dim(result, "timeliness")
    assert timeliness.fraction == pytest.approx(SEVERE_CAP)  # service and interim lost
    assert {"score.timeliness.service-time", INTERIM_RULE} <= set(codes(result))


def test_an_interim_reply_in_time_softens_a_missed_limit():
    miss = system(A.DEADLINE_MISSED, hours=21 * 24, deadline="disposal", interim_reply_in_time=True)
    key = case(ended_at=at(days=21, hours=1))  # an hour late: the minimum share is lost
    result = score([*good_run(), miss], key)
    assert dim(result, "timeliness").fraction == pytest.approx(1 - 0.25 / 3)
    assert INTERIM_RULE not in codes(result)


def test_deadlines_missed_before_the_session_started_are_not_the_trainee_s():
    before = system(A.DEADLINE_MISSED, hours=-24, deadline="disposal")
    escalation = system(A.ESCALATE, hours=-24, rule_code=ESCALATE_RULE, level=1)
    result = score([register(hours=-40 * 24), before, escalation, *good_run()[1:]], case())
    assert result.total == 100


def test_each_escalation_caused_deducts_with_the_rule():
    events = [*good_run(), system(A.ESCALATE, hours=50, rule_code=ESCALATE_RULE, level=1)]
    result = score(events, case())
    assert ESCALATE_RULE in codes(result)
    assert dim(result, "timeliness").fraction == pytest.approx(SEVERE_CAP)


def test_an_appeal_decided_late():
    key = case(initial_state=S.IN_APPEAL, mandatory_steps=(A.DECIDE_APPEAL,))
    late = [
        system(A.ESCALATE_APPEAL, hours=30 * 24, level=2),
        mine(A.DECIDE_APPEAL, hours=31 * 24, role=R.APPELLATE_AUTHORITY, order="x", on_time=False),
    ]
    assert "score.timeliness.appeal" in codes(score(late, key))


# ---------------------------------------------------------------- procedure and outcome
def test_missing_steps_and_refusals_deduct():
    refused = mine(A.TRANSFER, outcome=Outcome.REFUSED, rule_code="transfer.same_organisation")
    result = score([*good_run()[:3], refused], case())
    procedure = dim(result, "procedure")
    assert procedure.fraction == 0  # a mandatory step not taken fails the procedure
    assert [d.code for d in procedure.deductions] == [
        "transfer.same_organisation",
        "score.procedure.missing-step",
    ]


def test_refusal_by_the_rule_the_case_tempts_costs_more():
    refused = mine(A.CATEGORISE, outcome=Outcome.REFUSED, rule_code=LEAF_RULE)
    plain = dim(score([*good_run(), refused], case()), "procedure").fraction
    trap = dim(score([*good_run(), refused], case(forbidden_rules=(LEAF_RULE,))), "procedure")
    assert (plain, trap.fraction) == (pytest.approx(0.9), pytest.approx(0.75))


def test_a_system_remand_is_a_bad_outcome_and_a_hard_fail():
    remand = system(A.REMAND, hours=5, rule_code=REMAND_RULE, directions="Remanded.")
    result = score([*good_run(), remand], case())
    assert dim(result, "outcome").fraction == 0.5
    assert [h.code for h in result.hard_fails] == [REMAND_RULE]
    assert result.total == HARD_FAIL_CAP


def test_the_case_must_get_as_far_as_the_key_says():
    key = case(mandatory_steps=(A.ACKNOWLEDGE, A.CATEGORISE, A.FORWARD, A.TAKE_UP))
    result = score(good_run(), key)
    assert "score.outcome.not-reached" in codes(result)


# ---------------------------------------------------------------- reply quality
@pytest.mark.parametrize(
    ("text", "failed"),
    [
        (
            f"Reg. No. {REG}: the street light was repaired on 12/03/2026 by the Junior "
            "Engineer. If not satisfied, you may appeal to the appellate authority within 30 "
            "days.",
            [],
        ),
        ("Done.", ["reg-no", "action", "date", "designation", "appeal-route"]),
        (
            f"Reg no {REG.lower()}: repaired on 12 March 2026 (JE). You may appeal.",
            ["designation", "appeal-route"],  # a route names its authority and time limit
        ),
        (
            f"{REG} replaced on March 12th by the Supervisor; reopen it through the grievance "
            "cell within 72 hours",
            [],
        ),
    ],
)
def test_final_reply_checks(text, failed):
    checks = text_checks(A.DISPOSE, text, reg_no=REG)
    assert sorted(name for name, ok in checks.items() if not ok) == sorted(failed)


def test_interim_reply_checks_the_reason_the_date_and_the_application():
    good = f"{REG}: pending because sanction is awaited; expected by 30/04/2026. Tehsildar. SARAL/1"
    assert all(text_checks(A.INTERIM_REPLY, good, reg_no=REG, application_ref="SARAL/1").values())
    bare = text_checks(A.INTERIM_REPLY, "We are on it.", reg_no=REG, application_ref="SARAL/1")
    assert {k for k, ok in bare.items() if not ok} == {
        "reg-no",
        "reason",
        "expected-date",
        "designation",
        "application-id",
    }
    dated = text_checks(A.INTERIM_REPLY, "x", payload={"expected_by": "2026-04-30"})
    assert dated["expected-date"] and "application-id" not in dated


def test_atr_evidence_and_directions_deadline():
    claim = text_checks(
        A.SUBMIT_ATR, "Repaired on 03/03/2026 by the Junior Engineer.", payload={"resolved": True}
    )
    assert claim == {"action": True, "date": True, "designation": True, "evidence": False}
    unresolved = text_checks(A.SUBMIT_ATR, "x", payload={"resolved": False})
    assert "evidence" not in unresolved
    assert text_checks(A.ISSUE_DIRECTIONS, "Deliver within 3 days.")["deadline"]
    assert not text_checks(A.REMAND, "Look into it.")["deadline"]


def test_reply_quality_averages_the_replies_written():
    poor = mine(A.INTERIM_REPLY, hours=3, role=R.DESIGNATED_OFFICER, text="Working on it.")
    result = score([*good_run(), poor], case())
    reply = dim(result, "reply")
    assert reply.applicable and reply.fraction == pytest.approx(1 - 4 / 4)
    assert {d.code for d in reply.deductions} == {
        "score.reply.reg-no",
        "score.reply.reason",
        "score.reply.expected-date",
        "score.reply.designation",
    }


def test_a_required_reply_never_written_counts_as_none():
    key = case(mandatory_steps=(A.ACKNOWLEDGE, A.CATEGORISE, A.FORWARD, A.INTERIM_REPLY))
    reply = dim(score(good_run(), key), "reply")
    assert reply.applicable and reply.fraction == 0


# ---------------------------------------------------------------- hard fails
HARD_FAILS = {
    "not pertaining closure": mine(
        A.CLOSE_OUT_OF_SCOPE, hours=3, outcome=Outcome.REFUSED, rule_code=PHRASE
    ),
    "returned for non-application": mine(
        A.RETURN, hours=3, outcome=Outcome.REFUSED, rule_code=RETURN_RULE
    ),
    "transfer beyond the limit": mine(
        A.TRANSFER, hours=3, outcome=Outcome.REFUSED, rule_code=MAX_TRANSFERS
    ),
    "remanded against contradicting feedback": system(A.REMAND, hours=3, rule_code=REMAND_RULE),
    "closed out of scope wrongly": mine(A.CLOSE_OUT_OF_SCOPE, hours=3, reason="x", reply="y"),
}


@pytest.mark.parametrize("name", HARD_FAILS)
def test_each_hard_fail_caps_the_score(name):
    result = score([*good_run(), HARD_FAILS[name]], case())
    assert result.hard_fails and result.cap == HARD_FAIL_CAP
    assert result.raw > HARD_FAIL_CAP and result.total == HARD_FAIL_CAP
    fail = result.hard_fails[0]
    assert fail.rule and fail.source and fail.detail


def test_a_refusal_by_a_script_is_not_the_trainee_s_hard_fail():
    citizen = Event(
        A.REOPEN, outcome=Outcome.REFUSED, by_trainee=False, rule_code=MAX_TRANSFERS, sim_at=at()
    )
    assert score([*good_run(), citizen], case()).total == 100


# ---------------------------------------------------------------- properties
ACTIONS = [a for a in Action.values if a != A.REGISTER]
RULE_CODES = ["", *RULES, "state.not_allowed", "input.invalid"]


@st.composite
def events(draw):
    items = [register()]
    hours = 0.0
    for _ in range(draw(st.integers(0, 25))):
        hours += draw(st.floats(0, 200))
        payload = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "on_time": st.booleans(),
                    "deadline": st.sampled_from(
                        ["acknowledgement", "disposal", "facilitation", "appeal", "escalation"]
                    ),
                    "interim_reply_in_time": st.booleans(),
                    "category": st.sampled_from(["leaf", "leaf2", "others", "x"]),
                    "parent": st.sampled_from(["parent", None]),
                    "others": st.booleans(),
                    "office": st.sampled_from(["field", "field2", "elsewhere"]),
                    "reason": st.sampled_from(["sub_judice", "suggestion", "citizen_not_applied"]),
                    "text": st.text(max_size=60),
                    "reply": st.sampled_from(["", f"{REG} done on 01/01/2026, officer; appeal"]),
                    "expected_by": st.sampled_from(["", "2026-05-01"]),
                    "resolved": st.booleans(),
                    "evidence": st.sampled_from(["", "photo.jpg"]),
                    "application_ref": st.sampled_from(["", "SARAL/1"]),
                    "rts_due_at": st.just(at(days=9).isoformat()),
                    "level": st.integers(1, 3),
                },
            )
        )
        items.append(
            Event(
                action=draw(st.sampled_from(ACTIONS)),
                outcome=draw(st.sampled_from(Outcome.values)),
                role=draw(st.sampled_from(SimRole.values)),
                sim_at=at(hours=hours - draw(st.floats(0, 100))),
                grievance=draw(st.sampled_from([1, 1, 1, 2])),
                by_trainee=draw(st.booleans()),
                from_state=draw(st.sampled_from(["", S.IN_APPEAL, S.REGISTERED])),
                rule_code=draw(st.sampled_from(RULE_CODES)),
                payload=payload,
            )
        )
    return items


keys = st.builds(
    case,
    in_scope=st.booleans(),
    out_of_scope_reason=st.sampled_from(["", "sub_judice"]),
    initial_state=st.sampled_from([S.REGISTERED, S.ASSIGNED, S.DISPOSED, S.IN_APPEAL]),
    is_rts=st.booleans(),
    citizen_applied=st.booleans(),
    mandatory_steps=st.lists(st.sampled_from(ACTIONS), max_size=6).map(tuple),
    forbidden_rules=st.lists(st.sampled_from(list(RULES)), max_size=2).map(tuple),
    key_category=st.sampled_from(["leaf", None]),
    key_office_org=st.sampled_from(["Department A", "Department B", ""]),
    ended_at=st.sampled_from([at(days=1), at(days=60), None]),
)


@settings(max_examples=400, deadline=None)
@given(events(), keys)
def test_the_score_is_always_between_0_and_100(items, key):
    result = score(items, key)
    assert 0 <= result.total <= 100
    assert 0 <= result.raw <= 100
    if result.hard_fails:
        assert result.total <= HARD_FAIL_CAP
    for dimension in result.dimensions:
        assert 0 <= dimension.fraction <= 1
        lost = sum(d.points for d in dimension.deductions)
        assert lost == pytest.approx(dimension.max_points - dimension.points, abs=0.2)
    scoring_json = result.as_json()
    assert scoring_json["total"] == result.total


@settings(max_examples=200, deadline=None)
@given(events())
def test_any_hard_fail_caps_whatever_else_happened(items):
    for fail in HARD_FAILS.values():
        assert score([*items, fail], case()).total <= HARD_FAIL_CAP
