"""The desk in Chromium after a form error (issue 16): the browser stays on the desk's own
address, the error is by its field with the typed text kept, "Switch role" and the
language switcher work from there, and the desk fits a 1,280 px and a 320 px window
(nothing wider than the page, nothing spilling out of its card)."""

import pytest
from django.conf import settings

from simulator import services
from simulator.models import Scenario
from simulator.seed import seed_simulator
from tests.browser.a11y import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
RTS = "cmw-income-certificate-not-applied"
TYPED = "The Tehsildar's office issues income certificates."

# Elements sticking out of the page, or out of the card (form, section) that holds them.
SPILL = """() => {
  const out = [];
  const page = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll("main *")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > page + 0.5 && !el.closest(".table-wrap")) out.push("page: " + el.tagName);
  }
  for (const card of document.querySelectorAll(".sim-actions form, .sim-clock form, .sim-layout > section")) {
    const right = card.getBoundingClientRect().right;
    for (const el of card.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.width && box.right > right + 0.5) out.push((card.id || card.className) + ": " + el.tagName + "#" + el.id);
    }
  }
  return out.slice(0, 8);
}"""


@pytest.fixture
def seeded(db):
    seed_simulator()


@pytest.mark.parametrize("width", [1280, 320])
def test_the_desk_after_a_form_error(browser, live_server, seeded, trainee, width):
    scenario = Scenario.objects.get(code=RTS)
    session = services.start_session(trainee=trainee, scenario=scenario)
    context = browser.new_context(
        viewport={"width": width, "height": 800}, base_url=live_server.url
    )
    context.set_default_timeout(15_000)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    log_in(context, live_server, trainee)
    page = context.new_page()
    desk = f"/simulator/sessions/{session.pk}/"
    page.goto(desk)
    assert page.evaluate(SPILL) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width

    # A transfer with its reasons typed and no office chosen
    page.fill("#id_transfer-reason", TYPED)
    page.locator("#form-transfer button[type=submit]").click()
    page.wait_for_load_state()
    assert "/act/" not in page.url and desk in page.url and page.url.endswith("#form-transfer")
    assert page.locator("#id_transfer-office_error").is_visible()
    assert page.input_value("#id_transfer-reason") == TYPED
    assert page.evaluate(SPILL) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width

    # "Switch role" and back: both answer with the desk, the typed text still there
    page.check("input[name=role][value=senior]")
    with page.expect_navigation() as senior:
        page.locator(".sim-roles button[type=submit]").click()
    assert senior.value.status == 200
    page.check("input[name=role][value=nodal_officer]")
    with page.expect_navigation() as nodal:
        page.locator(".sim-roles button[type=submit]").click()
    assert nodal.value.status == 200
    assert page.input_value("#id_transfer-reason") == TYPED

    # The language switcher: the desk in Hindi, the typed text and the error still there
    with page.expect_navigation() as hindi:
        page.locator("form.lang-switch button").click()
    assert hindi.value.status == 200
    assert page.evaluate("() => document.documentElement.lang") == "hi"
    assert page.input_value("#id_transfer-reason") == TYPED
    assert page.locator("#id_transfer-office_error").is_visible()
    assert page.evaluate(SPILL) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    context.close()
