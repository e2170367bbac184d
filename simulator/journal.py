"""What every simulator write shares: how it is logged, locked and guarded, and what it
returns.

``_event`` builds a ``GrievanceEvent`` row (the event log is the simulation's record), with
``_jsonable`` turning payload values into JSON (datetimes in local time: ``_iso``,
``_local``). ``_lock`` claims a grievance row for a write; ``_own_session`` refuses a
session that is not the actor's or has ended. ``ActionResult`` (what ``perform`` did),
``SweepReport`` (what a sweep or a clock advance did) and ``SimulatorError`` (misuse that is
not a grievance-handling mistake; raised, never logged) are the results and the error of
the whole write API (``services`` re-exports them)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import DomainError

from .enums import Outcome, SessionStatus
from .models import Grievance, GrievanceEvent, PracticeSession


class SimulatorError(DomainError):
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


def _add(report: SweepReport, counts: tuple[int, int]) -> None:
    report.grievances += counts[0]
    report.events += counts[1]


# ---------------------------------------------------------------- the log
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


# ---------------------------------------------------------------- locking and the guard
def _lock(grievance_id) -> Grievance:
    return (
        Grievance.objects.select_for_update(of=("self",))
        .select_related("session", "session__scenario", "office", "service")
        .get(pk=grievance_id)
    )


def _own_session(session: PracticeSession, actor) -> None:
    if actor is None or actor.pk != session.trainee_id:
        raise SimulatorError(_("This is not your practice session."))
    if session.status != SessionStatus.ACTIVE:
        raise SimulatorError(_("This practice session has ended."))
