"""Practice sessions and their simulated clock: who may practise (``may_practise``),
starting a session (``start_session``: freeze the rulebook, register the scenario's
grievance, schedule its script), moving the clock (``advance_clock``: every timer and
scripted event on the way fires at its own simulated moment; ``set_speed``: a running clock
the beat sweep moves), and ending it (``finish_session``, which scores it with
``record_score``: the result and one ``ScoreDeduction`` row per deduction)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.roles import Role, has_role, is_staff_author
from lms.core.services import record_audit
from lms.core.signals import send_after_commit

from .book import book_for, build_snapshot
from .book import digest as snapshot_digest
from .enums import FINAL_STATES, PRE_DISPOSAL, GrievanceState, SessionStatus
from .journal import SimulatorError, SweepReport, _add, _local, _own_session
from .loaders import score_session
from .models import Grievance, PracticeSession, Scenario, ScheduledEvent, ScoreDeduction
from .registration import _register
from .scorecard import Result
from .scripted import _fire_scripts
from .scripts import offset_minutes
from .signals import session_finished
from .sweep import _sweep_timers

S = GrievanceState

MAX_ADVANCE = datetime.timedelta(days=400)
MAX_CLOCK_STEPS = 200
ONE_SECOND = datetime.timedelta(seconds=1)


def may_practise(user) -> bool:
    """Trainees practise; trainers, course directors and cell administrators may try
    scenarios too (authors check their cases)."""
    return bool(
        user is not None
        and user.is_active
        and (has_role(user, Role.TRAINEE) or is_staff_author(user))
    )


_trainee_may_practise = may_practise


@transaction.atomic
def start_session(*, trainee, scenario: Scenario, speed: int = 0, now=None) -> PracticeSession:
    """Start ``scenario`` for ``trainee``: freeze the rulebook, register the grievance as
    the scenario sets it up (lodged ``received_days_ago`` days before the session starts,
    at ``received_time``), schedule its script, and run the timers already due.

    The simulated clock starts today (local date) at the scenario's ``received_time``."""
    now = now or timezone.now()
    if not _trainee_may_practise(trainee):
        raise SimulatorError(_("Only trainees (and authors trying a scenario) can practise."))
    if not scenario.is_active and not is_staff_author(trainee):
        raise SimulatorError(_("This scenario is not available."))
    if speed < 0:
        raise SimulatorError(_("The clock cannot run backwards."))
    rulebook = scenario.rulebook
    local_now = _local(now)
    sim_start = datetime.datetime.combine(
        local_now.date(), scenario.received_time, tzinfo=local_now.tzinfo
    ).replace(microsecond=0)
    snapshot = build_snapshot(rulebook)
    session = PracticeSession.objects.create(
        trainee=trainee,
        scenario=scenario,
        rulebook=rulebook,
        rulebook_snapshot=snapshot,
        rulebook_digest=snapshot_digest(snapshot),
        speed=speed,
        sim_started_at=sim_start,
        sim_now=sim_start,
        sim_anchor=sim_start,
        real_anchor=now,
    )
    book = book_for(session)
    received_at = sim_start - datetime.timedelta(days=scenario.received_days_ago)
    grievance = _register(
        session=session,
        book=book,
        citizen_name=scenario.citizen_name,
        text=scenario.grievance_text,
        text_hi=scenario.grievance_text_hi,
        service=scenario.service,
        office=scenario.initial_office,
        received_at=received_at,
        is_rts=bool(scenario.service and scenario.service.is_rts),
        citizen_applied=scenario.key_citizen_applied,
        transfer_count=scenario.prior_transfers,
        setup=_initial_setup(scenario, sim_start, received_at),
        note={"reply_on_record": scenario.preset_reply} if scenario.preset_reply else None,
    )
    ScheduledEvent.objects.bulk_create(
        [
            ScheduledEvent(
                grievance=grievance,
                kind=item["kind"],
                anchor=item.get("after") or "",
                offset_minutes=offset_minutes(item),
                fire_at=(
                    None
                    if item.get("after")
                    else sim_start + datetime.timedelta(minutes=offset_minutes(item))
                ),
                payload=item.get("payload", {}),
                sort_order=index,
            )
            for index, item in enumerate(scenario.script or [])
        ]
    )
    record_audit(actor=trainee, action="simulator.session_started", obj=session, note=scenario.code)
    _sweep_timers(session=session)
    _fire_scripts(session=session)
    return session


