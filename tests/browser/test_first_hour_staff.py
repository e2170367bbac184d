"""The first hour of the cell, the trainer and the course director (README: "A first hour,
role by role"), walked on the demo data in English and in Hindi, with axe at AA on every page
and, in Hindi, no English left in the main content other than names entered only in English.
Pages of the Wagtail admin (Wagtail's own interface) get axe and content checks only."""

import re

import pytest
from playwright.sync_api import expect

from assessments.enums import AssessmentKind
from assessments.models import Assessment
from certificates.models import Certificate
from courses.models import CoursePage, Programme
from nominations.enums import NominationState
from nominations.models import Nomination
from reports.models import HistoricalFigure
from tests.browser.test_first_hour import (  # noqa: F401 - fixtures
    HEALTH_BATCH,
    LANGUAGES,
    UPCOMING,
    WORKSHOP,
    browser_context_args,
    demo,
    start,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@LANGUAGES
def test_the_cells_first_hour(live_server, page, demo, language):  # noqa: F811
    health = Programme.objects.get(title=HEALTH_BATCH)
    workshop = Programme.objects.get(title=WORKSHOP)
    upcoming = Programme.objects.get(title=UPCOMING)
    w = start(page, live_server, "celladmin", language)

    # lands on the programme desk
    expect(page).to_have_url(re.compile(r"/cell/programmes/$"))
    for programme in (health, workshop, upcoming):
        expect(page.locator(f"main a[href='/cell/programmes/{programme.pk}/']")).to_have_text(
            programme.title
        )
    w.check()

    # 1. the Health batch: mark day 3 (everyone present, then one absentee), finalise
    page.locator(f"main a[href='/cell/programmes/{health.pk}/']").click()
    expect(page.locator("h1")).to_have_text(HEALTH_BATCH)
    w.check()
    day3 = health.sessions.order_by("date").last()
    page.locator(
        f"main a[href='/cell/programmes/{health.pk}/sessions/{day3.pk}/attendance/']"
    ).click()
    w.check()
    page.locator("main form:has(input[value=all-present]) button").click()
    expect(page.locator("main input[type=radio][value=present]:checked")).to_have_count(6)
    w.check()
    dahiya = Nomination.objects.get(programme=health, officer__last_name="Dahiya")
    page.locator(f"#a{dahiya.pk}").check()
    page.locator("main form:has(input[type=radio]) button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    w.check()
    w.go(f"/cell/programmes/{health.pk}/finalise/")
    preview = page.locator("main table")
    expect(preview.locator("tr", has_text="Vikas Dahiya")).to_contain_text("2 / 3")
    expect(preview.locator("tr", has_text="Neelam Rani")).to_contain_text("3 / 3")
    expect(preview.locator("tr", has_text="Anjali Saini")).to_contain_text(
        w.t("Did not complete", "पूरा नहीं किया")
    )
    w.check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert Nomination.objects.filter(programme=health, state=NominationState.ATTENDED).count() == 4
    w.check()

    # 2. the certificates: the batch's issued on finalising, the workshop's; ZIP; revoke
    w.go(f"/certificates/programmes/{health.pk}/")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(4)
    expect(
        page.locator(f"main a[href='/certificates/programmes/{health.pk}/zip/']")
    ).to_be_visible()
    w.check()
    w.go(f"/certificates/programmes/{workshop.pk}/")
    expect(page.locator("main table tbody tr")).to_have_count(4)
    zip_link = page.locator(f"main a[href='/certificates/programmes/{workshop.pk}/zip/']")
    response = page.request.get(live_server.url + zip_link.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"PK")
    w.check()
    certificate = Certificate.objects.get(programme=workshop, holder__last_name="Singh")
    page.locator("main tr", has_text=certificate.number).locator("a[href$='/revoke/']").click()
    w.check()
    page.fill("#reason", w.t("Name misspelt", "नाम की वर्तनी गलत"))
    page.locator("main button[name=action][value=revoke]").click()
    expect(page.locator("main tr", has_text=certificate.number)).to_contain_text(
        w.t("Revoked", "निरस्त")
    )
    w.check()

    # 3. the workshop's feedback and learning gain; the analytics; all feedback results
    w.go(f"/cell/programmes/{workshop.pk}/")
    page.locator(f"main a[href='/assessments/feedback/programmes/{workshop.pk}/results/']").click()
    main = page.locator("main")
    expect(main).to_contain_text("3 / 4")
    expect(main).to_contain_text("The hall was cold in the mornings")
    expect(main).to_contain_text("0.76")
    w.check()
    post = Assessment.objects.get(course=workshop.course, kind=AssessmentKind.POST_TEST)
    page.locator(f"main a[href='/assessments/{post.pk}/analytics/']").click()
    expect(page.locator("main table").first).to_be_visible()
    w.check()
    w.go("/assessments/feedback/")
    online = CoursePage.objects.get(title__startswith="Sevottam, capability building")
    expect(
        page.locator(f"main a[href='/assessments/feedback/programmes/{workshop.pk}/results/']")
    ).to_be_visible()
    expect(
        page.locator(f"main a[href='/assessments/feedback/courses/{online.pk}/results/']")
    ).to_be_visible()
    w.check()

    # 4. the upcoming programme: decide on the submitted nomination
    submitted = Nomination.objects.get(programme=upcoming, state=NominationState.SUBMITTED)
    w.go(f"/cell/programmes/{upcoming.pk}/")
    w.check()
    page.locator(
        f"main form[action='/cell/nominations/{submitted.pk}/decide/'] button[value=waitlisted]"
    ).click()
    expect(page.locator(".messages")).to_be_visible()
    submitted.refresh_from_db()
    assert submitted.state == NominationState.WAITLISTED
    w.check()

    # 5. Reports: 11 imported years and this year's programmes; the downloads
    page.locator("header a[href='/reports/']").click()
    table = page.locator("main table", has=page.locator("tr", has_text="2013-14")).first
    imported = HistoricalFigure.objects.order_by("financial_year")
    assert imported.count() == 11
    for figure in imported:
        row = table.locator("tr", has_text=figure.financial_year).first
        expect(row).to_contain_text(f"{figure.participants:,}")  # below a lakh: same grouping
    w.check()
    for link in page.locator("main a[href*='format=']").all()[:3]:
        response = page.request.get(live_server.url + "/reports/" + link.get_attribute("href"))
        assert response.status == 200, link.get_attribute("href")

    # 6. /admin/: departments, users, topics, pages, past years' figures (Wagtail's admin)
    for path, shown in [
        ("/admin/departments/", "Health and Family Welfare"),
        ("/admin/historical_figures/", "2013-14"),
    ]:
        w.go(path)
        expect(page.locator("main, #main").first).to_contain_text(shown)
        violations_free(page)


def violations_free(page):
    from tests.browser.a11y import format_violations, run_axe  # noqa: PLC0415

    violations = run_axe(page)
    assert violations == [], f"{page.url}\n{format_violations(violations)}"


@LANGUAGES
def test_the_trainers_first_hour(live_server, page, demo, language):  # noqa: F811
    workshop = Programme.objects.get(title=WORKSHOP)
    health = Programme.objects.get(title=HEALTH_BATCH)
    course = CoursePage.objects.get(slug="citizens-charter")
    w = start(page, live_server, "trainer", language)

    # 1. the analytics of the post-test and of the module quiz
    for kind in (AssessmentKind.POST_TEST, AssessmentKind.MODULE_QUIZ):
        assessment = Assessment.objects.get(course=course, kind=kind)
        w.go(f"/assessments/{assessment.pk}/analytics/")
        expect(page.locator("h1")).to_contain_text(assessment.title)
        expect(page.locator("main table").first).to_be_visible()
        w.check()

    # 2. Practice -> for trainers: both batches' leaderboards, sessions, statistics
    w.go("/simulator/review/")
    for programme in (workshop, health):
        expect(
            page.locator(f"main a[href='/simulator/programmes/{programme.pk}/leaderboard/']")
        ).to_be_visible()
    w.check()
    page.locator(f"main a[href='/simulator/programmes/{workshop.pk}/leaderboard/']").click()
    expect(page.locator("main table").first).to_contain_text(re.compile("Pooja Devi|पूजा देवी"))
    expect(page.locator("main")).not_to_contain_text("0000")
    w.check()
    w.go("/simulator/stats/")
    w.check()

    # 3. the admin: question banks and questions (Wagtail's admin: axe and content)
    if not w.hindi:
        w.go("/admin/question_banks/")
        expect(page.locator("main, #main").first).to_contain_text("Citizen")
        violations_free(page)


@LANGUAGES
def test_the_course_directors_first_hour(live_server, page, demo, language):  # noqa: F811
    workshop = Programme.objects.get(title=WORKSHOP)
    w = start(page, live_server, "director", language)
    w.go("/assessments/feedback/")
    expect(
        page.locator(f"main a[href='/assessments/feedback/programmes/{workshop.pk}/results/']")
    ).to_be_visible()
    w.check()
    page.locator(f"main a[href='/assessments/feedback/programmes/{workshop.pk}/results/']").click()
    expect(page.locator("main")).to_contain_text("0.76")
    w.check()
    w.go("/simulator/review/")
    w.check()
