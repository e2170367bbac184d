"""GIGW 3.0 / WCAG 2.1 AA on real rendered pages, in Chromium.

- axe-core (vendored, tests/browser/vendor/axe.min.js) at wcag2a, wcag2aa, wcag21a, wcag21aa
  finds no violation on each public, trainee and HOD page; each page also has its
  landmarks, one h1, and "Skip to main content" as the first thing Tab reaches.
- Form errors are tied to their fields (aria-invalid, aria-describedby).
- Progress bars are role="progressbar" with values and a name; the quiz timer is a
  role="timer" that stays quiet, with an assertive live region for the 5- and 1-minute
  warnings, and the trainee's extra-time accommodation lengthens it.
- Text at 200% at 1280 px: no horizontal scrolling, key controls still on screen.
- Low bandwidth: a lesson works without JavaScript and weighs under 200 KB.

The pages' data comes from the factories (tests/browser/a11y.py: build_world)."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Attempt
from courses.models import LessonCompletion
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.browser import snapshot
from tests.browser.a11y import build_world, format_violations, log_in, make_quiz, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 1280


@pytest.fixture
def world(transactional_db):
    return snapshot.once("a11y-world", build_world)


@pytest.fixture
def axe_context(browser, live_server):
    """A context for running axe. bypass_csp=True only so that Playwright can add the axe
    script: add_script_tag inserts it inline, and the site's Content-Security-Policy
    (script-src 'self', no inline script) would refuse it. The site's own scripts run the
    same either way; the other browser tests run under the real policy."""
    context = browser.new_context(
        bypass_csp=True, viewport={"width": WIDTH, "height": 900}, base_url=live_server.url
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


def _signed_in(context, live_server, world, role):
    if role != "anonymous":
        log_in(context, live_server, getattr(world, role))
    return context.new_page()


# (role, page name, path from the world, expected status)
PAGES = [
    ("anonymous", "home", lambda w: "/", 200),
    ("anonymous", "catalogue", lambda w: "/courses/", 200),
    ("anonymous", "catalogue filtered", lambda w: "/courses/?q=charter&level=middle", 200),
    ("anonymous", "course page", lambda w: w.course.url, 200),
    ("anonymous", "programmes calendar", lambda w: "/programmes/", 200),
    ("anonymous", "programme", lambda w: f"/programmes/{w.open_programme.pk}/", 200),
    ("anonymous", "verify form", lambda w: "/verify/", 200),
    ("anonymous", "verify result", lambda w: f"/verify/{w.certificate.serial}/", 200),
    ("anonymous", "verify unknown", lambda w: "/verify/?q=HIPA/SEV/1999-00/000001", 404),
    ("anonymous", "sign in", lambda w: "/accounts/login/", 200),
    ("anonymous", "not found", lambda w: "/no-such-page/", 404),
    ("trainee", "home", lambda w: "/", 200),
    ("trainee", "my learning", lambda w: "/learning/", 200),
    ("trainee", "course page", lambda w: w.course.url, 200),
    ("trainee", "lesson", lambda w: w.lessons[1].url, 200),
    ("trainee", "lesson done", lambda w: w.lessons[0].url, 200),
    ("trainee", "assessment", lambda w: f"/assessments/{w.quiz.pk}/", 200),
    ("trainee", "attempt page 1", lambda w: f"/assessments/attempts/{w.attempt.pk}/", 200),
    (
        "trainee",
        "attempt page 2",
        lambda w: f"/assessments/attempts/{w.attempt.pk}/?page=2",
        200,
    ),
    ("trainee", "submit", lambda w: f"/assessments/attempts/{w.attempt.pk}/submit/", 200),
    (
        "trainee",
        "review",
        lambda w: f"/assessments/attempts/{w.submitted_attempt.pk}/review/",
        200,
    ),
    ("trainee", "my nominations", lambda w: "/nominations/mine/", 200),
    ("trainee", "check in", lambda w: "/programmes/check-in/", 200),
    (
        "trainee",
        "feedback form",
        lambda w: f"/assessments/feedback/programmes/{w.past_programme.pk}/",
        200,
    ),
    ("trainee", "profile", lambda w: "/accounts/profile/", 200),
    ("trainee", "my certificates", lambda w: "/certificates/", 200),
    ("hod", "programmes to nominate", lambda w: "/nominations/programmes/", 200),
    (
        "hod",
        "nominate",
        lambda w: f"/nominations/programmes/{w.open_programme.pk}/nominate/",
        200,
    ),
    (
        "hod",
        "upload",
        lambda w: f"/nominations/programmes/{w.open_programme.pk}/upload/",
        200,
    ),
    ("hod", "department nominations", lambda w: "/nominations/department/", 200),
    ("hod", "officers", lambda w: "/department/officers/", 200),
    ("hod", "officer", lambda w: f"/department/officers/{w.officers[0].pk}/", 200),
    ("hod", "department report", lambda w: "/reports/department/", 200),
]


@pytest.mark.parametrize(
    ("role", "name", "path", "status"),
    PAGES,
    ids=[f"{role}:{name}".replace(" ", "-") for role, name, _p, _s in PAGES],
)
def test_page_passes_axe_wcag21_aa(role, name, path, status, world, live_server, axe_context):
    page = _signed_in(axe_context, live_server, world, role)
    url = path(world)
    response = page.goto(url)
    assert response.status == status, f"{url}: {response.status}"

    violations = run_axe(page)
    assert not violations, (
        f"{len(violations)} WCAG 2.1 AA violation(s) on {role} {name} ({url}):\n"
        + format_violations(violations)
    )

    # Landmarks and the page's one h1
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    expect(page.get_by_role("navigation", name="Main")).to_have_count(1)
    expect(page.locator("h1")).to_have_count(1)

    # "Skip to main content" is the first thing Tab reaches, shown when focused
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to main content")
    expect(skip).to_have_attribute("href", "#main")
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0, box


# ---------------------------------------------------------------------------- form errors
def test_form_errors_are_tied_to_their_fields(world, live_server, axe_context):
    page = _signed_in(axe_context, live_server, world, "trainee")
    page.goto("/accounts/profile/")
    page.get_by_label("First name").fill("")
    page.get_by_label("Email address").fill("not-an-address")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the following")
    violations = run_axe(page)
    assert not violations, format_violations(violations)
    for label in ("First name", "Email address"):
        field = page.get_by_label(label)
        expect(field).to_have_attribute("aria-invalid", "true")
        described = field.get_attribute("aria-describedby") or ""
        errors = [
            page.locator(f"[id='{ref}']").inner_text()
            for ref in described.split()
            if ref.endswith("_error")
        ]
        assert errors and all(text.strip() for text in errors), (label, described)
    # the summary links to the field
    page.get_by_role("alert").get_by_role("link", name=re.compile("Email address")).click()
    expect(page.get_by_label("Email address")).to_be_focused()

    # The reaction survey sent empty: each question's group points at its error
    page.goto(f"/assessments/feedback/programmes/{world.past_programme.pk}/")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("alert")).to_be_visible()
    violations = run_axe(page)
    assert not violations, format_violations(violations)
    groups = page.locator("fieldset.has-error")
    assert groups.count() >= 1
    for index in range(groups.count()):
        group = groups.nth(index)
        ref = group.get_attribute("aria-describedby")
        expect(page.locator(f"[id='{ref}']")).to_have_class(re.compile("field-error"))

    # A failed sign-in
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("meena")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    violations = run_axe(page)
    assert not violations, format_violations(violations)
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Password")).to_have_attribute("aria-describedby", "form-errors")


def test_nomination_refusals_are_tied_to_the_officers(world, live_server, axe_context):
    ramesh = world.officers[0]
    page = _signed_in(axe_context, live_server, world, "hod")
    page.goto(f"/nominations/programmes/{world.open_programme.pk}/nominate/")
    page.get_by_label("Ramesh Chand").check()
    # Meanwhile the officer is nominated from elsewhere: the service refuses the batch
    Nomination.objects.create(
        programme=world.open_programme, officer=ramesh, department=world.department,
        state=NominationState.SUBMITTED,
    )  # fmt: skip
    page.get_by_role("button", name="Nominate selected officers").click()
    expect(page.get_by_text("Nothing was nominated")).to_be_visible()
    violations = run_axe(page)
    assert not violations, format_violations(violations)
    kept = page.get_by_role("group", name="Your selection").get_by_label("Ramesh Chand")
    expect(kept).to_be_checked()
    expect(kept).to_have_attribute("aria-invalid", "true")
    refusal = page.locator(f"[id='{kept.get_attribute('aria-describedby')}']")
    expect(refusal).to_have_class(re.compile("field-error"))
    expect(refusal).not_to_be_empty()

    # Untick him, nominate the other: the department list with a success message
    kept.uncheck()
    page.get_by_label("Neelam Rani").check()
    page.get_by_role("button", name="Nominate selected officers").click()
    expect(page.get_by_role("status").get_by_text("1 officer nominated")).to_be_visible()
    violations = run_axe(page)
    assert not violations, format_violations(violations)


def test_upload_preview_passes_axe(world, live_server, axe_context):
    """The preview of a list with a good row and two bad ones."""
    ramesh, neelam = world.officers
    page = _signed_in(axe_context, live_server, world, "hod")
    page.goto(f"/nominations/programmes/{world.open_programme.pk}/upload/")
    csv = f"employee_code,note\n{ramesh.employee_code},desk\nNOSUCH1,\n{neelam.employee_code}\n"
    page.get_by_label(re.compile("file", re.I)).set_input_files(
        files=[{"name": "list.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Preview of list.csv")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("NOSUCH1")
    violations = run_axe(page)
    assert not violations, format_violations(violations)


def test_after_an_error_the_focus_moves_to_the_error_summary(world, live_server, axe_context):
    """A form sent back with errors: the summary (role="alert") has the focus, each error is
    tied to what it is about, and the summary's links take the focus there."""
    page = _signed_in(axe_context, live_server, world, "hod")
    page.goto(f"/nominations/programmes/{world.open_programme.pk}/nominate/")
    page.get_by_role("button", name="Nominate selected officers").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select at least one officer.")
    expect(summary).to_be_focused()
    group = page.get_by_role("group", name="Eligible officers of your department")
    expect(group).to_have_attribute("aria-describedby", "officers-error")
    expect(page.locator("#officers-error")).to_have_text("Select at least one officer.")
    violations = run_axe(page)
    assert not violations, format_violations(violations)
    summary.get_by_role("link", name="Select at least one officer.").click()
    expect(group.get_by_role("checkbox").first).to_be_focused()

    # The upload preview: each bad row in the summary, linked to the row, which points back
    ramesh, _neelam = world.officers
    page.goto(f"/nominations/programmes/{world.open_programme.pk}/upload/")
    csv = f"employee_code,note\n{ramesh.employee_code},desk\nNOSUCH1,\n"
    page.get_by_label(re.compile("file", re.I)).set_input_files(
        files=[{"name": "list.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    page.get_by_role("button", name="Check the file").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Row 3 (NOSUCH1)")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name=re.compile("Row 3")).click()
    row = page.locator("#row-3")
    expect(row).to_be_focused()
    expect(page.locator(f"[id='{row.get_attribute('aria-describedby')}']")).to_have_class(
        re.compile("field-error")
    )


# ------------------------------------------------------------------ progress and the timer
def test_every_progress_bar_has_values_and_a_name(world, live_server, axe_context):
    page = _signed_in(axe_context, live_server, world, "trainee")
    checked = 0
    for url in ("/learning/", world.course.url, world.lessons[1].url):
        page.goto(url)
        bars = page.get_by_role("progressbar")
        expect(bars.first).to_be_attached()
        for index in range(bars.count()):
            bar = bars.nth(index)
            now = int(bar.get_attribute("aria-valuenow"))
            assert bar.get_attribute("aria-valuemin") == "0"
            assert bar.get_attribute("aria-valuemax") == "100"
            assert 0 <= now <= 100
            name = bar.get_attribute("aria-label") or ""
            assert name.strip(), f"progress bar {index} on {url} has no name"
            expect(page.get_by_role("progressbar", name=name).nth(0)).to_be_attached()
            checked += 1
    # one of four lessons done: 25% on the course bar
    page.goto(world.course.url)
    expect(page.get_by_role("progressbar", name="Course progress")).to_have_attribute(
        "aria-valuenow", "25"
    )
    assert checked >= 5


def _leave(attempt, seconds_left):
    """Move the attempt's clock so that ``seconds_left`` remain."""
    from django.utils import timezone

    attempt.refresh_from_db()
    shift = attempt.deadline - timezone.now() - timezone.timedelta(seconds=seconds_left)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.started_at - shift, deadline=attempt.deadline - shift
    )


