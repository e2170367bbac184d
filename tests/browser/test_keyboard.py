"""Keyboard-only journeys (GIGW 3.0 / WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7), in Chromium under
the site's real Content-Security-Policy.

Only Tab, Shift+Tab, Enter, Space, arrow keys and typing: no clicks. Every control the
focus lands on must draw a visible focus indicator (:focus-visible with an outline of at
least 3:1 against its background, or a box shadow): see tests/browser/a11y.py."""

import re

import pytest
from playwright.sync_api import expect

from assessments.enums import AttemptStatus
from assessments.models import Attempt
from courses.models import LessonCompletion
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.browser import snapshot
from tests.browser.a11y import (
    assert_focus_visible,
    build_world,
    log_in,
    make_quiz,
    tab_to,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db):
    return snapshot.once("a11y-world", build_world)


@pytest.fixture
def keyboard_page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    yield context
    context.close()


def _page_for(context, live_server, user):
    log_in(context, live_server, user)
    return context.new_page()


def _is(tag, text=None, **attrs):
    def predicate(info):
        if info["tag"] != tag:
            return False
        if text is not None and not (
            text.search(info["text"]) if isinstance(text, re.Pattern) else info["text"] == text
        ):
            return False
        return all(
            (value.search(info[key]) if isinstance(value, re.Pattern) else info[key] == value)
            for key, value in attrs.items()
        )

    return predicate


