"""Scoring a practice session: pure functions over the event log and the scenario's hidden
key (no database in ``score``; ``case_for`` / ``events_for`` read a finished session).

The rubric (drawn from DARPG's CPGRAMS guidelines 2024 and the Sevottam grievance-redress
steps) made measurable. Six dimensions, each scored as a
fraction of its weight:

- **Timeliness (25)**: acknowledged within the rulebook's time; no service / disposal time
  missed (falls linearly to nothing at twice the limit); an interim reply *before* a limit
  that was missed; the citizen who never applied helped in time; the appeal decided in
  time; every escalation or auto appeal the trainee caused deducts.
- **Categorisation (15)**: the final category: the key's leaf = full, the right parent only
  = half, "Others" when a specific category fits = low, anything else = none.
- **Routing (20)**: the first forward / transfer / reassignment goes to the key's office;
  transfers beyond the one needed deduct; a grievance within scope is never closed as out
  of scope, one outside it is closed for the key's reason; forbidden closures deduct.
- **Procedure (15)**: the key's mandatory steps are done; every refused action deducts
  (more when it is the trap the case sets, ``key_forbidden_rules``).
- **Reply quality (20)**: what software can check in each reply written: the registration
  number, the action taken, a date, a designation; interim replies give a reason and an
  expected date (and the application ID once there is one); closures give reasons and the
  appeal route; an ATR claiming resolution names its evidence; directions set a deadline.
- **Outcome (5)**: the case ended where the key says, not wrongly closed, not remanded.

A dimension that does not apply to a scenario (nothing to categorise in an appeal the
trainee hears) is left out and the others are scaled to 100. Events stamped at or before
the session's start (deadlines already missed when the scenario begins) are not the
trainee's doing and are ignored.

**Hard fails** cap the total at ``HARD_FAIL_CAP``: a "does not pertain" closure (the
rulebook's forbidden closure wording), an RTS grievance returned because the citizen never
applied, a transfer beyond the limit, an ATR sent up against contradicting feedback
(remanded), and closing a grievance within scope as out of scope.

Every deduction carries the rule code, the rule's text and its source: the rulebook's rule
(from the session's frozen snapshot), the state machine's own codes (``EngineRule``), or
the rubric's codes (``score.*``) below."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from .enums import Action, EngineRule, GrievanceState, Outcome, RuleKind, SimRole

A = Action
S = GrievanceState

SCORING_VERSION = 1
HARD_FAIL_CAP = 40
PASS_MARK = 60  # for statistics outside any programme; assignments set their own

WEIGHTS: dict[str, int] = {
    "timeliness": 25,
    "categorisation": 15,
    "routing": 20,
    "procedure": 15,
    "reply": 20,
    "outcome": 5,
}
DIMENSION_LABELS = {
    "timeliness": _("Timeliness"),
    "categorisation": _("Categorisation"),
    "routing": _("Routing"),
    "procedure": _("Procedure"),
    "reply": _("Reply quality"),
    "outcome": _("Outcome"),
}

RUBRIC = "Sevottam LMS scoring rubric (after DARPG's CPGRAMS guidelines 2024)"
ENGINE_SOURCE = "The simulator's state machine (simulator/enums.py: TRANSITIONS, ACTORS)"

# The rubric's own rules: code -> (text, source).
SCORING_RULES: dict[str, tuple[str, str]] = {
    "score.timeliness.ack": (
        "Acknowledge every grievance within the rulebook's time, with its registration number.",
        "DARPG's Sevottam framework (grievance redress: timely acknowledgement); Bihar Citizens' Charter for municipalities §6, point 5; "
        + RUBRIC,
    ),
    "score.timeliness.service-time": (
        "Dispose of the grievance within its time limit (the service's time, else the "
        "rulebook's); the score falls linearly to nothing at twice the limit.",
        RUBRIC,
    ),
    "score.timeliness.interim-reply": (
        "When disposal will be late, send an interim reply with the reason and the expected "
        "date before the time limit runs out.",
        "DARPG OM of 23.08.2024 (CPGRAMS guidelines 2024); " + RUBRIC,
    ),
    "score.timeliness.facilitation": (
        "Help a citizen who never applied to apply within the time the rulebook gives.",
        "Haryana CM Window SOP (March 2024); " + RUBRIC,
    ),
    "score.timeliness.appeal": (
        "Decide an appeal within the appellate level's time, or it moves up a level.",
        RUBRIC,
    ),
    "score.timeliness.escalation": (
        "A missed time that escalates the grievance or files an automatic appeal.",
        RUBRIC,
    ),
    "score.categorisation.missing": (
        "Categorise every grievance.",
        "Haryana CM Window SOP (March 2024): all grievances categorised; " + RUBRIC,
    ),
    "score.categorisation.others": (
        "Do not use 'Others' when a specific category fits ('Others' should approach zero).",
        "Haryana CM Window SOP (March 2024); " + RUBRIC,
    ),
    "score.categorisation.parent": (
        "Categorise to the specific category, not only the right group.",
        RUBRIC,
    ),
    "score.categorisation.wrong": ("Categorise to the category the grievance is about.", RUBRIC),
    "score.routing.missing": (
        "Send the grievance to the office that must act on it.",
        RUBRIC,
    ),
    "score.routing.first-office": (
        "The first forward (or transfer) goes to the office that must act on it.",
        RUBRIC,
    ),
    "score.routing.extra-transfer": (
        "Each transfer beyond the one needed passes the citizen from door to door.",
        "CPGRAMS 6.0 user manual (transfers are limited); " + RUBRIC,
    ),
    "score.routing.wrong-out-of-scope": (
        "Close as out of scope only a grievance that is outside the scheme, for a listed reason.",
        RUBRIC,
    ),
    "score.routing.out-of-scope-reason": (
        "Close an out-of-scope grievance for the reason that applies.",
        RUBRIC,
    ),
    "score.routing.not-closed": (
        "A grievance outside the scheme is closed as out of scope with the reason and the "
        "remedy, not worked.",
        RUBRIC,
    ),
    "score.procedure.missing-step": ("Take every step the procedure requires.", RUBRIC),
    "score.reply.reg-no": ("A reply quotes the grievance's registration number.", RUBRIC),
    "score.reply.action": ("A final reply or ATR states the action taken.", RUBRIC),
    "score.reply.date": ("A final reply or ATR gives a date.", RUBRIC),
    "score.reply.designation": ("A reply names the designation of the officer.", RUBRIC),
    "score.reply.reason": (
        "An interim reply or a closure gives its reason.",
        "DARPG OM of 23.08.2024 (CPGRAMS guidelines 2024); " + RUBRIC,
    ),
    "score.reply.expected-date": (
        "An interim reply gives the date by which the grievance will be disposed of.",
        "DARPG OM of 23.08.2024 (CPGRAMS guidelines 2024); " + RUBRIC,
    ),
    "score.reply.appeal-route": (
        "A closure tells the citizen where to go next (appeal, court, reopening).",
        RUBRIC,
    ),
    "score.reply.application-id": (
        "The interim reply quotes the citizen's new application ID.",
        "Haryana CM Window SOP (March 2024); " + RUBRIC,
    ),
    "score.reply.evidence": (
        "An ATR that claims resolution names its evidence (e.g. a dated photo).",
        "Haryana CM Window SOP (March 2024): remand on contradicting feedback; " + RUBRIC,
    ),
    "score.reply.deadline": ("Directions and remands set a deadline.", RUBRIC),
    "score.reply.missing": ("Write the reply the procedure requires.", RUBRIC),
    "score.outcome.wrongly-closed": (
        "The grievance is redressed, not closed away (as out of scope or a duplicate).",
        RUBRIC,
    ),
    "score.outcome.not-reached": ("The case is taken as far as the procedure requires.", RUBRIC),
    "score.outcome.remanded": ("No avoidable remand.", RUBRIC),
    "score.hard.wrong-out-of-scope": (
        "Closing a grievance that is within scope as out of scope.",
        RUBRIC + " (hard fails)",
    ),
}

# Rule kinds whose refusal is a hard fail (the rubric's 'hard fails'; the
# simulator README maps them): the trainee tried the forbidden thing.
HARD_FAIL_REFUSALS = frozenset(
    {RuleKind.FORBID_CLOSURE_PHRASE, RuleKind.FORBID_RETURN_REASON, RuleKind.MAX_TRANSFERS}
)
ROUTING = (A.FORWARD, A.TRANSFER, A.REASSIGN)
CLOSING = (A.CLOSE_OUT_OF_SCOPE, A.LINK_DUPLICATE, A.DISPOSE, A.CLOSE, A.DECIDE_APPEAL)
TIMERS = (A.ESCALATE, A.AUTO_APPEAL, A.ESCALATE_APPEAL)

# How far along the ordinary path an action takes a grievance (the furthest mandatory step
# is where the case should end); steps off the path have no rank.
STAGE = {
    A.ACKNOWLEDGE: 0,
    A.CATEGORISE: 1,
    A.FORWARD: 2,
    A.TRANSFER: 2,
    A.CLOSE_OUT_OF_SCOPE: 2,
    A.LINK_DUPLICATE: 2,
    A.REQUEST_REASSIGN: 2,
    A.REASSIGN: 2,
    A.TAKE_UP: 3,
    A.CALL_CITIZEN: 3,
    A.FACILITATE_APPLICATION: 3,
    A.INTERIM_REPLY: 3,
    A.RETURN_ATR: 4,
    A.SUBMIT_ATR: 4,
    A.APPROVE_ATR: 5,
    A.DISPOSE: 6,
    A.ISSUE_DIRECTIONS: 7,
    A.REMAND: 8,
    A.DECIDE_APPEAL: 8,
}

# What each written text is checked for, and where the text is in the payload.
REPLY_TEXT = {
    A.DISPOSE: "reply",
    A.CLOSE_OUT_OF_SCOPE: "reply",
    A.INTERIM_REPLY: "text",
    A.SUBMIT_ATR: "text",
    A.DECIDE_APPEAL: "order",
    A.REMAND: "directions",
    A.ISSUE_DIRECTIONS: "text",
}
REPLY_CHECKS: dict[str, tuple[str, ...]] = {
    A.DISPOSE: ("reg-no", "action", "date", "designation", "appeal-route"),
    A.CLOSE_OUT_OF_SCOPE: ("reg-no", "reason", "appeal-route", "designation"),
    A.INTERIM_REPLY: ("reg-no", "reason", "expected-date", "designation", "application-id"),
    A.SUBMIT_ATR: ("action", "date", "designation", "evidence"),
    A.DECIDE_APPEAL: ("reg-no", "reason", "date", "designation", "appeal-route"),
    A.REMAND: ("deadline",),
    A.ISSUE_DIRECTIONS: ("deadline",),
}
CHECK_LABELS = {
    "reg-no": "the registration number",
    "action": "the action taken",
    "date": "a date",
    "designation": "a designation",
    "reason": "a reason",
    "expected-date": "an expected date",
    "appeal-route": "the appeal route",
    "application-id": "the application ID",
    "evidence": "its evidence",
    "deadline": "a deadline",
}

# ---------------------------------------------------------------- text checks
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    "जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर"
)
DATE_RE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
    re.IGNORECASE,
)
WITHIN_RE = re.compile(
    r"\bwithin\s+(?:\d+|one|two|three|four|five|seven|ten|fifteen|thirty)\s+"
    r"(?:working\s+)?(?:hours?|days?|weeks?)\b|\d+\s*(?:दिन|घंटे)",
    re.IGNORECASE,
)


def _words(*words: str) -> re.Pattern:
    return re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.IGNORECASE
    )


DESIGNATION_RE = _words(
    "officer",
    "tehsildar",
    "naib tehsildar",
    "patwari",
    "engineer",
    "supervisor",
    "inspector",
    "director",
    "secretary",
    "commissioner",
    "manager",
    "magistrate",
    "sdm",
    "superintendent",
    "clerk",
    "authority",
    "head",
    "gro",
    "dma",
    "nodal",
    "अधिकारी",
    "तहसीलदार",
    "अभियंता",
    "निरीक्षक",
    "पर्यवेक्षक",
    "सचिव",
    "आयुक्त",
    "प्राधिकारी",
)
ACTION_RE = re.compile(
    r"(?<![\w])(?:action taken|repaired|replaced|restored|fixed|issued|lifted|removed|"
    r"cleared|cleaned|laid|connected|delivered|sanctioned|completed|done|visited|inspected|"
    r"verified|enquired|called|registered|transferred|forwarded|directed|credited|released|"
    r"paid|resolved|redressed|entered|approved|granted|installed|impounded)(?![\w])"
    r"|किया गया|कर दी|कर दिया|जारी|हटाया|ठीक",
    re.IGNORECASE,
)
REASON_RE = re.compile(
    r"(?<![\w])(?:because|since|due to|owing to|reason|reasons|pending|awaited|requires|"
    r"required|needs|sub-judice|sub judice|court|in view of|grounds|as per)(?![\w])"
    r"|कारण|क्योंकि|लंबित|न्यायालय",
    re.IGNORECASE,
)
APPEAL_RE = re.compile(
    r"(?<![\w])(?:appeal|appeals|appellate|court|remedy|reopen|reopened|escalate|escalation|"
    r"redressal authority|commission)(?![\w])|अपील|न्यायालय",
    re.IGNORECASE,
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", str(text or "")).lower()


def has_date(text: str) -> bool:
    return bool(DATE_RE.search(text or ""))


def text_checks(
    action: str,
    text: str,
    *,
    reg_no: str = "",
    payload: Mapping | None = None,
    application_ref: str = "",
    designations: Iterable[str] = (),
) -> dict[str, bool]:
    """{check: passed} for a text written with ``action`` (REPLY_CHECKS)."""
    payload = payload or {}
    text = str(text or "")
    results = {}
    for check in REPLY_CHECKS.get(action, ()):
        if check == "reg-no":
            ok = bool(reg_no) and _norm(reg_no) in _norm(text)
        elif check == "action":
            ok = bool(ACTION_RE.search(text))
        elif check == "date":
            ok = has_date(text)
        elif check == "designation":
            ok = bool(DESIGNATION_RE.search(text)) or any(
                d and d.lower() in text.lower() for d in designations
            )
        elif check == "reason":
            ok = bool(REASON_RE.search(text))
        elif check == "expected-date":
            ok = bool(payload.get("expected_by")) or has_date(text)
        elif check == "appeal-route":
            ok = bool(APPEAL_RE.search(text))
        elif check == "application-id":
            if not application_ref:
                continue  # checked only once there is an application
            ok = _norm(application_ref) in _norm(text)
        elif check == "evidence":
            if payload.get("resolved") is False:
                continue  # checked only when the ATR claims resolution
            ok = bool(str(payload.get("evidence") or "").strip())
        elif check == "deadline":
            ok = has_date(text) or bool(WITHIN_RE.search(text))
        else:  # pragma: no cover - every check is listed above
            continue
        results[check] = ok
    return results


# ---------------------------------------------------------------- inputs
@dataclass(frozen=True)
class Event:
    """One event of the log as scoring sees it (``events_for`` builds them from
    ``GrievanceEvent`` rows; tests build them by hand)."""

    action: str
    outcome: str = Outcome.OK
    role: str = SimRole.NODAL_OFFICER
    sim_at: datetime.datetime | None = None
    grievance: int = 1
    by_trainee: bool = True
    from_state: str = ""
    to_state: str = ""
    rule_code: str = ""
    message: str = ""
    payload: Mapping = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.outcome == Outcome.OK

    @property
    def refused(self) -> bool:
        return self.outcome == Outcome.REFUSED


@dataclass(frozen=True)
class RuleInfo:
    code: str
    kind: str
    title: str
    message: str
    source: str = ""


@dataclass(frozen=True)
class Case:
    """The scenario's hidden key and the facts of the session scoring needs."""

    primary: int = 1
    reg_nos: Mapping[int, str] = field(default_factory=dict)
    started_at: datetime.datetime | None = None
    ended_at: datetime.datetime | None = None
    initial_state: str = S.REGISTERED
    in_scope: bool = True
    out_of_scope_reason: str = ""
    key_category: str | None = None
    key_category_parent: str | None = None
    key_office: str | None = None
    key_office_org: str = ""
    initial_office: str | None = None
    initial_office_org: str = ""
    is_rts: bool = False
    citizen_applied: bool = True
    mandatory_steps: tuple[str, ...] = ()
    forbidden_rules: tuple[str, ...] = ()
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    duplicates: Mapping[int, int] = field(default_factory=dict)
    designations: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    rulebook: str = ""
    ack_limit: str = ""


