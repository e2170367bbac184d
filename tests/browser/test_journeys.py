"""Each role's main journey, clicked through in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import LessonPage
from lms.core.roles import Role
from tests.browser.conftest import sign_in
from tests.factories import build_course, make_user
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_trainee_enrols_completes_two_lessons_and_sees_progress(live_server, page):
    course = build_course(title="Citizen's Charter", modules=2, lessons_per_module=2)
    make_user(Role.TRAINEE, username="pooja", first_name="Pooja")
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Courses", exact=True).first.click()
    page.get_by_role("link", name="Citizen's Charter").click()
    page.get_by_role("link", name="Sign in to enrol").click()
    page.fill("#id_username", "pooja")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(course.url) + "$"))

    page.get_by_role("button", name="Enrol").click()
    expect(page.locator("h1")).to_have_text(lessons[0].title)
    page.get_by_role("button", name="Mark as complete and continue").click()
    expect(page.locator("h1")).to_have_text(lessons[1].title)
    page.get_by_role("button", name="Mark as complete and continue").click()
    expect(page.locator("h1")).to_have_text(lessons[2].title)

    page.get_by_role("link", name="My learning").click()
    expect(page.get_by_text("2 of 4 lessons done (50%)")).to_be_visible()
    expect(page.get_by_role("progressbar").first).to_have_attribute("aria-valuenow", "50")
    page.goto(live_server.url + course.url)
    expect(page.get_by_role("link", name="Continue where you left off")).to_be_visible()


def test_trainer_submits_and_course_director_publishes(live_server, page):
    course = build_course(title="Grievance Redress", modules=1, lessons_per_module=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    make_user(Role.TRAINER, username="author", department=None)
    make_user(Role.COURSE_DIRECTOR, username="reviewer", department=None)

    sign_in(page, live_server, "author", PASSWORD, path="/admin/login/")
    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    page.fill("#id_title", "Seven steps of grievance redress")
    footer = page.locator("footer")
    expect(footer.get_by_role("button", name=re.compile("Publish"))).to_have_count(0)
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name=re.compile("Submit to Course review")).click()
    expect(page.get_by_text(re.compile("in moderation", re.I)).first).to_be_visible()
    lesson.refresh_from_db()
    assert lesson.workflow_in_progress
    assert LessonPage.objects.get(pk=lesson.pk).title != "Seven steps of grievance redress"

    page.context.clear_cookies()
    sign_in(page, live_server, "reviewer", PASSWORD, path="/admin/login/")
    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    footer = page.locator("footer")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name=re.compile("^Approve")).first.click()
    dialog = page.get_by_role("dialog")
    if dialog.count() and dialog.first.is_visible():
        dialog.get_by_role("button", name=re.compile("Approve")).first.click()
    listing = page.locator("table.listing, table").first
    expect(listing).to_contain_text("Seven steps of grievance redress")
    expect(listing).to_contain_text(re.compile("live", re.I))

    live = LessonPage.objects.get(pk=lesson.pk)
    assert live.live and live.title == "Seven steps of grievance redress"
    page.goto(live_server.url + live.url)
    expect(page.locator("h1")).to_have_text("Seven steps of grievance redress")


def test_hod_sees_only_their_department(live_server, page, department, other_department):
    make_user(Role.HOD, username="nodal", department=department)
    make_user(Role.TRAINEE, department=department, first_name="Ramesh", last_name="Chand")
    make_user(Role.TRAINEE, department=department, first_name="Neelam", last_name="Rani")
    make_user(Role.TRAINEE, department=other_department, first_name="Outsider", last_name="Singh")

    sign_in(page, live_server, "nodal", PASSWORD)
    page.get_by_role("link", name="Officers").click()
    table = page.locator("table")
    expect(table).to_contain_text("Ramesh Chand")
    expect(table).not_to_contain_text("Outsider")
    page.fill("#q", "Neelam")
    page.get_by_role("button", name="Filter").click()
    expect(table).to_contain_text("Neelam Rani")
    expect(table).not_to_contain_text("Ramesh Chand")


def test_trainee_is_refused_the_hod_pages(live_server, page, department):
    make_user(Role.TRAINEE, username="learner", department=department)
    sign_in(page, live_server, "learner", PASSWORD)
    expect(page.get_by_role("link", name="Officers")).to_have_count(0)
    response = page.goto(live_server.url + "/department/officers/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Not allowed")
