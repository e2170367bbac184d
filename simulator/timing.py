"""Pure deadline arithmetic for the grievance simulator (no Django, no database).

Time limits come in three units (``Limit``): hours, calendar days and working days. Working
days skip the weekly offs (Sunday by default: "Working days exclude Sundays and
gazetted holidays") and the listed holidays.

Conventions, used by every deadline the simulator stores:

- ``add_days(start, n, basis)`` counts ``n`` days *after* ``start`` (the start day itself is
  not counted); with working days each counted day is a working day, so for ``n >= 1`` the
  result is always a working day and grows strictly with ``n``. ``n = 0`` gives ``start``.
- ``due_at(start, limit)`` for a day limit is the *end* of the due day (23:59:59 in the
  start's time zone): "within 21 days" is met by anything done on the 21st day. An hour
  limit is exact (garbage lifting "within 24 hours").
- Ladders (Bihar escalation matrix, the Auto Appeal System) chain levels: each level starts
  when the previous one's time ran out and has its own limit; the last level may have none.

Pass datetimes in the local time zone (the services do): the due *date* is the local date."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

HOURS = "hours"
CALENDAR = "calendar_days"
WORKING = "working_days"
UNITS = (HOURS, CALENDAR, WORKING)
_ALIASES = {"calendar": CALENDAR, "working": WORKING, "hour": HOURS}

SUNDAY = 6  # date.weekday()
DEFAULT_WEEKLY_OFFS = frozenset({SUNDAY})
END_OF_DAY = datetime.time(23, 59, 59)


def _basis(basis: str) -> str:
    basis = _ALIASES.get(basis, basis)
    if basis not in UNITS:
        raise ValueError(f"unknown time basis {basis!r}")
    return basis


@dataclass(frozen=True)
class Limit:
    """A time limit: ``amount`` hours, calendar days or working days."""

    amount: int
    unit: str = CALENDAR

    def __post_init__(self):
        object.__setattr__(self, "unit", _basis(self.unit))
        if self.amount < 0:
            raise ValueError("a time limit cannot be negative")

    @classmethod
    def of(cls, value) -> Limit | None:
        """From a ``[amount, unit]`` pair (as stored in a rulebook snapshot), or None."""
        if value is None or isinstance(value, Limit):
            return value
        amount, unit = value
        return cls(int(amount), unit)

    def as_pair(self) -> list:
        return [self.amount, self.unit]

    def __str__(self):
        label = {HOURS: "hours", CALENDAR: "days", WORKING: "working days"}[self.unit]
        return f"{self.amount} {label}"


def is_working_day(
    day: datetime.date,
    holidays: Collection[datetime.date] = (),
    weekly_offs: Collection[int] = DEFAULT_WEEKLY_OFFS,
) -> bool:
    return day.weekday() not in weekly_offs and day not in holidays


def add_days(
    start: datetime.date,
    n: int,
    basis: str = CALENDAR,
    holidays: Collection[datetime.date] = (),
    weekly_offs: Collection[int] = DEFAULT_WEEKLY_OFFS,
) -> datetime.date:
    """The date ``n`` calendar or working days after ``start``."""
    basis = _basis(basis)
    if basis == HOURS:
        raise ValueError("add_days counts days; use due_at for hour limits")
    if n < 0:
        raise ValueError("n must be zero or more")
    if isinstance(start, datetime.datetime):
        start = start.date()
    if basis == CALENDAR or n == 0:
        return start + datetime.timedelta(days=n)
    if len(set(weekly_offs)) >= 7:
        raise ValueError("a week needs at least one working day")
    holidays = frozenset(holidays)
    day, counted = start, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays, weekly_offs):
            counted += 1
    return day


def working_days_between(
    start: datetime.date,
    end: datetime.date,
    holidays: Collection[datetime.date] = (),
    weekly_offs: Collection[int] = DEFAULT_WEEKLY_OFFS,
) -> int:
    """Working days in (start, end]: the inverse of ``add_days(..., WORKING)``."""
    if end <= start:
        return 0
    holidays = frozenset(holidays)
    days = (end - start).days
    return sum(
        1
        for offset in range(1, days + 1)
        if is_working_day(start + datetime.timedelta(days=offset), holidays, weekly_offs)
    )


def due_at(
    start: datetime.datetime,
    limit: Limit,
    holidays: Collection[datetime.date] = (),
    weekly_offs: Collection[int] = DEFAULT_WEEKLY_OFFS,
) -> datetime.datetime:
    """When ``limit`` runs out for something received at ``start``."""
    limit = Limit.of(limit)
    if limit.unit == HOURS:
        return start + datetime.timedelta(hours=limit.amount)
    day = add_days(start.date(), limit.amount, limit.unit, holidays, weekly_offs)
    return datetime.datetime.combine(day, END_OF_DAY, tzinfo=start.tzinfo)


# ---------------------------------------------------------------- named deadlines
def ack_deadline(received_at, limit, holidays=(), weekly_offs=DEFAULT_WEEKLY_OFFS):
    """By when the grievance must be acknowledged."""
    return due_at(received_at, limit, holidays, weekly_offs)


def disposal_deadline(received_at, limit, holidays=(), weekly_offs=DEFAULT_WEEKLY_OFFS):
    """By when it must be disposed of (the service's charter time, or the rulebook's limit:
    CPGRAMS 21 days)."""
    return due_at(received_at, limit, holidays, weekly_offs)


@dataclass(frozen=True)
class Step:
    """One level of a ladder: who holds it, from when, and until when (None: no limit)."""

    level: int
    authority: str
    starts_at: datetime.datetime
    due_at: datetime.datetime | None


def ladder_schedule(
    start: datetime.datetime,
    levels: Sequence[tuple[str, Limit | None]],
    holidays: Collection[datetime.date] = (),
    weekly_offs: Collection[int] = DEFAULT_WEEKLY_OFFS,
) -> list[Step]:
    """Every level of a ladder entered at ``start``: level 1 starts at ``start``; each next
    level starts when the previous one's limit runs out. A level without a limit ends the
    ladder (nothing after it can be reached)."""
    steps: list[Step] = []
    at = start
    for number, (authority, limit) in enumerate(levels, start=1):
        due = None if limit is None else due_at(at, limit, holidays, weekly_offs)
        steps.append(Step(number, authority, at, due))
        if due is None:
            break
        at = due
    return steps


def escalation_schedule(breach_at, levels, holidays=(), weekly_offs=DEFAULT_WEEKLY_OFFS):
    """Bihar ULB escalation matrix: entered when the charter's response time is missed."""
    return ladder_schedule(breach_at, levels, holidays, weekly_offs)


def aas_schedule(breach_at, levels, holidays=(), weekly_offs=DEFAULT_WEEKLY_OFFS):
    """Haryana Auto Appeal System: a missed RTS due date files an appeal to the first
    appellate authority; undisposed in its time it moves to the second, then the Commission."""
    return ladder_schedule(breach_at, levels, holidays, weekly_offs)


def level_reached(steps: Iterable[Step], at: datetime.datetime) -> Step | None:
    """The level a ladder stands at, at time ``at`` (None before it starts). A deadline is
    missed only once it has passed (``due < at``), as in the sweep, so a level is reached
    strictly after it starts."""
    current = None
    for step in steps:
        if step.starts_at < at:
            current = step
    return current
