"""Every simulator write. ``perform`` is the one choke point for what happens to a
grievance: it checks the transition (``enums.TRANSITIONS``), the simulated role
(``enums.ACTORS``), the scenario's playable roles, the inputs, and the session's rulebook
(``rules.check``); then it saves, logs a ``GrievanceEvent`` and applies follow-ups
(scripted events anchored on the action, remand when feedback contradicts the ATR).

Refusals are results, not exceptions: a refused action is logged as an event with
``outcome=refused`` and the rule code, inside the same transaction, and ``perform``
returns normally, so the refusal commits (scoring counts it). Nothing is written before
the checks pass, so a refusal leaves the grievance untouched. ``SimulatorError`` is raised
only for misuse that is not the trainee's grievance handling (not your session, a finished
session, an unknown action or role); it is not logged. Call ``perform`` outside any
transaction you mean to roll back.

Timers run in ``sweep`` (Celery beat, ``tasks.sweep_simulations``, every minute) and in
``advance_clock``. The sweep is idempotent (deadlines, breach flags and the levels reached
are stored on the grievance; rows are claimed with ``select_for_update(skip_locked=True)``;
timer events carry a unique ``dedupe_key``) and uses a fixed number of queries however many
grievances are due (one select, one bulk update, one bulk insert). Scripted events cost a
few queries each (they are ordinary actions and rare)."""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from lms.core.roles import Role, has_role, is_staff_author
from lms.core.services import record_audit

from . import rules as rule_engine
from . import scoring
from .book import Book, book_for, build_snapshot
from .book import digest as snapshot_digest
from .enums import (
    ACTORS,
    FINAL_STATES,
    PRE_DISPOSAL,
    REQUIRED_INPUT,
    SENT_UP,
    TIMER_ACTIONS,
    TRANSITIONS,
    Action,
    EngineRule,
    FeedbackRating,
    GrievanceState,
    Outcome,
    ReturnReason,
    RuleKind,
    ScriptKind,
    SessionStatus,
    SimRole,
    next_state,
)
from .models import (
    Category,
    Grievance,
    GrievanceEvent,
    Office,
    PracticeSession,
    Scenario,
    ScheduledEvent,
    ScoreDeduction,
)
from .rules import Attempt, Refusal
from .scripts import offset_minutes
from .timing import Limit

A = Action
S = GrievanceState
R = SimRole

SWEEP_BATCH = 1_000  # grievances per transaction of the sweep
MAX_SWEEP_BATCHES = 1_000  # per sweep run; the next beat takes any rest
SCRIPT_BATCH = 200
MAX_ADVANCE = datetime.timedelta(days=400)
MAX_CLOCK_STEPS = 200
ONE_SECOND = datetime.timedelta(seconds=1)


class SimulatorError(Exception):
    """Misuse of the simulator (not a grievance-handling mistake); never logged."""


@dataclass
class ActionResult:
    """What ``perform`` did: ``ok`` False means refused (``event`` says by which rule)."""

    ok: bool
    grievance: Grievance
    event: GrievanceEvent
    follow_ups: list[GrievanceEvent] = field(default_factory=list)

    @property
    def rule_code(self) -> str:
        return self.event.rule_code

    @property
    def message(self) -> str:
        return self.event.message


@dataclass
class SweepReport:
    clocks: int = 0
    grievances: int = 0
    events: int = 0
    scripted: int = 0


# ---------------------------------------------------------------- helpers
def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value)


def _iso(value) -> str | None:
    return _local(value).isoformat() if value else None


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.datetime):
        return _iso(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Grievance):
        return value.pk
    if hasattr(value, "code"):
        return value.code
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _event(
    grievance: Grievance,
    *,
    action: str,
    role: str,
    sim_at,
    actor=None,
    from_state: str | None = None,
    to_state: str | None = None,
    outcome: str = Outcome.OK,
    rule_code: str = "",
    message: str = "",
    payload: dict | None = None,
    dedupe_key: str = "",
) -> GrievanceEvent:
    """An unsaved event row (save it, or bulk_create a list)."""
    return GrievanceEvent(
        grievance=grievance,
        session_id=grievance.session_id,
        sim_at=sim_at,
        action=action,
        role=role,
        actor=actor if getattr(actor, "pk", None) else None,
        from_state=grievance.state if from_state is None else from_state,
        to_state=grievance.state if to_state is None else to_state,
        outcome=outcome,
        rule_code=rule_code,
        message=str(message),
        payload=_jsonable(payload or {}),
        dedupe_key=dedupe_key,
    )


def _lock(grievance_id) -> Grievance:
    return (
        Grievance.objects.select_for_update(of=("self",))
        .select_related("session", "session__scenario", "office", "service")
        .get(pk=grievance_id)
    )


# ---------------------------------------------------------------- sessions
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
    if state == S.REGISTERED:
        return {}
    setup = {
        "state": state,
        "category": scenario.initial_category,
        "acknowledged_at": received_at,
    }
    if state == S.DISPOSED:
        setup.update(atr_resolved=True, disposed_at=sim_start)
    return setup


