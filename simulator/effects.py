"""What each action changes on the grievance, once ``actions.perform`` has checked it:
``APPLY`` maps every trainee action to its effect (``_apply_*``; ``_nothing`` for actions
that only move the state). An effect sets the grievance's fields (it is saved by
``perform``) and returns what it derived for the event's payload (``on_time``, the office,
levels and due times...), or None."""

from .enums import Action
from .models import Grievance, Office
from .rules import Attempt

A = Action


def _stop_clocks(grievance: Grievance) -> None:
    grievance.escalation_due_at = None
    grievance.appeal_due_at = None


def _on_time(at, due) -> bool | None:
    return None if due is None else at <= due


def _apply_acknowledge(attempt: Attempt):
    grievance = attempt.grievance
    grievance.acknowledged_at = attempt.sim_now
    if attempt.resolved.get("reacknowledge"):
        return {"on_time": None, "reopened": True}
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
    attempt.grievance.co_inputs = []
    return {"office": offices[0].code, "also": attempt.grievance.co_offices}


def _apply_transfer(attempt: Attempt):
    grievance = attempt.grievance
    office = attempt.resolved["office"]
    _move_to(attempt, office)
    grievance.co_offices = []
    grievance.co_inputs = []
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
    attempt.grievance.co_inputs = []
    return {"office": office.code}


def _apply_close_out_of_scope(attempt: Attempt):
    grievance = attempt.grievance
    grievance.closed_at = attempt.sim_now
    _stop_clocks(grievance)
    reason = attempt.payload.get("reason")
    return {"reason_label": attempt.book.out_of_scope_reasons().get(reason, reason)}


def _apply_link_duplicate(attempt: Attempt):
    """Linked to its lead case: closed here, answered by the lead's one action-taken
    report; the reply (optional to the engine, scored) tells this citizen their own number."""
    grievance = attempt.grievance
    original = attempt.resolved["original"]
    grievance.duplicate_of = original
    grievance.closed_at = attempt.sim_now
    _stop_clocks(grievance)
    return {
        "original": original.pk,
        "original_reg_no": original.reg_no,
        "reg_no": grievance.reg_no,
    }


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


def _apply_submit_input(attempt: Attempt):
    """A co-office's input reaches the lead office, which consolidates it into its one
    action-taken report."""
    grievance = attempt.grievance
    office = attempt.resolved["office"]
    grievance.co_inputs = [*grievance.co_inputs, office.code]
    return {"office": office.code, "lead": grievance.office.code if grievance.office else None}


def _apply_submit_atr(attempt: Attempt):
    grievance = attempt.grievance
    grievance.atr_resolved = attempt.resolved["resolved"]
    grievance.feedback_contradicts = False
    extra = {"resolved": grievance.atr_resolved}
    if grievance.co_offices:  # the lead's report: which co-offices' inputs it had
        extra.update(
            office=grievance.office.code if grievance.office else None,
            inputs=list(grievance.co_inputs),
            awaited=[c for c in grievance.co_offices if c not in grievance.co_inputs],
        )
    return extra


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
    A.SUBMIT_INPUT: _apply_submit_input,
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
    A.CLOSE_WITH_ADVICE: _apply_close,
    A.REOPEN: _apply_reopen,
}
