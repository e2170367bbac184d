"""Attempts: start (or resume), save answers, submit, and auto-submit on time-out.

The server owns the clock: the deadline is fixed when an attempt starts (time limit x the
officer's accommodation x any override, never past the close date), answers arriving after
it are refused and the attempt is submitted as it stood. Grading is ``assessments.grading``."""

import datetime
import random
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.services import record_audit

from . import grading
from .enums import AttemptStatus
from .models import AccessOverride, Assessment, Attempt, Question


class AssessmentError(Exception):
    """An attempt action the rules refuse."""


def _override(assessment: Assessment, user) -> AccessOverride | None:
    personal = assessment.overrides.filter(user=user).first()
    if personal:
        return personal
    from nominations.enums import NominationState

    return assessment.overrides.filter(
        programme__nominations__officer=user,
        programme__nominations__state__in=(NominationState.CONFIRMED, NominationState.ATTENDED),
    ).first()


def closes_at_for(assessment: Assessment, override) -> datetime.datetime | None:
    return (override.closes_at if override and override.closes_at else None) or assessment.closes_at


def attempts_allowed(assessment: Assessment, override) -> int | None:
    if assessment.attempts_allowed == 0:
        return None
    return assessment.attempts_allowed + (override.extra_attempts if override else 0)


def _draw_questions(assessment: Assessment, rng: random.Random) -> list[Question]:
    fixed = list(assessment.questions.order_by("assessmentquestion__sort_order", "pk"))
    drawn = []
    if assessment.random_bank_id and assessment.random_count:
        pool = Question.objects.filter(bank_id=assessment.random_bank_id).exclude(
            pk__in=[q.pk for q in fixed]
        )
        if assessment.random_difficulty:
            pool = pool.filter(difficulty=assessment.random_difficulty)
        if assessment.random_tag:
            pool = pool.filter(tags__icontains=assessment.random_tag)
        pool = list(pool.order_by("pk"))
        drawn = rng.sample(pool, min(assessment.random_count, len(pool)))
    questions = fixed + drawn
    if assessment.shuffle_questions:
        rng.shuffle(questions)
    return questions


def start_attempt(*, assessment: Assessment, user, now=None) -> Attempt:
    """The open attempt to resume, or a new one if the rules allow it."""
    now = now or timezone.now()
    open_attempt = Attempt.objects.filter(
        assessment=assessment, user=user, status=AttemptStatus.IN_PROGRESS
    ).first()
    if open_attempt:
        if not (open_attempt.deadline and now > open_attempt.deadline):
            return open_attempt
        # Time ran out while away: submit it as it stood (committed), then go on.
        submit_attempt(attempt=open_attempt, now=now, timed_out=True)
    return _new_attempt(assessment=assessment, user=user, now=now)


@transaction.atomic
def _new_attempt(*, assessment: Assessment, user, now) -> Attempt:
    override = _override(assessment, user)
    if assessment.opens_at and now < assessment.opens_at:
        raise AssessmentError(_("This assessment has not opened yet."))
    closes = closes_at_for(assessment, override)
    if closes and now >= closes:
        raise AssessmentError(_("This assessment is closed."))
    used = (
        Attempt.objects.filter(assessment=assessment, user=user).aggregate(n=Max("number"))["n"]
        or 0
    )
    allowed = attempts_allowed(assessment, override)
    if allowed is not None and used >= allowed:
        raise AssessmentError(_("You have used all %(n)d attempts.") % {"n": allowed})
    rng = random.Random(f"{assessment.pk}:{user.pk}:{used + 1}")  # reproducible per attempt
    questions = _draw_questions(assessment, rng)
    if not questions:
        raise AssessmentError(_("This assessment has no questions yet."))
    option_orders = {}
    for question in questions:
        ids = question.option_ids()
        if assessment.shuffle_options and question.type != "ordering":
            rng.shuffle(ids)
        elif question.type == "ordering":
            rng.shuffle(ids)  # an ordering question must not show the answer
        option_orders[str(question.pk)] = ids
    deadline = None
    if assessment.time_limit_minutes:
        factor = max(Decimal("1"), Decimal(str(user.extra_time_factor or 1)))
        if override:
            factor *= max(Decimal("1"), override.time_factor)
        deadline = now + datetime.timedelta(minutes=float(assessment.time_limit_minutes * factor))
        if closes:
            deadline = min(deadline, closes)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                assessment=assessment,
                user=user,
                number=used + 1,
                started_at=now,
                deadline=deadline,
                question_ids=[q.pk for q in questions],
                option_orders=option_orders,
            )
    except IntegrityError as exc:  # a double click started it already
        raise AssessmentError(_("An attempt is already open.")) from exc
    record_audit(
        actor=user, action="attempt.started", obj=attempt, to_state=AttemptStatus.IN_PROGRESS
    )
    return attempt


