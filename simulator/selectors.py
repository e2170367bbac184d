"""Reads for the trainee's desk, the debrief and scoring (fixed query counts).

A trainee sees only their own sessions (``session_for`` raises ``DoesNotExist`` for anyone
else's). The answer key (``Scenario.key_*``) and the simulation truth on a grievance
(``citizen_applied``, ``key_duplicate_of``, ``facilitation_due_at``) are left out of
``scenarios_for_trainees`` and ``desk_view``; read them only for scoring and debriefs."""

from django.db.models import Count, Q

from .enums import ACTORS, DESK_ACTIONS, Outcome, SessionStatus, next_state
from .models import Grievance, GrievanceEvent, PracticeSession, Scenario

KEY_FIELDS = (
    "key_category",
    "key_office",
    "key_is_rts",
    "key_citizen_applied",
    "key_in_scope",
    "key_out_of_scope_reason",
    "key_mandatory_steps",
    "key_forbidden_rules",
    "key_notes",
    "summary",
    "script",
)


def scenarios_for_trainees():
    """Active scenarios without their answer keys (1 query)."""
    return (
        Scenario.objects.filter(is_active=True)
        .select_related("rulebook")
        .defer(*KEY_FIELDS)
        .order_by("rulebook__name", "difficulty", "title")
    )


def sessions_for(user):
    """The user's own sessions, newest first, with counts of actions and refusals."""
    return (
        PracticeSession.objects.filter(trainee=user)
        .select_related("scenario", "rulebook")
        .defer("rulebook_snapshot", *(f"scenario__{f}" for f in KEY_FIELDS))
        .annotate(
            actions=Count("events", filter=Q(events__actor__isnull=False)),
            refusals=Count("events", filter=Q(events__outcome=Outcome.REFUSED)),
        )
    )


def session_for(user, pk) -> PracticeSession:
    """One of the user's own sessions (raises PracticeSession.DoesNotExist otherwise)."""
    return PracticeSession.objects.select_related("scenario", "rulebook").get(pk=pk, trainee=user)


def active_session(user, scenario) -> PracticeSession | None:
    return PracticeSession.objects.filter(
        trainee=user, scenario=scenario, status=SessionStatus.ACTIVE
    ).first()


def grievances(session):
    """The session's grievances (the scenario's and any duplicates), 1 query."""
    return (
        Grievance.objects.filter(session=session)
        .select_related("category", "category__parent", "office", "service")
        .order_by("pk")
    )


def event_log(session, grievance=None):
    """Every event of the session (or one grievance), in simulated time order."""
    events = GrievanceEvent.objects.filter(session=session).select_related("grievance", "actor")
    if grievance is not None:
        events = events.filter(grievance=grievance)
    return events.order_by("sim_at", "pk")


def desk_actions(grievance: Grievance, role: str) -> list[str]:
    """The actions ``role`` can take on ``grievance`` in its state (for the action menu;
    the rulebook may still refuse one, which is the point of the exercise)."""
    return sorted(
        action
        for action in DESK_ACTIONS
        if role in ACTORS[action] and next_state(action, grievance.state) is not None
    )


def desk_view(grievance: Grievance) -> dict:
    """What the trainee may see of a grievance (no simulation truth)."""
    return {
        "id": grievance.pk,
        "reg_no": grievance.reg_no,
        "citizen_name": grievance.citizen_name,
        "text": grievance.text,
        "text_hi": grievance.text_hi,
        "state": grievance.state,
        "state_label": grievance.get_state_display(),
        "service": grievance.service,
        "is_rts": grievance.is_rts,
        "category": grievance.category,
        "office": grievance.office,
        "co_offices": grievance.co_offices,
        "received_at": grievance.received_at,
        "ack_due_at": grievance.ack_due_at,
        "acknowledged_at": grievance.acknowledged_at,
        "disposal_due_at": grievance.disposal_due_at,
        "interim_reply_at": grievance.interim_reply_at,
        "interim_expected_by": grievance.interim_expected_by,
        "application_ref": grievance.application_ref,
        "feedback_rating": grievance.feedback_rating,
        "feedback_contradicts": grievance.feedback_contradicts,
        "escalation_level": grievance.escalation_level,
        "escalation_due_at": grievance.escalation_due_at,
        "appeal_level": grievance.appeal_level,
        "appeal_due_at": grievance.appeal_due_at,
        "transfer_count": grievance.transfer_count,
        "remand_count": grievance.remand_count,
        "reopen_count": grievance.reopen_count,
        "duplicate_of": grievance.duplicate_of_id,
        "allegation_pending": bool(
            grievance.allegation_office_id and grievance.allegation_office_id == grievance.office_id
        ),
    }
