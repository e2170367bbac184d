"""The first hour of a trainee and of an HOD (README: "A first hour, role by role"), walked
on the demo data in English and in Hindi, with axe at AA on every page and, in Hindi, no
English left in the main content other than names entered only in English.

The cell's, the trainer's and the course director's are in test_first_hour_staff.py; the
helpers in first_hour.py."""

import re

import pytest
from playwright.sync_api import expect

from assessments.enums import AssessmentKind
from assessments.models import Assessment, Attempt, FeedbackResponse
from certificates.models import Certificate
from courses.models import CoursePage, Programme
from demo.seed import DEMO_PASSWORD
from lms.accounts.models import User
from nominations.enums import NominationState
from nominations.models import Nomination
from simulator.models import Scenario
from tests.browser import snapshot
from tests.browser.first_hour import Walk, entered_only_in_english, sign_in_and_choose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = pytest.mark.parametrize("language", ["en", "hi"])
WORKSHOP = "Citizen's Charter: formulation workshop"
UPCOMING = "Grievance redress and CM Window SOP"
OPEN = "Right to Service and the Auto Appeal System"
HEALTH_BATCH = "Citizen's Charter: Health department batch"


@pytest.fixture
def browser_context_args(browser_context_args):
    """bypass_csp only so that Playwright can add axe-core to the page."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def demo(live_server):
    """The demo as `manage.py seed_demo` makes it. The live server's database is emptied
    after every browser test: the first walk in a process seeds the demo, the next ones get
    the same rows back (tests/browser/snapshot.py)."""
    from demo.seed import seed_demo  # noqa: PLC0415

    return snapshot.once("demo", seed_demo)


def start(page, live_server, username, language) -> Walk:
    sign_in_and_choose(page, live_server.url, username, DEMO_PASSWORD, language)
    return Walk(page, live_server.url, language, names=entered_only_in_english())


def answer_everything(page) -> None:
    """Give some answer to every question on an attempt page."""
    for name in set(page.locator("main input[type=radio]").evaluate_all("e => e.map(i => i.name)")):
        page.locator(f"main input[type=radio][name='{name}']").first.check()
    for question in page.locator("main fieldset.question:has(input[type=checkbox])").all():
        question.locator("input[type=checkbox]").first.check()
    for select in page.locator("main select").all():
        select.select_option(index=1)
    for field in page.locator(
        "main input[inputmode=decimal], main fieldset input:not([type])"
    ).all():
        field.fill("6")


@LANGUAGES
def test_the_trainees_first_hour(live_server, page, demo, language):
    trainee = User.objects.get(username="trainee")
    course = CoursePage.objects.get(slug="citizens-charter")
    tests = {a.kind: a for a in Assessment.objects.filter(course=course)}
    workshop = Programme.objects.get(title=WORKSHOP)
    w = start(page, live_server, "trainee", language)

    # 1. My learning -> Citizen's Charter: the course page lists its three tests
    expect(page).to_have_url(re.compile(r"/learning/$"))
    expect(page.locator("main")).to_contain_text(course.title)
    w.check()
    page.locator(f"main a[href='{course.url}']").first.click()
    expect(page.locator("h1")).to_have_text(course.title)
    for assessment in tests.values():
        expect(page.locator(f"main a[href='/assessments/{assessment.pk}/']")).to_contain_text(
            assessment.title
        )
    w.check()

    # the post-test: her first attempt, its review with keys and explanations, one more left
    post = tests[AssessmentKind.POST_TEST]
    attempt = Attempt.objects.get(assessment=post, user=trainee)
    page.locator(f"main a[href='/assessments/{post.pk}/']").click()
    facts = page.locator("main dl")
    expect(facts).to_contain_text("1 / 2")
    expect(facts).to_contain_text(f"{attempt.percent:.1f}%")
    expect(page.locator("main form[action$='/start/'] button")).to_have_count(1)
    w.check()
    page.locator(f"main a[href='/assessments/attempts/{attempt.pk}/review/']").click()
    expect(page.locator("main")).to_contain_text(f"({attempt.percent:.1f}%)")
    first = attempt.assessment.questions.model.objects.get(pk=attempt.question_ids[0])
    expect(page.locator("main")).to_contain_text(first.explanation)
    expect(page.locator("main")).to_contain_text(w.t("Correct answer", "सही उत्तर"))
    w.check()

    # the pre-test: her score, no review of the answers, and no attempt left to start
    pre = tests[AssessmentKind.PRE_TEST]
    pre_attempt = Attempt.objects.get(assessment=pre, user=trainee)
    w.go(f"/assessments/{pre.pk}/")
    expect(page.locator("main dl")).to_contain_text(f"{pre_attempt.percent:.1f}%")
    expect(page.locator("main form[action$='/start/'] button")).to_have_count(0)
    w.check()
    page.locator(f"main a[href='/assessments/attempts/{pre_attempt.pk}/review/']").click()
    expect(page.locator("main")).to_contain_text(f"{pre_attempt.percent:.1f}%")
    expect(page.locator("main fieldset, main .question")).to_have_count(0)
    w.check()

    # 2. the module quiz: every question type, two drawn at random; submit; the review
    quiz = tests[AssessmentKind.MODULE_QUIZ]
    w.go(f"/assessments/{quiz.pk}/")
    w.check()
    page.locator("main form[action$='/start/'] button").click()
    expect(page).to_have_url(re.compile(r"/assessments/attempts/\d+/"))
    seen = 0
    for _page in range(12):
        w.check()
        seen += page.locator("main fieldset.question").count()
        answer_everything(page)
        finish = page.locator("button[name=go][value=submit]")
        more = page.locator("main button[name=go]").filter(has_text="→")
        (more if more.count() else finish).click()
        if "/submit/" in page.url:
            break
    assert seen == 9, "7 fixed questions and 2 drawn at random"
    w.check()
    page.locator("main form button[type=submit]").click()
    quiz_attempt = Attempt.objects.get(assessment=quiz, user=trainee)
    expect(page).to_have_url(re.compile(rf"/attempts/{quiz_attempt.pk}/review/"))
    quiz_attempt.refresh_from_db()
    assert quiz_attempt.status != "in_progress" and len(quiz_attempt.question_ids) == 9
    expect(page.locator("main")).to_contain_text(f"{quiz_attempt.percent:.1f}%")
    expect(page.locator("main")).to_contain_text(w.t("Question 9", "प्रश्न 9"))
    w.check()

    # 3. My nominations: give feedback on the workshop, confirm the approved seat
    page.locator("header a[href='/nominations/mine/']").click()
    upcoming_row = page.locator("main tr", has_text=UPCOMING)
    expect(upcoming_row).to_contain_text(w.t("Approved", "स्वीकृत"))
    w.check()
    page.locator(f"main a[href='/assessments/feedback/programmes/{workshop.pk}/']").click()
    expect(page.locator("main")).to_contain_text(WORKSHOP)
    w.check()
    for group in page.locator("main fieldset").all():
        if group.locator("input[type=radio][value='4']").count():
            group.locator("input[type=radio][value='4']").check()
    page.locator("main textarea").first.fill(w.t("The case studies.", "केस अध्ययन।"))
    before = FeedbackResponse.objects.count()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert FeedbackResponse.objects.count() == before + 1
    w.check()
    w.go(f"/assessments/feedback/programmes/{workshop.pk}/")  # answered once: no form now
    expect(page.locator("main form button[type=submit]")).to_have_count(0)
    w.check()
    w.go("/nominations/mine/")
    page.locator("main tr", has_text=UPCOMING).locator("button[value=confirm]").click()
    expect(page.locator("main tr", has_text=UPCOMING)).to_contain_text(
        w.t("Confirmed by officer", "अधिकारी द्वारा पुष्टि की गई")
    )
    assert Nomination.objects.get(officer=trainee, programme__title=UPCOMING).state == (
        NominationState.CONFIRMED
    )
    w.check()

    # 4. My certificates: the workshop's certificate as a PDF; its QR code's page
    certificate = Certificate.objects.get(holder=trainee, programme=workshop)
    page.locator("header a[href='/certificates/']").click()
    row = page.locator("main tr", has_text=certificate.number)
    expect(row).to_contain_text(w.t("Valid", "मान्य"))
    w.check()
    pdf = row.locator("a[href$='/pdf/']")
    response = page.request.get(live_server.url + pdf.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    row.locator("a[href^='/verify/']").click()
    expect(page.locator("main")).to_contain_text(certificate.number)
    expect(page.locator("main")).to_contain_text(w.t(str(trainee), trainee.hindi_name))
    w.check()

    # 5. Practice: "Day 2: CM Window cases": two scored, the third to play; her rank in the
    # batch (the leaderboard); then she plays the third and reads the debrief
    page.locator("header a[href='/simulator/']").click()
    assigned = page.locator("main table").first
    expect(page.locator("main")).to_contain_text("Day 2: CM Window cases")
    expect(assigned).to_contain_text("100%")
    expect(assigned).to_contain_text("69.2%")
    expect(assigned).not_to_contain_text("69.20")
    w.check()
    page.locator(f"main a[href='/simulator/programmes/{workshop.pk}/leaderboard/']").click()
    expect(page.locator("main")).to_contain_text(w.t("of 4", "4 में से"))
    expect(page.locator("main")).not_to_contain_text("0000")
    w.check()
    page.go_back()
    fallen = Scenario.objects.get(title__startswith="Fallen branch")
    assigned.locator(f"form[action='/simulator/scenarios/{fallen.pk}/start/'] button").click()
    expect(page).to_have_url(re.compile(r"/simulator/sessions/\d+/$"))
    w.names = entered_only_in_english()  # with the session's grievance and its citizen
    w.check()
    page.locator("#finish-button").click()
    expect(page).to_have_url(re.compile(r"/simulator/sessions/\d+/debrief/$"))
    w.check()


@LANGUAGES
def test_the_hods_first_hour(live_server, page, demo, language):
    hod = User.objects.get(username="hod.revenue")
    department = hod.department
    w = start(page, live_server, "hod.revenue", language)
    department_name = w.t(department.name, department.name_hi or department.name)

    # lands on the department's training page (and its report)
    expect(page).to_have_url(re.compile(r"/reports/department/$"))
    expect(page.locator("h1")).to_contain_text(department_name)
    w.check()

    # 1. Department nominations: the workshop's attended and no-show officers; the upcoming
    # programme's approved, waitlisted and submitted ones
    w.go("/nominations/department/")
    expect(page.locator("h1")).to_contain_text(department_name)
    table = page.locator("main table")
    for officer, programme, english, hindi in [
        ("Pooja Devi", WORKSHOP, "Attended (completed)", "उपस्थित रहे (पूर्ण)"),
        ("Priya Verma", WORKSHOP, "Did not complete", "पूरा नहीं किया"),
        ("Ramesh Chand", UPCOMING, "Approved", "स्वीकृत"),
        ("Priya Verma", UPCOMING, "Waitlisted", "प्रतीक्षा सूची में"),
        ("Vikas Dahiya", UPCOMING, "Submitted", "जमा किया गया"),
    ]:
        row = table.locator("tr", has_text=officer).filter(has_text=programme)
        expect(row).to_contain_text(w.t(english, hindi))
    w.check()
    # withdraw the submitted one (with a reason), and open a substitution
    submitted = Nomination.objects.get(
        programme__title=UPCOMING, officer__last_name="Dahiya", officer__department=department
    )
    page.locator(f"main a[href='/nominations/{submitted.pk}/withdraw/']").click()
    w.check()
    page.locator("main textarea, main input[name=note]").first.fill(w.t("On leave", "अवकाश पर"))
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    submitted.refresh_from_db()
    assert submitted.state == NominationState.WITHDRAWN
    w.check()
    approved = Nomination.objects.get(
        programme__title=UPCOMING, officer__last_name="Chand", officer__department=department
    )
    w.go(f"/nominations/{approved.pk}/substitute/")
    expect(page.locator("main select option", has_text="Anjali Saini")).to_have_count(1)
    w.check()

    # 2. Nominate for the open programme: one by one, and a CSV list
    open_programme = Programme.objects.get(title=OPEN)
    page.locator("header a[href='/nominations/programmes/']").click()
    expect(page.locator("main tr", has_text=OPEN)).to_contain_text("30 / 30")
    w.check()
    page.locator(f"main a[href='/nominations/programmes/{open_programme.pk}/nominate/']").click()
    page.locator("main tr", has_text="Neelam Rani").locator("input[type=checkbox]").check()
    w.check()
    page.locator("main form[method=post] button[type=submit]").last.click()
    expect(page.locator(".messages")).to_be_visible()
    assert Nomination.objects.filter(
        programme=open_programme, officer__last_name="Rani", officer__department=department
    ).exists()
    w.check()
    w.go(f"/nominations/programmes/{open_programme.pk}/upload/")
    w.check()
    saini = User.objects.get(department=department, last_name="Saini")
    page.locator("main input[type=file]").set_input_files(
        files=[
            {
                "name": "nominations.csv",
                "mimeType": "text/csv",
                "buffer": f"employee_code,note\n{saini.employee_code},\n".encode(),
            }
        ]
    )
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(saini.employee_code)
    w.check()
    page.locator("main button[name=import]").first.click()
    expect(page.locator(".messages")).to_be_visible()
    assert Nomination.objects.filter(programme=open_programme, officer=saini).exists()
    w.check()

    # 3. Officers of the department, one officer's record, the department's report
    page.locator("header a[href='/department/officers/']").click()
    expect(page.locator("h1")).to_contain_text(department_name)
    expect(page.locator("main table tbody tr")).to_have_count(
        User.objects.filter(department=department).count()
    )
    w.check()
    page.locator("main a", has_text="Pooja Devi").click()
    expect(page.locator("main")).to_contain_text("HR-TRAINEE")
    expect(page.locator("main")).to_contain_text(
        CoursePage.objects.get(slug="citizens-charter").title
    )
    w.check()


@LANGUAGES
def test_the_health_hod_sees_the_batch_awaiting_finalising(live_server, page, demo, language):
    w = start(page, live_server, "hod.health", language)
    expect(page).to_have_url(re.compile(r"/reports/department/$"))
    w.check()
    w.go("/nominations/department/")
    rows = page.locator("main table tr", has_text=HEALTH_BATCH)
    expect(rows).to_have_count(6)
    for row in rows.all():
        expect(row).to_contain_text(w.t("Confirmed by officer", "अधिकारी द्वारा पुष्टि की गई"))
    w.check()