def test_quiz_timer_is_announced_and_honours_extra_time(world, live_server, axe_context):
    trainee = world.trainee
    trainee.extra_time_factor = 1.5
    trainee.save(update_fields=["extra_time_factor"])
    page = _signed_in(axe_context, live_server, world, "trainee")

    # The open attempt started before the accommodation: a new quiz shows 30 minutes
    quiz = make_quiz(world.course, title="Timed post-test", attempts=1)
    page.goto(f"/assessments/{quiz.pk}/")
    expect(page.get_by_text("30 minutes")).to_be_visible()
    page.get_by_role("button", name="Start").click()
    timer = page.get_by_role("timer")
    expect(timer).to_contain_text(re.compile(r"(30:00|29:5\d)"))
    # The countdown itself is not read out every second; the warnings are
    expect(timer).to_have_attribute("aria-live", "off")
    announcer = page.locator("#timer-announce")
    expect(announcer).to_have_attribute("aria-live", "assertive")
    expect(announcer).to_have_attribute("aria-atomic", "true")
    expect(announcer).to_have_text("")
    expect(page.locator("#save-status")).to_have_attribute("role", "status")

    attempt = Attempt.objects.get(assessment=quiz, user=trainee)
    _leave(attempt, 302)
    page.reload()
    expect(announcer).to_have_text("5 minutes left.", timeout=10_000)
    _leave(attempt, 62)
    page.reload()
    expect(announcer).to_have_text("1 minute left.", timeout=10_000)