def _register(
    *,
    session: PracticeSession,
    book: Book,
    citizen_name: str,
    text: str,
    text_hi: str = "",
    service=None,
    office=None,
    received_at,
    is_rts: bool = False,
    citizen_applied: bool = True,
    transfer_count: int = 0,
    is_primary: bool = True,
    key_duplicate_of=None,
    setup: dict | None = None,
    note: dict | None = None,
) -> Grievance:
    limit = service.limit if service is not None else book.disposal_limit
    facilitation = book.rule(RuleKind.FACILITATE_APPLICATION)
    facilitation_due = (
        book.due(received_at, Limit.of(facilitation.params["within"]))
        if facilitation and is_rts and not citizen_applied
        else None
    )
    ladder = book.escalation_ladder_for(office)
    setup = dict(setup or {})
    grievance = Grievance.objects.create(
        session=session,
        is_primary=is_primary,
        citizen_name=citizen_name,
        text=text,
        text_hi=text_hi,
        service=service,
        office=office,
        state=setup.pop("state", S.REGISTERED),
        is_rts=is_rts,
        citizen_applied=citizen_applied,
        key_duplicate_of=key_duplicate_of,
        received_at=received_at,
        ack_due_at=book.due(received_at, book.ack_limit),
        disposal_due_at=book.due(received_at, limit),
        facilitation_due_at=facilitation_due,
        escalation_ladder=ladder.code if ladder else "",
        transfer_count=transfer_count,
        **setup,
    )
    grievance.reg_no = book.reg_no(
        org=getattr(office, "org_code", ""), year=_local(received_at).year, seq=grievance.pk
    )
    grievance.save(update_fields=["reg_no"])
    _event(
        grievance,
        action=A.REGISTER,
        role=R.SYSTEM,
        sim_at=received_at,
        from_state="",
        payload={
            "reg_no": grievance.reg_no,
            "office": office,
            "ack_due_at": grievance.ack_due_at,
            "disposal_due_at": grievance.disposal_due_at,
            "time_limit": str(limit) if limit else None,
            "starts_as": grievance.state,
            "prior_transfers": transfer_count,
            **(note or {}),
        },
    ).save()
    return grievance


def _own_session(session: PracticeSession, actor) -> None:
    if actor is None or actor.pk != session.trainee_id:
        raise SimulatorError(_("This is not your practice session."))
    if session.status != SessionStatus.ACTIVE:
        raise SimulatorError(_("This practice session has ended."))


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


def _add(report: SweepReport, counts: tuple[int, int]) -> None:
    report.grievances += counts[0]
    report.events += counts[1]


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
    return session


def record_score(*, session: PracticeSession, now=None) -> scoring.Result:
    """Score ``session`` (``scoring``) and store the result on it, with one
    ``ScoreDeduction`` row per deduction. Run by ``finish_session``; run it again to
    rescore a finished session (the previous result is replaced)."""
    now = now or timezone.now()
    result = scoring.score_session(session)
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


# ---------------------------------------------------------------- the choke point
def perform(
    *, grievance: Grievance, action: str, actor, role: str, payload: dict | None = None
) -> ActionResult:
    """Take ``action`` on ``grievance`` as ``role`` (a ``SimRole``), by ``actor`` (the
    session's trainee). Returns an ``ActionResult``; a refusal is logged and returned."""
    if action not in TRANSITIONS or action in TIMER_ACTIONS:
        raise SimulatorError(_("Unknown action."))
    if role not in SimRole.values:
        raise SimulatorError(_("Unknown role."))
    with transaction.atomic():
        locked = _lock(grievance.pk)
        _own_session(locked.session, actor)
        return _perform_locked(
            locked,
            action=action,
            role=role,
            actor=actor,
            payload=payload or {},
            sim_at=locked.session.sim_now,
        )


def _perform_locked(
    grievance: Grievance, *, action: str, role: str, actor, payload: dict, sim_at
) -> ActionResult:
    """The checks and the change, for a grievance already locked. Used by ``perform``, by
    scripted events (actor None, citizen / call-centre roles) and by follow-ups (system)."""
    book = book_for(grievance.session)
    attempt = Attempt(
        grievance=grievance,
        action=action,
        role=role,
        payload=dict(payload),
        book=book,
        sim_now=sim_at,
    )
    logged = _jsonable(payload)
    refusal = _check(attempt, actor)
    if refusal is not None:
        event = _event(
            grievance,
            action=action,
            role=role,
            actor=actor,
            sim_at=sim_at,
            outcome=Outcome.REFUSED,
            rule_code=refusal.code,
            message=refusal.message,
            payload=logged,
        )
        event.save()
        return ActionResult(ok=False, grievance=grievance, event=event)
    from_state = grievance.state
    extra = APPLY[action](attempt) or {}
    grievance.state = next_state(action, from_state)
    grievance.save()
    event = _event(
        grievance,
        action=action,
        role=role,
        actor=actor,
        sim_at=sim_at,
        from_state=from_state,
        payload={**logged, **extra},
    )
    event.save()
    follow_ups = _after(attempt)
    return ActionResult(ok=True, grievance=grievance, event=event, follow_ups=follow_ups)


def _check(attempt: Attempt, actor) -> Refusal | None:
    grievance, action, role = attempt.grievance, attempt.action, attempt.role
    if actor is not None and role not in grievance.session.scenario.trainee_roles():
        return Refusal(
            EngineRule.ROLE_NOT_PLAYED,
            _("In this scenario you do not act as %(role)s.") % {"role": SimRole(role).label},
        )
    if next_state(action, grievance.state) is None:
        return Refusal(
            EngineRule.STATE,
            _("A grievance that is '%(state)s' cannot be given '%(action)s'.")
            % {"state": S(grievance.state).label, "action": Action(action).label},
        )
    if role not in ACTORS[action]:
        return Refusal(
            EngineRule.ROLE,
            _("'%(action)s' is for: %(roles)s.")
            % {
                "action": Action(action).label,
                "roles": ", ".join(str(SimRole(r).label) for r in sorted(ACTORS[action])),
            },
        )
    refusal = _resolve_inputs(attempt)
    if refusal is not None:
        return refusal
    if action == A.REOPEN and not attempt.book.has(RuleKind.REOPEN_WINDOW):
        return Refusal(
            EngineRule.NO_REOPEN,
            _("This rulebook has no reopening: the citizen lodges a fresh grievance."),
        )
    if action == A.APPEAL and attempt.book.appeal_ladder is None:
        return Refusal(EngineRule.NO_APPEAL, _("This rulebook has no appeal."))
    return rule_engine.check(attempt)