def _initial_setup(scenario: Scenario, sim_start, received_at) -> dict:
    """Fields for a case that starts beyond 'registered' (scenario set-up, not an action)."""
    state = scenario.initial_state
    accused = (
        {"allegation_office": scenario.key_accused_office} if scenario.key_accused_office_id else {}
    )
    if state == S.REGISTERED:
        return accused
    setup = {
        **accused,
        "state": state,
        "category": scenario.initial_category,
        "acknowledged_at": received_at,
    }
    if state == S.DISPOSED:
        setup.update(atr_resolved=True, disposed_at=sim_start)
    return setup


def _set_sim_now(session: PracticeSession, sim_now) -> None:
    PracticeSession.objects.filter(pk=session.pk).update(sim_now=sim_now)
    session.sim_now = sim_now


def _next_due(session: PracticeSession):
    """The earliest pending deadline or scripted event of the session (2 queries)."""
    pre = Q(state__in=PRE_DISPOSAL)
    found = Grievance.objects.filter(session=session).aggregate(
        ack=Min("ack_due_at", filter=pre & Q(ack_breached=False, acknowledged_at__isnull=True)),
        disposal=Min("disposal_due_at", filter=pre & Q(disposal_breached=False)),
        escalation=Min("escalation_due_at", filter=pre),
        facilitation=Min(
            "facilitation_due_at",
            filter=~Q(state__in=FINAL_STATES) & Q(facilitation_breached=False, application_ref=""),
        ),
        appeal=Min("appeal_due_at", filter=Q(state=S.IN_APPEAL)),
    )
    found["script"] = ScheduledEvent.objects.filter(
        grievance__session=session, fired_at__isnull=True, fire_at__isnull=False
    ).aggregate(at=Min("fire_at"))["at"]
    moments = [value for value in found.values() if value is not None]
    return min(moments) if moments else None


@transaction.atomic
def advance_clock(
    *, session: PracticeSession, actor, days: int = 0, hours: int = 0, minutes: int = 0, now=None
) -> SweepReport:
    """Move the session's simulated clock forward, firing every timer and scripted event
    on the way in time order (each at its own simulated moment)."""
    now = now or timezone.now()
    session = PracticeSession.objects.select_for_update().get(pk=session.pk)
    _own_session(session, actor)
    delta = datetime.timedelta(days=days, hours=hours, minutes=minutes)
    if delta <= datetime.timedelta(0):
        raise SimulatorError(_("Advance the clock by some time."))
    if delta > MAX_ADVANCE:
        raise SimulatorError(_("Advance at most 400 days at a time."))
    target = session.sim_now + delta
    report = SweepReport()
    previous = None
    for _step in range(MAX_CLOCK_STEPS):
        moment = _next_due(session)
        if moment is None or moment >= target:
            break
        step_to = max(moment + ONE_SECOND, session.sim_now)
        if previous is not None and step_to <= previous:
            break
        previous = step_to
        _set_sim_now(session, step_to)
        _add(report, _sweep_timers(session=session))
        report.scripted += _fire_scripts(session=session)
    _set_sim_now(session, target)
    PracticeSession.objects.filter(pk=session.pk).update(sim_anchor=target, real_anchor=now)
    session.sim_anchor, session.real_anchor = target, now
    _add(report, _sweep_timers(session=session))
    report.scripted += _fire_scripts(session=session)
    return report


@transaction.atomic
def set_speed(*, session: PracticeSession, actor, speed: int, now=None) -> PracticeSession:
    """Run the clock at ``speed`` simulated minutes per real minute (0: trainee-advanced)."""
    now = now or timezone.now()
    session = PracticeSession.objects.select_for_update().get(pk=session.pk)
    _own_session(session, actor)
    if speed < 0:
        raise SimulatorError(_("The clock cannot run backwards."))
    session.speed = speed
    session.sim_anchor = session.sim_now
    session.real_anchor = now
    session.save(update_fields=["speed", "sim_anchor", "real_anchor"])
    return session


@transaction.atomic
def finish_session(*, session: PracticeSession, actor, abandon: bool = False, now=None):
    """End the session; its grievances freeze (no more actions or timers)."""
    now = now or timezone.now()
    session = PracticeSession.objects.select_for_update().get(pk=session.pk)
    _own_session(session, actor)
    session.status = SessionStatus.ABANDONED if abandon else SessionStatus.FINISHED
    session.finished_at = now
    session.save(update_fields=["status", "finished_at"])
    record_score(session=session, now=now)
    record_audit(
        actor=actor,
        action="simulator.session_finished",
        obj=session,
        from_state=SessionStatus.ACTIVE,
        to_state=session.status,
    )
    send_after_commit(
        session_finished, sender=PracticeSession, session_id=session.pk, status=session.status
    )
    return session


