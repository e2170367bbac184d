"""The holder downloads a certificate; anyone verifies it by its number."""

import pytest
from playwright.sync_api import expect

from certificates.services import issue
from lms.core.pdf import missing_fonts
from lms.core.roles import Role
from tests.browser.conftest import sign_in
from tests.factories import build_course, make_user
from tests.factories.accounts import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(bool(missing_fonts()), reason="fonts-noto-core is not installed"),
]


def test_holder_downloads_and_public_verifies(live_server, page, department):
    holder = make_user(
        Role.TRAINEE, username="pooja", department=department, first_name="Pooja", last_name="Devi"
    )
    certificate = issue(holder=holder, course=build_course(title="Right to Service"))

    sign_in(page, live_server, "pooja", PASSWORD)
    page.get_by_role("link", name="My certificates").click()
    expect(page.get_by_role("row", name=certificate.number)).to_contain_text("Right to Service")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.context.clear_cookies()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Verify a certificate").click()
    page.fill("#q", certificate.number)
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="✓ Valid certificate")).to_be_visible()
    expect(page.locator("dl")).to_contain_text("Pooja Devi")
