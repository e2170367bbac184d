"""The timeliness dimension of the score (``score_timeliness``, run by
``scorer._Scorer``): acknowledged within the rulebook's time; no service / disposal time
missed (falls linearly to nothing at twice the limit, measured from when the clock last
started, ``_clock_start``, to when the grievance left the trainee's hands, ``_stopped_at``);
an interim reply *before* a limit that was missed; the citizen who never applied helped in
time; the appeal decided in time; every escalation or auto appeal the trainee caused
deducts. Pure: no database."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext_noop as _

from . import details as m
from .enums import Action, GrievanceState, RuleKind
from .rubric import CLOSING
from .scorecard import Event, _Draft, _rule_of_kind

if TYPE_CHECKING:  # the scorer imports this module; the name is only an annotation here
    from .scorer import _Scorer

A = Action
S = GrievanceState


def score_timeliness(scorer: _Scorer) -> None:
    """The timeliness dimension: acknowledgement, the service / disposal time (and the
    interim reply when it was missed), facilitation of a citizen who never applied, appeals
    decided in time, and every escalation or automatic appeal caused in the session."""
    dim, case = scorer.dims["timeliness"], scorer.case
    registered = {e.grievance: e for e in scorer.events if e.action == A.REGISTER and e.ok}
    # Acknowledgement
    acks = scorer.mine_on_primary(A.ACKNOWLEDGE)
    ack_missed = [
        e
        for e in scorer.primary
        if e.action == A.DEADLINE_MISSED
        and e.payload.get("deadline") == "acknowledgement"
        and scorer.in_session(e)
    ]
    expected = A.ACKNOWLEDGE in scorer.mandatory and case.initial_state == S.REGISTERED
    if expected or acks or ack_missed:
        if acks and acks[0].payload.get("on_time") is not False:
            dim.component(0)
        else:
            at = acks[0].sim_at if acks else (ack_missed[0].sim_at if ack_missed else None)
            if acks:
                detail = m.msg(_("Acknowledged after the time limit."))
            elif case.ack_limit:
                detail = m.msg(_("Not acknowledged (the limit: %(limit)s)."), limit=case.ack_limit)
            else:
                detail = m.msg(_("Not acknowledged."))
            dim.component(1, "score.timeliness.ack", detail, at)
    # Service / disposal time, and the interim reply when it was missed
    pre_start = case.initial_state not in (S.DISPOSED, S.CLOSED)
    primary_reg = registered.get(case.primary)
    misses = [
        e
        for e in scorer.events
        if e.action == A.DEADLINE_MISSED
        and e.payload.get("deadline") == "disposal"
        and scorer.in_session(e)
    ]
    has_clock = bool(
        case.in_scope and pre_start and primary_reg and primary_reg.payload.get("disposal_due_at")
    )
    if has_clock or misses:
        dim.component(0)  # the service time: each miss takes its share off it
        budget = 1.0
        for miss in misses:
            start = _clock_start(scorer, miss, registered)
            end = _stopped_at(scorer, miss)
            limit = (miss.sim_at - start) if (start and miss.sim_at) else None
            late = (end - miss.sim_at) if (end and miss.sim_at) else None
            if limit and late is not None and limit.total_seconds() > 0:
                lost = min(1.0, max(late.total_seconds(), 0) / limit.total_seconds())
            else:
                lost = 1.0
            lost = min(max(lost, 0.25), budget)  # missing the limit at all costs
            budget -= lost
            reg = case.reg_nos.get(miss.grievance, "")
            in_time = bool(miss.payload.get("interim_reply_in_time"))
            if lost > 0:
                dim.drafts.append(
                    _Draft(
                        "score.timeliness.service-time",
                        m.msg(
                            _("%(number)s: the time limit ran out (%(late)s late)."),
                            number=reg,
                            late=_fmt_delta(late),
                        )
                        if late is not None
                        else m.msg(_("%(number)s: the time limit ran out."), number=reg),
                        lost,
                        component=True,
                        at=miss.sim_at,
                        # the citizen was told in time why and until when: the procedure
                        # for a longer disposal was followed, the lateness costs its share
                        severe=not in_time,
                    )
                )
            dim.component(
                0 if in_time else 1,
                miss.rule_code or "score.timeliness.interim-reply",
                m.msg(_("%(number)s: no interim reply before the time limit ran out."), number=reg),
                miss.sim_at,
            )
    # Facilitation of a citizen who never applied
    facilitations = scorer.mine_on_primary(A.FACILITATE_APPLICATION)
    fac_missed = [
        e
        for e in scorer.primary
        if e.action == A.DEADLINE_MISSED
        and e.payload.get("deadline") == "facilitation"
        and scorer.in_session(e)
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
            m.msg(_("The citizen was not helped to apply within the time."))
            if fac_missed or facilitations
            else m.msg(_("The citizen who never applied was not helped to apply.")),
            fac_missed[0].sim_at if fac_missed else None,
        )
    # Appeals decided in time
    decided = [
        e
        for e in scorer.mine
        if e.ok
        and (e.action == A.DECIDE_APPEAL or (e.action == A.REMAND and e.from_state == S.IN_APPEAL))
    ]
    appeal_missed = [
        e
        for e in scorer.events
        if scorer.in_session(e)
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
                m.msg(_("The appeal was not decided within its time.")),
                late[0].sim_at,
            )
        else:
            dim.component(0)
    # Escalations and automatic appeals caused during the session
    for event in scorer.events:
        if event.action in (A.ESCALATE, A.AUTO_APPEAL) and scorer.in_session(event):
            level = event.payload.get("level")
            authority = event.payload.get("authority", "")
            dim.deduct(
                0.25,
                event.rule_code or "score.timeliness.escalation",
                m.msg(
                    _("%(number)s: %(action)s to level %(level)s (%(authority)s)."),
                    number=case.reg_nos.get(event.grievance, ""),
                    action=m.action(event.action),
                    level=level,
                    authority=authority,
                ),
                event.sim_at,
            )


def _clock_start(scorer: _Scorer, miss: Event, registered: dict) -> datetime.datetime | None:
    """When the missed limit started: registration, or the latest restart of the
    clock (an application made with help, a reopening) before the miss."""
    start = registered.get(miss.grievance)
    start_at = start.sim_at if start else None
    for event in scorer.events:
        if event.grievance != miss.grievance or not event.ok or event is miss:
            continue
        if event.sim_at and miss.sim_at and event.sim_at > miss.sim_at:
            break
        if (event.action == A.FACILITATE_APPLICATION and event.payload.get("rts_due_at")) or (
            event.action == A.REOPEN and event.payload.get("disposal_due_at")
        ):
            start_at = event.sim_at
    return start_at


def _stopped_at(scorer: _Scorer, miss: Event) -> datetime.datetime | None:
    """When the grievance left the trainee's hands after ``miss`` (or the end)."""
    for event in scorer.events:
        if (
            event.grievance == miss.grievance
            and event.ok
            and event.action in (*CLOSING, A.TRANSFER, A.AUTO_APPEAL)
            and event.sim_at
            and miss.sim_at
            and event.sim_at >= miss.sim_at
        ):
            return event.sim_at
    return scorer.case.ended_at


def _fmt_delta(delta: datetime.timedelta) -> dict:
    """How late, in days from two days on, else in hours (a ``details`` duration)."""
    hours = int(max(delta.total_seconds(), 0) // 3600)
    if hours >= 48:
        return m.days(hours // 24)
    return m.hours(hours)
