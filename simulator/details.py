"""What happened, as a message the debrief renders in its reader's language.

A deduction's or hard fail's detail is kept as a message: an English msgid with named
placeholders (``%(office)s``) and its parameters, ``{"id": ..., "params": {...}}``, JSON
as it is stored in a session's score breakdown. ``render`` puts it together at display
time in the active language (``gettext``); the English text is kept beside it too
(``english``), for older readers and the audit rows.

A parameter is shown as it is (a name, a number, a registration number, a date, the
trainee's own words), or it is tagged to be put in the reader's language:

- ``action(code)``: the action's label;
- ``check(name)``: a reply element's label (``rubric.CHECK_LABELS``);
- ``label(code, name)``: an office, category or reason, by the page's labels (its Hindi
  name when there is one), else the English ``name``;
- ``labels(...)``: several of them, joined;
- ``sub(msgid, ...)``: another message (a part of the sentence);
- ``days(n)`` / ``hours(n)``: a duration, with its plural;
- ``refusal(code, message)``: why the desk refused an action: the message as the desk
  gave it in English; in another language the rulebook rule's own translation when it has
  one, else the desk's rule in that language.

Pure: no database; the page's labels and the session's rules are handed in."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils import translation
from django.utils.translation import gettext, ngettext

from lms.core.languages import showing_hindi

from .enums import Action, EngineRule
from .rubric import CHECK_LABELS
from .timing import HOURS, WORKING

Message = dict


def msg(msgid: str, **params) -> Message:
    """A message: ``msgid`` (marked with ``gettext_noop`` where it is written) and its
    named parameters."""
    return {"id": str(msgid), "params": params}


def action(code: str) -> dict:
    return {"action": str(code)}


def check(name: str) -> dict:
    return {"check": str(name)}


def label(code, name: str) -> dict:
    return {"label": "" if code is None else str(code), "name": str(name)}


def labels(items) -> dict:
    """Several ``label`` / plain values, joined with commas."""
    return {"list": list(items)}


def sub(msgid: str, **params) -> dict:
    return {"msg": msg(msgid, **params)}


def days(n: int) -> dict:
    return {"days": int(n)}


def hours(n: int) -> dict:
    return {"hours": int(n)}


def limit(value) -> dict | None:
    """A rulebook time limit (``book.Limit``: an amount of hours, calendar or working
    days), shown with its unit in the page's language; None for no limit."""
    if value is None:
        return None
    return {"limit": [int(value.amount), str(value.unit)]}


def refusal(code: str, message: str) -> dict:
    return {"refusal": str(code or ""), "message": str(message or "")}


def _english_page() -> bool:
    return (translation.get_language() or "en").split("-")[0] == "en"


def _value(value, page_labels: Mapping, rules: Mapping):  # noqa: C901 - one branch per tag
    if not isinstance(value, Mapping):
        return value
    if "action" in value:
        try:
            return str(Action(value["action"]).label)
        except ValueError:
            return value["action"]
    if "check" in value:
        text = CHECK_LABELS.get(value["check"])
        return str(text) if text is not None else value["check"]
    if "label" in value:
        return str(page_labels.get(value["label"]) or value.get("name") or value["label"])
    if "list" in value:
        return ", ".join(str(_value(item, page_labels, rules)) for item in value["list"])
    if "msg" in value:
        return render(value["msg"], labels=page_labels, rules=rules)
    if "days" in value:
        n = value["days"]
        return ngettext("%(n)s day", "%(n)s days", n) % {"n": n}
    if "hours" in value:
        n = value["hours"]
        return ngettext("%(n)s hour", "%(n)s hours", n) % {"n": n}
    if "limit" in value:
        n, unit = value["limit"]
        if unit == WORKING:
            return ngettext("%(n)s working day", "%(n)s working days", n) % {"n": n}
        if unit == HOURS:
            return ngettext("%(n)s hour", "%(n)s hours", n) % {"n": n}
        return ngettext("%(n)s day", "%(n)s days", n) % {"n": n}
    if "refusal" in value:
        code, stored = value["refusal"], value.get("message", "")
        if _english_page():
            return stored
        rule = rules.get(code)
        translated = getattr(rule, "message_hi", "") if rule is not None else ""
        if translated and showing_hindi():
            return translated
        if code in EngineRule.values:
            return str(EngineRule(code).label)
        return stored
    return value


def render(message: Message | None, *, labels=None, rules=None) -> str:
    """The message in the active language (the English msgid when it has no translation)."""
    if not message:
        return ""
    page_labels, rules = labels or {}, rules or {}
    params = {
        key: _value(value, page_labels, rules)
        for key, value in (message.get("params") or {}).items()
    }
    msgid = message.get("id", "")
    for text in (gettext(msgid), msgid):
        try:
            return text % params if params else text
        except (KeyError, ValueError, TypeError):
            continue
    return msgid


def english(message: Message) -> str:
    """The message in English (what a score stores beside the message)."""
    with translation.override("en"):
        return render(message)
