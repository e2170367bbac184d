"""The routing dimension: where the grievance went (the office in the key, the lead and the
other required offices of a multi-office case, a senior office or Vigilance when an office
is accused), how it got there (no needless transfers) and, for a case out of scope, the
closure with the right reason. Part of ``scorer._Scorer``, kept apart for its size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_noop as _

from . import details as m
from .consolidation import score_consolidation
from .enums import Action, RuleKind
from .rubric import ROUTING
from .scorecard import Decision, RuleInfo, _excerpt, _label

if TYPE_CHECKING:  # the scorer imports this module; the name is only an annotation here
    from .scorer import _Scorer

A = Action


def score_routing(self: _Scorer) -> None:
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
            m.msg(_("Tried to close it as '%(text)s'."), text=_excerpt(event)),
            event.sim_at,
        )
    if case.in_scope:
        _routing_in_scope(self, dim, routes, routing_steps)
        for event in closures:
            dim.deduct(
                1,
                "score.routing.wrong-out-of-scope",
                m.msg(_("Closed (or tried to close) as out of scope a grievance within scope.")),
                event.sim_at,
            )
    else:
        reason_label = _label(case, case.out_of_scope_reason)
        key_reason = m.label(case.out_of_scope_reason, reason_label)
        closed = [e for e in closures if e.ok]
        if not closed:
            dim.deduct(
                1,
                "score.routing.not-closed",
                m.msg(_("Not closed as out of scope (%(reason)s)."), reason=key_reason),
            )
            self.decisions.append(
                Decision(
                    "closure", "—", reason_label, False, key_code=case.out_of_scope_reason or ""
                )
            )
        else:
            reason = closed[0].payload.get("reason")
            ok = reason == case.out_of_scope_reason
            if not ok:
                dim.deduct(
                    1,
                    "score.routing.out-of-scope-reason",
                    m.msg(
                        _("Closed as '%(reason)s'; the key: %(key)s."),
                        reason=m.label(reason, _label(case, reason)),
                        key=key_reason,
                    ),
                    closed[0].sim_at,
                )
            self.decisions.append(
                Decision(
                    "closure",
                    _label(case, reason),
                    reason_label,
                    ok,
                    yours_code=reason or "",
                    key_code=case.out_of_scope_reason or "",
                )
            )
        for event in routes:
            dim.deduct(
                0.25,
                "score.routing.not-closed",
                m.msg(
                    _("%(action)s: a grievance that is outside the scheme."),
                    action=m.action(event.action),
                ),
                event.sim_at,
            )


def _routing_in_scope(self: _Scorer, dim, routes, routing_steps) -> None:
    """Where the grievance went: the first forward, where it ended (the lead and, for a
    case that needs several offices, the whole set), transfers beyond the one needed,
    and duplicates worked on their own instead of linked."""
    case = self.case
    key_label = _label(case, case.key_office)
    key = m.label(case.key_office, key_label)
    against_key = case.key_office in case.accused
    if routing_steps or routes:
        if not routes:
            dim.deduct(
                1, "score.routing.missing", m.msg(_("Never sent to %(office)s."), office=key)
            )
            self.decisions.append(
                Decision("office", "—", key_label, False, key_code=case.key_office or "")
            )
        else:
            first = routes[0].payload.get("office")
            ok = case.key_office is None or first == case.key_office
            ok = ok or (first in case.conflict_ok and bool(case.accused))
            if not ok:
                dim.deduct(
                    0.6,
                    "score.routing.first-office",
                    m.msg(
                        _("First sent to %(office)s; the key: %(key)s."),
                        office=m.label(first, _label(case, first)),
                        key=key,
                    ),
                    routes[0].sim_at,
                )
            self.decisions.append(
                Decision(
                    "office",
                    _label(case, first),
                    key_label,
                    ok,
                    yours_code=first or "",
                    key_code=case.key_office or "",
                )
            )
            last = routes[-1]
            lead = last.payload.get("office")
            if against_key:
                lead_ok = lead in case.conflict_ok
                wanted = m.sub(_("an office senior to %(office)s, or Vigilance"), office=key)
            else:
                lead_ok = case.key_office is None or lead == case.key_office
                wanted = key
            if not lead_ok and ok:
                dim.deduct(
                    1,
                    "score.routing.final-office",
                    m.msg(
                        _("It ended with %(office)s; it must be with %(wanted)s."),
                        office=m.label(lead, _label(case, lead)),
                        wanted=wanted,
                    ),
                    last.sim_at,
                )
            elif not lead_ok:
                dim.deduct(
                    1,
                    "score.routing.final-office",
                    m.msg(_("It never reached %(wanted)s."), wanted=wanted),
                    last.sim_at,
                )
            forwards = [e for e in routes if e.action == A.FORWARD]
            also = set(forwards[-1].payload.get("also") or []) if forwards else set()
            required = set(case.key_co_offices)
            if lead_ok and (required or also) and also != required:
                missing, extra = required - also, also - required
                names = {
                    "missing": m.labels(m.label(c, _label(case, c)) for c in sorted(missing)),
                    "extra": m.labels(m.label(c, _label(case, c)) for c in sorted(extra)),
                }
                if missing and extra:
                    detail = m.msg(_("Not sent to %(missing)s; also sent to %(extra)s."), **names)
                elif missing:
                    detail = m.msg(_("Not sent to %(missing)s."), missing=names["missing"])
                else:
                    detail = m.msg(_("Also sent to %(extra)s."), extra=names["extra"])
                dim.deduct(
                    min(1.0, (len(missing) + len(extra)) / max(len(required), 1)),
                    "score.routing.office-set",
                    detail,
                    last.sim_at,
                )
            if lead_ok:
                score_consolidation(self, dim)
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
            m.msg(
                _("Transferred to %(office)s although no (further) transfer was needed."),
                office=m.label(
                    event.payload.get("office"), _label(case, event.payload.get("office"))
                ),
            ),
            event.sim_at,
            severe=False,
        )
    worked = [
        e
        for e in self.mine
        if e.ok
        and e.grievance in case.duplicates
        and e.action in (*ROUTING, A.TAKE_UP, A.SUBMIT_ATR)
    ]
    if worked:
        dim.deduct(
            1,
            "score.routing.duplicate-worked",
            m.msg(
                _(
                    "%(number)s: a duplicate was worked on its own (%(action)s) instead of "
                    "linked to the lead case."
                ),
                number=case.reg_nos.get(worked[0].grievance, ""),
                action=m.action(worked[0].action),
            ),
            worked[0].sim_at,
        )
