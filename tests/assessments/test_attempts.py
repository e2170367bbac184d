"""Attempts: start/resume, server-side deadline with accommodation, attempts, windows,
saving, grading on submit, auto-submit, review policy, and question validation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments import services
from assessments.enums import AttemptStatus, QuestionType, ReviewPolicy
from assessments.models import (
    AccessOverride,
    Assessment,
    AssessmentQuestion,
    Attempt,
    Question,
    QuestionBank,
)
from lms.core.roles import Role
from tests.factories import build_course, make_user

pytestmark = pytest.mark.django_db
T0 = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC)


def option_list(*ids):
    return [{"id": i, "text": f"Option {i}"} for i in ids]


@pytest.fixture
def bank():
    return QuestionBank.objects.create(name="Grievance redress")


@pytest.fixture
def questions(bank):
    specs = [
        (QuestionType.SINGLE, option_list("a", "b", "c"), "b"),
        (QuestionType.MULTIPLE, option_list("a", "b", "c", "d"), ["a", "c"]),
        (QuestionType.TRUE_FALSE, [], True),
        (QuestionType.SHORT_TEXT, [], ["Auto Appeal System", "AAS"]),
        (QuestionType.NUMERIC, [], {"value": 21, "tolerance": 0}),
        (
            QuestionType.ORDERING,
            option_list("receipt", "ack", "redress"),
            ["receipt", "ack", "redress"],
        ),
    ]
    created = []
    for kind, options, key in specs:
        question = Question(bank=bank, type=kind, stem=f"<p>{kind}?</p>", options=options, key=key)
        question.full_clean()
        question.save()
        created.append(question)
    return created


@pytest.fixture
def assessment(questions):
    item = Assessment.objects.create(
        title="Pre-test",
        course=build_course(),
        kind="pre_test",
        time_limit_minutes=20,
        attempts_allowed=2,
        pass_mark=50,
    )
    for order, question in enumerate(questions):
        AssessmentQuestion.objects.create(assessment=item, question=question, sort_order=order)
    return item


def correct_answers(attempt, questions):
    """Full-marks responses, written the way a trainee's browser sends them."""

    def response(question):
        if question.type == QuestionType.SHORT_TEXT:
            return question.key[0]
        if question.type == QuestionType.NUMERIC:
            return str(question.key["value"])
        return question.key

    return {str(q.pk): response(q) for q in questions}


def test_start_resume_and_deadline_with_accommodation(assessment, trainee):
    trainee.extra_time_factor = Decimal("1.5")
    trainee.save()
    attempt = services.start_attempt(assessment=assessment, user=trainee, now=T0)
    assert attempt.deadline == T0 + datetime.timedelta(minutes=30)
    again = services.start_attempt(
        assessment=assessment, user=trainee, now=T0 + datetime.timedelta(minutes=5)
    )
    assert again.pk == attempt.pk, (
        "leaving and coming back resumes the same attempt with its deadline"
    )
    assert sorted(attempt.question_ids) == sorted(q.pk for q in assessment.questions.all())


def test_override_adds_time_attempts_and_a_later_close(assessment, trainee):
    assessment.closes_at = T0 + datetime.timedelta(hours=1)
    assessment.save()
    AccessOverride.objects.create(
        assessment=assessment,
        user=trainee,
        time_factor=Decimal("2"),
        extra_attempts=1,
        closes_at=T0 + datetime.timedelta(days=1),
    )
    attempt = services.start_attempt(
        assessment=assessment, user=trainee, now=T0 + datetime.timedelta(hours=2)
    )
    assert attempt.deadline == T0 + datetime.timedelta(hours=2, minutes=40)
    for n in range(2):
        services.submit_attempt(
            attempt=services.start_attempt(
                assessment=assessment, user=trainee, now=T0 + datetime.timedelta(hours=3 + n)
            ),
            now=T0 + datetime.timedelta(hours=3 + n),
        )
    with pytest.raises(services.AssessmentError, match="all 3 attempts"):
        services.start_attempt(
            assessment=assessment, user=trainee, now=T0 + datetime.timedelta(hours=6)
        )