# ---------------------------------------------------------------- results
@dataclass
class Deduction:
    dimension: str
    code: str
    rule: str
    source: str
    detail: str
    points: float = 0.0
    at: str | None = None
    hard_fail: bool = False


@dataclass
class HardFail:
    code: str
    rule: str
    source: str
    detail: str
    at: str | None = None


@dataclass
class Dimension:
    code: str
    weight: int
    applicable: bool
    fraction: float
    max_points: float
    points: float
    deductions: list[Deduction]

    @property
    def label(self):
        return DIMENSION_LABELS[self.code]


@dataclass
class Decision:
    topic: str
    yours: str
    key: str
    ok: bool


@dataclass
class Result:
    total: float
    raw: float
    cap: int | None
    hard_fails: list[HardFail]
    dimensions: list[Dimension]
    decisions: list[Decision]
    version: int = SCORING_VERSION

    @property
    def deductions(self) -> list[Deduction]:
        return [d for dim in self.dimensions for d in dim.deductions]

    def as_json(self) -> dict:
        data = asdict(self)
        for dim in data["dimensions"]:
            dim["label"] = str(DIMENSION_LABELS[dim["code"]])
        return data


# ---------------------------------------------------------------- scoring
@dataclass
class _Draft:
    code: str
    detail: str
    lost: float
    component: bool = False
    at: datetime.datetime | None = None


