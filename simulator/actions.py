"""``perform``: the one choke point for what happens to a grievance. It checks the
transition (``enums.TRANSITIONS``), the simulated role (``enums.ACTORS``), the scenario's
playable roles, the inputs (resolved here: offices, categories, the original of a
duplicate, dates), and the session's rulebook (``rules.check``); then it applies the
action's effect (``effects.APPLY``), saves, logs a ``GrievanceEvent`` and runs the
follow-ups (``_after``: scripted events anchored on the action, remand when feedback
contradicts the ATR).

Refusals are results, not exceptions: a refused action is logged as an event with
``outcome=refused`` and the rule code, inside the same transaction, and ``perform``
returns normally, so the refusal commits (scoring counts it). Nothing is written before
the checks pass, so a refusal leaves the grievance untouched. ``SimulatorError`` is raised
only for misuse that is not the trainee's grievance handling (not your session, a finished
session, an unknown action or role); it is not logged. Call ``perform`` outside any
transaction you mean to roll back. ``_perform_locked`` is the same for a grievance already
locked: scripted events (``scripted``) and follow-ups use it."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from . import rules as rule_engine
from .book import book_for
from .effects import APPLY
from .enums import (
    ACTORS,
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
    SimRole,
    next_state,
)
from .journal import ActionResult, SimulatorError, _event, _jsonable, _lock, _own_session
from .models import Category, Grievance, GrievanceEvent, Office, ScheduledEvent
from .rules import DEFAULT_CONFLICT_ACTIONS, Attempt, Refusal, accused_offices, refuse

A = Action
S = GrievanceState
R = SimRole


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
    refusal = _resolve_inputs(attempt) or _conflict(attempt)
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


# ---------------------------------------------------------------- conflict of interest
# What the accused office may not do (it may still ask for reassignment: that hands it on).
CONFLICT_ACTIONS = frozenset(DEFAULT_CONFLICT_ACTIONS)


def _conflict(attempt: Attempt) -> Refusal | None:
    """An office named in an allegation (scripted, or marked in the complaint text) and
    the offices under it never hold, take up, are assigned or answer the grievance: a
    forward, transfer or reassignment to one of them is refused, and so is any desk work
    while one of them holds it. Every rulebook: the rulebook's conflict-of-interest rule
    words the refusal where it has one."""
    grievance = attempt.grievance
    if not grievance.allegation_office_id:
        return None
    accused = accused_offices(grievance)
    offices = attempt.resolved.get("offices") or []
    sent_to_accused = attempt.action in (A.FORWARD, A.TRANSFER, A.REASSIGN) and any(
        o.pk in accused for o in offices
    )
    works_it = (
        attempt.role == R.DESIGNATED_OFFICER
        and attempt.action in CONFLICT_ACTIONS
        and grievance.office_id in accused
    )
    if not (sent_to_accused or works_it):
        return None
    rule = attempt.book.rule(RuleKind.CONFLICT_OF_INTEREST)
    if rule is not None:
        return refuse(rule)
    return Refusal(
        EngineRule.CONFLICT,
        _(
            "The complaint alleges wrongdoing by %(office)s: that office (and the offices "
            "under it) may not hold, take up or answer it. Send it to a senior office or to "
            "Vigilance."
        )
        % {"office": grievance.allegation_office.name},
    )


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
        reopened = (
            GrievanceEvent.objects.filter(
                grievance_id=grievance.pk, action=A.REOPEN, outcome=Outcome.OK
            )
            .order_by("-sim_at")
            .values_list("sim_at", flat=True)
            .first()
        )
        if reopened is None or grievance.acknowledged_at > reopened:
            return _invalid(_("It has already been acknowledged."))
        resolved["reacknowledge"] = True  # a reopened grievance is acknowledged afresh
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
        return _lead_files_atr(attempt)
    elif action == A.SUBMIT_INPUT:
        return _co_office_input(attempt)
    return None


# ---------------------------------------------------------------- several offices
def _co_office_input(attempt: Attempt) -> Refusal | None:
    """A co-office (one the grievance was also forwarded to) files its input, once."""
    grievance, code = attempt.grievance, _code(attempt.payload["office"])
    if code not in (grievance.co_offices or []):
        return _invalid(
            _(
                "Only an office the grievance was also forwarded to files an input to the lead office."
            )
        )
    if code in (grievance.co_inputs or []):
        return _invalid(_("That office has already filed its input."))
    attempt.resolved["office"] = Office.objects.get(
        rulebook_id=grievance.session.rulebook_id, code=code
    )
    return None


def _lead_files_atr(attempt: Attempt) -> Refusal | None:
    """One action-taken report: the lead office (the one holding the grievance) files it;
    a co-office files its input instead."""
    grievance = attempt.grievance
    code = _code(attempt.payload.get("office"))
    if not code or (grievance.office is not None and code == grievance.office.code):
        return None
    if code in (grievance.co_offices or []):
        co_office = Office.objects.filter(
            rulebook_id=grievance.session.rulebook_id, code=code
        ).first()
        return Refusal(
            EngineRule.LEAD_ATR,
            _(
                "%(office)s is a co-office: it files its input, and the lead office %(lead)s "
                "consolidates the inputs into one action-taken report."
            )
            % {
                "office": co_office.name if co_office else code,
                "lead": grievance.office.name if grievance.office else "—",
            },
        )
    return _invalid(_("Only the office holding the grievance files its action-taken report."))


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
    attempt.resolved["office"] = lead
    attempt.resolved["offices"] = offices
    if action == A.REASSIGN and lead.pk == grievance.office_id:
        return _conflict(attempt) or _invalid(_("It is already with that office."))
    return None


# ---------------------------------------------------------------- follow-ups
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
