"""Authoring an assessment in the Wagtail admin: fixed questions in the order the trainer
gives, random draws, and exceptions for a person or a programme, with clear errors."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from assessments.models import AccessOverride, Assessment, AssessmentQuestion, Question
from courses.models import ModulePage
from tests.assessments.helpers import options
from tests.factories import build_course

pytestmark = pytest.mark.django_db

ADD = "/admin/assessments_admin/new/"


@pytest.fixture
def course():
    return build_course(modules=1, lessons_per_module=1)


@pytest.fixture
def questions():
    from assessments.models import QuestionBank

    bank = QuestionBank.objects.create(name="Charter basics")
    return [
        Question.objects.create(
            bank=bank, type="single", stem=f"<p>Q{n}</p>", options=options("a", "b"), key="a"
        )
        for n in range(3)
    ]


def form(course, *, fixed=(), overrides=(), **fields):
    data = {
        "title": "Post-test: Citizen's Charter",
        "course": course.pk,
        "module": "",
        "kind": "post_test",
        "random_bank": "",
        "random_count": 0,
        "random_difficulty": "",
        "random_tag": "",
        "shuffle_questions": "on",
        "shuffle_options": "on",
        "time_limit_minutes": 20,
        "attempts_allowed": 2,
        "questions_per_page": 5,
        "grading_method": "highest",
        "pass_mark": 60,
        "review_policy": "after_attempt",
        "opens_at": "",
        "closes_at": "",
        "fixed_questions": inline_formset(
            [{"question": q.pk, "ORDER": str(order)} for q, order in fixed]
        ),
        "overrides": inline_formset(
            [
                {
                    "user": o.get("user", ""),
                    "programme": o.get("programme", ""),
                    "time_factor": o.get("time_factor", "1.00"),
                    "extra_attempts": o.get("extra_attempts", 0),
                    "closes_at": "",
                }
                for o in overrides
            ]
        ),
    }
    data.update(fields)
    return nested_form_data(data)


def test_trainer_adds_fixed_questions_in_order_and_an_exception(
    client, trainer, course, questions, trainee
):
    client.force_login(trainer)
    page = client.get(ADD)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Fixed questions" in text and "Exceptions for a person or a programme" in text
    # Rows as the trainer left them after dragging: the second row moved to the top.
    fixed = [(questions[0], 2), (questions[2], 1)]
    response = client.post(
        ADD,
        form(course, fixed=fixed, overrides=[{"user": trainee.pk, "time_factor": "1.50"}]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assessment = Assessment.objects.get()
    rows = AssessmentQuestion.objects.filter(assessment=assessment).order_by("sort_order")
    assert [(row.question, row.sort_order) for row in rows] == [
        (questions[2], 0),
        (questions[0], 1),
    ]
    override = AccessOverride.objects.get(assessment=assessment)
    assert override.user == trainee and str(override.time_factor) == "1.50"


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"random_count": 3}, "random_bank", "Choose the bank"),
        (
            {"opens_at": "2026-12-10 10:00", "closes_at": "2026-12-09 10:00"},
            "closes_at",
            "close after",
        ),
    ],
)
def test_bad_rules_are_refused_with_the_reason(
    client, trainer, course, questions, fields, field, message
):
    client.force_login(trainer)
    response = client.post(ADD, form(course, fixed=[(questions[0], 1)], **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_module_of_another_course_is_refused(client, trainer, course, questions):
    other = build_course(modules=1, lessons_per_module=1)
    module = ModulePage.objects.descendant_of(other).first()
    client.force_login(trainer)
    response = client.post(ADD, form(course, fixed=[(questions[0], 1)], module=module.pk))
    assert response.status_code == 200 and "must belong to the course" in response.content.decode()
    assert not Assessment.objects.exists()


def test_an_exception_for_nobody_is_refused(client, trainer, course, questions):
    client.force_login(trainer)
    response = client.post(
        ADD, form(course, fixed=[(questions[0], 1)], overrides=[{"extra_attempts": 1}])
    )
    assert response.status_code == 200
    assert "Choose the officer or the programme" in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_time_factor_below_one_is_refused(client, trainer, course, questions, trainee):
    client.force_login(trainer)
    response = client.post(
        ADD,
        form(
            course,
            fixed=[(questions[0], 1)],
            overrides=[{"user": trainee.pk, "time_factor": "0.50"}],
        ),
    )
    assert response.status_code == 200 and not Assessment.objects.exists()


@pytest.mark.parametrize("fixture", ["trainee", "hod"])
def test_trainees_and_hods_cannot_author_assessments(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(ADD).status_code in (302, 403)
