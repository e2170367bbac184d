"""The sweep: the simulators' clocks and timers (Celery beat, ``tasks.sweep_simulations``,
every minute; also ``sessions.advance_clock`` for one session). ``sweep`` moves running
clocks (``_run_clocks``), applies every missed deadline (``_sweep_timers``; what a missed
deadline does is ``timers._advance``) and fires due scripted events (``scripted``).

It is idempotent (deadlines, breach flags and the levels reached are stored on the
grievance; rows are claimed with ``select_for_update(skip_locked=True)``; timer events
carry a unique ``dedupe_key``) and uses a fixed number of queries per batch however many
grievances are due (one select, at most one select of frozen rulebooks, one update, one
insert: on PostgreSQL raw SQL over one JSON array, ``_update_timers`` / ``_insert_events``
/ ``_from_json``; elsewhere ``bulk_update`` / ``bulk_create``), ``SWEEP_BATCH`` rows per
transaction, keyset-paged by primary key, up to ``MAX_SWEEP_BATCHES`` batches a run.
Scripted events cost a few queries each (they are ordinary actions and rare)."""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .book import Book
from .enums import FINAL_STATES, PRE_DISPOSAL, GrievanceState, SessionStatus
from .journal import SweepReport, _add
from .models import Grievance, GrievanceEvent, PracticeSession
from .scripted import _fire_scripts
from .timers import _advance

S = GrievanceState

SWEEP_BATCH = 1_000  # grievances per transaction of the sweep
MAX_SWEEP_BATCHES = 1_000  # per sweep run; the next beat takes any rest

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
