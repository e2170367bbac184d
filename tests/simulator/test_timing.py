"""simulator.timing: day counting, deadlines and ladders, by table and by property."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import timing
from simulator.timing import CALENDAR, HOURS, WORKING, Limit

D = datetime.date.fromisoformat
IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))


def at(day: str, hh=10, mm=0) -> datetime.datetime:
    return datetime.datetime.combine(D(day), datetime.time(hh, mm), tzinfo=IST)


def eod(day: str) -> datetime.datetime:
    return datetime.datetime.combine(D(day), datetime.time(23, 59, 59), tzinfo=IST)


NATIONAL = {D("2026-01-26"), D("2026-08-15"), D("2026-10-02"), D("2027-01-26")}


@pytest.mark.parametrize(
    ("start", "n", "basis", "holidays", "expected"),
    [
        # calendar days: plain date arithmetic, across month, year and leap-day ends
        ("2026-03-02", 21, CALENDAR, (), "2026-03-23"),
        ("2026-01-31", 1, CALENDAR, (), "2026-02-01"),
        ("2025-12-31", 1, CALENDAR, (), "2026-01-01"),
        ("2028-02-28", 1, CALENDAR, (), "2028-02-29"),
        ("2026-03-07", 1, CALENDAR, (), "2026-03-08"),  # calendar days may end on a Sunday
        # working days: Sundays skipped (Saturday counts)
        ("2026-03-02", 1, WORKING, (), "2026-03-03"),
        ("2026-03-07", 1, WORKING, (), "2026-03-09"),  # Sat + 1 -> Mon
        ("2026-03-06", 2, WORKING, (), "2026-03-09"),  # Fri + 2 -> Sat, Mon
        ("2026-03-08", 1, WORKING, (), "2026-03-09"),  # from a Sunday
        ("2026-03-02", 5, WORKING, (), "2026-03-07"),  # Tue..Sat
        ("2026-03-02", 6, WORKING, (), "2026-03-09"),  # Sunday 8 skipped
        # ... and listed holidays
        ("2026-01-24", 1, WORKING, NATIONAL, "2026-01-27"),  # Sun 25, Republic Day Mon 26
        ("2026-01-24", 1, WORKING, (), "2026-01-26"),  # the same without the holiday
        ("2026-09-28", 10, WORKING, NATIONAL, "2026-10-10"),  # Gandhi Jayanti Fri 2 Oct
        # month end and year end
        ("2026-04-29", 3, WORKING, {D("2026-05-01")}, "2026-05-04"),
        ("2026-12-26", 2, WORKING, (), "2026-12-29"),
        ("2026-12-31", 3, WORKING, {D("2027-01-01")}, "2027-01-05"),
        # n = 0: the start itself
        ("2026-03-08", 0, WORKING, (), "2026-03-08"),
        ("2026-03-02", 0, CALENDAR, (), "2026-03-02"),
    ],
)
def test_add_days(start, n, basis, holidays, expected):
    assert timing.add_days(D(start), n, basis, holidays) == D(expected)


def test_aliases_and_errors():
    assert timing.add_days(D("2026-03-07"), 1, "working") == D("2026-03-09")
    assert timing.add_days(D("2026-03-07"), 1, "calendar") == D("2026-03-08")
    with pytest.raises(ValueError):
        timing.add_days(D("2026-03-02"), -1, WORKING)
    with pytest.raises(ValueError):
        timing.add_days(D("2026-03-02"), 1, "fortnights")
    with pytest.raises(ValueError):
        timing.add_days(D("2026-03-02"), 1, HOURS)
    with pytest.raises(ValueError):
        Limit(-1, CALENDAR)
    with pytest.raises(ValueError):
        timing.add_days(D("2026-03-02"), 1, WORKING, weekly_offs=range(7))


@pytest.mark.parametrize(
    ("start", "limit", "expected"),
    [
        # hours are exact: a dead animal reported at 18:00 is due by 02:00 (8 hours)
        (at("2026-03-02", 18), Limit(8, HOURS), at("2026-03-03", 2)),
        (at("2026-03-07", 10), Limit(24, HOURS), at("2026-03-08", 10)),  # Sunday too
        # days end at the end of the due day
        (at("2026-03-02", 10), Limit(21, CALENDAR), eod("2026-03-23")),  # CPGRAMS 21 days
        (at("2026-03-02", 23, 30), Limit(1, CALENDAR), eod("2026-03-03")),
        (at("2026-09-28"), Limit(10, WORKING), eod("2026-10-10")),  # trade licence
        (at("2026-03-02"), Limit(0, CALENDAR), eod("2026-03-02")),
    ],
)
def test_due_at(start, limit, expected):
    holidays = NATIONAL
    assert timing.due_at(start, limit, holidays) == expected
    assert timing.ack_deadline(start, limit, holidays) == expected
    assert timing.disposal_deadline(start, limit, holidays) == expected


CORPORATION = [
    ("Addl. Municipal Commissioner / EO", Limit(7)),
    ("Municipal Commissioner", Limit(7)),
    ("DMA", Limit(15)),
]
COUNCIL = [
    ("City Manager", Limit(7)),
    ("Section Head", Limit(7)),
    ("Executive Officer", Limit(7)),
    ("DMA", Limit(15)),
]
AAS = [
    ("First Grievance Redressal Authority", Limit(30, WORKING)),
    ("Second Grievance Redressal Authority", Limit(30, WORKING)),
    ("Haryana Right to Service Commission", None),
]


def test_bihar_corporation_ladder():
    # a charter time missed at the end of Wednesday 4 March 2026
    steps = timing.escalation_schedule(eod("2026-03-04"), CORPORATION)
    assert [(s.level, s.authority, s.starts_at, s.due_at) for s in steps] == [
        (1, "Addl. Municipal Commissioner / EO", eod("2026-03-04"), eod("2026-03-11")),
        (2, "Municipal Commissioner", eod("2026-03-11"), eod("2026-03-18")),
        (3, "DMA", eod("2026-03-18"), eod("2026-04-02")),
    ]


def test_bihar_council_ladder():
    steps = timing.escalation_schedule(eod("2026-03-04"), COUNCIL)
    assert [(s.authority, s.due_at) for s in steps] == [
        ("City Manager", eod("2026-03-11")),
        ("Section Head", eod("2026-03-18")),
        ("Executive Officer", eod("2026-03-25")),
        ("DMA", eod("2026-04-09")),
    ]


def test_level_reached_along_the_council_ladder():
    steps = timing.escalation_schedule(eod("2026-03-04"), COUNCIL)
    assert timing.level_reached(steps, eod("2026-03-04")) is None  # not yet missed
    assert timing.level_reached(steps, at("2026-03-05")).authority == "City Manager"
    assert timing.level_reached(steps, eod("2026-03-11")).authority == "City Manager"
    assert timing.level_reached(steps, at("2026-03-12")).authority == "Section Head"
    assert timing.level_reached(steps, at("2026-03-26")).authority == "DMA"
    assert timing.level_reached(steps, at("2026-12-31")).authority == "DMA"


def test_auto_appeal_system_timeline():
    """An RTS due date missed at the end of Wed 4 March 2026: the FGRA has 30 working
    days (to Wed 8 April), then the SGRA 30 more (to Wed 13 May), then the Commission."""
    steps = timing.aas_schedule(eod("2026-03-04"), AAS, NATIONAL)
    assert [(s.authority, s.starts_at, s.due_at) for s in steps] == [
        ("First Grievance Redressal Authority", eod("2026-03-04"), eod("2026-04-08")),
        ("Second Grievance Redressal Authority", eod("2026-04-08"), eod("2026-05-13")),
        ("Haryana Right to Service Commission", eod("2026-05-13"), None),
    ]


def test_aas_timeline_moves_with_holidays():
    extra = NATIONAL | {D("2026-03-30"), D("2026-04-03")}
    steps = timing.aas_schedule(eod("2026-03-04"), AAS, extra)
    assert steps[0].due_at == eod("2026-04-10")  # two holidays push Wed 8 to Fri 10


def test_a_level_without_a_limit_ends_the_ladder():
    steps = timing.ladder_schedule(at("2026-03-02"), [("A", None), ("B", Limit(7))])
    assert [(s.authority, s.due_at) for s in steps] == [("A", None)]


def test_working_days_between_counts_back():
    assert timing.working_days_between(D("2026-03-04"), D("2026-04-08"), NATIONAL) == 30
    assert timing.working_days_between(D("2026-03-04"), D("2026-03-04")) == 0
    assert timing.working_days_between(D("2026-01-24"), D("2026-01-27"), NATIONAL) == 1


def test_limit_from_a_snapshot_pair():
    assert Limit.of([10, "working_days"]) == Limit(10, WORKING)
    assert Limit.of(None) is None
    assert str(Limit(24, HOURS)) == "24 hours"
    assert Limit(3, WORKING).as_pair() == [3, WORKING]


# ---------------------------------------------------------------- properties
dates = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2030, 12, 31))
holiday_sets = st.frozensets(dates, max_size=40)


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=90), holidays=holiday_sets)
def test_a_working_day_deadline_is_a_working_day(start, n, holidays):
    due = timing.add_days(start, n, WORKING, holidays)
    assert due.weekday() != timing.SUNDAY
    assert due not in holidays
    assert due > start


@settings(max_examples=200, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=90), holidays=holiday_sets)
def test_working_day_deadlines_grow_strictly_with_n(start, n, holidays):
    assert timing.add_days(start, n, WORKING, holidays) < timing.add_days(
        start, n + 1, WORKING, holidays
    )


@settings(max_examples=200, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=90), holidays=holiday_sets)
def test_working_days_between_inverts_add_days(start, n, holidays):
    due = timing.add_days(start, n, WORKING, holidays)
    assert timing.working_days_between(start, due, holidays) == n
    # working days never come sooner than calendar days
    assert due >= timing.add_days(start, n, CALENDAR)


@settings(max_examples=200, deadline=None)
@given(
    start=dates,
    hour=st.integers(min_value=0, max_value=23),
    amount=st.integers(min_value=0, max_value=60),
    unit=st.sampled_from([HOURS, CALENDAR, WORKING]),
)
def test_due_at_is_never_before_the_start(start, hour, amount, unit):
    begins = datetime.datetime.combine(start, datetime.time(hour), tzinfo=IST)
    due = timing.due_at(begins, Limit(amount, unit))
    assert due >= begins
    if unit != HOURS:
        assert due.time() == timing.END_OF_DAY


@settings(max_examples=100, deadline=None)
@given(start=dates, levels=st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=5))
def test_ladder_levels_chain_end_to_start(start, levels):
    begins = datetime.datetime.combine(start, timing.END_OF_DAY, tzinfo=IST)
    steps = timing.ladder_schedule(begins, [(f"L{i}", Limit(n)) for i, n in enumerate(levels)])
    assert len(steps) == len(levels)
    for before, after in zip(steps, steps[1:], strict=False):
        assert after.starts_at == before.due_at
    assert steps[-1].due_at == begins + datetime.timedelta(days=sum(levels))