def save_answers(*, attempt: Attempt, user, answers: dict, now=None) -> Attempt:
    """Store responses (merged into what is saved). After the deadline the attempt is
    submitted as it stood and the late answers are refused."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.user_id != user.pk:
            raise AssessmentError(_("This is not your attempt."))
        if attempt.status != AttemptStatus.IN_PROGRESS:
            raise AssessmentError(_("This attempt is already submitted."))
        late = bool(attempt.deadline and now > attempt.deadline)
        if not late:
            allowed = {str(pk) for pk in attempt.question_ids}
            if set(map(str, answers)) - allowed:
                raise AssessmentError(_("Answers to questions that are not in this attempt."))
            attempt.answers = {**attempt.answers, **{str(k): v for k, v in answers.items()}}
            attempt.save(update_fields=["answers"])
            return attempt
    submit_attempt(attempt=attempt, now=now, timed_out=True)  # committed before refusing
    raise AssessmentError(_("Time is up: the attempt was submitted with the answers saved before."))


@transaction.atomic
def submit_attempt(*, attempt: Attempt, user=None, now=None, timed_out: bool = False) -> Attempt:
    now = now or timezone.now()
    attempt = Attempt.objects.select_for_update().select_related("assessment").get(pk=attempt.pk)
    if user is not None and attempt.user_id != user.pk:
        raise AssessmentError(_("This is not your attempt."))
    if attempt.status != AttemptStatus.IN_PROGRESS:
        return attempt
    questions = {q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids)}
    score = Decimal("0")
    max_score = Decimal("0")
    for pk in attempt.question_ids:
        question = questions.get(pk)
        if question is None:
            continue
        max_score += question.marks
        earned = grading.fraction(question.type, question.key, attempt.answers.get(str(pk)))
        score += question.marks * Decimal(str(earned))
    attempt.score = score.quantize(Decimal("0.01"))
    attempt.max_score = max_score
    attempt.percent = (
        (100 * score / max_score).quantize(Decimal("0.01")) if max_score else Decimal("0")
    )
    attempt.passed = attempt.percent >= attempt.assessment.pass_mark
    late = timed_out or bool(attempt.deadline and now > attempt.deadline)
    attempt.status = AttemptStatus.TIMED_OUT if late else AttemptStatus.SUBMITTED
    attempt.submitted_at = min(now, attempt.deadline) if late and attempt.deadline else now
    attempt.save()
    record_audit(
        actor=None if late else attempt.user,
        action="attempt.submitted",
        obj=attempt,
        from_state=AttemptStatus.IN_PROGRESS,
        to_state=attempt.status,
        data={"percent": str(attempt.percent)},
    )
    return attempt


def submit_overdue(*, now=None) -> int:
    """Auto-submit every attempt whose deadline has passed (Celery beat, every minute)."""
    now = now or timezone.now()
    overdue = Attempt.objects.filter(
        status=AttemptStatus.IN_PROGRESS, deadline__lt=now
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(overdue):
        submit_attempt(attempt=Attempt(pk=pk), now=now, timed_out=True)
        count += 1
    return count


def result_for(*, assessment: Assessment, user) -> dict:
    """The grade by the assessment's method over submitted attempts, and pass/fail."""
    percents = [
        float(p)
        for p in Attempt.objects.filter(assessment=assessment, user=user)
        .exclude(status=AttemptStatus.IN_PROGRESS)
        .order_by("number")
        .values_list("percent", flat=True)
    ]
    final = grading.final_grade(percents, assessment.grading_method)
    return {
        "attempts": len(percents),
        "grade": final,
        "passed": None if final is None else final >= assessment.pass_mark,
    }


def can_review(*, attempt: Attempt, now=None) -> bool:
    """Whether answers and feedback may be shown for this attempt now."""
    from .enums import ReviewPolicy

    now = now or timezone.now()
    policy = attempt.assessment.review_policy
    if attempt.status == AttemptStatus.IN_PROGRESS or policy == ReviewPolicy.NEVER:
        return False
    if policy == ReviewPolicy.AFTER_CLOSE:
        return bool(attempt.assessment.closes_at and now >= attempt.assessment.closes_at)
    return True
