"""Issue 13's journeys: the simulator judged by its rules, as a trainee meets them.

1. A complaint that accuses the Tehsil itself (``cmw-bribe-in-complaint``, the allegation is
   in the complaint text) played wrongly: the desk refuses to forward it to the accused
   Tehsil, naming the conflict; it is then transferred to an office neither senior to the Tehsil nor
   Vigilance, and the debrief is capped (at most 40) with a deduction that states the
   conflict-of-interest rule in plain words (no rule ids, no file names). Played again
   rightly (to the SDM, senior to the Tehsil: the key), the debrief scores at least 90 and
   has no conflict deduction.
2. The same wrong play's debrief read in Hindi (after the header's language switch): no
   English sentence of the rubric on the page, and every rule cell of the deductions is in
   Hindi (Devanagari, no four English words in a row; the public source names aside). The
   "What happened" lines are still English (a known gap) and are not checked."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from lms.core.roles import Role
from simulator.models import PracticeSession
from simulator.rubric import SCORING_RULES
from simulator.seed import seed_simulator
from tests.browser.conftest import sign_in
from tests.browser.simulator_desk import act
from tests.factories import make_user
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "A complaint that accuses the Tehsil itself"
CATEGORY = re.compile(r"mutation", re.IGNORECASE)
ACCUSED = "Tehsildar, Tehsil Sohna (designated officer, RTS)"
SENIOR = "Sub-Divisional Magistrate, Sohna (senior officer)"
NEITHER = "Executive Engineer (Electrical), MC Gurugram"
# What a trainee must never read in a debrief: internal rule ids and developers' files.
INTERNAL = re.compile(r"\bscore\.[a-z]|\b\w+\.(?:md|py|json|ya?ml)\b|\bseeds?/|DOMAIN|RESEARCH")
CONFLICT = re.compile(r"Vigilance|accused|complained against", re.IGNORECASE)
ENGLISH_SENTENCE = re.compile(r"[A-Za-z']+(?:[ ,]+[A-Za-z']+){3,}")  # four English words in a row
DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def start(page, live_server):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Practice").click()
    expect(page.get_by_role("heading", name="Grievance simulator")).to_be_visible()
    page.get_by_role("row", name=re.compile(re.escape(TITLE))).get_by_role(
        "button", name="Start"
    ).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator("#citizen-text")).to_contain_text("patwari")
    expect(page.get_by_role("heading", name="Your actions as Nodal officer / GRO")).to_be_visible()


def acknowledge_and_categorise(page):
    act(page, "acknowledge", "Acknowledge")
    form = page.locator("#form-categorise")
    select = form.get_by_label("Category:", exact=True)
    label = next(
        text.strip()
        for text in select.locator("option").all_inner_texts()
        if CATEGORY.search(text) and "›" in text
    )
    act(page, "categorise", "Categorise", **{"Category:": label})
    expect(page.locator("#grievance-state")).to_have_text("Categorised")


def send_to_neither(page):
    """The wrong destination: the engine lets a grievance be transferred to another
    organisation's office (neither senior to the Tehsil nor Vigilance); the rules score it."""
    act(
        page,
        "transfer",
        "Transfer to another organisation",
        **{
            "Transfer to:": NEITHER,
            "Reasons for the transfer:": "The municipal corporation may look into the complaint.",
        },
    )
    expect(page.locator("#event-log")).to_contain_text(NEITHER)


def finish(page) -> float:
    page.get_by_role("button", name="Finish and see the debrief").click()
    expect(page.get_by_role("heading", name=f"Debrief: {TITLE}")).to_be_visible()
    expect(page.locator("#score")).to_have_text(re.compile(r"^\d+(\.\d+)? / 100$"))
    return float(page.locator("#score").inner_text().split("/")[0])


def deduction_rows(page):
    return page.locator("#deductions tbody tr")


