"""What scoring reads and what it returns, and the pieces a score is built from.

Inputs: ``Event`` (one event of the log as scoring sees it), ``RuleInfo`` (a rulebook
rule) and ``Case`` (the scenario's hidden key and the facts of the session). Results:
``Result`` (the total, the cap, ``HardFail``s, the ``Dimension``s with their
``Deduction``s, and the ``Decision``s shown in the debrief). While scoring, each dimension
is a ``_Dim`` collecting ``_Draft`` deductions; ``rule_text`` names a rule code's text and
source (the rulebook's, the engine's or the rubric's) and ``_label`` / ``_action_label``
name codes for people. Pure: no database."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from django.utils.dateparse import parse_datetime

from .details import Message, english
from .enums import Action, EngineRule, GrievanceState, Outcome, SimRole
from .rubric import DIMENSION_LABELS, ENGINE_SOURCE, SCORING_RULES, SCORING_VERSION

S = GrievanceState


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
    key_co_offices: tuple[str, ...] = ()  # offices forwarded with the lead (key_office)
    # what an action-taken report may call each office by (its names in each language)
    office_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    accused: frozenset[str] = frozenset()  # an allegation's office and the offices under it
    conflict_ok: frozenset[str] = frozenset()  # senior to the accused, or Vigilance
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
    ack_limit: Mapping | None = None  # details.limit(): shown in the page's language
    phrasings: Mapping[str, list[str]] = field(default_factory=dict)


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
    detail_msg: Message | None = None  # the detail as a message (``details``)


@dataclass
class HardFail:
    code: str
    rule: str
    source: str
    detail: str
    at: str | None = None
    detail_msg: Message | None = None  # the detail as a message (``details``)


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
    code: str = ""  # the step's action or the trap's rule (shown in the reader's language)
    # For a category, office or closure: the codes of yours and the key's, so the debrief
    # names them in the reader's language ("" for none).
    yours_code: str = ""
    key_code: str = ""


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


# ---------------------------------------------------------------- while scoring
@dataclass
class _Draft:
    code: str
    detail: str | Message  # a message (``details.msg``); plain text in older callers
    lost: float
    component: bool = False
    at: datetime.datetime | None = None
    severe: bool = True  # a failed requirement: the dimension keeps at most SEVERE_CAP

    @property
    def message(self) -> Message | None:
        return self.detail if isinstance(self.detail, dict) else None

    @property
    def text(self) -> str:
        """The detail in English."""
        return english(self.detail) if isinstance(self.detail, dict) else str(self.detail)


@dataclass
class _Dim:
    code: str
    applicable: bool = False
    components: int = 0
    drafts: list[_Draft] = field(default_factory=list)

    def component(
        self, lost: float, code: str = "", detail: str | Message = "", at=None, severe: bool = True
    ) -> None:
        """A part of the dimension scored 1 - ``lost``; the parts are averaged."""
        self.applicable = True
        self.components += 1
        if lost > 0:
            self.drafts.append(_Draft(code, detail, lost, component=True, at=at, severe=severe))

    def deduct(
        self, lost: float, code: str, detail: str | Message, at=None, severe: bool = True
    ) -> None:
        """A penalty taken straight off the dimension (``lost`` of its weight)."""
        self.applicable = True
        if lost > 0:
            self.drafts.append(_Draft(code, detail, lost, at=at, severe=severe))


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
        text, source = SCORING_RULES[code]
        return str(text), source
    return "A rule of the procedure.", ""


def _rule_of_kind(case: Case, kind: str) -> str | None:
    for code, rule in case.rules.items():
        if rule.kind == kind:
            return code
    return None


def _excerpt(event: Event) -> str:
    for key in ("reason", "reply", "text"):
        value = event.payload.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:80]
    return ""
