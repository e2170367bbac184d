"""Where one officer stands on one training rule, as a pure function of dates.

``state_for`` is the definition; ``compliance.selectors`` computes the same thing in the
database for a whole department or the state (``tests/compliance/test_agreement.py``
generates officers, roles, completions and dates and checks that they agree).

- The clock starts at the *anchor*: the day the officer took up the role (the earliest of
  the roles of the rule's kinds they hold today); for a rule on designation or level only,
  the rule's start. An officer already in the role when the rule started counts from the
  rule's start, unless the rule says it applies to existing role holders.
- The *deadline* is the anchor plus the days the rule gives, or, once trained, the expiry
  of the latest completion (completion plus the rule's years; 29 February plus a year is
  28 February), whichever is later. Training that never expires keeps an officer compliant.
- Compliant: trained, and the expiry is more than the window away. Due: within the window
  before the deadline. Overdue: the deadline has passed. Not yet due: untrained and the
  deadline is further off than the window (new in the role). Exempt: the cell said so.
- Before the rule is in force, an officer is compliant if trained and valid, else not yet
  due."""

import datetime
from dataclasses import dataclass

from .enums import ComplianceState

C = ComplianceState
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Terms:
    """The dates of a rule (``TrainingRule`` or anything with these attributes)."""

    due_within_days: int
    valid_years: int | None
    renewal_window_days: int
    starts_on: datetime.date
    applies_to_existing: bool = False

    @classmethod
    def of(cls, rule) -> "Terms":
        return cls(
            due_within_days=rule.due_within_days,
            valid_years=rule.valid_years,
            renewal_window_days=rule.renewal_window_days,
            starts_on=rule.starts_on,
            applies_to_existing=rule.applies_to_existing,
        )


@dataclass(frozen=True)
class Standing:
    state: str
    #: The day the latest completion expires (None: not trained, or never expires).
    expires: datetime.date | None
    #: The day training is due by (None when trained for good or exempt).
    deadline: datetime.date | None


def add_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` plus ``years`` calendar years; 29 February becomes 28 February in a year
    without one (as PostgreSQL's ``date + interval 'N years'`` does)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def anchor(terms: Terms, since: datetime.date | None) -> datetime.date:
    """The day the rule's clock starts for an officer who took up the role on ``since``
    (None for a rule that is not about roles)."""
    if since is None:
        return terms.starts_on
    if terms.applies_to_existing:
        return since
    return max(since, terms.starts_on)


def valid_after(terms: Terms, day: datetime.date) -> datetime.date:
    """The last completion date whose expiry is on or before ``day``: a completion later
    than it is still valid after ``day``. The database compares completion dates with it,
    so that no date arithmetic runs per row."""
    years = terms.valid_years
    candidate = add_years(day, -years)
    while add_years(candidate + ONE_DAY, years) <= day:
        candidate += ONE_DAY
    while add_years(candidate, years) > day:
        candidate -= ONE_DAY
    return candidate


def state_for(
    *,
    terms: Terms,
    today: datetime.date,
    since: datetime.date | None,
    latest: datetime.date | None,
    exempt: bool = False,
) -> Standing:
    """The standing of an officer who took up the role on ``since`` and last completed a
    counting course on ``latest`` (None: never), on ``today``."""
    window = datetime.timedelta(days=terms.renewal_window_days)
    initial = anchor(terms, since) + datetime.timedelta(days=terms.due_within_days)
    expires = None
    if latest is not None and terms.valid_years is not None:
        expires = add_years(latest, terms.valid_years)
    if exempt:
        return Standing(C.EXEMPT, expires, None)
    valid = latest is not None and (expires is None or today < expires)
    if today < terms.starts_on:
        state = C.COMPLIANT if valid else C.NOT_YET_DUE
        return Standing(state, expires, None if latest and not expires else initial)
    if latest is not None and expires is None:
        return Standing(C.COMPLIANT, None, None)
    deadline = initial if expires is None else max(expires, initial)
    if valid and today + window < expires:
        state = C.COMPLIANT
    elif today >= deadline:
        state = C.OVERDUE
    elif today >= deadline - window:
        state = C.DUE
    else:
        state = C.COMPLIANT if valid else C.NOT_YET_DUE
    return Standing(state, expires, deadline)
