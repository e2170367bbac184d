"""Issue 7's journey: a trainee handles a CM Window RTS grievance end to end on the
simulator's desk (start, acknowledge, categorise, forward; as the designated officer take
it up, help the citizen who never applied, send an interim reply, advance the clock, submit
the ATR; as senior approve; as nodal officer dispose) and reads the debrief's score."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lms.core.roles import Role
from simulator.models import PracticeSession
from simulator.seed import seed_simulator
from tests.browser.conftest import sign_in
from tests.browser.simulator_desk import act
from tests.factories import make_user
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Income certificate 'not issued' (the citizen never applied)"


def play_as(page, role):
    page.get_by_role("radio", name=role).check()
    page.get_by_role("button", name="Switch role").click()
    expect(page.get_by_role("heading", name=f"Your actions as {role}")).to_be_visible()


def test_a_trainee_handles_an_rts_grievance_and_reads_the_debrief(live_server, page, department):
    seed_simulator()
    make_user(Role.TRAINEE, username="kavita", department=department, first_name="Kavita")
    sign_in(page, live_server, "kavita", PASSWORD)

    page.get_by_role("link", name="Practice").click()
    expect(page.get_by_role("heading", name="Grievance simulator")).to_be_visible()
    page.get_by_role("row", name=re.compile(re.escape(TITLE))).get_by_role(
        "button", name="Start"
    ).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    session = PracticeSession.objects.get()
    reg_no = session.grievances.get().reg_no
    today = timezone.localtime(session.sim_now).date()
    expect(page.locator("#citizen-text")).to_contain_text("income certificate")

    # The nodal officer (CM Window) acknowledges, categorises and forwards
    expect(page.get_by_role("heading", name="Your actions as Nodal officer / GRO")).to_be_visible()
    act(page, "acknowledge", "Acknowledge")
    act(
        page,
        "categorise",
        "Categorise",
        **{"Category:": "Revenue and Disaster Management › Income certificate not issued"},
    )
    expect(page.locator("#grievance-state")).to_have_text("Categorised")
    act(
        page,
        "forward",
        "Forward to an office",
        **{"Forward to:": "Tehsildar, Tehsil Sohna (designated officer, RTS)"},
    )
    expect(page.locator("#grievance-state")).to_have_text("Forwarded / assigned")

    # The designated officer: take up, call the citizen, help her apply, interim reply
    play_as(page, "Designated officer / field officer")
    act(page, "take_up", "Take up")
    act(
        page,
        "call_citizen",
        "Call the citizen",
        **{"Note of the call (optional):": "Smt. Kamlesh has not applied on SARAL yet."},
    )
    act(
        page,
        "facilitate_application",
        "Help the citizen apply",
        **{"Application ID:": "SARAL/2026/771204"},
    )
    expected = (today + datetime.timedelta(days=7)).isoformat()
    act(
        page,
        "interim_reply",
        "Interim reply",
        **{
            "Interim reply:": (
                f"Reg. No. {reg_no}: the certificate is pending because the application "
                "SARAL/2026/771204 was made only today with our help; it will be issued by "
                "the date given. Tehsildar, Sohna"
            ),
            "Expected disposal date:": expected,
        },
    )

    # A day passes on the simulated clock
    before = page.locator("#sim-now").inner_text()
    page.get_by_role("button", name="+1 day").click()
    expect(page.locator("#sim-now")).not_to_have_text(before)

    act(
        page,
        "submit_atr",
        "Submit ATR",
        **{
            "Action taken report:": (
                f"Income certificate issued on {today + datetime.timedelta(days=1):%d/%m/%Y} "
                "after verification. Tehsildar, Sohna"
            ),
            "Evidence (optional):": "certificate-771204.pdf",
        },
    )

    # The senior approves; the nodal officer disposes with the final reply
    play_as(page, "Senior officer / approver / escalation authority")
    act(page, "approve_atr", "Approve ATR")
    play_as(page, "Nodal officer / GRO")
    act(
        page,
        "dispose",
        "Dispose (final reply)",
        **{
            "Final reply to the citizen:": (
                f"Reg. No. {reg_no}: your income certificate was issued on "
                f"{today + datetime.timedelta(days=1):%d/%m/%Y} by the Tehsildar, Sohna. If "
                "not satisfied you may appeal to the First Grievance Redressal Authority within 30 days."
            )
        },
    )
    expect(page.locator("#grievance-state")).to_have_text("Disposed")
    expect(page.locator("#event-log")).to_contain_text("Interim reply")

    # Finish: the debrief shows the score, the decisions against the key and the timeline
    page.get_by_role("button", name="Finish and see the debrief").click()
    expect(page.get_by_role("heading", name=f"Debrief: {TITLE}")).to_be_visible()
    expect(page.locator("#score")).to_have_text(re.compile(r"^\d+(\.\d)? / 100$"))
    score = float(page.locator("#score").inner_text().split("/")[0])
    assert score >= 90, page.locator("#deductions").inner_text() if score < 90 else ""
    expect(page.locator("#decisions")).to_contain_text("Income certificate not issued")
    expect(page.locator("#timeline")).to_contain_text("Help the citizen apply")
    assert PracticeSession.objects.get().score is not None