@dataclass
class _Dim:
    code: str
    applicable: bool = False
    components: int = 0
    drafts: list[_Draft] = field(default_factory=list)

    def component(self, lost: float, code: str = "", detail: str = "", at=None) -> None:
        """A part of the dimension scored 1 - ``lost``; the parts are averaged."""
        self.applicable = True
        self.components += 1
        if lost > 0:
            self.drafts.append(_Draft(code, detail, lost, component=True, at=at))

    def deduct(self, lost: float, code: str, detail: str, at=None) -> None:
        """A penalty taken straight off the dimension (``lost`` of its weight)."""
        self.applicable = True
        if lost > 0:
            self.drafts.append(_Draft(code, detail, lost, at=at))


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _when(value) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and value:
        return parse_datetime(value)
    return None


def _label(case: Case, code) -> str:
    if code is None or code == "":
        return "—"
    return str(case.labels.get(str(code), code))


def _action_label(action: str) -> str:
    try:
        return str(Action(action).label)
    except ValueError:
        return action


def rule_text(case: Case, code: str) -> tuple[str, str]:
    """(text, source) of a rule code: the rulebook's, the engine's or the rubric's."""
    rule = case.rules.get(code)
    if rule is not None:
        return f"{rule.title}: {rule.message}", rule.source
    if code in EngineRule.values:
        return str(EngineRule(code).label), ENGINE_SOURCE
    if code in SCORING_RULES:
        return SCORING_RULES[code]
    return code, ""


