"""The programme admin's coordinator chooser, in Chromium: the cell administrator opens it,
searches the cell's staff by department and chooses a trainer, shown with username and
department; the programme is saved with that coordinator."""

import re

import pytest
from playwright.sync_api import expect

from lms.core.roles import Role
from tests.browser.conftest import sign_in
from tests.factories import DepartmentFactory, make_user
from tests.factories.accounts import PASSWORD
from tests.nominations.factories import open_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cell_admin_chooses_a_trainer_as_coordinator(live_server, page):
    health = DepartmentFactory(name="Health and Family Welfare", code="HLT")
    make_user(Role.CELL_ADMIN, username="kiran.cell", first_name="Kiran", last_name="Bala")
    trainer = make_user(
        Role.TRAINER, username="anil.trainer", first_name="Anil", last_name="Sharma",
        department=health,
    )  # fmt: skip
    make_user(Role.TRAINEE, username="anil.trainee", first_name="Anil", last_name="Kumar")
    programme = open_programme(title="Charter workshop")

    sign_in(page, live_server, "kiran.cell", PASSWORD, path="/admin/login/")
    page.goto(f"{live_server.url}/admin/programme/edit/{programme.pk}/")
    page.get_by_role("button", name="Choose a coordinator").click()
    modal = page.locator(".modal-content")
    expect(modal.get_by_role("heading", name="Choose a coordinator")).to_be_visible()
    expect(modal.get_by_role("link", name="Anil Sharma")).to_be_visible()
    expect(modal.get_by_text("Anil Kumar")).to_have_count(0)  # a trainee is not staff

    modal.get_by_label("Search").fill("Health")
    results = modal.locator("#search-results")
    expect(results.get_by_role("row", name=re.compile("Anil Sharma"))).to_contain_text(
        "Health and Family Welfare"
    )
    expect(results.get_by_text("Kiran Bala")).to_have_count(0)
    results.get_by_role("link", name="Anil Sharma").click()

    expect(
        page.get_by_text("Anil Sharma (anil.trainer) · Health and Family Welfare")
    ).to_be_visible()
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator(".messages")).to_contain_text("updated")
    programme.refresh_from_db()
    assert programme.coordinator_id == trainer.pk