def test_a_conflict_of_interest_case_played_wrongly_then_rightly(live_server, page, department):
    seed_simulator()
    make_user(Role.TRAINEE, username="meena", department=department, first_name="Meena")
    sign_in(page, live_server, "meena", PASSWORD)

    # -- wrong: to the accused Tehsil (refused), then away to an office neither senior nor Vigilance
    start(page, live_server)
    acknowledge_and_categorise(page)
    act(page, "forward", "Forward to an office", done=False, **{"Forward to:": ACCUSED})
    refusal = page.locator(".messages")
    expect(refusal).to_contain_text("Refused under the rule")
    expect(refusal).to_contain_text("complained against")
    expect(refusal).to_contain_text("senior officer")
    expect(page.locator("#grievance-state")).to_have_text("Categorised")
    send_to_neither(page)

    wrong = finish(page)
    deductions = page.locator("#deductions")
    assert wrong <= 40, deductions.inner_text()
    hard_fails = page.locator("section", has=page.get_by_role("heading", name="Hard fails"))
    expect(hard_fails).to_contain_text("neither senior to the office accused nor Vigilance")
    # The deductions state the rule in plain words: after an allegation, a senior office or
    # Vigilance; and the refused forward to the accused office is marked a hard fail
    conflict = deduction_rows(page).filter(has_text=CONFLICT)
    expect(conflict.first).to_be_visible()
    expect(
        deduction_rows(page).filter(has_text="an office senior to the one accused, or Vigilance")
    ).to_have_count(1)
    expect(conflict.filter(has_text="hard fail")).not_to_have_count(0)
    page_text = page.locator("main").inner_text()
    assert not INTERNAL.search(page_text), INTERNAL.search(page_text).group(0)
    wrong_session = PracticeSession.objects.get()
    assert wrong_session.hard_fail and wrong_session.score <= 40

    # -- right: a new session of the same case, sent to the SDM (senior to the Tehsil)
    page.get_by_role("button", name="Try this scenario again").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_role("heading", name="Your actions as Nodal officer / GRO")).to_be_visible()
    acknowledge_and_categorise(page)
    act(page, "forward", "Forward to an office", **{"Forward to:": SENIOR})
    expect(page.locator("#grievance-state")).to_have_text("Forwarded / assigned")

    right = finish(page)
    assert right >= 90, page.locator("main").inner_text()
    expect(page.get_by_role("heading", name="Hard fails")).to_have_count(0)
    expect(page.locator("#deductions").filter(has_text=CONFLICT)).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("hard fail")
    assert PracticeSession.objects.exclude(pk=wrong_session.pk).get().score >= 90


def test_a_debrief_in_hindi_has_no_english_rule_text(live_server, page, department):
    seed_simulator()
    make_user(Role.TRAINEE, username="ravi", department=department, first_name="Ravi")
    sign_in(page, live_server, "ravi", PASSWORD)

    # A play with deductions from the rubric and from the rulebook: a forward to the
    # accused office (refused), then a transfer to an office with no say in it
    start(page, live_server)
    acknowledge_and_categorise(page)
    act(page, "forward", "Forward to an office", done=False, **{"Forward to:": ACCUSED})
    expect(page.locator(".messages")).to_contain_text("Refused under the rule")
    send_to_neither(page)
    finish(page)
    expect(deduction_rows(page).filter(has_text="hard fail")).not_to_have_count(0)
    debrief = page.url

    # The header's language switch
    page.get_by_role("button", name="हिन्दी").click()
    page.goto(debrief)
    expect(page.locator("html")).to_have_attribute("lang", "hi")
    expect(page.get_by_role("heading", name="कटौतियाँ")).to_be_visible()
    rows = deduction_rows(page)
    expect(rows.first).to_be_visible()

    # No English sentence of the rubric anywhere on the page
    with translation.override("en"):
        rubric = [str(text) for text, _source in SCORING_RULES.values()]
    page_text = page.locator("main").inner_text()
    leaked = [text for text in rubric if text in page_text]
    assert not leaked, leaked

    # Each deduction's rule (its source, a public document's name, left aside) is Hindi.
    # The "What happened" column is not checked: its lines are still English (a known gap).
    rules = rows.locator("td:nth-child(4)").evaluate_all(
        """cells => cells.map(cell => {
            const rule = cell.cloneNode(true);
            rule.querySelectorAll(".meta").forEach(meta => meta.remove());
            return rule.textContent.trim();
        })"""
    )
    assert len(rules) == rows.count() >= 3, rules
    for rule in rules:
        assert DEVANAGARI.search(rule), rule
        assert not ENGLISH_SENTENCE.search(rule), rule
        assert not INTERNAL.search(rule), rule