def _rule_of_kind(case: Case, kind: str) -> str | None:
    for code, rule in case.rules.items():
        if rule.kind == kind:
            return code
    return None


class _Scorer:
    def __init__(self, events: Sequence[Event], case: Case):
        self.case = case
        self.events = list(events)
        self.mine = [e for e in self.events if e.by_trainee]
        self.primary = [e for e in self.events if e.grievance == case.primary]
        self.dims = {code: _Dim(code) for code in WEIGHTS}
        self.hard: list[HardFail] = []
        self.decisions: list[Decision] = []
        self.mandatory = list(dict.fromkeys(case.mandatory_steps))
        self.done = {e.action for e in self.mine if e.ok}

    # -- helpers
    def in_session(self, event: Event) -> bool:
        start = self.case.started_at
        return start is None or event.sim_at is None or event.sim_at > start

    def mine_on_primary(self, *actions, ok=True):
        return [
            e
            for e in self.primary
            if e.by_trainee and e.action in actions and (e.ok if ok else True)
        ]

    def hard_fail(self, code: str, detail: str, at=None) -> None:
        text, source = rule_text(self.case, code)
        self.hard.append(HardFail(code, text, source, detail, _iso(at)))

    # -- dimensions
    def timeliness(self) -> None:
        dim, case = self.dims["timeliness"], self.case
        registered = {e.grievance: e for e in self.events if e.action == A.REGISTER and e.ok}
        # Acknowledgement
        acks = self.mine_on_primary(A.ACKNOWLEDGE)
        ack_missed = [
            e
            for e in self.primary
            if e.action == A.DEADLINE_MISSED
            and e.payload.get("deadline") == "acknowledgement"
            and self.in_session(e)
        ]
        expected = A.ACKNOWLEDGE in self.mandatory and case.initial_state == S.REGISTERED
        if expected or acks or ack_missed:
            if acks and acks[0].payload.get("on_time") is not False:
                dim.component(0)
            else:
                at = acks[0].sim_at if acks else (ack_missed[0].sim_at if ack_missed else None)
                detail = (
                    "Acknowledged after the time limit."
                    if acks
                    else "Not acknowledged"
                    + (f" (the limit: {case.ack_limit})." if case.ack_limit else ".")
                )
                dim.component(1, "score.timeliness.ack", detail, at)
        # Service / disposal time, and the interim reply when it was missed
        pre_start = case.initial_state not in (S.DISPOSED, S.CLOSED)
        primary_reg = registered.get(case.primary)
        misses = [
            e
            for e in self.events
            if e.action == A.DEADLINE_MISSED
            and e.payload.get("deadline") == "disposal"
            and self.in_session(e)
        ]
        has_clock = bool(
            case.in_scope
            and pre_start
            and primary_reg
            and primary_reg.payload.get("disposal_due_at")
        )
        if has_clock or misses:
            dim.component(0)  # the service time: each miss takes its share off it
            budget = 1.0
            for miss in misses:
                start = self._clock_start(miss, registered)
                end = self._stopped_at(miss)
                limit = (miss.sim_at - start) if (start and miss.sim_at) else None
                late = (end - miss.sim_at) if (end and miss.sim_at) else None
                if limit and late is not None and limit.total_seconds() > 0:
                    lost = min(1.0, max(late.total_seconds(), 0) / limit.total_seconds())
                else:
                    lost = 1.0
                lost = min(max(lost, 0.25), budget)  # missing the limit at all costs
                budget -= lost
                reg = case.reg_nos.get(miss.grievance, "")
                if lost > 0:
                    dim.drafts.append(
                        _Draft(
                            "score.timeliness.service-time",
                            f"{reg}: the time limit ran out"
                            + (f" ({_fmt_delta(late)} late)." if late is not None else "."),
                            lost,
                            component=True,
                            at=miss.sim_at,
                        )
                    )
                in_time = bool(miss.payload.get("interim_reply_in_time"))
                dim.component(
                    0 if in_time else 1,
                    miss.rule_code or "score.timeliness.interim-reply",
                    f"{reg}: no interim reply before the time limit ran out.",
                    miss.sim_at,
                )
        # Facilitation of a citizen who never applied
        facilitations = self.mine_on_primary(A.FACILITATE_APPLICATION)
        fac_missed = [
            e
            for e in self.primary
            if e.action == A.DEADLINE_MISSED
            and e.payload.get("deadline") == "facilitation"
            and self.in_session(e)
        ]
        if (case.is_rts and not case.citizen_applied) or facilitations or fac_missed:
            helped = any(e.payload.get("on_time") is not False for e in facilitations)
            code = (
                fac_missed[0].rule_code
                if fac_missed and fac_missed[0].rule_code
                else _rule_of_kind(case, RuleKind.FACILITATE_APPLICATION)
                or "score.timeliness.facilitation"
            )
            dim.component(
                0 if helped and not fac_missed else 1,
                code,
                "The citizen was not helped to apply within the time."
                if fac_missed or facilitations
                else "The citizen who never applied was not helped to apply.",
                fac_missed[0].sim_at if fac_missed else None,
            )
        # Appeals decided in time
        decided = [
            e
            for e in self.mine
            if e.ok
            and (
                e.action == A.DECIDE_APPEAL
                or (e.action == A.REMAND and e.from_state == S.IN_APPEAL)
            )
        ]
        appeal_missed = [
            e
            for e in self.events
            if self.in_session(e)
            and (
                e.action == A.ESCALATE_APPEAL
                or (e.action == A.DEADLINE_MISSED and e.payload.get("deadline") == "appeal")
            )
        ]
        if decided or appeal_missed:
            late = appeal_missed or [e for e in decided if e.payload.get("on_time") is False]
            if late:
                dim.component(
                    1,
                    late[0].rule_code or "score.timeliness.appeal",
                    "The appeal was not decided within its time.",
                    late[0].sim_at,
                )
            else:
                dim.component(0)
        # Escalations and automatic appeals caused during the session
        for event in self.events:
            if event.action in (A.ESCALATE, A.AUTO_APPEAL) and self.in_session(event):
                level = event.payload.get("level")
                authority = event.payload.get("authority", "")
                dim.deduct(
                    0.25,
                    event.rule_code or "score.timeliness.escalation",
                    f"{case.reg_nos.get(event.grievance, '')}: "
                    f"{_action_label(event.action)} to level {level} ({authority}).",
                    event.sim_at,
                )

    def _clock_start(self, miss: Event, registered: dict) -> datetime.datetime | None:
        """When the missed limit started: registration, or the latest restart of the
        clock (an application made with help, a reopening) before the miss."""
        start = registered.get(miss.grievance)
        start_at = start.sim_at if start else None
        for event in self.events:
            if event.grievance != miss.grievance or not event.ok or event is miss:
                continue
            if event.sim_at and miss.sim_at and event.sim_at > miss.sim_at:
                break
            if (event.action == A.FACILITATE_APPLICATION and event.payload.get("rts_due_at")) or (
                event.action == A.REOPEN and event.payload.get("disposal_due_at")
            ):
                start_at = event.sim_at
        return start_at

    def _stopped_at(self, miss: Event) -> datetime.datetime | None:
        """When the grievance left the trainee's hands after ``miss`` (or the end)."""
        for event in self.events:
            if (
                event.grievance == miss.grievance
                and event.ok
                and event.action in (*CLOSING, A.TRANSFER, A.AUTO_APPEAL)
                and event.sim_at
                and miss.sim_at
                and event.sim_at >= miss.sim_at
            ):
                return event.sim_at
        return self.case.ended_at

    def categorisation(self) -> None:
        dim, case = self.dims["categorisation"], self.case
        tried = self.mine_on_primary(A.CATEGORISE, ok=False)
        if case.key_category is None or not (A.CATEGORISE in self.mandatory or tried):
            return
        final = [e for e in tried if e.ok]
        leaf_rule = _rule_of_kind(case, RuleKind.LEAF_CATEGORY)
        key_label = _label(case, case.key_category)
        if not final:
            dim.deduct(
                1,
                leaf_rule or "score.categorisation.missing",
                "The grievance was never categorised.",
            )
            self.decisions.append(Decision("category", "—", key_label, False))
            return
        last = final[-1]
        chosen = last.payload.get("category")
        yours = last.payload.get("category_name") or _label(case, chosen)
        ok = chosen == case.key_category
        if not ok:
            if last.payload.get("others"):
                lost, code, why = (
                    0.9,
                    leaf_rule or "score.categorisation.others",
                    "'Others' chosen although a specific category fits.",
                )
            elif case.key_category_parent and last.payload.get("parent") == (
                case.key_category_parent
            ):
                lost, code, why = (
                    0.5,
                    "score.categorisation.parent",
                    "The right group but not the specific category.",
                )
            else:
                lost, code, why = 1, "score.categorisation.wrong", "A category that does not fit."
            dim.deduct(lost, code, f"{why} Chosen: {yours}; the key: {key_label}.", last.sim_at)
        else:
            dim.applicable = True
        self.decisions.append(Decision("category", str(yours), key_label, ok))

    def routing(self) -> None:
        dim, case = self.dims["routing"], self.case
        routes = self.mine_on_primary(*ROUTING)
        closures = self.mine_on_primary(A.CLOSE_OUT_OF_SCOPE, ok=False)
        forbidden = [
            e
            for e in self.mine
            if e.refused
            and case.rules.get(e.rule_code, RuleInfo("", "", "", "")).kind
            == RuleKind.FORBID_CLOSURE_PHRASE
        ]
        routing_steps = [s for s in self.mandatory if s in ROUTING]
        if not (not case.in_scope or routing_steps or routes or closures or forbidden):
            return
        dim.applicable = True
        for event in forbidden:
            dim.deduct(
                1,
                event.rule_code,
                f"Tried to close it as '{_excerpt(event)}'.",
                event.sim_at,
            )
        if case.in_scope:
            key_label = _label(case, case.key_office)
            if routing_steps or routes:
                if not routes:
                    dim.deduct(1, "score.routing.missing", f"Never sent to {key_label}.")
                    self.decisions.append(Decision("office", "—", key_label, False))
                else:
                    first = routes[0].payload.get("office")
                    ok = case.key_office is None or first == case.key_office
                    if not ok:
                        dim.deduct(
                            0.6,
                            "score.routing.first-office",
                            f"First sent to {_label(case, first)}; the key: {key_label}.",
                            routes[0].sim_at,
                        )
                    self.decisions.append(Decision("office", _label(case, first), key_label, ok))
            transfers = [e for e in routes if e.action == A.TRANSFER]
            needed = (
                1
                if case.key_office_org
                and case.initial_office_org
                and case.key_office_org != case.initial_office_org
                else 0
            )
            for event in transfers[needed:]:
                dim.deduct(
                    0.25,
                    "score.routing.extra-transfer",
                    f"Transferred to {_label(case, event.payload.get('office'))} although "
                    "no (further) transfer was needed.",
                    event.sim_at,
                )
            for event in closures:
                dim.deduct(
                    1,
                    "score.routing.wrong-out-of-scope",
                    "Closed (or tried to close) as out of scope a grievance within scope.",
                    event.sim_at,
                )
        else:
            reason_label = _label(case, case.out_of_scope_reason)
            closed = [e for e in closures if e.ok]
            if not closed:
                dim.deduct(
                    1,
                    "score.routing.not-closed",
                    f"Not closed as out of scope ({reason_label}).",
                )
                self.decisions.append(Decision("closure", "—", reason_label, False))
            else:
                reason = closed[0].payload.get("reason")
                ok = reason == case.out_of_scope_reason
                if not ok:
                    dim.deduct(
                        0.5,
                        "score.routing.out-of-scope-reason",
                        f"Closed as '{_label(case, reason)}'; the key: {reason_label}.",
                        closed[0].sim_at,
                    )
                self.decisions.append(Decision("closure", _label(case, reason), reason_label, ok))
            for event in routes:
                dim.deduct(
                    0.25,
                    "score.routing.not-closed",
                    f"{_action_label(event.action)} a grievance that is outside the scheme.",
                    event.sim_at,
                )

    def procedure(self) -> None:
        dim, case = self.dims["procedure"], self.case
        if not (self.mandatory or self.mine):
            return
        dim.applicable = True
        for event in self.mine:
            if not event.refused:
                continue
            trap = event.rule_code in case.forbidden_rules
            dim.deduct(
                0.25 if trap else 0.1,
                event.rule_code,
                f"{_action_label(event.action)} refused: {event.message}",
                event.sim_at,
            )
        share = 1 / len(self.mandatory) if self.mandatory else 0
        for step in self.mandatory:
            ok = step in self.done
            self.decisions.append(Decision("step", _action_label(step), _action_label(step), ok))
            if not ok:
                dim.deduct(
                    share,
                    "score.procedure.missing-step",
                    f"Step not taken: {_action_label(step)}.",
                )
        for code in case.forbidden_rules:
            hit = any(
                e.rule_code == code
                and (e.by_trainee or self.in_session(e))
                and (e.refused or (not e.by_trainee and e.ok))
                for e in self.events
            )
            self.decisions.append(Decision("trap", code, rule_text(case, code)[0], not hit))

    def reply(self) -> None:
        dim, case = self.dims["reply"], self.case
        written = [e for e in self.mine if e.ok and e.action in REPLY_TEXT]
        missing = [s for s in self.mandatory if s in REPLY_TEXT and s not in self.done]
        if not (written or missing):
            return
        for step in missing:
            dim.component(
                1, "score.reply.missing", f"No {_action_label(step).lower()} was written."
            )
        for event in written:
            application = self._application_before(event)
            checks = text_checks(
                event.action,
                event.payload.get(REPLY_TEXT[event.action], ""),
                reg_no=case.reg_nos.get(event.grievance, ""),
                payload=event.payload,
                application_ref=application,
                designations=case.designations,
            )
            failed = [name for name, ok in checks.items() if not ok]
            dim.component(0)
            for name in failed:
                dim.drafts.append(
                    _Draft(
                        f"score.reply.{name}",
                        f"{_action_label(event.action)}: does not give {CHECK_LABELS[name]}.",
                        1 / len(checks),
                        component=True,
                        at=event.sim_at,
                    )
                )

    def _application_before(self, event: Event) -> str:
        ref = ""
        for other in self.events:
            if other is event:
                break
            if (
                other.grievance == event.grievance
                and other.ok
                and other.action == A.FACILITATE_APPLICATION
            ):
                ref = str(other.payload.get("application_ref") or "")
        return ref

    def outcome(self) -> None:
        dim, case = self.dims["outcome"], self.case
        if not (self.mandatory or self.mine or not case.in_scope):
            return
        dim.applicable = True
        closed_away = [
            e for e in self.mine_on_primary(A.CLOSE_OUT_OF_SCOPE, A.LINK_DUPLICATE) if case.in_scope
        ]
        if closed_away:
            dim.deduct(
                1,
                "score.outcome.wrongly-closed",
                f"{_action_label(closed_away[0].action)}: the grievance was closed, not redressed.",
                closed_away[0].sim_at,
            )
        elif not case.in_scope and not self.mine_on_primary(A.CLOSE_OUT_OF_SCOPE):
            dim.deduct(1, "score.routing.not-closed", "It was not closed as out of scope.")
        for event in self.events:
            if (
                event.action == A.REMAND
                and not event.by_trainee
                and event.ok
                and self.in_session(event)
            ):
                dim.deduct(
                    0.5,
                    event.rule_code or "score.outcome.remanded",
                    "Remanded: " + (event.message or "the ATR was sent back."),
                    event.sim_at,
                )
        ranked = [s for s in self.mandatory if s in STAGE]
        if ranked:
            terminal = max(ranked, key=lambda s: STAGE[s])
            if terminal not in self.done:
                dim.deduct(
                    0.5,
                    "score.outcome.not-reached",
                    f"The case did not get as far as: {_action_label(terminal)}.",
                )

    def hard_fails(self) -> None:
        case = self.case
        for event in self.mine:
            rule = case.rules.get(event.rule_code)
            if event.refused and rule is not None and rule.kind in HARD_FAIL_REFUSALS:
                self.hard_fail(
                    event.rule_code,
                    f"{_action_label(event.action)} was attempted and refused.",
                    event.sim_at,
                )
            if (
                event.action == A.CLOSE_OUT_OF_SCOPE
                and case.in_scope
                and event.grievance == case.primary
                and event.outcome in (Outcome.OK, Outcome.REFUSED)
                and not (rule is not None and rule.kind in HARD_FAIL_REFUSALS)
            ):
                self.hard_fail(
                    "score.hard.wrong-out-of-scope",
                    "Closed (or tried to close) as out of scope a grievance within scope.",
                    event.sim_at,
                )
        for event in self.events:
            rule = case.rules.get(event.rule_code)
            if (
                event.action == A.REMAND
                and event.ok
                and not event.by_trainee
                and rule is not None
                and rule.kind == RuleKind.REMAND_ON_CONTRADICTION
                and self.in_session(event)
            ):
                self.hard_fail(
                    event.rule_code,
                    "The ATR was sent up although the citizen's feedback contradicted it.",
                    event.sim_at,
                )

    # -- the total
    def result(self) -> Result:
        for step in (
            self.timeliness,
            self.categorisation,
            self.routing,
            self.procedure,
            self.reply,
            self.outcome,
            self.hard_fails,
        ):
            step()
        applicable = [code for code, dim in self.dims.items() if dim.applicable]
        weight_total = sum(WEIGHTS[code] for code in applicable)
        dimensions = []
        raw = 0.0
        hard_codes = {h.code for h in self.hard}
        for code, dim in self.dims.items():
            max_points = 100 * WEIGHTS[code] / weight_total if dim.applicable else 0.0
            deductions, remaining = [], 1.0
            for draft in dim.drafts:
                share = draft.lost / dim.components if draft.component else draft.lost
                share = max(min(share, remaining), 0.0)  # 0: the dimension is spent
                remaining -= share
                text, source = rule_text(self.case, draft.code)
                deductions.append(
                    Deduction(
                        dimension=code,
                        code=draft.code,
                        rule=text,
                        source=source,
                        detail=draft.detail,
                        points=round(share * max_points, 2),
                        at=_iso(draft.at),
                        hard_fail=draft.code in hard_codes,
                    )
                )
            fraction = max(0.0, remaining) if dim.applicable else 0.0
            points = fraction * max_points
            raw += points
            dimensions.append(
                Dimension(
                    code=code,
                    weight=WEIGHTS[code],
                    applicable=dim.applicable,
                    fraction=fraction,
                    max_points=round(max_points, 2),
                    points=round(points, 2),
                    deductions=deductions,
                )
            )
        raw = round(min(max(raw, 0.0), 100.0), 1)
        cap = HARD_FAIL_CAP if self.hard else None
        total = min(raw, HARD_FAIL_CAP) if self.hard else raw
        return Result(
            total=total,
            raw=raw,
            cap=cap,
            hard_fails=self.hard,
            dimensions=dimensions,
            decisions=self.decisions,
        )