# ---------------------------------------------------------------- inputs
def _missing(what: str) -> Refusal:
    return Refusal(EngineRule.INPUT_MISSING, _("Give %(what)s.") % {"what": what.replace("_", " ")})


def _invalid(message: str) -> Refusal:
    return Refusal(EngineRule.INPUT_INVALID, message)


def _code(value) -> str:
    return value.code if hasattr(value, "code") else str(value or "").strip()


def _as_bool(value, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _resolve_inputs(attempt: Attempt) -> Refusal | None:
    payload, action, grievance = attempt.payload, attempt.action, attempt.grievance
    for key in REQUIRED_INPUT.get(action, ()):
        value = payload.get(key)
        if value is None or value == [] or (isinstance(value, str) and not value.strip()):
            return _missing(key)
    rulebook_id = grievance.session.rulebook_id
    resolved = attempt.resolved
    if action == A.ACKNOWLEDGE and grievance.acknowledged_at is not None:
        return _invalid(_("It has already been acknowledged."))
    if action == A.CATEGORISE:
        category = Category.objects.filter(
            rulebook_id=rulebook_id, code=_code(payload["category"])
        ).first()
        if category is None:
            return _invalid(_("No such category in this rulebook."))
        resolved["category"] = category
        resolved["category_has_children"] = category.children.exists()
    elif action in (A.FORWARD, A.TRANSFER, A.REASSIGN):
        return _resolve_offices(attempt)
    elif action == A.LINK_DUPLICATE:
        original = payload["original"]
        query = Grievance.objects.filter(session_id=grievance.session_id).exclude(pk=grievance.pk)
        if isinstance(original, int) or (isinstance(original, str) and original.isdigit()):
            found = query.filter(pk=int(original)).first()
        else:
            found = query.filter(reg_no=_code(original)).first()
        if found is None:
            return _invalid(_("Name another grievance of this session as the original."))
        resolved["original"] = found
    elif action == A.RETURN and payload["reason"] not in ReturnReason.values:
        return _invalid(
            _("Give one of the reasons: %(reasons)s.") % {"reasons": ", ".join(ReturnReason.values)}
        )
    elif action == A.FEEDBACK:
        if payload["rating"] not in FeedbackRating.values:
            return _invalid(_("Rate it good, average or poor."))
        resolved["satisfied"] = _as_bool(
            payload.get("satisfied"), payload["rating"] != FeedbackRating.POOR
        )
    elif action == A.INTERIM_REPLY and payload.get("expected_by"):
        expected = _parse_when(payload["expected_by"])
        if expected is None:
            return _invalid(_("Give the expected date as YYYY-MM-DD."))
        if expected <= attempt.sim_now:
            return _invalid(_("The expected date must be in the future."))
        resolved["expected_by"] = expected
    elif action == A.SUBMIT_ATR:
        resolved["resolved"] = _as_bool(payload.get("resolved"), True)
    return None


def _parse_when(value) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        day = value
    else:
        text = str(value).strip()
        moment = parse_datetime(text)
        if moment is not None:
            return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
        try:
            day = parse_date(text)
        except ValueError:
            return None
        if day is None:
            return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def _resolve_offices(attempt: Attempt) -> Refusal | None:
    payload, action, grievance = attempt.payload, attempt.action, attempt.grievance
    lead_code = _code(payload["office"])
    also = payload.get("also") or []
    if not isinstance(also, list | tuple):
        also = [also]
    codes = [lead_code] + [_code(c) for c in also if _code(c) and _code(c) != lead_code]
    found = {
        office.code: office
        for office in Office.objects.filter(
            rulebook_id=grievance.session.rulebook_id, code__in=codes
        )
    }
    if len(found) != len(set(codes)):
        return _invalid(_("No such office in this rulebook."))
    offices = [found[code] for code in dict.fromkeys(codes)]
    lead = offices[0]
    current = grievance.office
    if action != A.FORWARD and len(offices) > 1:
        return _invalid(_("Transfer or reassign to one office at a time."))
    if action == A.TRANSFER:
        if current is not None and lead.organisation == current.organisation:
            return Refusal(
                EngineRule.TRANSFER_INSIDE,
                _("%(office)s is in your own organisation: forward or reassign it instead.")
                % {"office": lead.name},
            )
    elif current is not None and any(o.organisation != current.organisation for o in offices):
        return Refusal(
            EngineRule.FORWARD_OUTSIDE,
            _("That office is in another organisation: transfer the grievance instead."),
        )
    if action == A.REASSIGN and lead.pk == grievance.office_id:
        return _invalid(_("It is already with that office."))
    attempt.resolved["office"] = lead
    attempt.resolved["offices"] = offices
    return None


# ---------------------------------------------------------------- what each action changes
def _stop_clocks(grievance: Grievance) -> None:
    grievance.escalation_due_at = None
    grievance.appeal_due_at = None


def _on_time(at, due) -> bool | None:
    return None if due is None else at <= due


def _apply_acknowledge(attempt: Attempt):
    grievance = attempt.grievance
    grievance.acknowledged_at = attempt.sim_now
    return {"on_time": _on_time(attempt.sim_now, grievance.ack_due_at)}


def _apply_categorise(attempt: Attempt):
    category = attempt.resolved["category"]
    attempt.grievance.category = category
    return {
        "category": category.code,
        "category_name": str(category),
        "parent": category.parent.code if category.parent_id else None,
        "others": category.is_others,
    }


def _move_to(attempt: Attempt, office: Office) -> None:
    grievance = attempt.grievance
    grievance.office = office
    if grievance.escalation_level == 0:
        ladder = attempt.book.escalation_ladder_for(office)
        grievance.escalation_ladder = ladder.code if ladder else ""


def _apply_forward(attempt: Attempt):
    offices = attempt.resolved["offices"]
    _move_to(attempt, offices[0])
    attempt.grievance.co_offices = [office.code for office in offices[1:]]
    return {"office": offices[0].code, "also": attempt.grievance.co_offices}


def _apply_transfer(attempt: Attempt):
    grievance = attempt.grievance
    office = attempt.resolved["office"]
    _move_to(attempt, office)
    grievance.co_offices = []
    grievance.transfer_count += 1
    return {
        "office": office.code,
        "organisation": office.organisation,
        "transfer_number": grievance.transfer_count,
    }


def _apply_reassign(attempt: Attempt):
    office = attempt.resolved["office"]
    _move_to(attempt, office)
    attempt.grievance.co_offices = []
    return {"office": office.code}


def _apply_close_out_of_scope(attempt: Attempt):
    grievance = attempt.grievance
    grievance.closed_at = attempt.sim_now
    _stop_clocks(grievance)
    reason = attempt.payload.get("reason")
    return {"reason_label": attempt.book.out_of_scope_reasons().get(reason, reason)}


def _apply_link_duplicate(attempt: Attempt):
    grievance = attempt.grievance
    original = attempt.resolved["original"]
    grievance.duplicate_of = original
    grievance.closed_at = attempt.sim_now
    _stop_clocks(grievance)
    return {"original": original.pk, "original_reg_no": original.reg_no}


def _apply_facilitate(attempt: Attempt):
    """The citizen has now applied: the RTS clock runs from the application."""
    grievance = attempt.grievance
    grievance.application_ref = str(attempt.payload["application_ref"]).strip()[:60]
    due = grievance.facilitation_due_at
    extra = {"on_time": _on_time(attempt.sim_now, due) if due else None}
    if grievance.is_rts and grievance.service_id:
        grievance.disposal_due_at = attempt.book.due(attempt.sim_now, grievance.service.limit)
        grievance.disposal_breached = False
        extra["rts_due_at"] = grievance.disposal_due_at
    return extra


def _apply_interim(attempt: Attempt):
    grievance = attempt.grievance
    grievance.interim_reply_at = attempt.sim_now
    grievance.interim_expected_by = attempt.resolved.get("expected_by")
    return {
        "before_deadline": _on_time(attempt.sim_now, grievance.disposal_due_at),
        "expected_by": grievance.interim_expected_by,
        "application_ref": grievance.application_ref or None,
    }


def _apply_submit_atr(attempt: Attempt):
    grievance = attempt.grievance
    grievance.atr_resolved = attempt.resolved["resolved"]
    grievance.feedback_contradicts = False
    return {"resolved": grievance.atr_resolved}


def _apply_dispose(attempt: Attempt):
    grievance = attempt.grievance
    grievance.disposed_at = attempt.sim_now
    _stop_clocks(grievance)
    return {"on_time": _on_time(attempt.sim_now, grievance.disposal_due_at)}


def _apply_feedback(attempt: Attempt):
    grievance = attempt.grievance
    satisfied = attempt.resolved["satisfied"]
    grievance.feedback_rating = attempt.payload["rating"]
    grievance.feedback_contradicts = bool(grievance.atr_resolved) and not satisfied
    return {"satisfied": satisfied, "contradicts": grievance.feedback_contradicts}


def _apply_remand(attempt: Attempt):
    grievance = attempt.grievance
    grievance.remand_count += 1
    grievance.disposed_at = None
    grievance.closed_at = None
    _stop_clocks(grievance)
    return {"remand_number": grievance.remand_count}


def _apply_appeal(attempt: Attempt):
    grievance = attempt.grievance
    level = attempt.book.appeal_ladder.level(1)
    grievance.appeal_level = 1
    grievance.appeal_due_at = attempt.book.due(attempt.sim_now, level.limit)
    grievance.closed_at = None
    grievance.escalation_due_at = None
    return {"level": 1, "authority": level.authority, "due_at": grievance.appeal_due_at}


def _apply_decide_appeal(attempt: Attempt):
    grievance = attempt.grievance
    on_time = _on_time(attempt.sim_now, grievance.appeal_due_at)
    grievance.closed_at = attempt.sim_now
    _stop_clocks(grievance)
    return {"level": grievance.appeal_level, "on_time": on_time}


def _apply_close(attempt: Attempt):
    attempt.grievance.closed_at = attempt.sim_now
    _stop_clocks(attempt.grievance)


def _apply_reopen(attempt: Attempt):
    """Reopened, the grievance is worked again on a fresh service clock from the reopening
    (as the DIGIT PGR workflow restarts its SLA); the time already met is not missed afterwards."""
    grievance = attempt.grievance
    grievance.reopen_count += 1
    grievance.closed_at = None
    grievance.disposed_at = None
    grievance.atr_resolved = None
    grievance.feedback_rating = ""
    grievance.feedback_contradicts = False
    limit = grievance.service.limit if grievance.service_id else attempt.book.disposal_limit
    grievance.disposal_due_at = attempt.book.due(attempt.sim_now, limit)
    grievance.disposal_breached = False
    return {"reopen_number": grievance.reopen_count, "disposal_due_at": grievance.disposal_due_at}


def _nothing(attempt: Attempt):
    return None


APPLY = {
    A.ACKNOWLEDGE: _apply_acknowledge,
    A.CATEGORISE: _apply_categorise,
    A.FORWARD: _apply_forward,
    A.TRANSFER: _apply_transfer,
    A.CLOSE_OUT_OF_SCOPE: _apply_close_out_of_scope,
    A.LINK_DUPLICATE: _apply_link_duplicate,
    A.REASSIGN: _apply_reassign,
    A.REQUEST_REASSIGN: _nothing,
    A.RETURN: _nothing,
    A.TAKE_UP: _nothing,
    A.CALL_CITIZEN: _nothing,
    A.FACILITATE_APPLICATION: _apply_facilitate,
    A.INTERIM_REPLY: _apply_interim,
    A.SUBMIT_ATR: _apply_submit_atr,
    A.RETURN_ATR: _nothing,
    A.APPROVE_ATR: _nothing,
    A.DISPOSE: _apply_dispose,
    A.ISSUE_DIRECTIONS: _nothing,
    A.FEEDBACK: _apply_feedback,
    A.REMAND: _apply_remand,
    A.APPEAL: _apply_appeal,
    A.DECIDE_APPEAL: _apply_decide_appeal,
    A.CLOSE: _apply_close,
    A.REOPEN: _apply_reopen,
}


def _after(attempt: Attempt) -> list[GrievanceEvent]:
    """Follow-ups of a done action: start the clocks of script events anchored on it, and
    remand on contradicting feedback where the rulebook says so."""
    grievance, action, sim_at = attempt.grievance, attempt.action, attempt.sim_now
    if any(item.get("after") == action for item in grievance.session.scenario.script or []):
        waiting = list(
            ScheduledEvent.objects.filter(
                grievance=grievance, anchor=action, fire_at__isnull=True, fired_at__isnull=True
            )
        )
        for item in waiting:
            item.fire_at = sim_at + datetime.timedelta(minutes=item.offset_minutes)
        ScheduledEvent.objects.bulk_update(waiting, ["fire_at"])
    follow_ups: list[GrievanceEvent] = []
    rule = attempt.book.rule(RuleKind.REMAND_ON_CONTRADICTION)
    # CM Window: the Administrative Secretary remands an ATR sent up (approved or disposed)
    # while the citizen's feedback contradicts it, whichever came first. A senior who reads
    # the feedback and returns the ATR avoids the remand.
    if (
        rule is not None
        and grievance.feedback_contradicts
        and grievance.state in SENT_UP
        and action in (A.FEEDBACK, A.APPROVE_ATR, A.DISPOSE)
    ):
        result = _perform_locked(
            grievance,
            action=A.REMAND,
            role=R.SYSTEM,
            actor=None,
            payload={"directions": rule.message, "rule": rule.code},
            sim_at=sim_at,
        )
        if result.ok:
            result.event.rule_code = rule.code
            result.event.save(update_fields=["rule_code"])
        follow_ups.append(result.event)
        follow_ups.extend(result.follow_ups)
    return follow_ups


# ---------------------------------------------------------------- the sweep
TIMER_FIELDS = [
    "state",
    "ack_breached",
    "disposal_breached",
    "facilitation_breached",
    "escalation_ladder",
    "escalation_level",
    "escalation_due_at",
    "appeal_level",
    "appeal_due_at",
    "updated_at",
]


def sweep(*, now=None, session: PracticeSession | None = None) -> SweepReport:
    """Run the simulators' clocks and timers: move running clocks to ``now``, then apply
    every missed deadline (acknowledgement, disposal / service time, facilitation,
    escalation levels, appeal levels) and fire due script events. Idempotent. Every due
    grievance is swept, ``SWEEP_BATCH`` rows per transaction (so locks are short), up to
    ``MAX_SWEEP_BATCHES`` batches a run; the next run takes any rest."""
    now = now or timezone.now()
    report = SweepReport()
    if session is None:
        with transaction.atomic():
            report.clocks = _run_clocks(now)
    _add(report, _sweep_timers(session=session))
    report.scripted = _fire_scripts(session=session)
    return report


def _run_clocks(now) -> int:
    """Running clocks (speed > 0): sim_now = sim_anchor + (now - real_anchor) x speed."""
    running = list(
        PracticeSession.objects.select_for_update(skip_locked=True)
        .filter(status=SessionStatus.ACTIVE, speed__gt=0)
        .only("pk", "sim_now", "sim_anchor", "real_anchor", "speed")
    )
    moved = []
    for session in running:
        elapsed = max(now - session.real_anchor, datetime.timedelta(0))
        target = (session.sim_anchor + elapsed * session.speed).replace(microsecond=0)
        if target > session.sim_now:
            session.sim_now = target
            moved.append(session)
    if moved:
        PracticeSession.objects.bulk_update(moved, ["sim_now"])
    return len(moved)


def _due_filter() -> Q:
    sim_now = F("session__sim_now")
    pre = Q(state__in=PRE_DISPOSAL)
    return (
        (
            pre
            & (
                Q(ack_breached=False, acknowledged_at__isnull=True, ack_due_at__lt=sim_now)
                | Q(disposal_breached=False, disposal_due_at__lt=sim_now)
                | Q(escalation_due_at__lt=sim_now)
            )
        )
        | Q(state=S.IN_APPEAL, appeal_due_at__lt=sim_now)
        | (
            ~Q(state__in=FINAL_STATES)
            & Q(facilitation_breached=False, application_ref="", facilitation_due_at__lt=sim_now)
        )
    )


def _sweep_timers(*, session: PracticeSession | None = None) -> tuple[int, int]:
    """Apply every missed deadline, batch after batch (keyset on the primary key, so each
    batch starts where the last one ended). Returns (grievances, events)."""
    swept = events = 0
    after = 0
    books: dict[str, Book] = {}  # frozen rulebooks parsed in this run, by digest
    for _batch in range(MAX_SWEEP_BATCHES):
        count, made, after = _sweep_batch(session=session, after=after, books=books)
        swept += count
        events += made
        if count < SWEEP_BATCH:
            break
    return swept, events


def _sweep_batch(
    *, session: PracticeSession | None, after: int, books: dict[str, Book]
) -> tuple[int, int, int]:
    """One batch of due grievances with ``pk > after``, in a fixed number of queries: 1
    select (rows claimed with ``FOR UPDATE SKIP LOCKED``; the sessions' frozen rulebooks
    are not joined), 1 select of those rulebooks, 1 bulk update, 1 bulk insert.
    Returns (grievances, events, the last pk)."""
    query = Grievance.objects.filter(
        _due_filter(), session__status=SessionStatus.ACTIVE, pk__gt=after
    )
    if session is not None:
        query = query.filter(session_id=session.pk)
    with transaction.atomic():
        due = list(
            query.select_related("session")
            .only(*SWEEP_READS, "session__sim_now", "session__rulebook_digest")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")[:SWEEP_BATCH]
        )
        if not due:
            return 0, 0, after
        by_session = _books(due, books)
        events: list[dict] = []
        stamp = timezone.now()
        for grievance in due:
            book = grievance.session._book = by_session[grievance.session_id]
            events.extend(_advance(grievance, book, grievance.session.sim_now))
            grievance.updated_at = stamp
        _update_timers(due)
        _insert_events(events, stamp)
    return len(due), len(events), due[-1].pk


# What the sweep reads of a grievance (``_advance`` and ``_event`` use no other field).
SWEEP_READS = (
    "pk",
    "session_id",
    "state",
    "is_rts",
    "citizen_applied",
    "application_ref",
    "acknowledged_at",
    "ack_due_at",
    "ack_breached",
    "disposal_due_at",
    "disposal_breached",
    "interim_reply_at",
    "facilitation_due_at",
    "facilitation_breached",
    "escalation_ladder",
    "escalation_level",
    "escalation_due_at",
    "appeal_level",
    "appeal_due_at",
    "updated_at",
)


def _books(grievances: list[Grievance], known: dict[str, Book]) -> dict[int, Book]:
    """{session id: Book} for the grievances' sessions. A frozen rulebook is read and parsed
    once per sweep run and digest (``known``), so a batch reads at most one snapshot per
    rulebook version not seen yet: 1 query, or none."""
    sessions = {g.session_id: g.session.rulebook_digest for g in grievances}
    books: dict[int, Book] = {}
    wanted: dict[str, int] = {}  # digest -> one session to read it from
    unknown: list[int] = []  # sessions without a digest: read each
    for session_id, key in sessions.items():
        if key and key in known:
            books[session_id] = known[key]
        elif key:
            wanted.setdefault(key, session_id)
        else:
            unknown.append(session_id)
    if wanted or unknown:
        rows = PracticeSession.objects.filter(pk__in=[*wanted.values(), *unknown]).values_list(
            "pk", "rulebook_digest", "rulebook_snapshot"
        )
        for pk, key, snapshot in rows:
            if key:
                known[key] = Book(snapshot)
            else:
                books[pk] = Book(snapshot)
        for session_id, key in sessions.items():
            books.setdefault(session_id, known.get(key))
    return books


def _insert_events(rows: list[dict], stamp) -> None:
    """Insert the sweep's event rows in one statement: on PostgreSQL from one JSON array
    (``jsonb_to_recordset``: a single parameter, so no per-value quoting in Python);
    elsewhere ``bulk_create``."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        GrievanceEvent.objects.bulk_create(
            [GrievanceEvent(created_at=stamp, **row) for row in rows]
        )
        return
    for row in rows:
        row["created_at"] = stamp
    _from_json(
        GrievanceEvent,
        rows,
        "INSERT INTO {table} ({names}) SELECT {names} FROM jsonb_to_recordset(%s::jsonb) "
        "AS r({typed})",
        list(rows[0]),
    )


def _update_timers(rows: list[Grievance]) -> None:
    """Save the timer fields of ``rows`` in one statement: on PostgreSQL an
    ``UPDATE ... FROM jsonb_to_recordset(...)`` (Django's ``bulk_update`` builds a CASE per
    row and field, seconds of Python for thousands of rows); elsewhere ``bulk_update``."""
    if connection.vendor != "postgresql":
        Grievance.objects.bulk_update(rows, TIMER_FIELDS)
        return
    names = ["id", *TIMER_FIELDS]
    _from_json(
        Grievance,
        [{name: getattr(row, name) for name in names} for row in rows],
        "UPDATE {table} AS g SET {assign} FROM jsonb_to_recordset(%s::jsonb) AS r({typed}) "
        'WHERE g."id" = r."id"',
        names,
    )


def _from_json(model, rows: list[dict], template: str, names: list[str]) -> None:
    """Run ``template`` (PostgreSQL) with the rows as one JSON array; {table}, {names},
    {typed} (column types for the recordset) and {assign} (col = r.col) are filled in."""
    meta = model._meta
    fields = [meta.get_field(name) for name in names]
    columns = [f'"{field.column}"' for field in fields]
    sql = template.format(
        table=f'"{meta.db_table}"',
        names=", ".join(columns),
        typed=", ".join(
            f"{column} {field.db_type(connection)}"
            for column, field in zip(columns, fields, strict=True)
        ),
        assign=", ".join(f"{column} = r.{column}" for column in columns[1:]),
    )
    data = json.dumps(
        [
            {field.column: row[name] for name, field in zip(names, fields, strict=True)}
            for row in rows
        ],
        cls=DjangoJSONEncoder,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [data])


def _key(kind: str, level: int, at) -> str:
    return f"{kind}:{level}:{int(at.timestamp())}"


def _advance(grievance: Grievance, book: Book, sim_now) -> list[dict]:
    """Apply every deadline of ``grievance`` that is past at ``sim_now``, in order; each
    event is stamped with the simulated moment its deadline ran out. Returns the events as
    rows (``GrievanceEvent`` field values; ``_insert_events`` saves them)."""
    events: list[dict] = []

    def log(action, at, *, rule=None, message="", payload=None, from_state=None, key=""):
        events.append(
            {
                "grievance_id": grievance.pk,
                "session_id": grievance.session_id,
                "sim_at": at,
                "action": action,
                "role": R.SYSTEM,
                "actor_id": None,
                "from_state": grievance.state if from_state is None else from_state,
                "to_state": grievance.state,
                "outcome": Outcome.OK,
                "rule_code": rule.code if rule else "",
                "message": str(message or (rule.message if rule else "")),
                "payload": _jsonable(payload or {}),
                "dedupe_key": key,
            }
        )

    g = grievance
    if (
        g.state not in FINAL_STATES
        and not g.facilitation_breached
        and not g.application_ref
        and g.facilitation_due_at
        and g.facilitation_due_at < sim_now
    ):
        g.facilitation_breached = True
        log(
            A.DEADLINE_MISSED,
            g.facilitation_due_at,
            rule=book.rule(RuleKind.FACILITATE_APPLICATION),
            payload={"deadline": "facilitation"},
            key=_key("facilitation", 0, g.facilitation_due_at),
        )
    if g.state in PRE_DISPOSAL:
        if (
            not g.ack_breached
            and g.acknowledged_at is None
            and g.ack_due_at
            and g.ack_due_at < sim_now
        ):
            g.ack_breached = True
            log(
                A.DEADLINE_MISSED,
                g.ack_due_at,
                message=_("Not acknowledged in time."),
                payload={"deadline": "acknowledgement"},
                key=_key("ack", 0, g.ack_due_at),
            )
        if not g.disposal_breached and g.disposal_due_at and g.disposal_due_at < sim_now:
            _breach_disposal(g, book, log)
        _climb_escalation(g, book, sim_now, log)
    if g.state == S.IN_APPEAL:
        _climb_appeal(g, book, sim_now, log)
    return events


def _breach_disposal(g: Grievance, book: Book, log) -> None:
    g.disposal_breached = True
    at = g.disposal_due_at
    interim_rule = book.rule(RuleKind.INTERIM_REPLY_REQUIRED)
    interim_in_time = g.interim_reply_at is not None and g.interim_reply_at <= at
    log(
        A.DEADLINE_MISSED,
        at,
        rule=interim_rule if interim_rule and not interim_in_time else None,
        message=_("The time limit ran out."),
        payload={"deadline": "disposal", "interim_reply_in_time": interim_in_time},
        key=_key("disposal", 0, at),
    )
    auto = book.rule(RuleKind.AUTO_APPEAL_ON_BREACH)
    # No RTS clock runs for a citizen who never applied, until the application is made.
    applied = g.citizen_applied or bool(g.application_ref)
    if (
        auto is not None
        and (g.is_rts or not auto.params.get("rts_only", True))
        and applied
        and book.appeal_ladder is not None
        and next_state(A.AUTO_APPEAL, g.state) is not None
    ):
        level = book.appeal_ladder.level(1)
        from_state = g.state
        g.state = next_state(A.AUTO_APPEAL, g.state)
        g.appeal_level = 1
        g.appeal_due_at = book.due(at, level.limit)
        g.escalation_due_at = None
        log(
            A.AUTO_APPEAL,
            at,
            rule=auto,
            from_state=from_state,
            payload={"level": 1, "authority": level.authority, "due_at": g.appeal_due_at},
            key=_key("appeal", 1, at),
        )
        return
    escalate = book.rule(RuleKind.ESCALATE_ON_BREACH)
    ladder = book.ladders.get(g.escalation_ladder) or book.default_escalation_ladder
    if escalate is not None and ladder is not None and ladder.levels and g.escalation_level == 0:
        level = ladder.level(1)
        g.escalation_ladder = ladder.code
        g.escalation_level = 1
        g.escalation_due_at = book.due(at, level.limit)
        log(
            A.ESCALATE,
            at,
            rule=escalate,
            payload={"level": 1, "authority": level.authority, "due_at": g.escalation_due_at},
            key=_key("escalate", 1, at),
        )


def _climb_escalation(g: Grievance, book: Book, sim_now, log) -> None:
    rule = book.rule(RuleKind.ESCALATE_ON_BREACH)
    while g.escalation_due_at is not None and g.escalation_due_at < sim_now:
        at = g.escalation_due_at
        ladder = book.ladders.get(g.escalation_ladder)
        level = ladder.level(g.escalation_level + 1) if ladder else None
        if level is None:
            g.escalation_due_at = None
            log(
                A.DEADLINE_MISSED,
                at,
                message=_("The last level of the escalation matrix did not respond in time."),
                payload={"deadline": "escalation", "level": g.escalation_level},
                key=_key("escalation-missed", g.escalation_level, at),
            )
            return
        g.escalation_level = level.number
        g.escalation_due_at = book.due(at, level.limit)
        log(
            A.ESCALATE,
            at,
            rule=rule,
            payload={
                "level": level.number,
                "authority": level.authority,
                "due_at": g.escalation_due_at,
            },
            key=_key("escalate", level.number, at),
        )


def _climb_appeal(g: Grievance, book: Book, sim_now, log) -> None:
    while g.appeal_due_at is not None and g.appeal_due_at < sim_now:
        at = g.appeal_due_at
        ladder = book.appeal_ladder
        level = ladder.level(g.appeal_level + 1) if ladder else None
        if level is None:
            g.appeal_due_at = None
            log(
                A.DEADLINE_MISSED,
                at,
                message=_("The appeal was not decided in time."),
                payload={"deadline": "appeal", "level": g.appeal_level},
                key=_key("appeal-missed", g.appeal_level, at),
            )
            return
        g.appeal_level = level.number
        g.appeal_due_at = book.due(at, level.limit)
        log(
            A.ESCALATE_APPEAL,
            at,
            rule=book.rule(RuleKind.AUTO_APPEAL_ON_BREACH),
            message=_("Not decided in time: the appeal moves to %(authority)s.")
            % {"authority": level.authority},
            payload={
                "level": level.number,
                "authority": level.authority,
                "due_at": g.appeal_due_at,
            },
            key=_key("appeal", level.number, at),
        )


# ---------------------------------------------------------------- scripted events
def _fire_scripts(*, session: PracticeSession | None = None) -> int:
    """Fire script events whose simulated time has come, oldest first."""
    query = ScheduledEvent.objects.filter(
        fired_at__isnull=True,
        fire_at__isnull=False,
        fire_at__lt=F("grievance__session__sim_now"),
        grievance__session__status=SessionStatus.ACTIVE,
    )
    if session is not None:
        query = query.filter(grievance__session_id=session.pk)
    with transaction.atomic():
        due = list(
            query.select_for_update(skip_locked=True, of=("self",)).order_by(
                "fire_at", "sort_order", "pk"
            )[:SCRIPT_BATCH]
        )
        for item in due:
            _fire(item)
            item.fired_at = item.fire_at
        ScheduledEvent.objects.bulk_update(due, ["fired_at"])
    return len(due)


@transaction.atomic
def inject_event(*, grievance: Grievance, kind: str, payload: dict) -> GrievanceEvent | None:
    """Fire a script event now (at the session's simulated time), as if the scenario had
    scheduled it: for a trainer's console and for tests. Returns the last event logged."""
    from .scripts import validate_script

    problems = validate_script([{"kind": kind, "payload": payload}])
    if problems:
        raise SimulatorError(" ".join(problems))
    session = PracticeSession.objects.get(pk=grievance.session_id)
    if session.status != SessionStatus.ACTIVE:
        raise SimulatorError(_("This practice session has ended."))
    item = ScheduledEvent.objects.create(
        grievance_id=grievance.pk,
        kind=kind,
        fire_at=session.sim_now,
        payload=payload,
        sort_order=0,
    )
    _fire(item)
    item.fired_at = item.fire_at
    item.save(update_fields=["fired_at"])
    return GrievanceEvent.objects.filter(grievance_id=grievance.pk).order_by("-pk").first()


SCRIPT_ACTIONS = {
    ScriptKind.FEEDBACK: A.FEEDBACK,
    ScriptKind.APPEAL: A.APPEAL,
    ScriptKind.REOPEN: A.REOPEN,
}


def _fire(item: ScheduledEvent) -> None:
    grievance = _lock(item.grievance_id)
    payload, at = item.payload or {}, item.fire_at
    if item.kind == ScriptKind.CITIZEN_CALLBACK:
        _event(
            grievance, action=A.CITIZEN_CALLBACK, role=R.CITIZEN, sim_at=at, payload=payload
        ).save()
    elif item.kind == ScriptKind.CORRUPTION_ALLEGATION:
        if grievance.office_id:
            grievance.allegation_office = grievance.office
            grievance.save(update_fields=["allegation_office", "updated_at"])
        _event(
            grievance,
            action=A.ALLEGATION,
            role=R.CITIZEN,
            sim_at=at,
            payload={**payload, "against_office": grievance.office},
        ).save()
    elif item.kind == ScriptKind.DUPLICATE_COMPLAINT:
        scenario = grievance.session.scenario
        duplicate = _register(
            session=grievance.session,
            book=book_for(grievance.session),
            citizen_name=payload.get("citizen_name") or grievance.citizen_name,
            text=payload["text"],
            text_hi=payload.get("text_hi", ""),
            service=grievance.service,
            office=scenario.initial_office,
            received_at=at,
            is_rts=grievance.is_rts,
            citizen_applied=grievance.citizen_applied,
            is_primary=False,
            key_duplicate_of=grievance,
        )
        _event(
            grievance,
            action=A.DUPLICATE_RECEIVED,
            role=R.CITIZEN,
            sim_at=at,
            payload={"duplicate": duplicate.pk, "duplicate_reg_no": duplicate.reg_no},
        ).save()
    elif item.kind in SCRIPT_ACTIONS:
        action = SCRIPT_ACTIONS[item.kind]
        # Feedback comes through the call centre unless the script says the citizen gave it;
        # appeals and reopening requests come from the citizen.
        role = R.CITIZEN
        if action == A.FEEDBACK and payload.get("source") != "citizen":
            role = R.CALL_CENTRE
        if next_state(action, grievance.state) is None:
            _event(
                grievance,
                action=action,
                role=role,
                sim_at=at,
                outcome=Outcome.SKIPPED,
                message=_("The script's %(kind)s did not apply: the grievance was '%(state)s'.")
                % {"kind": ScriptKind(item.kind).label, "state": S(grievance.state).label},
                payload=payload,
            ).save()
            return
        _perform_locked(grievance, action=action, role=role, actor=None, payload=payload, sim_at=at)
