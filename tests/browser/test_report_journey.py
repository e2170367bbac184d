"""The cell meets a year that has both imported figures and a programme recorded here:
the note says so and links to the programme, and the choice of what counts is made on the
page and shows in the TOTAL."""

import datetime

import pytest
from playwright.sync_api import expect

from lms.core.roles import Role
from reports import services
from tests.browser.a11y import format_violations, run_axe
from tests.browser.conftest import sign_in
from tests.factories import make_user
from tests.factories.accounts import PASSWORD
from tests.reports.helpers import SEED, finalised

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    """bypass_csp only so that Playwright can add axe-core to the page."""
    return {**browser_context_args, "bypass_csp": True}


def test_the_cell_sees_both_figures_and_chooses_what_counts(live_server, page, department):
    cell = make_user(Role.CELL_ADMIN, department=None, username="cell")
    department.code = "REV"
    department.save()
    make_user(Role.HOD, department=department, username="hod-REV", level="top")
    services.import_historical(
        rows=services.parse_year_table(SEED.read_text(encoding="utf-8")),
        actor=cell,
        source="HIPA brochure",
    )
    officers = [make_user(Role.TRAINEE, department=department) for _ in range(3)]
    programme = finalised(ends_on=datetime.date(2024, 3, 31), present=officers, cell=cell)

    sign_in(page, live_server, "cell", PASSWORD, path="/reports/")
    total = page.get_by_role("row", name="TOTAL")
    expect(total).to_contain_text("263")
    expect(total).to_contain_text("10,098")
    note = page.locator("#overlap-2023-24")
    expect(note).to_contain_text("1 programme recorded here also falls in this year.")
    expect(note.get_by_role("row", name="Imported")).to_contain_text("1,217")
    expect(note.get_by_role("row", name="Recorded here")).to_contain_text("3")
    violations = run_axe(page)
    assert violations == [], format_violations(violations)

    note.get_by_role("link", name="See the programmes of 2023-24").click()
    expect(page.locator("#programmes + .table-wrap")).to_contain_text(programme.title)

    page.go_back()
    group = page.get_by_role("group", name="What the table counts for 2023-24")
    group.get_by_label("Both added").check()
    page.get_by_role("button", name="Save the choice").click()
    expect(page.get_by_text("2023-24 now counts: Both added")).to_be_visible()
    total = page.get_by_role("row", name="TOTAL")
    expect(total).to_contain_text("264")
    expect(total).to_contain_text("10,101")
    expect(page.get_by_role("row", name="2023-24")).to_contain_text("imported + recorded here")
