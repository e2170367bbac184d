"""Put a Desk grievance straight into a state (database update, no events) and give a
valid payload for each desk action, so transition tests can try one step."""

import datetime

from simulator import services
from simulator.enums import Action, GrievanceState, ScriptKind
from simulator.models import Grievance

A = Action
S = GrievanceState

WITH_OFFICE = {
    S.ASSIGNED,
    S.IN_PROGRESS,
    S.REASSIGN_REQUESTED,
    S.ATR_SUBMITTED,
    S.ATR_APPROVED,
    S.REMANDED,
    S.DISPOSED,
    S.FEEDBACK_RECEIVED,
    S.CLOSED,
    S.IN_APPEAL,
}


def put_in_state(grievance: Grievance, desk, state: str, *, acknowledged=True) -> Grievance:
    sim_now = grievance.session.sim_now
    fields = {"state": state}
    if state != S.REGISTERED:
        fields["category"] = desk.leaf
    if state in WITH_OFFICE:
        fields["office"] = desk.field
    if acknowledged:
        fields["acknowledged_at"] = sim_now
    if state in (S.DISPOSED, S.FEEDBACK_RECEIVED, S.CLOSED):
        fields.update(disposed_at=sim_now, atr_resolved=True)
    if state == S.CLOSED:
        fields["closed_at"] = sim_now
    if state == S.IN_APPEAL:
        fields.update(appeal_level=1, appeal_due_at=sim_now + datetime.timedelta(days=30))
    Grievance.objects.filter(pk=grievance.pk).update(**fields)
    return Grievance.objects.select_related("session").get(pk=grievance.pk)


def payload_for(action: str, grievance: Grievance) -> dict:
    """A payload the Desk rulebook accepts for ``action``."""
    sim_now = grievance.session.sim_now
    if action == A.LINK_DUPLICATE:
        other = services.inject_event(
            grievance=grievance,
            kind=ScriptKind.DUPLICATE_COMPLAINT,
            payload={"text": "Same complaint again."},
        )
        return {"original": other.payload["duplicate"]}
    if action == A.SUBMIT_INPUT:  # a co-office's input: the grievance went to two offices
        Grievance.objects.filter(pk=grievance.pk).update(co_offices=["field2"])
        return {"office": "field2", "text": "Our part of the work is done."}
    return {
        A.CATEGORISE: {"category": "leaf"},
        A.FORWARD: {"office": "field"},
        A.TRANSFER: {"office": "elsewhere", "reason": "It concerns Department B."},
        A.CLOSE_OUT_OF_SCOPE: {"reason": "sub_judice", "reply": "The matter is before a court."},
        A.REASSIGN: {"office": "field2"},
        A.REQUEST_REASSIGN: {"reason": "The location is in another ward."},
        A.RETURN: {"reason": "incomplete_details"},
        A.FACILITATE_APPLICATION: {"application_ref": "SARAL/2026/1"},
        A.INTERIM_REPLY: {
            "text": "Sanction is awaited.",
            "expected_by": (sim_now + datetime.timedelta(days=30)).date().isoformat(),
        },
        A.SUBMIT_ATR: {"text": "Repaired on site.", "evidence": "photo-1.jpg"},
        A.RETURN_ATR: {"note": "Attach a dated photo."},
        A.DISPOSE: {"reply": "Your grievance has been redressed."},
        A.ISSUE_DIRECTIONS: {"text": "Complete it within three days."},
        A.REMAND: {"directions": "Verify on site and report."},
        A.DECIDE_APPEAL: {"order": "Heard both sides; the appeal is allowed."},
        A.CLOSE: {},
        A.CLOSE_WITH_ADVICE: {"reply": "Please lodge a fresh grievance quoting this number."},
    }.get(action, {})
