"""Consolidation in a case that needs several offices, part of the routing dimension: the
lead office (the key's office) files one action-taken report, and only once the input of
every required co-office it was forwarded with has arrived (``Action.SUBMIT_INPUT``, a
co-office's desk action); the report says whose inputs it consolidates. A report filed
before an input arrived, or a co-office trying to file a report of its own (the desk
refuses it: ``EngineRule.LEAD_ATR``), fails the requirement. Run by ``routing`` once the
grievance is with the right lead; pure, over the event log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_noop as _

from . import details as m
from .enums import Action
from .rubric import ROUTING
from .scorecard import _Dim, _label

if TYPE_CHECKING:  # the scorer imports this module; the name is only an annotation here
    from .scorer import _Scorer

A = Action


def _office(case, code) -> dict:
    return m.label(code, _label(case, code))


def names_office(text: str, names) -> bool:
    """``text`` refers to the office by one of its ``names`` (any case)."""
    folded = (text or "").casefold()
    return any(name and name.casefold() in folded for name in names)


def score_consolidation(self: _Scorer, dim: _Dim) -> None:
    case = self.case
    required = set(case.key_co_offices)
    forwards = self.mine_on_primary(A.FORWARD)
    if not required or not forwards:
        return
    sent = required & set(forwards[-1].payload.get("also") or [])
    lead = _office(case, case.key_office)
    received: set[str] = set()
    for event in self.primary:
        if event.ok and event.action in ROUTING:
            received = set()  # a new forward asks for the inputs afresh
        elif event.ok and event.action == A.SUBMIT_INPUT:
            received.add(str(event.payload.get("office") or ""))
        elif event.action == A.SUBMIT_ATR and event.by_trainee and (event.ok or event.refused):
            _judge_report(self, dim, event, sent, received, lead)


def _judge_report(self: _Scorer, dim: _Dim, event, sent, received, lead) -> None:
    case = self.case
    filer = str(event.payload.get("office") or "")
    if filer and filer != case.key_office and filer in case.key_co_offices:
        dim.deduct(
            1,
            "score.routing.separate-atr",
            m.msg(
                _(
                    "%(office)s tried to file an action-taken report of its own; a co-office "
                    "sends its input, and the lead office %(lead)s files one report for the case."
                ),
                office=_office(case, filer),
                lead=lead,
            ),
            event.sim_at,
        )
        return
    if not event.ok:
        return
    awaited = sorted(sent - received)
    if awaited:
        dim.deduct(
            1,
            "score.routing.consolidation",
            m.msg(
                _(
                    "The lead office %(lead)s filed its action-taken report before the input of "
                    "%(offices)s arrived: it must wait for every co-office's input and "
                    "consolidate them into one report."
                ),
                lead=lead,
                offices=m.labels(_office(case, c) for c in awaited),
            ),
            event.sim_at,
        )
        return
    text = str(event.payload.get("text") or "")
    unnamed = [c for c in sorted(sent) if not names_office(text, case.office_names.get(c, (c,)))]
    if unnamed:
        dim.deduct(
            0.5,
            "score.routing.consolidation-named",
            m.msg(
                _(
                    "The action-taken report does not say that it consolidates the input of "
                    "%(offices)s."
                ),
                offices=m.labels(_office(case, c) for c in unnamed),
            ),
            event.sim_at,
        )