# -------------------------------------------------------------------------- text at 200%
RESIZE_PAGES = [
    ("anonymous", "home", lambda w: "/", "link", "Browse courses"),
    ("anonymous", "catalogue", lambda w: "/courses/", "button", "Filter"),
    ("anonymous", "calendar", lambda w: "/programmes/", "button", "Filter"),
    ("trainee", "lesson", lambda w: w.lessons[1].url, "button", "Mark as complete and continue"),
    (
        "trainee",
        "attempt",
        lambda w: f"/assessments/attempts/{w.attempt.pk}/",
        "button",
        re.compile(r"^Save and next"),
    ),
    ("trainee", "my nominations", lambda w: "/nominations/mine/", "button", "Confirm"),
    ("trainee", "profile", lambda w: "/accounts/profile/", "button", "Save"),
    (
        "hod",
        "nominate",
        lambda w: f"/nominations/programmes/{w.open_programme.pk}/nominate/",
        "button",
        "Nominate selected officers",
    ),
    ("hod", "officers", lambda w: "/department/officers/", "button", "Filter"),
    ("hod", "programmes to nominate", lambda w: "/nominations/programmes/", "link", "Nominate"),
    ("hod", "department nominations", lambda w: "/nominations/department/", "button", "Filter"),
    ("hod", "department report", lambda w: "/reports/department/", "link", "See nominations"),
]


