"""What the debrief shows of a stored score, in the page's language: each deduction's and
hard fail's rule and detail (a detail stored as a message is rendered now, ``details``;
an older score keeps its text), the sources as the public documents they cite
(``public_source``: never repository files or internal ids), and each decision against the
key with its topic, step or rule named for the reader."""

import re

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.core.languages import showing_hindi

from . import scoring
from .details import render as render_detail
from .enums import Action, EngineRule


def timed(items, rules=None, labels=None) -> list[dict]:
    """Stored items with their ISO ``at`` read back as datetimes (for the date filter),
    their source as a trainee can read it (``public_source``), and their rule and detail in
    the page's language (a detail stored as a message, ``details``; older scores keep their
    text)."""
    return [
        {
            **item,
            "at": parse_datetime(item["at"]) if item.get("at") else None,
            "source": public_source(
                item.get("source", ""), rubric=item.get("code") in scoring.SCORING_RULES
            ),
            "rule": _rule_in_language(item.get("code", ""), item.get("rule", ""), rules),
            "detail": render_detail(item["detail_msg"], labels=labels, rules=rules)
            if item.get("detail_msg")
            else item.get("detail", ""),
        }
        for item in items
    ]


def decision(decision: dict, rules, labels=None) -> dict:
    """A stored decision with its topic, a step's or trap's name, and a category's,
    office's or closure reason's name (``labels``: the page's names by code), in the page's
    language."""
    shown = {**decision, "topic_label": DECISION_TOPICS.get(decision["topic"], decision["topic"])}
    for side in ("yours", "key"):
        name = (labels or {}).get(decision.get(f"{side}_code") or "")
        if name:
            shown[side] = name
    code = decision.get("code", "")
    if code and decision["topic"] == "step" and code in Action.values:
        shown["key"] = Action(code).label
    elif code and decision["topic"] == "trap":
        shown["key"] = _rule_in_language(code, decision.get("key", ""), rules)
    return shown


# What only developers have: repository files, internal ids and paths (the names of the
# research notes are assembled so that this file does not itself cite them).
_INTERNAL = re.compile(
    r"[\w./-]*\.(?:md|py|json|txt|yaml|yml)\b|\bseeds?/|\bsimulator/|\bdocs/|"
    + "GRIEVANCE-"
    + "RESEARCH|"
    + "DOM"
    + r"AIN\b|\bTRANSITIONS\b|\bACTORS\b|\bsrc/",
    re.IGNORECASE,
)
_RULE_ID = re.compile(r"^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$")


def public_source(source: str, *, rubric: bool = False) -> str:
    """A source as the public documents it cites: parts that name repository files or
    internal paths (kept in older scores) are left out. The rubric's own sources
    (``rubric``) are shown in the page's language (``rubric.SOURCE_TITLES``); a rulebook
    rule's source is shown whole, as entered."""
    parts = [p.strip() for p in re.split(r";\s*", str(source or "")) if p.strip()]
    return "; ".join(
        _(p) if rubric and p in scoring.SOURCE_TITLES else p
        for p in parts
        if not _INTERNAL.search(p)
    )


def _rule_in_language(code: str, stored: str, rules) -> str:
    """A deduction's rule in the page's language: the rubric's own rules are translated,
    a rulebook's rule gives its Hindi message when there is one (alone: its title is
    English only); else the stored text."""
    if code in scoring.SCORING_RULES:
        return str(scoring.SCORING_RULES[code][0])
    if code in EngineRule.values:
        return str(EngineRule(code).label)
    rule = (rules or {}).get(code)
    if rule is not None and showing_hindi() and rule.message_hi:
        return rule.message_hi
    return _public_rule(stored)


def _public_rule(rule: str) -> str:
    """The rule's text, never a bare internal id (an older score may hold one)."""
    text = str(rule or "")
    return _("A rule of the procedure.") if _RULE_ID.match(text.strip()) else text


DECISION_TOPICS = {
    "category": gettext_lazy("Category"),
    "office": gettext_lazy("First office sent to"),
    "closure": gettext_lazy("Out-of-scope closure"),
    "step": gettext_lazy("Mandatory step"),
    "trap": gettext_lazy("Rule the case tempts you to break"),
}
