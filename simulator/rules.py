"""The rule kinds the engine understands that can refuse an action.

Each checker takes the attempted action (``Attempt``) and one rule of the session's
rulebook and returns a ``Refusal`` (the rule's code and message) or None. The first
refusing rule, in the rulebook's order, wins. Rule kinds that act on time or on events (auto
appeal, escalation, remand on contradiction, facilitation deadline) are applied by
``services`` and the sweep, not here."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .book import Book, RuleSpec
from .enums import Action, RuleKind, SimRole
from .models import Office
from .timing import Limit

A = Action


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str
    title: str = ""


@dataclass
class Attempt:
    """An action being tried: the grievance (locked), who, what, and the resolved inputs."""

    grievance: object
    action: str
    role: str
    payload: dict
    book: Book
    sim_now: object
    resolved: dict = field(default_factory=dict)


class _Params(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def refuse(rule: RuleSpec) -> Refusal:
    params = _Params({k: v for k, v in rule.params.items() if isinstance(v, str | int)})
    try:
        message = rule.message.format_map(params)
    except (ValueError, IndexError):
        message = rule.message
    return Refusal(code=rule.code, message=message, title=rule.title)


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("'", "")
    return re.sub(r"\s+", " ", text).strip()


TEXT_KEYS = ("reply", "text", "reason", "note", "directions", "order")
DEFAULT_CLOSURE_ACTIONS = [A.CLOSE_OUT_OF_SCOPE, A.SUBMIT_ATR, A.DISPOSE]
DEFAULT_CONFLICT_ACTIONS = [
    A.TAKE_UP,
    A.CALL_CITIZEN,
    A.FACILITATE_APPLICATION,
    A.INTERIM_REPLY,
    A.SUBMIT_ATR,
]


def _closure_phrase(attempt: Attempt, rule: RuleSpec):
    if attempt.action not in rule.params.get("actions", DEFAULT_CLOSURE_ACTIONS):
        return None
    if attempt.payload.get("reason") in rule.params.get("reason_codes", []):
        return refuse(rule)
    text = " ".join(
        _normalise(str(attempt.payload[key]))
        for key in TEXT_KEYS
        if isinstance(attempt.payload.get(key), str)
    )
    for phrase in rule.params.get("phrases", []):
        if _normalise(phrase) in text:
            return refuse(rule)
    return None


def _max_transfers(attempt: Attempt, rule: RuleSpec):
    if attempt.action == A.TRANSFER and attempt.grievance.transfer_count >= rule.params["max"]:
        return refuse(rule)
    return None


def _max_multi_forward(attempt: Attempt, rule: RuleSpec):
    offices = attempt.resolved.get("offices") or []
    if attempt.action == A.FORWARD and len(offices) > rule.params["max"]:
        return refuse(rule)
    return None


def _return_reason(attempt: Attempt, rule: RuleSpec):
    if attempt.action != A.RETURN:
        return None
    if rule.params.get("rts_only") and not attempt.grievance.is_rts:
        return None
    if attempt.payload.get("reason") in rule.params["reasons"]:
        return refuse(rule)
    return None


def _leaf_category(attempt: Attempt, rule: RuleSpec):
    if attempt.action == A.CATEGORISE and attempt.resolved.get("category_has_children"):
        return refuse(rule)
    return None


def _out_of_scope(attempt: Attempt, rule: RuleSpec):
    if attempt.action != A.CLOSE_OUT_OF_SCOPE:
        return None
    if attempt.payload.get("reason") not in attempt.book.out_of_scope_reasons():
        return refuse(rule)
    return None


def _closed_or_disposed_at(grievance):
    return grievance.closed_at or grievance.disposed_at


def _window_passed(attempt: Attempt, window) -> bool:
    base = _closed_or_disposed_at(attempt.grievance)
    limit = Limit.of(window)
    if base is None or limit is None:
        return False
    return attempt.sim_now > attempt.book.due(base, limit)


def _appeal_on_rating(attempt: Attempt, rule: RuleSpec):
    if attempt.action != A.APPEAL:
        return None
    if attempt.grievance.feedback_rating not in rule.params["ratings"]:
        return refuse(rule)
    if rule.params.get("window") and _window_passed(attempt, rule.params["window"]):
        return refuse(rule)
    return None


def _conflict_of_interest(attempt: Attempt, rule: RuleSpec):
    grievance = attempt.grievance
    if (
        attempt.role == SimRole.DESIGNATED_OFFICER
        and attempt.action in rule.params.get("actions", DEFAULT_CONFLICT_ACTIONS)
        and grievance.allegation_office_id
        and grievance.office_id in accused_offices(grievance)
    ):
        return refuse(rule)
    return None


def accused_offices(grievance) -> set[int]:
    """The office named in the grievance's allegation and the offices under it (ids)."""
    accused = grievance.allegation_office_id
    if not accused:
        return set()
    rows = dict(
        Office.objects.filter(rulebook_id=grievance.session.rulebook_id).values_list(
            "pk", "parent_id"
        )
    )
    found = {accused}
    changed = True
    while changed:
        changed = False
        for pk, parent in rows.items():
            if parent in found and pk not in found:
                found.add(pk)
                changed = True
    return found


def is_senior_or_vigilance(office, accused) -> bool:
    """A right destination for a complaint against ``accused``: a Vigilance office, an
    office above it in the hierarchy, or (no link recorded) a higher rank in the same
    organisation."""
    if office is None or accused is None or office.pk == accused.pk:
        return False
    if office.is_vigilance:
        return True
    if any(o.pk == office.pk for o in accused.ancestors()):
        return True
    return (
        office.organisation == accused.organisation
        and office.rank is not None
        and accused.rank is not None
        and office.rank < accused.rank
    )


def _reopen_window(attempt: Attempt, rule: RuleSpec):
    if attempt.action != A.REOPEN:
        return None
    window = rule.params.get("window")
    if window is None or _window_passed(attempt, window):
        return refuse(rule)
    return None


def _interim_reply(attempt: Attempt, rule: RuleSpec):
    if (
        attempt.action == A.INTERIM_REPLY
        and rule.params.get("require_expected_date", True)
        and not attempt.resolved.get("expected_by")
    ):
        return refuse(rule)
    return None


CHECKS: dict[str, Callable[[Attempt, RuleSpec], Refusal | None]] = {
    RuleKind.FORBID_CLOSURE_PHRASE: _closure_phrase,
    RuleKind.MAX_TRANSFERS: _max_transfers,
    RuleKind.MAX_MULTI_FORWARD: _max_multi_forward,
    RuleKind.FORBID_RETURN_REASON: _return_reason,
    RuleKind.LEAF_CATEGORY: _leaf_category,
    RuleKind.OUT_OF_SCOPE_REASONS: _out_of_scope,
    RuleKind.APPEAL_ON_RATING: _appeal_on_rating,
    RuleKind.CONFLICT_OF_INTEREST: _conflict_of_interest,
    RuleKind.REOPEN_WINDOW: _reopen_window,
    RuleKind.INTERIM_REPLY_REQUIRED: _interim_reply,
}
# Kinds that refuse actions (the rest act on time or on feedback).
REFUSING_KINDS = frozenset(CHECKS)


def check(attempt: Attempt) -> Refusal | None:
    """The first rule of the book that refuses ``attempt``, or None."""
    for rule in attempt.book.rules:
        checker = CHECKS.get(rule.kind)
        if checker is None:
            continue
        refusal = checker(attempt, rule)
        if refusal is not None:
            return refusal
    return None
