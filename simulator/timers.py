"""What a missed deadline does to a grievance, for the sweep (``sweep._sweep_batch``).
``_advance`` applies every deadline of a grievance that is past at the session's simulated
time, in order: a missed facilitation (a citizen who never applied not helped in time), a
missed acknowledgement, a missed disposal / service time (``_breach_disposal``: an
automatic appeal under an RTS rule, else the first escalation level), then the escalation
and appeal ladders climbed level by level (``_climb_escalation``, ``_climb_appeal``). It
changes the grievance in memory and returns the timer events as rows, each stamped with
the simulated moment its deadline ran out and a ``dedupe_key`` (``_key``)."""

from django.utils.translation import gettext as _

from .book import Book
from .enums import (
    FINAL_STATES,
    PRE_DISPOSAL,
    Action,
    GrievanceState,
    Outcome,
    RuleKind,
    SimRole,
    next_state,
)
from .journal import _jsonable
from .models import Grievance

A = Action
S = GrievanceState
R = SimRole


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
    _climb(
        g,
        sim_now,
        log,
        ladder=book.ladders.get(g.escalation_ladder),
        due="escalation_due_at",
        level_field="escalation_level",
        action=A.ESCALATE,
        step="escalate",
        rule=book.rule(RuleKind.ESCALATE_ON_BREACH),
        missed=(
            "escalation",
            _("The last level of the escalation matrix did not respond in time."),
        ),
        book=book,
    )


def _climb_appeal(g: Grievance, book: Book, sim_now, log) -> None:
    _climb(
        g,
        sim_now,
        log,
        ladder=book.appeal_ladder,
        due="appeal_due_at",
        level_field="appeal_level",
        action=A.ESCALATE_APPEAL,
        step="appeal",
        rule=book.rule(RuleKind.AUTO_APPEAL_ON_BREACH),
        missed=("appeal", _("The appeal was not decided in time.")),
        moved=lambda authority: (
            _("Not decided in time: the appeal moves to %(authority)s.") % {"authority": authority}
        ),
        book=book,
    )


def _climb(
    g, sim_now, log, *, ladder, due, level_field, action, step, rule, missed, book, moved=None
):
    """Climb a ladder (escalation matrix or appeal) one level per deadline that ran out
    before ``sim_now``: each level moves the grievance up and restarts the clock with that
    level's limit; past the last level the deadline is logged as missed and the clock
    stops. ``due`` and ``level_field`` name the grievance's clock and level for the ladder;
    ``missed`` is the deadline's name (``payload["deadline"]``, dedupe key
    ``<name>-missed``) and its message; ``step`` keys each move; ``moved`` words a move
    (default: the rule's message)."""
    deadline, missed_message = missed
    while getattr(g, due) is not None and getattr(g, due) < sim_now:
        at = getattr(g, due)
        current = getattr(g, level_field)
        level = ladder.level(current + 1) if ladder else None
        if level is None:
            setattr(g, due, None)
            log(
                A.DEADLINE_MISSED,
                at,
                message=missed_message,
                payload={"deadline": deadline, "level": current},
                key=_key(f"{deadline}-missed", current, at),
            )
            return
        setattr(g, level_field, level.number)
        setattr(g, due, book.due(at, level.limit))
        log(
            action,
            at,
            rule=rule,
            message=moved(level.authority) if moved else "",
            payload={
                "level": level.number,
                "authority": level.authority,
                "due_at": getattr(g, due),
            },
            key=_key(step, level.number, at),
        )
