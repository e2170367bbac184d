"""Each state transition by date, in the database (``selectors.covered_officers``) and in
the pure definition (``rules.state_for``), which must say the same on every date."""

import datetime

import pytest

from compliance import rules, selectors, services
from compliance.enums import ComplianceState, RoleKind
from lms.core.roles import Role
from tests.factories import make_user
from tests.factories.compliance import (
    attended,
    certificate,
    completed_online,
    finished_programme,
    hold_role,
    make_rule,
)

pytestmark = pytest.mark.django_db
C = ComplianceState
D = datetime.date


def state_on(rule, officer, day):
    """The database's state for ``officer`` on ``day`` (None: the rule does not cover them),
    checked against ``rules.state_for`` on the same facts."""
    found = selectors.facts(rule, today=day, officer_ids=[officer.pk])
    if not found:
        return None
    (found,) = found
    pure = rules.state_for(
        terms=rules.Terms.of(rule),
        today=day,
        since=found.since,
        latest=found.latest,
        exempt=found.exempt,
    )
    assert pure.state == found.state, (day, pure, found.state)
    return found.state


@pytest.fixture
def officer(department):
    return make_user(Role.TRAINEE, department=department)


def test_new_in_role_untrained_goes_not_yet_due_then_due_then_overdue(course, officer):
    rule = make_rule(courses=[course], due_within_days=90, renewal_window_days=60)
    hold_role(officer, since=D(2024, 3, 1))
    # deadline 2024-05-30 (1 March + 90 days, a leap year); window from 2024-03-31
    assert state_on(rule, officer, D(2024, 2, 29)) is None  # not in the role yet
    assert state_on(rule, officer, D(2024, 3, 1)) == C.NOT_YET_DUE
    assert state_on(rule, officer, D(2024, 3, 30)) == C.NOT_YET_DUE
    assert state_on(rule, officer, D(2024, 3, 31)) == C.DUE
    assert state_on(rule, officer, D(2024, 5, 29)) == C.DUE
    assert state_on(rule, officer, D(2024, 5, 30)) == C.OVERDUE


def test_training_on_a_leap_day_expires_on_28_february(course, officer):
    rule = make_rule(courses=[course], valid_years=1, renewal_window_days=30)
    hold_role(officer, since=D(2023, 1, 1))
    attended(officer, finished_programme(course=course, ends_on=D(2024, 2, 29)))
    assert rules.add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert rules.add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert state_on(rule, officer, D(2024, 2, 28)) == C.OVERDUE  # trained the next day
    assert state_on(rule, officer, D(2024, 2, 29)) == C.COMPLIANT
    assert state_on(rule, officer, D(2025, 1, 28)) == C.COMPLIANT
    assert state_on(rule, officer, D(2025, 1, 29)) == C.DUE  # 30 days before 28 February
    assert state_on(rule, officer, D(2025, 2, 27)) == C.DUE
    assert state_on(rule, officer, D(2025, 2, 28)) == C.OVERDUE


def test_leap_day_role_start_and_four_year_validity(course, officer):
    rule = make_rule(courses=[course], valid_years=4, renewal_window_days=1, due_within_days=1)
    hold_role(officer, since=D(2024, 2, 28))
    completed_online(officer, course, on=D(2024, 2, 29))
    assert state_on(rule, officer, D(2028, 2, 27)) == C.COMPLIANT
    assert state_on(rule, officer, D(2028, 2, 28)) == C.DUE
    assert state_on(rule, officer, D(2028, 2, 29)) == C.OVERDUE


def test_renewal_completed_early_counts_from_the_new_completion(course, officer):
    rule = make_rule(courses=[course], valid_years=3, renewal_window_days=90)
    hold_role(officer, since=D(2020, 1, 1))
    attended(officer, finished_programme(course=course, ends_on=D(2021, 6, 1)))
    assert state_on(rule, officer, D(2024, 3, 3)) == C.DUE  # 90 days before 1 June 2024
    attended(officer, finished_programme(course=course, ends_on=D(2024, 4, 15)))
    assert state_on(rule, officer, D(2024, 4, 15)) == C.COMPLIANT
    assert state_on(rule, officer, D(2024, 6, 1)) == C.COMPLIANT  # the old expiry
    assert state_on(rule, officer, D(2027, 1, 14)) == C.COMPLIANT
    assert state_on(rule, officer, D(2027, 1, 15)) == C.DUE
    assert state_on(rule, officer, D(2027, 4, 15)) == C.OVERDUE


def test_renewal_completed_late_makes_an_overdue_officer_compliant(course, officer):
    rule = make_rule(courses=[course], valid_years=3, renewal_window_days=90)
    hold_role(officer, since=D(2020, 1, 1))
    completed_online(officer, course, on=D(2021, 6, 1))
    assert state_on(rule, officer, D(2024, 6, 1)) == C.OVERDUE
    assert state_on(rule, officer, D(2024, 7, 31)) == C.OVERDUE
    attended(officer, finished_programme(course=course, ends_on=D(2024, 8, 1)))
    assert state_on(rule, officer, D(2024, 8, 1)) == C.COMPLIANT
    assert state_on(rule, officer, D(2027, 8, 1)) == C.OVERDUE


