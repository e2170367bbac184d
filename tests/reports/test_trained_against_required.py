"""Trained against required in the FY summary and the department coverage: officers
covered by the mandatory training rules on the FY's last day and how many were compliant,
as separate figures beside the report's own (which stay as they were), in a fixed number
of queries whatever the number of officers."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compliance.enums import RoleKind
from compliance.models import Exemption
from lms.core.roles import Role
from nominations.enums import NominationState
from reports import selectors
from tests.factories import build_course, make_user
from tests.factories.compliance import hold_role, make_rule
from tests.reports.helpers import programme, record

pytestmark = pytest.mark.django_db
D = datetime.date
REQUIRED_KEYS = {
    "required_on",
    "required_officers",
    "required_compliant",
    "required_overdue",
    "required_compliant_percent",
}


def the_reports_own(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k not in REQUIRED_KEYS and k != "target"}


def add_rule(fixture):
    """A rule on the course of the programme that ended 1 April 2024 (P2), for RTS
    designated officers, in force from 1 January 2024, due within 90 days, valid 3 years.
    On 31 March 2025: A and B attended P2 (compliant); C holds the role since 2023 and
    never trained (overdue); D is exempt; E holds no role (not covered)."""
    p2 = fixture["p2"]
    rule = make_rule(courses=[p2.course], name="RTS", starts_on=D(2024, 1, 1), due_within_days=90)
    for name in ("a", "b", "c", "d"):
        hold_role(fixture[name], kind=RoleKind.RTS_DESIGNATED_OFFICER, since=D(2023, 6, 1))
    Exemption.objects.create(officer=fixture["d"], rule=rule, reason="On deputation")
    return rule


@pytest.fixture
def rule_and_roles(fixture):
    return add_rule(fixture)


def test_the_summary_adds_trained_against_required_and_keeps_its_own_figures(fixture):
    before = the_reports_own(selectors.fy_summary("2024-25"))
    assert selectors.fy_summary("2024-25")["required_officers"] == 0  # no rule yet
    add_rule(fixture)
    summary = selectors.fy_summary("2024-25")
    assert the_reports_own(summary) == before
    assert (summary["programmes"], summary["participants"], summary["officers"]) == (2, 3, 3)
    assert summary["required_on"] == D(2025, 3, 31)
    assert (
        summary["required_officers"],
        summary["required_compliant"],
        summary["required_overdue"],
        summary["required_compliant_percent"],
    ) == (3, 2, 1, 66.7)
    # 31 March 2024: the rule in force since January, its 90 days just over, nobody trained
    earlier = selectors.fy_summary("2023-24")
    assert (earlier["required_officers"], earlier["required_overdue"]) == (3, 3)
    # the year before the rule was in force: nobody required
    assert selectors.fy_summary("2022-23")["required_officers"] == 0


def test_the_coverage_by_department(rule_and_roles, department, other_department):
    coverage = {
        row["name"]: (row["nominated"], row["trained"], row["required"], row["compliant"])
        for row in selectors.department_coverage("2024-25")
    }
    assert coverage == {
        department.name: (3, 2, 3, 2),  # A, B compliant, C overdue
        other_department.name: (2, 1, 0, 0),  # D exempt, E no role
    }


def test_the_report_page_shows_the_new_lines(client, rule_and_roles):
    client.force_login(make_user(Role.CELL_ADMIN, department=None))
    page = client.get(reverse("reports:index"), {"fy": "2024-25"}).content.decode()
    assert (
        "<dt>Officers required to be trained by the training rules on 31/03/2025</dt><dd>3</dd>"
        in page
    )
    assert "<dt>Trained against required: compliant</dt><dd>2 (66.7%)</dd>" in page
    assert "<dt>Required and overdue</dt><dd>1</dd>" in page
    assert (
        '<td class="num">3</td><td class="num">2</td><td class="num">3</td>'
        '<td class="num">2</td></tr>' in page
    )
    rule_and_roles.is_active = False  # no rule in force: the lines are left out
    rule_and_roles.save()
    response = client.get(reverse("reports:index"), {"fy": "2024-25"})
    assert response.status_code == 200 and response.context["summary"]["programmes"] == 2
    page = response.content.decode()
    assert "Trained against required" not in page
    assert "Required by training rules" not in page


def officers_covered(count, department, course, tag):
    done = programme(D(2024, 10, 1), course=course)
    for i in range(count):
        officer = make_user(Role.TRAINEE, department=department, username=f"{tag}{i}")
        hold_role(officer, since=D(2024, 5, 1))
        if i % 2:
            record(done, officer, NominationState.ATTENDED)


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_one_officer_or_thirty_cost_the_same_queries(department, other_department):
    course = build_course(modules=1, lessons_per_module=1)
    make_rule(courses=[course], name="RTS", starts_on=D(2024, 1, 1))
    make_rule(courses=[course], name="Any officer", role_kinds=[], starts_on=D(2024, 1, 1))
    officers_covered(1, department, course, "one")
    one = queries(lambda: selectors.fy_summary("2024-25"))
    one_coverage = queries(lambda: selectors.department_coverage("2024-25"))
    officers_covered(30, other_department, course, "many")
    summary = selectors.fy_summary("2024-25")
    assert summary["required_officers"] == 31
    assert summary["required_compliant"] == 15  # every other one of the thirty trained
    assert queries(lambda: selectors.fy_summary("2024-25")) == one
    assert queries(lambda: selectors.department_coverage("2024-25")) == one_coverage
    assert one_coverage == 4  # coverage, the rules, their courses, the states
