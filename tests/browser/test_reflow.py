"""Phones: WCAG 1.4.10 reflow at 320 CSS px, in English and in Hindi, in Chromium.

- Every page of test_accessibility.PAGES, and the pages that used to widen at 320 px (the
  reports' charts, the attendance sheet, the simulator's list and desk), scroll only
  vertically: ``document.documentElement.scrollWidth <= window.innerWidth``. Tables scroll
  inside their own box, which the keyboard reaches (role="region", tabindex="0", a name).
- In Hindi, axe (WCAG 2.1 A and AA) finds no violation on them either.
- The site header stays compact on a phone: at most a fifth of a 320 x 640 screen.

One test per role and language visits all of that role's pages (a world is built once per
test), and lists every page that fails before failing."""

import pytest
from django.core.management import call_command

from lms.core.roles import Role
from tests.browser import snapshot
from tests.browser.a11y import build_world, format_violations, log_in, run_axe
from tests.browser.test_accessibility import PAGES
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 320, 640
LANGUAGES = ["en", "hi"]

EXTRA_PAGES = [
    ("trainee", "simulator", lambda w: "/simulator/", 200),
    ("trainee", "simulator desk", lambda w: f"/simulator/sessions/{w.sim_session.pk}/", 200),
    ("cell_admin", "reports", lambda w: "/reports/", 200),
    (
        "cell_admin",
        "attendance sheet",
        lambda w: (
            f"/cell/programmes/{w.open_programme.pk}/sessions/"
            f"{w.open_programme.sessions.first().pk}/attendance/"
        ),
        200,
    ),
    ("cell_admin", "programme desk", lambda w: f"/cell/programmes/{w.open_programme.pk}/", 200),
]
ALL_PAGES = PAGES + EXTRA_PAGES
ROLES = sorted({role for role, *_rest in ALL_PAGES})

# What sticks out on the right of the viewport, for the failure message.
_WIDER = """() => {
  const limit = window.innerWidth;
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > limit + 0.5) {
      let inside = false;  // inside a box that scrolls by itself: not the page's problem
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (["auto", "scroll", "hidden"].includes(style.overflowX) && p.getBoundingClientRect().right <= limit + 0.5) { inside = true; break; }
      }
      if (!inside) out.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "") + " right=" + Math.round(box.right));
    }
  }
  return out.slice(0, 8);
}"""

# Every table box that scrolls sideways must be reachable and named.
_SCROLLERS = """() => [...document.querySelectorAll(".table-wrap")]
  .filter((el) => el.scrollWidth > el.clientWidth + 1)
  .filter((el) => !(el.getAttribute("role") === "region" && el.getAttribute("tabindex") === "0"
                   && (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby"))))
  .map((el) => el.outerHTML.slice(0, 120))"""


@pytest.fixture
def world(transactional_db):
    return snapshot.once("reflow-world", _reflow_world)


def _reflow_world():
    from simulator import services as simulator
    from simulator.models import Scenario
    from simulator.seed import seed_simulator

    world = build_world()
    world.cell_admin = make_user(
        Role.CELL_ADMIN, department=None, username="cell", first_name="Kiran", last_name="Bala"
    )
    call_command("import_historical_figures", verbosity=0)  # the reports' charts have rows
    seed_simulator()
    scenario = Scenario.objects.filter(code="cmw-income-certificate-not-applied").first()
    world.sim_session = simulator.start_session(
        trainee=world.trainee, scenario=scenario or Scenario.objects.first()
    )
    return world


@pytest.fixture
def phone(contexts):
    """A 320 x 640 context, bypass_csp=True only so that axe can be added (see
    test_accessibility.axe_context)."""
    return lambda language: contexts(language, WIDTH, HEIGHT, bypass_csp=True, is_mobile=False)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_pages_reflow_at_320_px(role, language, world, live_server, phone):
    context = phone(language)
    if role != "anonymous":
        log_in(context, live_server, getattr(world, role))
    page = context.new_page()
    problems = []
    for page_role, name, path, status in ALL_PAGES:
        if page_role != role:
            continue
        url = path(world)
        response = page.goto(url)
        where = f"{role} {name} ({url}, {language})"
        if response.status != status:
            problems.append(f"{where}: status {response.status}, not {status}")
            continue
        assert page.evaluate("() => document.documentElement.lang") == language, where
        assert page.evaluate("() => window.innerWidth") == WIDTH
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll_width > WIDTH:
            problems.append(
                f"{where}: scrolls sideways ({scroll_width} px wide): {page.evaluate(_WIDER)}"
            )
        unreachable = page.evaluate(_SCROLLERS)
        if unreachable:
            problems.append(f"{where}: a scrolling table the keyboard cannot reach: {unreachable}")
        if language == "hi":
            violations = run_axe(page)
            if violations:
                problems.append(f"{where}: axe\n{format_violations(violations)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ["anonymous", "trainee", "hod", "cell_admin"])
def test_the_header_is_compact_on_a_phone(role, language, world, live_server, phone):
    context = phone(language)
    if role != "anonymous":
        log_in(context, live_server, getattr(world, role))
    page = context.new_page()
    page.goto("/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= HEIGHT / 5, f"{role} ({language}): header {header['height']} px"
    # everything in it is still there and usable: the menu, the language switch, sign in/out
    nav = page.get_by_role("navigation", name="मुख्य" if language == "hi" else "Main")
    assert nav.is_visible() and nav.locator("a").count() >= 2
    switch = page.locator(".lang-switch button")
    assert switch.is_visible()
    box = switch.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
