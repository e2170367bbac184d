"""Reads for the trainee's desk, the debrief and scoring (fixed query counts).

A trainee sees only their own sessions (``session_for`` raises ``DoesNotExist`` for anyone
else's). The answer key (``Scenario.key_*``) and the simulation truth on a grievance
(``citizen_applied``, ``key_duplicate_of``, ``facilitation_due_at``) are left out of
``scenarios_for_trainees`` and ``desk_view``; read them only for scoring and debriefs."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Max, Prefetch, Q

from lms.accounts.models import User
from lms.core.languages import showing_hindi
from lms.core.roles import is_staff_author
from nominations.enums import NominationState
from nominations.models import Nomination

from .enums import ACTORS, DESK_ACTIONS, Action, EngineRule, Outcome, SessionStatus, next_state
from .models import (
    Grievance,
    GrievanceEvent,
    PracticeSession,
    Rule,
    Scenario,
    ScenarioAssignment,
    ScoreDeduction,
)
from .scoring import PASS_MARK, SCORING_RULES

# A trainee "in" a programme: confirmed their seat, or attended it.
PROGRAMME_STATES = (NominationState.CONFIRMED, NominationState.ATTENDED)

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
        .defer("rulebook_snapshot", "score_breakdown", *(f"scenario__{f}" for f in KEY_FIELDS))
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
        if role in ACTORS[action]
        and next_state(action, grievance.state) is not None
        and (action != Action.SUBMIT_INPUT or bool(grievance.co_offices))
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
        "co_inputs": grievance.co_inputs,
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


# ---------------------------------------------------------------- review, programmes, results
def may_review(user) -> bool:
    """Trainers, course directors and cell administrators review any trainee's sessions."""
    return is_staff_author(user)


def session_for_viewer(user, pk) -> PracticeSession:
    """The user's own session, or any session for a reviewer (raises DoesNotExist)."""
    sessions = PracticeSession.objects.select_related("scenario", "rulebook", "trainee")
    if not may_review(user):
        sessions = sessions.filter(trainee=user)
    return sessions.get(pk=pk)


def programme_officer_ids(programme) -> list[int]:
    """Officers who took up a seat of the programme (confirmed or attended)."""
    return list(
        Nomination.objects.filter(programme=programme, state__in=PROGRAMME_STATES)
        .order_by("officer_id")
        .values_list("officer_id", flat=True)
        .distinct()
    )


def assignments_for_trainee(user) -> list[ScenarioAssignment]:
    """Scenario sets assigned to the programmes the user is confirmed in or attended,
    with the programme and the scenarios (no answer keys); 2 queries."""
    programme_ids = Nomination.objects.filter(officer=user, state__in=PROGRAMME_STATES).values(
        "programme_id"
    )
    return list(
        ScenarioAssignment.objects.filter(programme_id__in=programme_ids)
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "scenarios",
                queryset=scenarios_for_trainees(),
            )
        )
        .order_by("-programme__starts_on", "programme_id", "pk")
    )


def best_scores(user, scenario_ids=None) -> dict[int, Decimal]:
    """{scenario id: the user's best score in a finished session} (1 query)."""
    rows = PracticeSession.objects.filter(
        trainee=user, status=SessionStatus.FINISHED, score__isnull=False
    )
    if scenario_ids is not None:
        rows = rows.filter(scenario_id__in=list(scenario_ids))
    return dict(
        rows.values("scenario_id").annotate(best=Max("score")).values_list("scenario_id", "best")
    )


def active_sessions(user) -> dict[int, int]:
    """{scenario id: the user's active session id} (1 query)."""
    return dict(
        PracticeSession.objects.filter(trainee=user, status=SessionStatus.ACTIVE)
        .order_by("started_at")
        .values_list("scenario_id", "pk")
    )


def programme_requirements(programme, *, counting_only=False) -> dict[int, int]:
    """{scenario id: minimum score} of the programme's assignments (the highest minimum
    when a scenario is in several sets); only sets that count toward completion when
    ``counting_only`` (1 query)."""
    rows = ScenarioAssignment.scenarios.through.objects.filter(
        scenarioassignment__programme=programme
    )
    if counting_only:
        rows = rows.filter(scenarioassignment__counts_toward_completion=True)
    required: dict[int, int] = {}
    for scenario_id, minimum in rows.values_list("scenario_id", "scenarioassignment__min_score"):
        required[scenario_id] = max(minimum, required.get(scenario_id, 0))
    return required


def _bests(officer_ids, scenario_ids) -> dict[tuple[int, int], Decimal]:
    rows = (
        PracticeSession.objects.filter(
            trainee_id__in=list(officer_ids),
            scenario_id__in=list(scenario_ids),
            status=SessionStatus.FINISHED,
            score__isnull=False,
        )
        .values("trainee_id", "scenario_id")
        .annotate(best=Max("score"))
    )
    return {(row["trainee_id"], row["scenario_id"]): row["best"] for row in rows}


def simulation_passes(programme, officer_ids) -> set[int]:
    """The officers (of ``officer_ids``) who reached the minimum score on every scenario
    assigned to ``programme`` in a set that counts toward completion, in a finished
    session (the best one counts; abandoned sessions do not). With no such set, every
    officer passes (nothing is required). Two queries."""
    officer_ids = set(officer_ids)
    required = programme_requirements(programme, counting_only=True)
    if not required or not officer_ids:
        return officer_ids
    bests = _bests(officer_ids, required)
    return {
        officer
        for officer in officer_ids
        if all(
            (best := bests.get((officer, scenario))) is not None and best >= minimum
            for scenario, minimum in required.items()
        )
    }


