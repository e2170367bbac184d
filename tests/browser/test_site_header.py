"""The site header keeps its menu and the language switch on one row on a 1280 px screen,
for the roles with the longest menus (the HOD and the cell administrator), in English and
in Hindi; on a 320 px phone nothing in it makes the page scroll sideways."""

import pytest

from lms.core.roles import Role
from tests.browser.a11y import log_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "hi"]
ROLES = {
    "hod": Role.HOD,
    "cell_admin": Role.CELL_ADMIN,
    "trainer": Role.TRAINER,
    "trainee": Role.TRAINEE,
}

# Where each item of the header is: the menu's entries and the language switch.
_BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, text: el.textContent.trim()}; };
  return {
    items: [...document.querySelectorAll(".site-header .nav > li")].map(box),
    language: box(document.querySelector(".site-header .lang-switch button")),
    brand: box(document.querySelector(".site-header .brand")),
    header: box(document.querySelector(".site-header")),
  };
}"""


def signed_in(contexts, live_server, role, language, width, height=800):
    user = make_user(ROLES[role], username=role, first_name="Kiran", last_name="Bala")
    if role in ("hod", "trainee"):
        user.level = "top"
        user.save(update_fields=["level"])
    context = contexts(language, width, height)
    log_in(context, live_server, user)
    page = context.new_page()
    page.goto("/")
    assert page.evaluate("() => document.documentElement.lang") == language
    return page


def rows(boxes) -> str:
    """The header's items as read for a failure message: text, top and bottom."""
    items = [*boxes["items"], boxes["language"]]
    return "; ".join(f"{i['text']} {i['top']:.0f}-{i['bottom']:.0f}" for i in items)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_the_header_is_one_row_at_1280_px(role, language, live_server, contexts):
    page = signed_in(contexts, live_server, role, language, 1280)
    boxes = page.evaluate(_BOXES)
    items, switch = boxes["items"], boxes["language"]
    assert len(items) >= 8, rows(boxes)
    # every entry of the menu on the same line ...
    assert {round(item["top"]) for item in items} == {round(items[0]["top"])}, rows(boxes)
    # ... and the language switch beside it, not below
    middle = (items[0]["top"] + items[0]["bottom"]) / 2
    assert switch["top"] <= middle <= switch["bottom"], rows(boxes)
    assert switch["left"] > items[-1]["right"], rows(boxes)
    # the brand too: one row, no taller than the brand itself and its padding
    brand = boxes["brand"]
    assert brand["top"] < middle < brand["bottom"], rows(boxes)
    assert boxes["header"]["bottom"] <= brand["bottom"] + 16, rows(boxes)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ["hod", "cell_admin"])
def test_the_language_switch_stays_on_the_first_row_on_a_narrower_screen(
    role, language, live_server, contexts
):
    """At 1024 px the menu may take two lines, inside its own column; the language switch
    stays at the top right, never on a line of its own."""
    page = signed_in(contexts, live_server, role, language, 1024)
    boxes = page.evaluate(_BOXES)
    items, switch = boxes["items"], boxes["language"]
    first_line = min(item["bottom"] for item in items)
    assert switch["top"] < first_line, rows(boxes)
    assert switch["left"] > max(item["right"] for item in items), rows(boxes)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1024


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ["hod", "cell_admin"])
def test_the_header_does_not_widen_a_phone(role, language, live_server, contexts):
    page = signed_in(contexts, live_server, role, language, 320, 640)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.evaluate("() => window.innerWidth") == 320
    switch = page.locator(".lang-switch button")
    assert switch.is_visible()
    box = switch.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