def test_a_revoked_certificate_takes_the_completion_away_and_a_reissue_gives_it_back(
    course, officer
):
    rule = make_rule(courses=[course], valid_years=None)
    hold_role(officer, since=D(2024, 1, 1))
    programme = finished_programme(course=course, ends_on=D(2024, 2, 1))
    attended(officer, programme)
    revoked = certificate(officer, course, programme=programme, revoked=True)
    assert state_on(rule, officer, D(2024, 6, 1)) == C.OVERDUE
    revoked.replaced_by = certificate(officer, course, programme=programme)
    revoked.save()
    assert state_on(rule, officer, D(2024, 6, 1)) == C.COMPLIANT


def test_a_revoked_online_certificate_does_not_count(course, officer):
    rule = make_rule(courses=[course], valid_years=None)
    hold_role(officer, since=D(2024, 1, 1))
    completed_online(officer, course, on=D(2024, 2, 1))
    assert state_on(rule, officer, D(2024, 6, 1)) == C.COMPLIANT
    certificate(officer, course, revoked=True)
    assert state_on(rule, officer, D(2024, 6, 1)) == C.OVERDUE


def test_only_attended_programmes_of_the_rules_courses_count(course, other_course, officer):
    rule = make_rule(courses=[course], valid_years=None)
    hold_role(officer, since=D(2024, 1, 1))
    attended(officer, finished_programme(course=other_course, ends_on=D(2024, 2, 1)))
    attended(officer, finished_programme(course=course, ends_on=D(2024, 2, 1)), state="no_show")
    assert state_on(rule, officer, D(2024, 6, 1)) == C.OVERDUE
    either = make_rule(courses=[course, other_course], valid_years=None)
    assert state_on(either, officer, D(2024, 6, 1)) == C.COMPLIANT


def test_an_ended_role_takes_the_officer_off_the_rule(course, officer):
    rule = make_rule(courses=[course])
    hold_role(officer, since=D(2024, 1, 1), until=D(2024, 5, 1))
    assert state_on(rule, officer, D(2024, 5, 1)) == C.OVERDUE
    assert state_on(rule, officer, D(2024, 5, 2)) is None
    hold_role(officer, kind=RoleKind.GRO, since=D(2024, 6, 1))  # another role: other rules
    assert state_on(rule, officer, D(2024, 6, 1)) is None


def test_a_new_rule_gives_officers_already_in_the_role_the_full_time(course, officer):
    hold_role(officer, since=D(2015, 1, 1))
    rule = make_rule(courses=[course], starts_on=D(2024, 1, 1), due_within_days=90)
    assert state_on(rule, officer, D(2023, 12, 31)) == C.NOT_YET_DUE  # not in force
    assert state_on(rule, officer, D(2024, 1, 1)) == C.NOT_YET_DUE
    assert state_on(rule, officer, D(2024, 1, 31)) == C.DUE  # 60-day window before 31 March
    assert state_on(rule, officer, D(2024, 3, 31)) == C.OVERDUE
    strict = make_rule(
        courses=[course], starts_on=D(2024, 1, 1), due_within_days=90, applies_to_existing=True
    )
    assert state_on(strict, officer, D(2024, 1, 1)) == C.OVERDUE


def test_training_that_never_expires_and_before_the_role(course, officer):
    rule = make_rule(courses=[course], valid_years=None)
    completed_online(officer, course, on=D(2010, 1, 1))
    hold_role(officer, since=D(2024, 1, 1))
    assert state_on(rule, officer, D(2040, 1, 1)) == C.COMPLIANT


def test_expired_training_before_a_new_role_gives_the_new_role_its_days(course, officer):
    rule = make_rule(courses=[course], valid_years=1, due_within_days=90, renewal_window_days=30)
    completed_online(officer, course, on=D(2020, 1, 1))
    hold_role(officer, since=D(2024, 1, 1))
    assert state_on(rule, officer, D(2024, 1, 1)) == C.NOT_YET_DUE
    assert state_on(rule, officer, D(2024, 3, 1)) == C.DUE
    assert state_on(rule, officer, D(2024, 3, 31)) == C.OVERDUE


def test_an_exempt_officer_is_exempt_whatever_the_dates(course, officer, cell_admin):
    rule = make_rule(courses=[course])
    hold_role(officer, since=D(2020, 1, 1))
    assert state_on(rule, officer, D(2024, 1, 1)) == C.OVERDUE
    services.exempt(officer=officer, rule=rule, reason="On deputation abroad", actor=cell_admin)
    assert state_on(rule, officer, D(2024, 1, 1)) == C.EXEMPT


def test_a_designation_and_level_rule_counts_from_its_start(course, department):
    rule = make_rule(
        courses=[course],
        role_kinds=[],
        designation="tehsildar",
        level="middle",
        starts_on=D(2024, 1, 1),
        due_within_days=30,
        renewal_window_days=10,
    )
    tehsildar = make_user(department=department, designation="Tehsildar", level="middle")
    clerk = make_user(department=department, designation="Clerk", level="middle")
    assert state_on(rule, tehsildar, D(2024, 1, 1)) == C.NOT_YET_DUE
    assert state_on(rule, tehsildar, D(2024, 1, 21)) == C.DUE
    assert state_on(rule, tehsildar, D(2024, 1, 31)) == C.OVERDUE
    assert state_on(rule, clerk, D(2024, 1, 31)) is None
    tehsildar.is_active = False
    tehsildar.save()
    assert state_on(rule, tehsildar, D(2024, 1, 31)) is None
