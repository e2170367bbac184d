"""Issue 4's journeys in Chromium.

A trainee takes a timed two-page pre-test: answers page 1 (saved in the background), leaves,
comes back to the same attempt with the time that was left (not a new 20 minutes) and page 1
as answered, answers page 2 but one question, sees that question listed with a link back,
submits and sees the score with explanations. With the "never" review policy: the countdown
is announced at one minute, the page saves and submits by itself when time runs out, and the
review shows the score but no keys. A trainer writes a question in the admin without JSON."""

import datetime
import json
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.enums import AttemptStatus
from assessments.models import Assessment, AssessmentQuestion, Attempt, Question, QuestionBank
from courses.services import enrol
from lms.core.roles import Role
from tests.browser.conftest import sign_in
from tests.factories import build_course, make_user
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# page 1: single, multiple, matching; page 2: ordering, true/false, short text
SPECS = [
    (
        "single",
        "Who hears the first appeal under the RTS Act?",
        [{"id": "a", "text": "The citizen"}, {"id": "b", "text": "The appellate authority"}],
        "b",
    ),
    (
        "multiple",
        "Which are steps of grievance redress?",
        [
            {"id": "a", "text": "Receipt"},
            {"id": "b", "text": "Acknowledgement"},
            {"id": "c", "text": "Delay"},
        ],
        ["a", "b"],
    ),
    (
        "matching",
        "Match each law or system to its year.",
        [
            {"id": "1", "text": "RTS Act", "side": "left"},
            {"id": "2", "text": "CPGRAMS", "side": "left"},
            {"id": "a", "text": "2007", "side": "right"},
            {"id": "b", "text": "2014", "side": "right"},
        ],
        {"1": "b", "2": "a"},
    ),
    (
        "ordering",
        "Put the steps in order.",
        [
            {"id": "a", "text": "Acknowledge"},
            {"id": "b", "text": "Receive"},
            {"id": "c", "text": "Redress"},
        ],
        ["b", "a", "c"],
    ),
    ("true_false", "Sevottam means excellence in service.", [], True),
    ("short_text", "Name the portal of the Government of India.", [], ["CPGRAMS"]),
]


def make_pre_test(*, review_policy="after_attempt", minutes=20) -> Assessment:
    bank, _new = QuestionBank.objects.get_or_create(name="Sevottam")
    assessment = Assessment.objects.create(
        title=f"Sevottam pre-test ({review_policy})",
        course=build_course(title="Sevottam and grievance redress"),
        kind="pre_test",
        time_limit_minutes=minutes,
        attempts_allowed=1,
        questions_per_page=3,
        shuffle_questions=False,
        pass_mark=50,
        review_policy=review_policy,
    )
    for order, (kind, stem, options, key) in enumerate(SPECS):
        question = Question.objects.create(
            bank=bank,
            type=kind,
            stem=f"<p>{stem}</p>",
            options=options,
            key=key,
            explanation=f"Because of rule {order + 1} (EXPLAINED-{kind}).",
        )
        AssessmentQuestion.objects.create(
            assessment=assessment, question=question, sort_order=order
        )
    return assessment


@pytest.fixture
def trainee_account(department):
    return make_user(Role.TRAINEE, department=department, username="meena", first_name="Meena")


def shift_attempt(attempt: Attempt, **delta) -> None:
    """Time passes: the attempt started (and ends) that much earlier."""
    step = datetime.timedelta(**delta)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.started_at - step, deadline=attempt.deadline - step
    )