def test_deadline_never_passes_the_close(assessment, trainee):
    assessment.closes_at = T0 + datetime.timedelta(minutes=10)
    assessment.save()
    attempt = services.start_attempt(assessment=assessment, user=trainee, now=T0)
    assert attempt.deadline == assessment.closes_at


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (T0 + datetime.timedelta(hours=1), None, "not opened"),
        (None, T0 - datetime.timedelta(minutes=1), "closed"),
    ],
)
def test_window_is_enforced(assessment, trainee, opens, closes, message):
    assessment.opens_at, assessment.closes_at = opens, closes
    assessment.save()
    with pytest.raises(services.AssessmentError, match=message):
        services.start_attempt(assessment=assessment, user=trainee, now=T0)


def test_full_marks_partial_marks_and_pass(assessment, trainee, questions):
    attempt = services.start_attempt(assessment=assessment, user=trainee, now=T0)
    services.save_answers(
        attempt=attempt, user=trainee, answers=correct_answers(attempt, questions), now=T0
    )
    done = services.submit_attempt(
        attempt=attempt, user=trainee, now=T0 + datetime.timedelta(minutes=3)
    )
    assert (done.score, done.max_score, done.percent, done.passed) == (6, 6, 100, True)
    assert done.status == AttemptStatus.SUBMITTED

    second = services.start_attempt(
        assessment=assessment, user=trainee, now=T0 + datetime.timedelta(hours=1)
    )
    multiple = questions[1]
    services.save_answers(
        attempt=second,
        user=trainee,
        answers={str(multiple.pk): ["a", "b"]},
        now=T0 + datetime.timedelta(hours=1),
    )
    graded = services.submit_attempt(
        attempt=second, now=T0 + datetime.timedelta(hours=1, minutes=1)
    )
    assert graded.score == Decimal("0.00") and graded.passed is False  # 1 right - 1 wrong of 2 = 0
    assert services.result_for(assessment=assessment, user=trainee) == {
        "attempts": 2,
        "grade": 100.0,
        "passed": True,
    }


def test_answers_after_the_deadline_are_refused_and_the_attempt_submitted(
    assessment, trainee, questions
):
    attempt = services.start_attempt(assessment=assessment, user=trainee, now=T0)
    services.save_answers(
        attempt=attempt, user=trainee, answers={str(questions[0].pk): "b"}, now=T0
    )
    late = T0 + datetime.timedelta(minutes=21)
    with pytest.raises(services.AssessmentError, match="Time is up"):
        services.save_answers(
            attempt=attempt, user=trainee, answers={str(questions[2].pk): True}, now=late
        )
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.TIMED_OUT and attempt.score == 1
    assert attempt.submitted_at == attempt.deadline and str(questions[2].pk) not in attempt.answers


def test_overdue_attempts_are_auto_submitted_by_the_server(assessment, trainee):
    attempt = services.start_attempt(assessment=assessment, user=trainee, now=T0)
    assert services.submit_overdue(now=T0 + datetime.timedelta(minutes=19)) == 0
    assert services.submit_overdue(now=T0 + datetime.timedelta(minutes=21)) == 1
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.TIMED_OUT


def test_the_sweep_leaves_a_final_save_its_grace(assessment, trainee):
    """A save within SAVE_GRACE after the deadline is accepted by the page, so the beat
    task must not submit the attempt under it."""
    attempt = services.start_attempt(assessment=assessment, user=trainee, now=T0)
    just_after = attempt.deadline + services.SAVE_GRACE / 2
    assert services.submit_overdue(now=just_after) == 0
    past_grace = attempt.deadline + services.SAVE_GRACE + datetime.timedelta(seconds=1)
    assert services.submit_overdue(now=past_grace) == 1


