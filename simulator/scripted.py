"""Scripted events firing: the scenario's script (format and validation in ``scripts``)
scheduled as ``ScheduledEvent`` rows when a session starts. ``_fire_scripts`` fires those
whose simulated time has come, oldest first (from ``sweep`` and the clock); ``inject_event``
fires one now (a trainer's console; tests). A citizen callback, an allegation or a
duplicate complaint is logged (a duplicate is registered as a grievance of its own); a
feedback, appeal or reopening is an ordinary action taken by the citizen or the call
centre through ``actions._perform_locked`` (checked and logged like any other), or logged
as skipped when the grievance's state does not allow it."""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .actions import _perform_locked
from .book import book_for
from .enums import Action, GrievanceState, Outcome, ScriptKind, SessionStatus, SimRole, next_state
from .journal import SimulatorError, _event, _lock
from .models import Grievance, GrievanceEvent, PracticeSession, ScheduledEvent
from .registration import _register
from .scripts import validate_script

A = Action
S = GrievanceState
R = SimRole

SCRIPT_BATCH = 200


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