def _fmt_delta(delta: datetime.timedelta | None) -> str:
    if delta is None:
        return ""
    hours = int(max(delta.total_seconds(), 0) // 3600)
    if hours >= 48:
        return f"{hours // 24} days"
    return f"{hours} hours"


def _excerpt(event: Event) -> str:
    for key in ("reason", "reply", "text"):
        value = event.payload.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:80]
    return ""


def score(events: Sequence[Event], case: Case) -> Result:
    """Score a session from its events (in simulated-time order) against the key."""
    return _Scorer(events, case).result()


# ---------------------------------------------------------------- from the database
def events_for(session) -> list[Event]:
    """The session's log as scoring events (1 query)."""
    from .models import GrievanceEvent

    rows = GrievanceEvent.objects.filter(session=session).order_by("sim_at", "pk")
    return [
        Event(
            action=row.action,
            outcome=row.outcome,
            role=row.role,
            sim_at=row.sim_at,
            grievance=row.grievance_id,
            by_trainee=row.actor_id is not None,
            from_state=row.from_state,
            to_state=row.to_state,
            rule_code=row.rule_code,
            message=row.message,
            payload=row.payload or {},
        )
        for row in rows
    ]


def case_for(session) -> Case:
    """The key and the facts of ``session`` (a few queries; for finishing and debriefs)."""
    from .book import book_for
    from .models import Category, Grievance, Office, Scenario

    scenario = Scenario.objects.select_related(
        "key_category__parent", "key_office", "initial_office"
    ).get(pk=session.scenario_id)
    grievances = list(
        Grievance.objects.filter(session=session)
        .order_by("pk")
        .values("pk", "reg_no", "is_primary", "key_duplicate_of_id")
    )
    primary = next((g["pk"] for g in grievances if g["is_primary"]), None)
    book = book_for(session)
    labels: dict[str, str] = {}
    for code, name in Category.objects.filter(rulebook_id=session.rulebook_id).values_list(
        "code", "name"
    ):
        labels[code] = name
    offices = list(
        Office.objects.filter(rulebook_id=session.rulebook_id).values_list("code", "name")
    )
    labels.update(dict(offices))
    labels.update(book.out_of_scope_reasons())
    designations = tuple(
        title
        for title in Office.objects.filter(rulebook_id=session.rulebook_id).values_list(
            "officer_title", flat=True
        )
        if title
    )
    key_category = scenario.key_category
    return Case(
        primary=primary,
        reg_nos={g["pk"]: g["reg_no"] for g in grievances},
        started_at=session.sim_started_at,
        ended_at=session.sim_now,
        initial_state=scenario.initial_state,
        in_scope=scenario.key_in_scope,
        out_of_scope_reason=scenario.key_out_of_scope_reason,
        key_category=key_category.code if key_category else None,
        key_category_parent=(
            key_category.parent.code if key_category and key_category.parent_id else None
        ),
        key_office=scenario.key_office.code if scenario.key_office_id else None,
        key_office_org=scenario.key_office.organisation if scenario.key_office_id else "",
        initial_office=scenario.initial_office.code,
        initial_office_org=scenario.initial_office.organisation,
        is_rts=scenario.key_is_rts,
        citizen_applied=scenario.key_citizen_applied,
        mandatory_steps=tuple(scenario.key_mandatory_steps or ()),
        forbidden_rules=tuple(scenario.key_forbidden_rules or ()),
        rules={
            rule.code: RuleInfo(rule.code, rule.kind, rule.title, rule.message, rule.source)
            for rule in book.rules
        },
        duplicates={
            g["pk"]: g["key_duplicate_of_id"] for g in grievances if g["key_duplicate_of_id"]
        },
        designations=designations,
        labels=labels,
        rulebook=book.snapshot.get("name", ""),
        ack_limit=describe_limit(book.ack_limit),
    )


def describe_limit(limit) -> str:
    if limit is None:
        return ""
    names = {
        "hours": ("hour", "hours"),
        "calendar_days": ("day", "days"),
        "working_days": ("working day", "working days"),
    }
    singular, plural = names.get(limit.unit, (limit.unit, limit.unit))
    return f"{limit.amount} {singular if limit.amount == 1 else plural}"


def score_session(session) -> Result:
    return score(events_for(session), case_for(session))