def test_only_the_owner_saves_and_only_questions_of_the_attempt(assessment, trainee, bank):
    attempt = services.start_attempt(assessment=assessment, user=trainee, now=T0)
    other = make_user(Role.TRAINEE)
    with pytest.raises(services.AssessmentError, match="not your attempt"):
        services.save_answers(attempt=attempt, user=other, answers={}, now=T0)
    stranger = Question.objects.create(bank=bank, type="true_false", stem="x", key=False)
    with pytest.raises(services.AssessmentError, match="not in this attempt"):
        services.save_answers(
            attempt=attempt, user=trainee, answers={str(stranger.pk): False}, now=T0
        )


def test_shuffle_is_per_attempt_and_hides_the_ordering_key(assessment, questions):
    ordering = questions[-1]
    shown, sequences = [], set()
    for _n in range(5):
        attempt = services.start_attempt(
            assessment=assessment, user=make_user(Role.TRAINEE), now=T0
        )
        sequences.add(tuple(attempt.question_ids))
        shown.append(attempt.option_orders[str(ordering.pk)])
    assert all(sorted(order) == sorted(ordering.key) for order in shown)
    assert any(order != ordering.key for order in shown), "the answer order is not shown as is"
    assert len(sequences) > 1, "questions are shuffled per attempt"


def test_random_questions_are_drawn_from_the_bank(bank, trainee):
    for n in range(10):
        Question.objects.create(
            bank=bank,
            type="true_false",
            stem=f"Q{n}",
            key=bool(n % 2),
            difficulty="hard" if n < 4 else "easy",
        )
    item = Assessment.objects.create(
        title="Quiz",
        course=build_course(),
        kind="module_quiz",
        random_bank=bank,
        random_count=3,
        random_difficulty="hard",
    )
    attempt = services.start_attempt(assessment=item, user=trainee, now=T0)
    drawn = Question.objects.filter(pk__in=attempt.question_ids)
    assert drawn.count() == 3 and set(drawn.values_list("difficulty", flat=True)) == {"hard"}


def test_review_policy(assessment, trainee):
    attempt = services.submit_attempt(
        attempt=services.start_attempt(assessment=assessment, user=trainee, now=T0), now=T0
    )
    assert services.can_review(attempt=attempt, now=T0)
    assessment.review_policy = ReviewPolicy.NEVER
    assessment.save()
    attempt.refresh_from_db()
    assert not services.can_review(attempt=attempt, now=T0)
    assessment.review_policy, assessment.closes_at = (
        ReviewPolicy.AFTER_CLOSE,
        T0 + datetime.timedelta(days=1),
    )
    assessment.save()
    attempt.refresh_from_db()
    assert not services.can_review(attempt=attempt, now=T0)
    assert services.can_review(attempt=attempt, now=T0 + datetime.timedelta(days=2))


@pytest.mark.parametrize(
    ("kind", "options", "key"),
    [
        ("single", option_list("a", "b"), "z"),
        ("single", option_list("a"), "a"),
        ("multiple", option_list("a", "b"), []),
        ("ordering", option_list("a", "b"), ["a"]),
        ("true_false", [], "yes"),
        ("short_text", [], []),
        ("numeric", [], {"value": "21"}),
        ("numeric", [], {"value": 21, "tolerance": -1}),
        ("matching", [], {}),
    ],
)
def test_question_keys_are_validated(bank, kind, options, key):
    with pytest.raises(ValidationError):
        Question(bank=bank, type=kind, stem="x", options=options, key=key).full_clean()


def test_no_questions_is_a_clear_error(trainee):
    item = Assessment.objects.create(title="Empty", course=build_course(), kind="practice")
    with pytest.raises(services.AssessmentError, match="no questions"):
        services.start_attempt(assessment=item, user=trainee, now=timezone.now())
    assert not Attempt.objects.exists()


def test_an_attempt_left_past_its_deadline_is_submitted_on_return(assessment, trainee):
    assessment.attempts_allowed = 1
    assessment.save()
    attempt = services.start_attempt(assessment=assessment, user=trainee, now=T0)
    with pytest.raises(services.AssessmentError, match="all 1 attempts"):
        services.start_attempt(
            assessment=assessment, user=trainee, now=T0 + datetime.timedelta(hours=1)
        )
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.TIMED_OUT, (
        "the time-out is kept although no new attempt starts"
    )
