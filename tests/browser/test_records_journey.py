"""The cell keeps records true (issue: finalising, revocation, attendance). Officers who
never clicked "Confirm" attend; the cell marks them, finalises, sees them attended with
certificates; revokes one; bulk-issues again; the revoked one stays revoked."""

import re

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from lms.core.pdf import missing_fonts
from lms.core.roles import Role
from nominations import services
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.browser.conftest import sign_in
from tests.factories import make_user
from tests.factories.accounts import PASSWORD
from tests.nominations.factories import open_programme
from tests.nominations.fixtures_cell import move_to_past

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(bool(missing_fonts()), reason="fonts-noto-core is not installed"),
]


def test_unconfirmed_attendees_finalised_certified_and_a_revocation_kept(
    live_server, page, department
):
    programme = open_programme(title="Citizen's Charter batch", capacity=5, sessions=2)
    hod = make_user(Role.HOD, username="nodal", department=department)
    cell = make_user(Role.CELL_ADMIN, username="cell", department=None)
    people = {}
    for first, last in (("Ramesh", "Chand"), ("Neelam", "Rani"), ("Suresh", "Kumar")):
        officer = make_user(
            Role.TRAINEE, department=department, first_name=first, last_name=last, level="middle"
        )
        item = services.nominate(programme=programme, officer=officer, actor=hod)
        services.decide(nomination=item, decision=NominationState.APPROVED, actor=cell)
        people[first] = officer
    move_to_past(programme)

    sign_in(page, live_server, "cell", PASSWORD, path=f"/cell/programmes/{programme.pk}/")
    days = [session.date.strftime("%d/%m/%Y") for session in programme.sessions.order_by("date")]
    for day in days:
        page.goto(f"{live_server.url}/cell/programmes/{programme.pk}/")
        page.get_by_role("link", name=day).click()
        for name, mark in (
            ("Ramesh Chand", "present"),
            ("Neelam Rani", "present"),
            ("Suresh Kumar", "absent"),
        ):
            page.get_by_label(f"{name}: {mark}").check()
        page.get_by_role("button", name="Save attendance").click()
        expect(page.get_by_text("Attendance saved for 3 officers.")).to_be_visible()

    page.goto(f"{live_server.url}/cell/programmes/{programme.pk}/")
    page.get_by_role("link", name="Finalise attendance").click()
    ramesh = page.get_by_role("row", name=re.compile("Ramesh Chand"))
    expect(ramesh).to_contain_text("Attended (completed)")
    expect(ramesh).to_contain_text("attended without confirming online")
    expect(page.get_by_role("row", name=re.compile("Suresh Kumar"))).to_contain_text(
        "Did not complete"
    )
    page.get_by_role("button", name="Finalise and complete the programme").click()
    expect(
        page.get_by_text("Finalised: 2 completed, 1 did not complete, 0 withdrawn")
    ).to_be_visible()

    page.goto(f"{live_server.url}/certificates/programmes/{programme.pk}/")
    expect(page.get_by_role("row", name=re.compile("Ramesh Chand"))).to_contain_text("Valid")
    expect(page.get_by_role("row", name=re.compile("Neelam Rani"))).to_contain_text("Valid")
    expect(page.get_by_role("row", name=re.compile("Suresh Kumar"))).to_have_count(0)
    page.get_by_role("row", name=re.compile("Ramesh Chand")).get_by_role(
        "link", name="Revoke or re-issue"
    ).click()
    page.get_by_label("Reason").fill("Name misspelt on the certificate")
    page.get_by_role("button", name="Revoke", exact=True).click()
    page.get_by_role("button", name="Issue certificates to everyone who completed").click()
    row = page.get_by_role("row", name=re.compile("Ramesh Chand"))
    expect(row).to_contain_text("Revoked")
    expect(row).to_contain_text("skipped by the bulk issue")

    revoked = Certificate.objects.get(holder=people["Ramesh"])
    assert Certificate.objects.filter(holder=people["Ramesh"]).count() == 1
    page.goto(f"{live_server.url}/verify/{revoked.serial}/")
    expect(page.get_by_role("heading", name="✗ Revoked certificate")).to_be_visible()

    # the attendance sheet now shows who attended, read-only, with check-in closed
    page.goto(f"{live_server.url}/cell/programmes/{programme.pk}/")
    page.get_by_role("link", name=days[0]).click()
    expect(page.get_by_role("heading", name="Attendance (final)")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Neelam Rani"))).to_contain_text("Present")
    expect(page.get_by_role("button", name="Open self check-in")).to_have_count(0)
    states = dict(Nomination.objects.values_list("officer__first_name", "state"))
    assert states == {"Ramesh": "attended", "Neelam": "attended", "Suresh": "no_show"}