@pytest.mark.parametrize(
    ("role", "name", "path", "control_role", "control_name"),
    RESIZE_PAGES,
    ids=[f"{r}:{n}".replace(" ", "-") for r, n, *_rest in RESIZE_PAGES],
)
def test_text_at_200_percent_does_not_scroll_sideways(
    role, name, path, control_role, control_name, world, live_server, axe_context
):
    page = _signed_in(axe_context, live_server, world, role)
    page.goto(path(world))
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    body_size = page.evaluate("() => getComputedStyle(document.body).fontSize")
    assert body_size == "32px", body_size
    widths = page.evaluate(
        """() => {
          const main = document.querySelector("main");
          return {
            page: document.documentElement.scrollWidth,
            viewport: document.documentElement.clientWidth,
            main: main.scrollWidth,
            mainBox: main.clientWidth,
          };
        }"""
    )
    assert widths["page"] <= widths["viewport"], f"the page scrolls sideways: {widths}"
    assert widths["main"] <= widths["mainBox"], f"the main content scrolls sideways: {widths}"
    for locator in (
        page.locator("h1"),
        page.get_by_role("navigation", name="Main").get_by_role("link").first,
        page.get_by_role(
            control_role, name=control_name, exact=isinstance(control_name, str)
        ).first,
    ):
        expect(locator).to_be_visible()
        box = locator.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, (name, box)


# --------------------------------------------------------------------------- low bandwidth
def test_lesson_works_without_javascript(world, live_server, browser):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        log_in(context, live_server, world.trainee)
        page = context.new_page()
        page.goto(world.lessons[1].url)
        expect(page.locator("h1")).to_have_text(world.lessons[1].title)
        expect(page.get_by_role("table")).to_contain_text("Sets standards and norms")
        page.get_by_text("Show the answer").click()  # <details>: no script needed
        expect(page.get_by_text("Answer: option 1")).to_be_visible()
        page.get_by_role("button", name="Mark as complete and continue").click()
        expect(page.locator("h1")).to_have_text(world.lessons[2].title)
        assert LessonCompletion.objects.filter(user=world.trainee, lesson=world.lessons[1]).exists()
    finally:
        context.close()


WEIGHED = {"document", "stylesheet", "script", "font"}


def test_lesson_page_weighs_under_200_kb(world, live_server, browser):
    context = browser.new_context(base_url=live_server.url)  # a fresh context: empty cache
    try:
        log_in(context, live_server, world.trainee)
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(world.lessons[1].url, wait_until="load")
        expect(page.locator("h1")).to_have_text(world.lessons[1].title)
        rows = []
        for response in responses:
            kind = response.request.resource_type
            if kind not in WEIGHED:
                continue
            response.finished()
            sizes = response.request.sizes()
            transferred = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            if sizes["responseBodySize"] <= 0:  # not reported: count the decoded body
                transferred = len(response.body()) + sizes["responseHeadersSize"]
            rows.append((kind, response.url, transferred))
        total = sum(size for _kind, _url, size in rows)
        print(f"\nLesson page first load: {total / 1024:.1f} KB (document + CSS + JS + fonts)")
        for kind, url, size in rows:
            print(f"  {kind:10} {size / 1024:7.1f} KB  {url}")
        assert any(kind == "document" for kind, _u, _s in rows)
        assert total < 200 * 1024, f"{total / 1024:.1f} KB"
    finally:
        context.close()
