"""Calendar months for the monthly snapshots: a month is its first day; its figures are as
of its last day."""

import datetime

ONE_DAY = datetime.timedelta(days=1)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    """The first day of the month after ``day``'s."""
    return (month_start(day) + datetime.timedelta(days=32)).replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    """The last day of ``day``'s month."""
    return next_month(day) - ONE_DAY


def previous_month(day: datetime.date) -> datetime.date:
    """The first day of the month before ``day``'s."""
    return month_start(month_start(day) - ONE_DAY)


def months_before(day: datetime.date, count: int) -> list[datetime.date]:
    """The ``count`` months before ``day``'s month, oldest first."""
    found = [previous_month(day)]
    while len(found) < count:
        found.append(previous_month(found[-1]))
    return found[::-1] if count > 0 else []


def parse_month(text: str) -> datetime.date:
    """``YYYY-MM`` as the month's first day (ValueError otherwise)."""
    year, _sep, month = text.strip().partition("-")
    if not (len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit()):
        raise ValueError(text)
    return datetime.date(int(year), int(month), 1)
