"""The grievance simulator's one state machine, its simulated roles and its coded rule kinds.

``TRANSITIONS`` maps each action to the states it may be taken from and the state it leads
to (a same-state entry is an action that only records or sets a flag). ``ACTORS`` says which
simulated role may take each action. Timer actions (``AUTO_APPEAL``, ``ESCALATE``,
``ESCALATE_APPEAL``) are in the same map; the sweep applies them through ``next_state``.
Events that are not transitions (registration, missed deadlines, scripted citizen calls,
allegations, duplicates) are in ``EVENT_ONLY``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import timing


class LimitUnit(models.TextChoices):
    HOURS = timing.HOURS, _("hours")
    CALENDAR_DAYS = timing.CALENDAR, _("calendar days")
    WORKING_DAYS = timing.WORKING, _("working days (no Sundays or holidays)")


class GrievanceState(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    CATEGORISED = "categorised", _("Categorised")
    ASSIGNED = "assigned", _("Forwarded / assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    REASSIGN_REQUESTED = "reassign_requested", _("Reassignment requested")
    ATR_SUBMITTED = "atr_submitted", _("ATR submitted")
    ATR_APPROVED = "atr_approved", _("ATR approved by senior")
    DISPOSED = "disposed", _("Disposed")
    FEEDBACK_RECEIVED = "feedback_received", _("Feedback received")
    REMANDED = "remanded", _("Remanded")
    IN_APPEAL = "in_appeal", _("In appeal")
    CLOSED = "closed", _("Closed")
    CLOSED_OUT_OF_SCOPE = "closed_out_of_scope", _("Closed: out of scope")
    DUPLICATE_LINKED = "duplicate_linked", _("Closed: duplicate")


class SimRole(models.TextChoices):
    """The simulated role an action is taken in (not the user's product role)."""

    CITIZEN = "citizen", _("Citizen")
    CALL_CENTRE = "call_centre", _("Call centre")
    NODAL_OFFICER = "nodal_officer", _("Nodal officer / GRO")
    DESIGNATED_OFFICER = "designated_officer", _("Designated officer / field officer")
    SENIOR = "senior", _("Senior officer / approver / escalation authority")
    APPELLATE_AUTHORITY = "appellate_authority", _("Appellate authority")
    SYSTEM = "system", _("The system (timers)")


# The roles a trainee may play; citizen, call centre and system act only from scripts/timers.
TRAINEE_ROLES = (
    SimRole.NODAL_OFFICER,
    SimRole.DESIGNATED_OFFICER,
    SimRole.SENIOR,
    SimRole.APPELLATE_AUTHORITY,
)


class Action(models.TextChoices):
    # Desk actions, taken through services.perform
    ACKNOWLEDGE = "acknowledge", _("Acknowledge")
    CATEGORISE = "categorise", _("Categorise")
    FORWARD = "forward", _("Forward to an office")
    TRANSFER = "transfer", _("Transfer to another organisation")
    CLOSE_OUT_OF_SCOPE = "close_out_of_scope", _("Close as out of scope")
    LINK_DUPLICATE = "link_duplicate", _("Link as duplicate")
    REASSIGN = "reassign", _("Reassign to another office")
    REQUEST_REASSIGN = "request_reassign", _("Request reassignment")
    RETURN = "return", _("Return to the forwarding desk")
    TAKE_UP = "take_up", _("Take up")
    CALL_CITIZEN = "call_citizen", _("Call the citizen")
    FACILITATE_APPLICATION = "facilitate_application", _("Help the citizen apply")
    INTERIM_REPLY = "interim_reply", _("Interim reply")
    SUBMIT_INPUT = "submit_input", _("File a co-office's input")
    SUBMIT_ATR = "submit_atr", _("Submit ATR")
    RETURN_ATR = "return_atr", _("Return ATR")
    APPROVE_ATR = "approve_atr", _("Approve ATR")
    DISPOSE = "dispose", _("Dispose (final reply)")
    ISSUE_DIRECTIONS = "issue_directions", _("Issue directions")
    FEEDBACK = "feedback", _("Feedback")
    REMAND = "remand", _("Remand")
    APPEAL = "appeal", _("Appeal")
    DECIDE_APPEAL = "decide_appeal", _("Decide appeal")
    CLOSE = "close", _("Close")
    CLOSE_WITH_ADVICE = "close_with_advice", _("Close with advice (lodge a fresh grievance)")
    REOPEN = "reopen", _("Reopen")
    # Timer transitions (system)
    AUTO_APPEAL = "auto_appeal", _("Auto appeal on breach")
    ESCALATE = "escalate", _("Escalate on breach")
    ESCALATE_APPEAL = "escalate_appeal", _("Appeal moves up a level")
    # Events that are not transitions
    REGISTER = "register", _("Registered")
    DEADLINE_MISSED = "deadline_missed", _("Deadline missed")
    CITIZEN_CALLBACK = "citizen_callback", _("Citizen called back")
    ALLEGATION = "allegation", _("Allegation against the assigned officer")
    DUPLICATE_RECEIVED = "duplicate_received", _("Duplicate complaint received")


class Outcome(models.TextChoices):
    OK = "ok", _("Done")
    REFUSED = "refused", _("Refused")
    SKIPPED = "skipped", _("Skipped (did not apply)")


class SessionStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    FINISHED = "finished", _("Finished")
    ABANDONED = "abandoned", _("Abandoned")


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MEDIUM = "medium", _("Medium")
    HARD = "hard", _("Hard")


class FeedbackRating(models.TextChoices):
    GOOD = "good", _("Good")
    AVERAGE = "average", _("Average")
    POOR = "poor", _("Poor")


class ReturnReason(models.TextChoices):
    CITIZEN_NOT_APPLIED = "citizen_not_applied", _("The citizen has not applied for the service")
    WRONG_OFFICE = "wrong_office", _("Does not concern this office")
    INCOMPLETE_DETAILS = "incomplete_details", _("Details are incomplete")


class LadderKind(models.TextChoices):
    ESCALATION = "escalation", _("Escalation on a missed service time")
    APPEAL = "appeal", _("Appeal levels")


class RuleKind(models.TextChoices):
    """The coded rule kinds the engine understands; a Rule row picks one and gives params."""

    FORBID_CLOSURE_PHRASE = "forbid_closure_phrase", _("Forbidden closure wording")
    MAX_TRANSFERS = "max_transfers", _("Maximum number of transfers")
    MAX_MULTI_FORWARD = "max_multi_forward", _("Maximum offices in one forward")
    FORBID_RETURN_REASON = "forbid_return_reason", _("Forbidden reason to return")
    LEAF_CATEGORY = "leaf_category", _("Categorise to the most specific category")
    OUT_OF_SCOPE_REASONS = "out_of_scope_reasons", _("Listed out-of-scope reasons")
    APPEAL_ON_RATING = "appeal_on_rating", _("Appeal only on a listed rating, within a window")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("No action by an officer complained against")
    REOPEN_WINDOW = "reopen_window", _("Reopening window")
    INTERIM_REPLY_REQUIRED = "interim_reply_required", _("Interim reply before the time limit")
    FACILITATE_APPLICATION = "facilitate_application", _("Help a citizen who never applied")
    REMAND_ON_CONTRADICTION = (
        "remand_on_contradiction",
        _("Remand an ATR sent up against contradicting feedback"),
    )
    AUTO_APPEAL_ON_BREACH = "auto_appeal_on_breach", _("Auto appeal on a missed RTS time")
    ESCALATE_ON_BREACH = "escalate_on_breach", _("Escalate on a missed service time")
    REPLY_ELEMENTS = "reply_elements", _("Accepted phrasings of a reply's required elements")


class ScriptKind(models.TextChoices):
    """What a scenario's script can make happen at a simulated time."""

    CITIZEN_CALLBACK = "citizen_callback", _("The citizen calls back")
    FEEDBACK = "feedback", _("Call-centre / citizen feedback")
    DUPLICATE_COMPLAINT = "duplicate_complaint", _("A duplicate complaint arrives")
    CORRUPTION_ALLEGATION = "corruption_allegation", _("Allegation against the assigned officer")
    APPEAL = "appeal", _("The citizen appeals")
    REOPEN = "reopen", _("The citizen asks to reopen")


class EngineRule(models.TextChoices):
    """Refusal codes of the engine itself (not of a rulebook)."""

    STATE = "state.not_allowed", _("Not allowed in this state")
    ROLE = "role.not_permitted", _("Not this role's action")
    ROLE_NOT_PLAYED = "role.not_in_scenario", _("Role not played in this scenario")
    INPUT_MISSING = "input.missing", _("Something required is missing")
    INPUT_INVALID = "input.invalid", _("Something given is not valid")
    NO_REOPEN = "reopen.not_provided", _("The rulebook provides no reopening")
    NO_APPEAL = "appeal.not_provided", _("The rulebook provides no appeal")
    FORWARD_OUTSIDE = "forward.other_organisation", _("Forward stays within the organisation")
    TRANSFER_INSIDE = "transfer.same_organisation", _("A transfer goes to another organisation")
    CONFLICT = (
        "conflict.accused_office",
        _("An office complained against never holds, takes up or answers the grievance"),
    )
    LEAD_ATR = (
        "atr.lead_office",
        _("One action-taken report, filed by the lead office with the co-offices' inputs"),
    )


S = GrievanceState
A = Action
R = SimRole

# Before disposal: the service and escalation clocks run in these states.
PRE_DISPOSAL = frozenset(
    {
        S.REGISTERED,
        S.CATEGORISED,
        S.ASSIGNED,
        S.IN_PROGRESS,
        S.REASSIGN_REQUESTED,
        S.ATR_SUBMITTED,
        S.ATR_APPROVED,
        S.REMANDED,
    }
)
AFTER_DISPOSAL = frozenset({S.DISPOSED, S.FEEDBACK_RECEIVED})
# The ATR has gone up the hierarchy (approved by the senior, or disposed).
SENT_UP = frozenset({S.ATR_APPROVED, S.DISPOSED, S.FEEDBACK_RECEIVED})
# No timer runs in these; only CLOSED can still be appealed or reopened (within windows).
FINAL_STATES = frozenset({S.CLOSED, S.CLOSED_OUT_OF_SCOPE, S.DUPLICATE_LINKED})
OPEN_STATES = frozenset(S.values) - FINAL_STATES


def _same(states) -> dict[str, str]:
    return {state: state for state in states}


def _to(states, target) -> dict[str, str]:
    return dict.fromkeys(states, target)


# action -> {from state: to state}
TRANSITIONS: dict[str, dict[str, str]] = {
    A.ACKNOWLEDGE: _same(PRE_DISPOSAL),
    A.CATEGORISE: {S.REGISTERED: S.CATEGORISED, S.CATEGORISED: S.CATEGORISED},
    A.FORWARD: {S.CATEGORISED: S.ASSIGNED},
    A.TRANSFER: _to({S.REGISTERED, S.CATEGORISED, S.ASSIGNED, S.REASSIGN_REQUESTED}, S.REGISTERED),
    A.CLOSE_OUT_OF_SCOPE: _to({S.REGISTERED, S.CATEGORISED}, S.CLOSED_OUT_OF_SCOPE),
    A.LINK_DUPLICATE: _to({S.REGISTERED, S.CATEGORISED}, S.DUPLICATE_LINKED),
    A.REASSIGN: _to({S.ASSIGNED, S.IN_PROGRESS, S.REASSIGN_REQUESTED}, S.ASSIGNED),
    A.REQUEST_REASSIGN: _to({S.ASSIGNED, S.IN_PROGRESS}, S.REASSIGN_REQUESTED),
    A.RETURN: _to({S.ASSIGNED, S.IN_PROGRESS}, S.CATEGORISED),
    A.TAKE_UP: _to({S.ASSIGNED, S.REMANDED}, S.IN_PROGRESS),
    A.CALL_CITIZEN: _same({S.ASSIGNED, S.IN_PROGRESS, S.REMANDED}),
    A.FACILITATE_APPLICATION: _same({S.IN_PROGRESS}),
    A.INTERIM_REPLY: _same({S.IN_PROGRESS}),
    # a co-office's input to the lead office of a case forwarded to several offices
    A.SUBMIT_INPUT: _same({S.ASSIGNED, S.IN_PROGRESS, S.REMANDED}),
    A.SUBMIT_ATR: {S.IN_PROGRESS: S.ATR_SUBMITTED},
    A.RETURN_ATR: {S.ATR_SUBMITTED: S.IN_PROGRESS},
    A.APPROVE_ATR: {S.ATR_SUBMITTED: S.ATR_APPROVED},
    A.DISPOSE: {S.ATR_APPROVED: S.DISPOSED},
    A.ISSUE_DIRECTIONS: _same(PRE_DISPOSAL | {S.IN_APPEAL}),
    A.FEEDBACK: {
        S.ATR_SUBMITTED: S.ATR_SUBMITTED,
        S.ATR_APPROVED: S.ATR_APPROVED,
        S.DISPOSED: S.FEEDBACK_RECEIVED,
    },
    A.REMAND: _to(
        {S.ATR_SUBMITTED, S.ATR_APPROVED, S.DISPOSED, S.FEEDBACK_RECEIVED, S.IN_APPEAL},
        S.REMANDED,
    ),
    A.APPEAL: _to({S.DISPOSED, S.FEEDBACK_RECEIVED, S.CLOSED}, S.IN_APPEAL),
    A.DECIDE_APPEAL: {S.IN_APPEAL: S.CLOSED},
    A.CLOSE: _to({S.DISPOSED, S.FEEDBACK_RECEIVED}, S.CLOSED),
    A.CLOSE_WITH_ADVICE: _to({S.DISPOSED, S.FEEDBACK_RECEIVED}, S.CLOSED),
    A.REOPEN: _to({S.DISPOSED, S.FEEDBACK_RECEIVED, S.CLOSED}, S.CATEGORISED),
    A.AUTO_APPEAL: _to(PRE_DISPOSAL, S.IN_APPEAL),
    A.ESCALATE: _same(PRE_DISPOSAL),
    A.ESCALATE_APPEAL: _same({S.IN_APPEAL}),
}

# action -> the simulated roles that may take it
ACTORS: dict[str, frozenset[str]] = {
    A.ACKNOWLEDGE: frozenset({R.NODAL_OFFICER}),
    A.CATEGORISE: frozenset({R.NODAL_OFFICER}),
    A.FORWARD: frozenset({R.NODAL_OFFICER}),
    A.TRANSFER: frozenset({R.NODAL_OFFICER}),
    A.CLOSE_OUT_OF_SCOPE: frozenset({R.NODAL_OFFICER}),
    A.LINK_DUPLICATE: frozenset({R.NODAL_OFFICER}),
    A.REASSIGN: frozenset({R.NODAL_OFFICER}),
    A.REQUEST_REASSIGN: frozenset({R.DESIGNATED_OFFICER}),
    A.RETURN: frozenset({R.DESIGNATED_OFFICER}),
    A.TAKE_UP: frozenset({R.DESIGNATED_OFFICER}),
    A.CALL_CITIZEN: frozenset({R.DESIGNATED_OFFICER}),
    A.FACILITATE_APPLICATION: frozenset({R.DESIGNATED_OFFICER}),
    A.INTERIM_REPLY: frozenset({R.DESIGNATED_OFFICER}),
    A.SUBMIT_INPUT: frozenset({R.DESIGNATED_OFFICER}),
    A.SUBMIT_ATR: frozenset({R.DESIGNATED_OFFICER}),
    A.RETURN_ATR: frozenset({R.SENIOR}),
    A.APPROVE_ATR: frozenset({R.SENIOR}),
    A.DISPOSE: frozenset({R.NODAL_OFFICER}),
    A.ISSUE_DIRECTIONS: frozenset({R.SENIOR, R.APPELLATE_AUTHORITY}),
    A.FEEDBACK: frozenset({R.CITIZEN, R.CALL_CENTRE}),
    A.REMAND: frozenset({R.SENIOR, R.APPELLATE_AUTHORITY, R.SYSTEM}),
    A.APPEAL: frozenset({R.CITIZEN}),
    A.DECIDE_APPEAL: frozenset({R.APPELLATE_AUTHORITY}),
    A.CLOSE: frozenset({R.NODAL_OFFICER}),
    A.CLOSE_WITH_ADVICE: frozenset({R.NODAL_OFFICER}),
    A.REOPEN: frozenset({R.CITIZEN, R.CALL_CENTRE}),
    A.AUTO_APPEAL: frozenset({R.SYSTEM}),
    A.ESCALATE: frozenset({R.SYSTEM}),
    A.ESCALATE_APPEAL: frozenset({R.SYSTEM}),
}

EVENT_ONLY = frozenset(
    {A.REGISTER, A.DEADLINE_MISSED, A.CITIZEN_CALLBACK, A.ALLEGATION, A.DUPLICATE_RECEIVED}
)
TIMER_ACTIONS = frozenset({A.AUTO_APPEAL, A.ESCALATE, A.ESCALATE_APPEAL})
# What the trainee can do from a desk (the UI's action menu).
DESK_ACTIONS = frozenset(a for a, roles in ACTORS.items() if roles & set(TRAINEE_ROLES))

# What each desk action needs in its payload (keys); see services.perform.
REQUIRED_INPUT: dict[str, tuple[str, ...]] = {
    A.CATEGORISE: ("category",),
    A.FORWARD: ("office",),
    A.TRANSFER: ("office", "reason"),
    A.CLOSE_OUT_OF_SCOPE: ("reason", "reply"),
    A.LINK_DUPLICATE: ("original",),
    A.REASSIGN: ("office",),
    A.REQUEST_REASSIGN: ("reason",),
    A.RETURN: ("reason",),
    A.FACILITATE_APPLICATION: ("application_ref",),
    A.INTERIM_REPLY: ("text",),
    A.SUBMIT_INPUT: ("office", "text"),
    A.SUBMIT_ATR: ("text",),
    A.RETURN_ATR: ("note",),
    A.DISPOSE: ("reply",),
    A.ISSUE_DIRECTIONS: ("text",),
    A.FEEDBACK: ("rating",),
    A.REMAND: ("directions",),
    A.APPEAL: ("grounds",),
    A.DECIDE_APPEAL: ("order",),
    A.REOPEN: ("reason",),
    A.CLOSE_WITH_ADVICE: ("reply",),
}


def next_state(action: str, state: str) -> str | None:
    """The state ``action`` leads to from ``state``, or None when it is not allowed."""
    return TRANSITIONS.get(action, {}).get(state)


def state_graph() -> dict[str, frozenset[str]]:
    """state -> the states reachable in one action (for documentation and tests)."""
    graph: dict[str, set[str]] = {state: set() for state in S.values}
    for moves in TRANSITIONS.values():
        for source, target in moves.items():
            if source != target:
                graph[source].add(target)
    return {state: frozenset(targets) for state, targets in graph.items()}
