"""A SCORM 1.2 lesson in Chromium: a trainer uploads packages in the admin (a hostile one
is refused with a message per rule, nothing kept); the learner launches the package, answers, leaves,
comes back to where they left (suspend_data and lesson_location), finishes with a pass,
and the lesson is complete with its score, shown in My learning. A hostile package finds neither the lesson
page's cookies nor its DOM."""

import re
import time

import pytest
from playwright.sync_api import expect

from courses.models import LessonCompletion, ModulePage
from courses.services import enrol
from lms.core.roles import Role
from scorm.models import ScormAttempt, ScormLessonPage, ScormPackage
from tests.browser.conftest import sign_in
from tests.factories import make_user
from tests.factories.accounts import PASSWORD
from tests.scorm.builders import make_zip, quiz_files, scorm_course, spy_files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def scorm_root(settings, tmp_path):
    settings.SCORM_ROOT = tmp_path / "scorm"


def eventually(check, seconds=10):
    """Wait for what the browser sends in the background (a beacon on LMSFinish)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def test_learner_launches_leaves_resumes_and_completes(live_server, page):
    trainer = make_user(Role.TRAINER, username="author", department=None)
    learner = make_user(Role.TRAINEE, username="pooja", first_name="Pooja")
    course, lesson, _text = scorm_course(actor=trainer, title="Citizen's Charter online")
    enrol(user=learner, course=course)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    sign_in(page, live_server, "pooja", PASSWORD)
    page.goto(live_server.url + lesson.url)
    expect(page.locator("h1")).to_have_text("Charter quiz")
    sco = page.frame_locator("#scorm-frame")
    expect(sco.locator("#state")).to_have_text("entry=ab-initio location=start")
    sco.locator("#q1").fill("six")
    sco.locator("#save").click()
    expect(sco.locator("#state")).to_have_text("saved")
    assert eventually(
        lambda: ScormAttempt.objects.filter(
            user=learner, suspend_data="six|", lesson_location="question-2", exit="suspend"
        ).exists()
    )
    assert not LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()

    page.get_by_role("link", name="My learning").click()
    page.goto(live_server.url + lesson.url)
    sco = page.frame_locator("#scorm-frame")
    expect(sco.locator("#state")).to_have_text("entry=resume location=question-2")
    expect(sco.locator("#q1")).to_have_value("six")
    sco.locator("#q2").fill("seven")
    sco.locator("#finish").click()
    expect(sco.locator("#state")).to_have_text("finished")
    expect(page.locator("#scorm-status")).to_be_visible()
    assert eventually(lambda: LessonCompletion.objects.filter(user=learner, lesson=lesson).exists())
    attempt = ScormAttempt.objects.get(user=learner, lesson=lesson)
    assert attempt.lesson_status == "passed"
    assert attempt.score_raw == 100
    assert attempt.total_time == "0000:03:30.00"

    page.reload()
    expect(page.get_by_text("Your score: 100 of 100")).to_be_visible()
    expect(page.get_by_text("You have completed this lesson.").first).to_be_visible()
    page.get_by_role("link", name="My learning").click()
    expect(page.get_by_text(re.compile(r"1 of 2 lessons done"))).to_be_visible()
    expect(page.locator(".lesson-result")).to_have_text(
        "Charter quiz: Passed · score 100 of 100 (100%)"
    )
    assert errors == []


def test_a_package_cannot_read_the_lesson_pages_cookies_or_dom(live_server, page):
    trainer = make_user(Role.TRAINER, username="author", department=None)
    learner = make_user(Role.TRAINEE, username="pooja", first_name="Pooja")
    course, lesson, _text = scorm_course(actor=trainer, files=spy_files())
    enrol(user=learner, course=course)
    sign_in(page, live_server, "pooja", PASSWORD)
    page.context.add_cookies(
        [{"name": "visible_to_scripts", "value": "secret-value", "url": live_server.url}]
    )
    page.goto(live_server.url + lesson.url)
    assert "secret-value" in page.evaluate("document.cookie")  # readable by the page itself
    sco = page.frame_locator("#scorm-frame")
    expect(sco.locator("#state")).to_contain_text("dom-blocked")
    report = sco.locator("#state").inner_text()
    assert "cookie-blocked" in report and "secret-value" not in report
    assert "top-blocked" in report and "storage-blocked" in report
    expect(sco.locator("#fetch")).to_have_text("fetch-blocked")
    assert eventually(
        lambda: ScormAttempt.objects.filter(
            user=learner, suspend_data__contains="dom-blocked"
        ).exists()
    )
    stored = ScormAttempt.objects.get(user=learner).suspend_data
    assert "secret-value" not in stored and "cookie-blocked" in stored


def test_trainer_uploads_in_the_admin_and_the_learner_plays_it(live_server, page, tmp_path):
    trainer = make_user(Role.TRAINER, username="author", department=None)
    learner = make_user(Role.TRAINEE, username="pooja", first_name="Pooja")
    hostile = tmp_path / "hostile.zip"
    hostile.write_bytes(make_zip({**quiz_files(), "../evil.html": "x", "run.exe": "MZ"}).read())
    good = tmp_path / "charter-quiz.zip"
    good.write_bytes(make_zip(quiz_files(title="Charter self-check")).read())

    sign_in(page, live_server, "author", PASSWORD)
    page.goto(live_server.url + "/admin/snippets/scorm/scormpackage/add/")
    page.set_input_files("input[name=package]", str(hostile))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("../evil.html: the path leaves the package.")).to_be_visible()
    expect(
        page.get_by_text("run.exe: this type of file is not allowed in a package.")
    ).to_be_visible()
    assert not ScormPackage.objects.exists()

    page.set_input_files("input[name=package]", str(good))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Charter self-check")).to_be_visible()
    package = ScormPackage.objects.get()
    assert package.uploaded_by == trainer and package.file_count == 4

    course, _lesson, _text = scorm_course(actor=trainer, title="Citizen's Charter online")
    module = ModulePage.objects.child_of(course).get()
    lesson = ScormLessonPage(title="Self-check", slug="self-check", package=package)
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    enrol(user=learner, course=course)
    page.context.clear_cookies()
    sign_in(page, live_server, "pooja", PASSWORD)
    page.goto(live_server.url + ScormLessonPage.objects.get(pk=lesson.pk).url)
    sco = page.frame_locator("#scorm-frame")
    expect(sco.locator("h1")).to_have_text("Charter quiz")
    expect(sco.locator("#state")).to_have_text("entry=ab-initio location=start")
