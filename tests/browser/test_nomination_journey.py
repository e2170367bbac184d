"""Issue 3's journey: HOD nominates two officers, the cell approves one and waitlists one,
the HOD withdraws the first, the second is promoted automatically and confirms."""

import re

import pytest
from playwright.sync_api import expect

from lms.core.roles import Role
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.browser.conftest import sign_in
from tests.factories import make_user
from tests.factories.accounts import PASSWORD
from tests.nominations.factories import open_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_nominate_decide_withdraw_promote_confirm(live_server, page, department):
    programme = open_programme(title="CM Window SOP batch", capacity=1)
    make_user(Role.HOD, username="nodal", department=department)
    make_user(Role.CELL_ADMIN, username="cell", department=None)
    make_user(
        Role.TRAINEE,
        username="ramesh",
        department=department,
        first_name="Ramesh",
        last_name="Chand",
        level="cutting_edge",
    )
    make_user(
        Role.TRAINEE,
        username="neelam",
        department=department,
        first_name="Neelam",
        last_name="Rani",
        level="cutting_edge",
    )

    # HOD nominates both
    sign_in(page, live_server, "nodal", PASSWORD)
    page.get_by_role("link", name="Nominate", exact=True).click()
    page.get_by_role("row", name=re.compile("CM Window SOP batch")).get_by_role(
        "link", name="Nominate"
    ).click()
    page.get_by_label("Ramesh Chand").check()
    page.get_by_label("Neelam Rani").check()
    page.get_by_role("button", name="Nominate selected officers").click()
    expect(page.get_by_text("2 officers nominated")).to_be_visible()

    # The cell approves Ramesh and waitlists Neelam (capacity 1)
    page.context.clear_cookies()
    sign_in(page, live_server, "cell", PASSWORD)
    page.goto(f"{live_server.url}/cell/programmes/{programme.pk}/")
    page.get_by_role("row", name=re.compile("Ramesh Chand")).get_by_role(
        "button", name="Approve"
    ).click()
    expect(page.get_by_text("Ramesh Chand: Approved.")).to_be_visible()
    page.get_by_role("row", name=re.compile("Neelam Rani")).get_by_role(
        "button", name="Waitlist"
    ).click()
    expect(page.get_by_role("heading", name="Waitlisted (1)")).to_be_visible()

    # The HOD withdraws Ramesh, confirming on the next page
    page.context.clear_cookies()
    sign_in(page, live_server, "nodal", PASSWORD)
    page.goto(f"{live_server.url}/nominations/department/")
    page.get_by_role("row", name=re.compile("Ramesh Chand")).get_by_role(
        "link", name="Withdraw"
    ).click()
    page.get_by_role("button", name="Yes, withdraw").click()
    expect(page.get_by_text("is withdrawn")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Neelam Rani"))).to_contain_text("Approved")

    # Neelam, promoted automatically, confirms
    page.context.clear_cookies()
    sign_in(page, live_server, "neelam", PASSWORD)
    page.get_by_role("link", name="My nominations").click()
    row = page.get_by_role("row", name=re.compile("CM Window SOP batch"))
    expect(row).to_contain_text("Approved")
    row.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Confirmed: see you at the programme.")).to_be_visible()

    states = dict(Nomination.objects.values_list("officer__username", "state"))
    assert states == {"ramesh": NominationState.WITHDRAWN, "neelam": NominationState.CONFIRMED}