def countdown_seconds(page) -> int:
    minutes, seconds = page.locator("#countdown").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def test_timed_pre_test_left_resumed_and_submitted(live_server, page, settings, trainee_account):
    settings.ASSESSMENT_AUTOSAVE_SECONDS = 1  # the page's background save, sped up
    assessment = make_pre_test()
    enrol(user=trainee_account, course=assessment.course)
    detail = f"{live_server.url}/assessments/{assessment.pk}/"

    sign_in(page, live_server, "meena", PASSWORD)
    page.goto(detail)
    expect(page.get_by_text("20 minutes")).to_be_visible()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    expect(page.get_by_role("timer")).to_contain_text(re.compile(r"(20:00|19:5\d)"))
    attempt_url = page.url

    # Page 1, saved by the timer (the page stays where it is)
    page.get_by_label("The appellate authority").check()
    page.get_by_label("Receipt").check()
    page.get_by_label("Acknowledgement").check()
    page.get_by_label("RTS Act").select_option(label="2014")
    page.get_by_label("CPGRAMS").select_option(label="2007")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^Saved at \d\d:\d\d$"))
    assert page.url == attempt_url
    attempt = Attempt.objects.get(user=trainee_account)
    expect_saved = {"1": "b", "2": "a"}
    matching = Question.objects.get(type="matching")
    for _ in range(20):  # the last change may still be on its way
        attempt.refresh_from_db()
        if attempt.answers.get(str(matching.pk)) == expect_saved:
            break
        page.wait_for_timeout(250)
    assert attempt.answers[str(matching.pk)] == expect_saved

    # Leave for "five minutes", come back and resume the same attempt
    page.get_by_role("link", name="My learning").click()
    expect(page).not_to_have_url(attempt_url)
    shift_attempt(attempt, minutes=5)
    page.goto(detail)
    page.get_by_role("button", name="Resume your attempt").click()
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    left = countdown_seconds(page)
    assert 14 * 60 < left <= 15 * 60, f"the time left is kept, not reset: {left} s"
    expect(page.get_by_label("The appellate authority")).to_be_checked()
    expect(page.get_by_label("Receipt")).to_be_checked()
    expect(page.get_by_label("Acknowledgement")).to_be_checked()
    expect(page.get_by_label("Delay")).not_to_be_checked()
    expect(page.get_by_label("RTS Act")).to_have_value("b")
    expect(page.get_by_label("CPGRAMS")).to_have_value("a")

    # Page 2, all but the short-text question
    page.get_by_role("button", name="Save and next").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    page.get_by_label("Position 1").select_option(label="Receive")
    page.get_by_label("Position 2").select_option(label="Acknowledge")
    page.get_by_label("Position 3").select_option(label="Redress")
    page.get_by_label("True").check()
    page.get_by_role("button", name="Save and finish…").click()

    # The confirmation lists the unanswered question with a link to its page
    expect(page.get_by_role("heading", name="Submit your answers?")).to_be_visible()
    expect(page.get_by_text("1 question is not answered")).to_be_visible()
    page.get_by_role("link", name="Question 6 (page 2)").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.get_by_label("Position 1")).to_have_value("b")
    expect(page.get_by_label("True")).to_be_checked()
    page.get_by_role("button", name="Save and finish…").click()
    page.get_by_role("button", name="Submit").click()

    # The review, as the policy allows: score and explanations
    expect(page.get_by_text("Your answers are submitted.")).to_be_visible()
    expect(page.locator(".lead")).to_contain_text("5 / 6")
    # a pre-test has no pass mark: the score, without "passed" or "not passed"
    expect(page.locator(".lead")).to_contain_text("it has no pass mark")
    expect(page.locator(".lead")).not_to_contain_text("passed")
    expect(page.get_by_text("EXPLAINED-single")).to_be_visible()
    expect(page.get_by_text("RTS Act → 2014; CPGRAMS → 2007").first).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score == 5


def test_time_runs_out_and_the_never_policy_hides_the_keys(
    live_server, page, settings, trainee_account
):
    settings.ASSESSMENT_AUTOSAVE_SECONDS = 600  # only the save at time-out matters here
    assessment = make_pre_test(review_policy="never")
    enrol(user=trainee_account, course=assessment.course)
    sign_in(page, live_server, "meena", PASSWORD)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("The appellate authority").check()
    page.get_by_role("button", name="Save and next").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()

    # A minute and a bit left: the countdown is announced once it reaches one minute
    attempt = Attempt.objects.get(user=trainee_account)
    remaining = attempt.deadline - timezone.now()
    shift_attempt(attempt, seconds=remaining.total_seconds() - 62)
    page.reload()
    announcer = page.locator("#timer-announce")
    expect(announcer).to_have_attribute("aria-live", "assertive")
    expect(announcer).to_have_text("1 minute left.", timeout=10_000)

    # Three seconds left: an answer given now is saved when the time runs out
    attempt.refresh_from_db()
    shift_attempt(attempt, seconds=(attempt.deadline - timezone.now()).total_seconds() - 3)
    page.reload()
    page.get_by_label("True").check()
    expect(page).to_have_url(re.compile(r"/review/$"), timeout=15_000)
    expect(page.locator(".lead")).to_contain_text("Submitted when time ran out")
    expect(page.locator(".lead")).to_contain_text("2 / 6")
    expect(
        page.get_by_text("Answers and feedback are not shown for this assessment.")
    ).to_be_visible()
    html = page.content()
    assert "EXPLAINED" not in html and "Correct answer" not in html and "CPGRAMS" not in html
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.TIMED_OUT and attempt.score == 2


def test_a_trainer_writes_a_matching_question_without_json(live_server, page):
    make_user(Role.TRAINER, department=None, username="trainer.one")
    QuestionBank.objects.create(name="RTS basics")
    sign_in(page, live_server, "trainer.one", PASSWORD, path="/admin/login/")
    page.goto(f"{live_server.url}/admin/questions/new/")
    pairs = page.locator("#id_pairs")
    options = page.locator("#id_options_text")
    expect(pairs).to_be_hidden()
    expect(options).to_be_hidden()
    page.locator("#id_type").select_option(label="Matching")
    expect(pairs).to_be_visible()
    expect(options).to_be_hidden()
    expect(page.locator("#id_correct")).to_be_hidden()
    page.locator("#id_bank").select_option(label="RTS basics")
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type("Match each act to its year.")
    # the editor writes its hidden field a moment after typing stops
    expect(page.locator("#id_stem")).to_have_value(re.compile("Match each act"))
    pairs.fill("RTS Act = 2014\nCPGRAMS = 2007\nSevottam = 2006 ex\nBad line")
    page.get_by_role("button", name="Create").click()
    expect(
        page.get_by_text("Line 4 has no “=”: write each pair as “left = right”.")
    ).to_be_visible()
    pairs.fill("RTS Act = 2014\nCPGRAMS = 2007\n= 2006")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_text(re.compile(r"Question '.*' created"))).to_be_visible()
    question = Question.objects.get()
    assert question.options[-1] == {"id": "c", "text": "2014", "side": "right"}
    assert question.key == {"1": "c", "2": "b"}
    assert json.dumps(question.key) not in page.content()
