"""Builders for the feedback, analytics and learning-gain tests (plain functions)."""

import datetime
import html
import re
from decimal import Decimal

from django.utils import timezone

from assessments import services
from assessments.models import Assessment, AssessmentQuestion, Attempt, Question, QuestionBank
from courses.enums import ProgrammeMode, ProgrammeStatus
from courses.models import Programme
from lms.core.roles import Role
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.factories import build_course, make_user


def programme(
    *,
    course=None,
    starts_in_days=-5,
    days=3,
    mode=ProgrammeMode.CLASSROOM,
    status=ProgrammeStatus.RUNNING,
    coordinator=None,
    title="Sevottam batch",
) -> Programme:
    """A programme starting ``starts_in_days`` from today (negative: already started)."""
    starts = timezone.localdate() + datetime.timedelta(days=starts_in_days)
    now = timezone.now()
    return Programme.objects.create(
        course=course or build_course(modules=1, lessons_per_module=1),
        title=title,
        mode=mode,
        venue="" if mode == ProgrammeMode.ONLINE else "HIPA Gurugram",
        online_link="https://meet.example.gov.in/x" if mode != ProgrammeMode.CLASSROOM else "",
        capacity=30,
        nomination_opens_at=now - datetime.timedelta(days=60),
        nomination_closes_at=now - datetime.timedelta(days=30),
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=days - 1),
        target_levels=["cutting_edge"],
        status=status,
        coordinator=coordinator,
    )


def participant(prog, *, state=NominationState.ATTENDED, department=None, **fields):
    """A new trainee with a nomination in ``state`` for ``prog`` (set directly)."""
    if department is not None:
        fields["department"] = department
    officer = make_user(Role.TRAINEE, **fields)
    Nomination.objects.create(
        programme=prog, officer=officer, department=officer.department, state=state
    )
    return officer


def nominate(prog, officer, state=NominationState.ATTENDED):
    return Nomination.objects.create(
        programme=prog, officer=officer, department=officer.department, state=state
    )


GOOD = {"content": 4, "trainer": 5, "relevance": 4, "venue": 3, "overall": 4}


def give_feedback(prog, user, ratings=None, **texts):
    """Submit through the service; ``ratings`` defaults to GOOD minus items not asked."""
    asked = services.feedback_items(programme=prog)
    ratings = ratings if ratings is not None else {k: v for k, v in GOOD.items() if k in asked}
    return services.submit_feedback(user=user, programme=prog, ratings=ratings, **texts)


def options(*ids):
    return [{"id": i, "text": f"Option {i.upper()}"} for i in ids]


def assessment_with(course, specs, *, kind="post_test", **fields) -> Assessment:
    """An assessment of ``course`` with one question per (type, options, key[, marks])."""
    bank, _ = QuestionBank.objects.get_or_create(name="Analytics bank")
    fields.setdefault("attempts_allowed", 0)
    fields.setdefault("shuffle_questions", False)
    fields.setdefault("shuffle_options", False)
    fields.setdefault("time_limit_minutes", None)
    item = Assessment.objects.create(title=f"{kind} test", course=course, kind=kind, **fields)
    for order, spec in enumerate(specs):
        kind_, opts, key = spec[:3]
        marks = spec[3] if len(spec) > 3 else 1
        question = Question.objects.create(
            bank=bank,
            type=kind_,
            stem=f"<p>Question <b>{order + 1}</b></p>",
            options=opts,
            key=key,
            marks=Decimal(str(marks)),
        )
        AssessmentQuestion.objects.create(assessment=item, question=question, sort_order=order)
    return item


def take(assessment, user, answers_by_position) -> Attempt:
    """Start, answer (by question position: response) and submit through the services."""
    attempt = services.start_attempt(assessment=assessment, user=user)
    answers = {
        str(pk): answers_by_position[pos]
        for pos, pk in enumerate(attempt.question_ids)
        if pos in answers_by_position
    }
    services.save_answers(attempt=attempt, user=user, answers=answers)
    return services.submit_attempt(attempt=attempt, user=user)


def attempt_row(assessment, user, percent, *, number=1, status="submitted") -> Attempt:
    """An attempt stored directly with ``percent`` (for figures that need no questions)."""
    now = timezone.now()
    return Attempt.objects.create(
        assessment=assessment,
        user=user,
        number=number,
        status=status,
        started_at=now,
        submitted_at=None if status == "in_progress" else now,
        percent=None if status == "in_progress" else Decimal(str(percent)),
        score=None if status == "in_progress" else Decimal(str(percent)),
        max_score=Decimal("100"),
        passed=None if status == "in_progress" else percent >= assessment.pass_mark,
    )


def text(response) -> str:
    """The page's visible text: tags stripped, entities decoded, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