@dataclass
class LeaderRow:
    officer: object
    bests: list  # [(scenario, best or None, met minimum)]
    total: Decimal
    passed: bool
    rank: int = 0


@dataclass
class Leaderboard:
    programme: object
    scenarios: list
    requirements: dict
    rows: list[LeaderRow]

    def row_of(self, user) -> LeaderRow | None:
        return next((row for row in self.rows if row.officer.pk == user.pk), None)


def leaderboard(programme) -> Leaderboard:
    """The batch's best score per officer per assigned scenario, their total and rank
    (competition ranking: equal totals share a rank). Officers are those confirmed in or
    who attended the programme. Four queries whatever the batch size."""
    requirements = programme_requirements(programme)
    scenarios = list(
        scenarios_for_trainees().filter(pk__in=list(requirements)).order_by("title")
        if requirements
        else []
    )
    officer_ids = programme_officer_ids(programme)
    officers = list(
        User.objects.filter(pk__in=officer_ids)
        .select_related("department")
        .order_by("first_name", "last_name", "username")
    )
    bests = _bests(officer_ids, requirements) if requirements and officer_ids else {}
    rows = []
    for officer in officers:
        cells, total = [], Decimal(0)
        for scenario in scenarios:
            best = bests.get((officer.pk, scenario.pk))
            total += best or 0
            cells.append((scenario, best, best is not None and best >= requirements[scenario.pk]))
        rows.append(
            LeaderRow(
                officer=officer,
                bests=cells,
                total=total,
                passed=bool(cells) and all(met for _s, _b, met in cells),
            )
        )
    rows.sort(key=lambda row: -row.total)
    for index, row in enumerate(rows):
        if index and row.total == rows[index - 1].total:
            row.rank = rows[index - 1].rank
        else:
            row.rank = index + 1
    return Leaderboard(programme, scenarios, requirements, rows)


@dataclass
class ScenarioStats:
    scenario: object
    attempts: int
    trainees: int
    mean: float | None
    pass_mark: int
    passes: int
    hard_fails: int
    common: list  # [(code, sessions, rule text)]

    @property
    def pass_rate(self) -> float | None:
        return 100 * self.passes / self.attempts if self.attempts else None


def scenario_stats(*, programme=None, top=3) -> list[ScenarioStats]:
    """Per scenario: finished attempts, trainees, mean score, pass rate (the assignment's
    minimum for a programme, else ``scoring.PASS_MARK``), hard fails and the most common
    deductions. Limited to the programme's scenarios and officers when given. Four
    queries whatever the number of sessions."""
    scenarios = scenarios_for_trainees()
    sessions = PracticeSession.objects.filter(status=SessionStatus.FINISHED, score__isnull=False)
    marks: dict[int, int] = {}
    if programme is not None:
        marks = programme_requirements(programme)
        scenarios = scenarios.filter(pk__in=list(marks))
        sessions = sessions.filter(
            scenario_id__in=list(marks), trainee_id__in=programme_officer_ids(programme)
        )
    scenarios = list(scenarios)
    thresholds = sorted({marks.get(s.pk, PASS_MARK) for s in scenarios}) or [PASS_MARK]
    counts = {
        row["scenario_id"]: row
        for row in sessions.values("scenario_id").annotate(
            attempts=Count("pk"),
            trainees=Count("trainee_id", distinct=True),
            mean=Avg("score"),
            hard=Count("pk", filter=Q(hard_fail=True)),
            **{f"pass_{mark}": Count("pk", filter=Q(score__gte=mark)) for mark in thresholds},
        )
    }
    common: dict[int, list] = {}
    for row in (
        ScoreDeduction.objects.filter(session__in=sessions)
        .values("session__scenario_id", "code")
        .annotate(n=Count("session_id", distinct=True))
        .order_by("session__scenario_id", "-n", "code")
    ):
        common.setdefault(row["session__scenario_id"], []).append((row["code"], row["n"]))
    codes = {code for rows in common.values() for code, _n in rows[:top]}
    hindi = showing_hindi()
    # A rulebook rule has no Hindi title; its Hindi refusal message says the rule in Hindi.
    titles = {
        code: (message_hi if hindi and message_hi else title)
        for code, title, message_hi in Rule.objects.filter(code__in=codes).values_list(
            "code", "title", "message_hi"
        )
    }

    def text(code):
        if code in titles:
            return titles[code]
        if code in SCORING_RULES:
            return str(SCORING_RULES[code][0])
        if code in EngineRule.values:
            return str(EngineRule(code).label)
        return code

    stats = []
    for scenario in scenarios:
        row = counts.get(scenario.pk, {})
        mark = marks.get(scenario.pk, PASS_MARK)
        stats.append(
            ScenarioStats(
                scenario=scenario,
                attempts=row.get("attempts", 0),
                trainees=row.get("trainees", 0),
                mean=float(row["mean"]) if row.get("mean") is not None else None,
                pass_mark=mark,
                passes=row.get(f"pass_{mark}", 0),
                hard_fails=row.get("hard", 0),
                common=[(code, n, text(code)) for code, n in common.get(scenario.pk, [])[:top]],
            )
        )
    return stats
