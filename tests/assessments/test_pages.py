"""The trainee's attempt pages: scope, no answer leaks, saving per page, submit, review."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.enums import AttemptStatus, ReviewPolicy
from assessments.models import Assessment, AssessmentQuestion, Attempt, Question, QuestionBank
from courses.services import enrol
from lms.core.roles import Role
from tests.factories import build_course, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    bank = QuestionBank.objects.create(name="RTS")
    course = build_course()
    item = Assessment.objects.create(
        title="RTS pre-test",
        course=course,
        kind="pre_test",
        time_limit_minutes=15,
        attempts_allowed=2,
        questions_per_page=2,
        pass_mark=50,
    )
    specs = [
        (
            "single",
            [{"id": "a", "text": "Citizen"}, {"id": "b", "text": "Auto Appeal System"}],
            "b",
            "SECRET-EXPLANATION-1",
        ),
        ("true_false", [], True, ""),
        ("short_text", [], ["Designated Officer"], ""),
        ("numeric", [], {"value": 30, "tolerance": 0}, ""),
    ]
    for order, (kind, options, key, explanation) in enumerate(specs):
        question = Question.objects.create(
            bank=bank,
            type=kind,
            stem=f"<p>Q{order}</p>",
            options=options,
            key=key,
            explanation=explanation,
        )
        AssessmentQuestion.objects.create(assessment=item, question=question, sort_order=order)
    return item


@pytest.fixture
def learner(quiz, department):
    user = make_user(Role.TRAINEE, department=department)
    enrol(user=user, course=quiz.course)
    return user


def test_not_enrolled_trainee_cannot_see_the_assessment(client, quiz, trainee):
    client.force_login(trainee)
    assert client.get(reverse("assessments:detail", args=[quiz.pk])).status_code == 404
    assert client.post(reverse("assessments:start", args=[quiz.pk])).status_code == 404


def test_journey_start_answer_by_page_submit_review(client, quiz, learner):
    client.force_login(learner)
    page = client.get(reverse("assessments:detail", args=[quiz.pk])).content.decode()
    assert "15 minutes" in page
    response = client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=learner)
    assert response["Location"] == reverse("assessments:attempt", args=[attempt.pk])
    first = client.get(response["Location"]).content.decode()
    assert "SECRET-EXPLANATION-1" not in first and "Designated Officer" not in first
    assert 'role="timer"' in first and "Page 1 of 2" in first

    by_type = {q.type: q for q in Question.objects.all()}
    answers = {
        "single": "b",
        "true_false": "true",
        "short_text": "designated  officer",
        "numeric": "31",
    }
    for page_number in (1, 2):
        url = f"{reverse('assessments:attempt', args=[attempt.pk])}?page={page_number}"
        shown = list(attempt.question_ids)
        start = (page_number - 1) * 2
        data = {}
        for pk in shown[start : start + 2]:
            question = Question.objects.get(pk=pk)
            data[f"q{pk}"] = answers[question.type]
        client.post(url, {**data, "go": str(page_number + 1) if page_number == 1 else "submit"})
    attempt.refresh_from_db()
    assert (
        attempt.answers[str(by_type["single"].pk)] == "b"
        and attempt.answers[str(by_type["true_false"].pk)] is True
    )

    confirm = client.get(reverse("assessments:submit", args=[attempt.pk])).content.decode()
    assert "All 4 questions are answered" in confirm
    client.post(reverse("assessments:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.percent == 75
    review = client.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
    assert "75.0%" in review and "SECRET-EXPLANATION-1" in review


def test_unanswered_questions_are_listed_before_submitting(client, quiz, learner):
    client.force_login(learner)
    attempt = services.start_attempt(assessment=quiz, user=learner)
    page = client.get(reverse("assessments:submit", args=[attempt.pk])).content.decode()
    assert "4 questions are not answered" in page


def test_someone_elses_attempt_is_404(client, quiz, learner, department):
    attempt = services.start_attempt(assessment=quiz, user=learner)
    other = make_user(Role.TRAINEE, department=department)
    enrol(user=other, course=quiz.course)
    client.force_login(other)
    for name in ("assessments:attempt", "assessments:submit", "assessments:review"):
        assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    assert (
        client.post(reverse("assessments:attempt", args=[attempt.pk]), {"go": "1"}).status_code
        == 404
    )


def test_review_hides_answers_when_the_policy_says_never(client, quiz, learner):
    quiz.review_policy = ReviewPolicy.NEVER
    quiz.save()
    attempt = services.submit_attempt(attempt=services.start_attempt(assessment=quiz, user=learner))
    client.force_login(learner)
    page = client.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
    assert "SECRET-EXPLANATION-1" not in page and "not shown" in page


def test_a_timed_out_attempt_cannot_take_answers(client, quiz, learner):
    attempt = services.start_attempt(assessment=quiz, user=learner)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=30)  # past the grace
    )
    client.force_login(learner)
    response = client.post(
        reverse("assessments:attempt", args=[attempt.pk]), {"go": "1"}, follow=True
    )
    assert "Time is up" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.TIMED_OUT


def test_attempt_page_queries_do_not_grow(client, quiz, learner, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(learner)
    attempt = services.start_attempt(assessment=quiz, user=learner)
    url = reverse("assessments:attempt", args=[attempt.pk])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    bank = QuestionBank.objects.get()
    big = Assessment.objects.create(
        title="Long", course=quiz.course, kind="practice", questions_per_page=2
    )
    for n in range(30):
        question = Question.objects.create(bank=bank, type="true_false", stem=f"T{n}", key=True)
        AssessmentQuestion.objects.create(assessment=big, question=question, sort_order=n)
    long_attempt = services.start_attempt(assessment=big, user=learner)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("assessments:attempt", args=[long_attempt.pk]))


@pytest.mark.parametrize(
    "name", ["question_banks:index", "questions:index", "assessments_admin:index", "questions:add"]
)
def test_trainers_author_in_the_admin_and_trainees_cannot(client, trainer, trainee, name):
    client.force_login(trainer)
    assert client.get(reverse(name)).status_code == 200
    client.force_login(trainee)
    assert client.get(reverse(name)).status_code == 302