def record_score(*, session: PracticeSession, now=None) -> Result:
    """Score ``session`` (``scoring``) and store the result on it, with one
    ``ScoreDeduction`` row per deduction. Run by ``finish_session``; run it again to
    rescore a finished session (the previous result is replaced)."""
    now = now or timezone.now()
    result = score_session(session)
    session.score = Decimal(str(result.total))
    session.hard_fail = bool(result.hard_fails)
    session.score_breakdown = result.as_json()
    session.scored_at = now
    session.save(update_fields=["score", "hard_fail", "score_breakdown", "scored_at"])
    ScoreDeduction.objects.filter(session=session).delete()
    hard = {fail.code for fail in result.hard_fails}
    rows = [
        ScoreDeduction(
            session=session,
            dimension=d.dimension,
            code=d.code[:64],
            points=Decimal(str(d.points)),
            hard_fail=d.code in hard,
        )
        for d in result.deductions
    ]
    rows += [
        ScoreDeduction(
            session=session, dimension="hard_fail", code=code[:64], points=0, hard_fail=True
        )
        for code in sorted(hard - {d.code for d in result.deductions})
    ]
    ScoreDeduction.objects.bulk_create(rows)
    return result


@transaction.atomic
def rescore_session(*, session: PracticeSession, actor, now=None) -> Result:
    """Score a finished session again under the current rubric, on request only (a stored
    score is never recomputed silently): the previous score and its rubric version are
    kept in the audit trail."""
    if not is_staff_author(actor):
        raise SimulatorError(_("Only trainers can rescore a session."))
    session = PracticeSession.objects.select_for_update().get(pk=session.pk)
    if session.status == SessionStatus.ACTIVE:
        raise SimulatorError(_("The session has not ended."))
    old_score, old_version = session.score, (session.score_breakdown or {}).get("version")
    result = record_score(session=session, now=now)
    record_audit(
        actor=actor,
        action="simulator.session_rescored",
        obj=session,
        note=f"{old_score} -> {session.score}",
        data={
            "previous_score": str(old_score) if old_score is not None else None,
            "previous_version": old_version,
            "score": str(session.score),
            "version": result.version,
        },
    )
    return result


@transaction.atomic
def override_reply_score(
    *, session: PracticeSession, actor, percent, comment: str, now=None
) -> PracticeSession:
    """A trainer's own judgement of the replies: the reply-quality dimension is set to
    ``percent`` of its weight with a ``comment``; the total follows (still capped on a
    hard fail). Recorded on the score (shown to the trainee in the debrief) and audited
    with the previous score."""
    if not is_staff_author(actor):
        raise SimulatorError(_("Only trainers can change a score."))
    comment = str(comment or "").strip()
    if not comment:
        raise SimulatorError(_("Say why the reply quality is scored differently."))
    try:
        percent = Decimal(str(percent))
    except ArithmeticError as exc:
        raise SimulatorError(_("Give a percentage from 0 to 100.")) from exc
    if not Decimal(0) <= percent <= Decimal(100):
        raise SimulatorError(_("Give a percentage from 0 to 100."))
    session = PracticeSession.objects.select_for_update().get(pk=session.pk)
    breakdown = dict(session.score_breakdown or {})
    dims = [dict(d) for d in breakdown.get("dimensions", [])]
    reply = next((d for d in dims if d.get("code") == "reply"), None)
    if session.score is None or reply is None or not reply.get("applicable"):
        raise SimulatorError(_("Reply quality was not scored in this session."))
    previous = breakdown.get("reply_override") or {}
    machine_points = previous.get("machine_points", reply["points"])
    new_points = round(float(reply["max_points"]) * float(percent) / 100, 2)
    raw = round(float(breakdown.get("raw", session.score)) - reply["points"] + new_points, 1)
    raw = min(max(raw, 0.0), 100.0)
    cap = breakdown.get("cap")
    total = min(raw, cap) if cap is not None else raw
    reply.update(points=new_points, fraction=float(percent) / 100)
    old_score = session.score
    breakdown.update(
        dimensions=dims,
        raw=raw,
        total=total,
        reply_override={
            "percent": float(percent),
            "comment": comment,
            "by": actor.get_full_name() or actor.get_username(),
            "at": (now or timezone.now()).isoformat(),
            "machine_points": machine_points,
            "previous_score": str(old_score),
        },
    )
    session.score_breakdown = breakdown
    session.score = Decimal(str(total))
    session.save(update_fields=["score", "score_breakdown"])
    record_audit(
        actor=actor,
        action="simulator.reply_score_overridden",
        obj=session,
        note=comment,
        data={
            "previous_score": str(old_score),
            "score": str(session.score),
            "percent": str(percent),
        },
    )
    return session