def test_trainee_takes_a_lesson_with_the_keyboard(world, live_server, keyboard_page):
    lesson, following = world.lessons[1], world.lessons[2]
    page = _page_for(keyboard_page, live_server, world.trainee)
    page.goto(lesson.url)
    expect(page.locator("h1")).to_have_text(lesson.title)

    # The first Tab reaches the skip link, shown on screen; Enter moves the focus to main
    page.keyboard.press("Tab")
    skip = assert_focus_visible(page)
    assert skip["text"] == "Skip to main content" and skip["href"] == "#main", skip
    expect(page.get_by_role("link", name="Skip to main content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # From main, the next stops are in the lesson (the header is skipped)
    seen = []
    tab_to(page, _is("summary"), seen=seen)  # the knowledge check
    assert seen and all(item["landmark"] in {"main", "nav"} for item in seen), seen
    assert not any(item["text"] in {"Courses", "Calendar", "My learning"} for item in seen), seen
    page.keyboard.press("Enter")  # opens <details>
    expect(page.get_by_text("Answer: option 1")).to_be_visible()

    tab_to(page, _is("button", "Mark as complete and continue"))
    # Shift+Tab goes back, Tab comes forward again, with the ring each time
    page.keyboard.press("Shift+Tab")
    back = assert_focus_visible(page)
    assert back["text"] != "Mark as complete and continue", back
    page.keyboard.press("Tab")
    assert assert_focus_visible(page)["text"] == "Mark as complete and continue"
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text(following.title)
    assert LessonCompletion.objects.filter(user=world.trainee, lesson=lesson).exists()


def test_trainee_takes_a_quiz_with_the_keyboard(world, live_server, keyboard_page):
    quiz = make_quiz(world.course, title="Keyboard quiz", attempts=1)
    page = _page_for(keyboard_page, live_server, world.trainee)
    page.goto(f"/assessments/{quiz.pk}/")
    expect(page.get_by_role("heading", name="Keyboard quiz")).to_be_visible()

    # Through the header (the focus ring must show on the blue header too) to Start
    seen = []
    tab_to(page, _is("button", "Start"), seen=seen)
    assert any(item["text"] == "My learning" for item in seen), "the header was not crossed"
    page.keyboard.press("Enter")
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    expect(page.get_by_role("timer")).to_be_visible()

    # Page 1 (options are shuffled per attempt, so go by the labels).
    # Single choice: Tab into the group; arrow keys move and select
    tab_to(page, _is("input", type="radio"))
    for _ in range(3):
        if page.get_by_label("The appellate authority").is_checked():
            break
        page.keyboard.press("ArrowDown")
        assert_focus_visible(page)
    expect(page.get_by_label("The appellate authority")).to_be_checked()
    # Multiple choice: Tab through the boxes, Space ticks
    tab_to(page, _is("input", type="checkbox"))
    for index in range(3):
        if index:
            page.keyboard.press("Tab")
        info = assert_focus_visible(page)
        if info["label"] in {"Receipt", "Acknowledgement"}:
            page.keyboard.press("Space")
    expect(page.get_by_label("Receipt")).to_be_checked()
    expect(page.get_by_label("Acknowledgement")).to_be_checked()
    expect(page.get_by_label("Delay")).not_to_be_checked()
    # Matching: typing chooses in a select
    years = {"RTS Act": "2014", "CPGRAMS": "2007"}
    info = tab_to(page, _is("select"))
    for index in range(2):
        if index:
            page.keyboard.press("Tab")
            info = assert_focus_visible(page)
        page.keyboard.type(years[info["label"]])
    expect(page.get_by_label("RTS Act")).to_have_value("b")
    expect(page.get_by_label("CPGRAMS")).to_have_value("a")
    tab_to(page, _is("button", re.compile(r"^Save and next")))
    page.keyboard.press("Enter")

    # Page 2: ordering, true/false, short text
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    tab_to(page, _is("select"))
    for position, choice in enumerate(("Receive", "Acknowledge", "Redress"), start=1):
        if position > 1:
            page.keyboard.press("Tab")
            assert_focus_visible(page)
        page.keyboard.type(choice)
        expect(page.get_by_label(f"Position {position}")).to_have_value(
            {"Receive": "b", "Acknowledge": "a", "Redress": "c"}[choice]
        )
    tab_to(page, _is("input", type="radio", label="True"))
    page.keyboard.press("Space")
    expect(page.get_by_label("True")).to_be_checked()
    tab_to(page, _is("input", type=""))
    page.keyboard.type("CPGRAMS")

    # Back to page 1 and forward again: the answers are kept
    tab_to(page, _is("button", re.compile(r"Save and go back")))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    expect(page.get_by_label("The appellate authority")).to_be_checked()
    expect(page.get_by_label("RTS Act")).to_have_value("b")
    tab_to(page, _is("button", re.compile(r"^Save and next")))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.get_by_label("True")).to_be_checked()

    # Finish, confirm, submit
    tab_to(page, _is("button", "Save and finish…"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Submit your answers?")).to_be_visible()
    expect(page.get_by_text("All 6 questions are answered.")).to_be_visible()
    tab_to(page, _is("button", "Submit"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your answers are submitted.")).to_be_visible()
    expect(page.locator(".lead")).to_contain_text("6 / 6")
    attempt = Attempt.objects.get(assessment=quiz, user=world.trainee)
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score == 6


def test_hod_nominates_officers_with_the_keyboard(world, live_server, keyboard_page):
    programme = world.open_programme
    ramesh, neelam = world.officers
    page = _page_for(keyboard_page, live_server, world.hod)
    page.goto("/nominations/programmes/")
    expect(page.get_by_role("heading", name="Programmes open for nominations")).to_be_visible()

    tab_to(page, _is("a", "Nominate", href=f"/nominations/programmes/{programme.pk}/nominate/"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(f"Nominate to {programme.title}")

    # Tab through the officers, Space ticks the two wanted
    wanted = {f"o{ramesh.pk}", f"o{neelam.pk}"}
    ticked = []
    info = tab_to(page, _is("input", type="checkbox"))
    for _ in range(10):
        if info["id"] in wanted:
            page.keyboard.press("Space")
            ticked.append(info["id"])
        if len(ticked) == 2:
            break
        info = tab_to(page, _is("input", type="checkbox"))
    expect(page.get_by_label("Ramesh Chand")).to_be_checked()
    expect(page.get_by_label("Neelam Rani")).to_be_checked()
    # Shift+Tab goes back to the first one ticked (adjacent rows): still ticked
    page.keyboard.press("Shift+Tab")
    assert assert_focus_visible(page)["id"] == ticked[0]
    expect(page.locator(f"#{ticked[0]}")).to_be_checked()

    tab_to(page, _is("button", "Nominate selected officers"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("2 officers nominated")).to_be_visible()
    states = dict(
        Nomination.objects.filter(programme=programme).values_list("officer__username", "state")
    )
    assert states["ramesh"] == NominationState.SUBMITTED
    assert states["neelam"] == NominationState.SUBMITTED
