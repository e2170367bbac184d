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

from courses.enums import ProgrammeMode, ProgrammeStatus
from courses.models import Enrolment
from lms.core.errors import DomainError
from lms.core.services import record_audit
from lms.core.signals import send_after_commit
from nominations.enums import NominationState
from nominations.models import Nomination

from . import grading, signals
from .enums import AttemptStatus, ReviewPolicy
from .models import AccessOverride, Assessment, Attempt, FeedbackResponse, Question, QuestionBank
from .question_import import check_rows

# A save that reaches the server within this long after the deadline (a slow network, the
# page's own final save at zero) counts as made at the deadline; later ones are refused.
SAVE_GRACE = datetime.timedelta(seconds=5)


class AssessmentError(DomainError):
    """An attempt action the rules refuse."""


def _override(assessment: Assessment, user) -> AccessOverride | None:
    personal = assessment.overrides.filter(user=user).first()
    if personal:
        return personal

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
    send_after_commit(signals.attempt_started, sender=Attempt, attempt_id=attempt.pk)
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
    send_after_commit(signals.attempt_submitted, sender=Attempt, attempt_id=attempt.pk)
    return attempt


def submit_overdue(*, now=None) -> int:
    """Auto-submit every attempt whose deadline (plus the save grace, so that a final save
    still in flight is kept) has passed (Celery beat, every minute)."""
    now = now or timezone.now()
    overdue = Attempt.objects.filter(
        status=AttemptStatus.IN_PROGRESS, deadline__lt=now - SAVE_GRACE
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
    now = now or timezone.now()
    policy = attempt.assessment.review_policy
    if attempt.status == AttemptStatus.IN_PROGRESS or policy == ReviewPolicy.NEVER:
        return False
    if policy == ReviewPolicy.AFTER_CLOSE:
        return bool(attempt.assessment.closes_at and now >= attempt.assessment.closes_at)
    return True


# ------------------------------------------------------------------ feedback survey
def feedback_items(*, programme=None) -> tuple[str, ...]:
    """The Likert items a survey asks: every programme asks content, trainer, relevance and
    overall, plus venue unless it is online; a course-level survey (a self-paced online
    course) has neither trainer nor venue."""
    if programme is None:
        return ("content", "relevance", "overall")
    if programme.mode == ProgrammeMode.ONLINE:
        return ("content", "trainer", "relevance", "overall")
    return ("content", "trainer", "relevance", "venue", "overall")


def venue_optional(*, programme) -> bool:
    """A hybrid programme's respondent may answer "not applicable" for the venue."""
    return programme is not None and programme.mode == ProgrammeMode.HYBRID


def feedback_refusal(*, user, programme=None, course=None, today=None) -> str | None:
    """Why ``user`` may not answer the survey, or None when they may. A programme's
    survey: an officer whose nomination is attended, or confirmed once the programme has
    started. A course's survey: a trainee enrolled in the course who has completed it."""
    today = today or timezone.localdate()
    if not getattr(user, "is_authenticated", False):
        return _("Sign in to give feedback.")
    if programme is not None:
        if programme.status == ProgrammeStatus.CANCELLED:
            return _("This programme was cancelled.")
        state = (
            Nomination.objects.filter(
                programme=programme,
                officer=user,
                state__in=(NominationState.ATTENDED, NominationState.CONFIRMED),
            )
            .values_list("state", flat=True)
            .first()
        )
        if state is None:
            return _("Only officers who took part in this programme can give feedback on it.")
        if state == NominationState.CONFIRMED and programme.starts_on > today:
            return _("Feedback opens when the programme starts.")
        done = FeedbackResponse.objects.filter(programme=programme, respondent=user)
    else:
        if course is None:
            return _("Choose a programme or a course.")
        if not Enrolment.objects.filter(
            user=user, course=course, completed_at__isnull=False
        ).exists():
            return _("Only trainees who have completed this course can give feedback on it.")
        done = FeedbackResponse.objects.filter(
            course=course, programme__isnull=True, respondent=user
        )
    if done.exists():
        return _("You have already given feedback. Thank you.")
    return None


def _rating(name: str, value, *, required: bool):
    if value in (None, ""):
        if required:
            label = FeedbackResponse._meta.get_field(name).verbose_name
            raise AssessmentError(_("Rate this statement from 1 to 5: %(item)s.") % {"item": label})
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise AssessmentError(_("Ratings are whole numbers from 1 to 5."))
    try:
        number = int(value)
    except ValueError as exc:
        raise AssessmentError(_("Ratings are whole numbers from 1 to 5.")) from exc
    if not 1 <= number <= 5:
        raise AssessmentError(_("Ratings are whole numbers from 1 to 5."))
    return number


@transaction.atomic
def submit_feedback(
    *,
    user,
    programme=None,
    course=None,
    ratings: dict,
    what_worked: str = "",
    what_to_improve: str = "",
    today=None,
):
    """Record one reaction survey: for ``programme`` (its course is implied) or, without a
    programme, for the online ``course``. ``ratings`` maps item -> 1..5 for the items
    ``feedback_items`` asks (venue may be None for a hybrid programme). A second response,
    an item the survey does not ask, and anyone ``feedback_refusal`` turns away are refused
    with ``AssessmentError``. The audit row names the programme or course, not the
    response, so that the log cannot pair a person with what they said."""
    if programme is not None:
        if course is not None and course.pk != programme.course_id:
            raise AssessmentError(_("This programme is not a delivery of that course."))
        course = programme.course
    refusal = feedback_refusal(user=user, programme=programme, course=course, today=today)
    if refusal:
        raise AssessmentError(refusal)
    asked = feedback_items(programme=programme)
    unknown = set(ratings) - set(asked)
    if unknown:
        raise AssessmentError(
            _("This survey does not ask about: %(items)s.") % {"items": ", ".join(sorted(unknown))}
        )
    values = {
        item: _rating(
            item,
            ratings.get(item),
            required=not (item == "venue" and venue_optional(programme=programme)),
        )
        for item in asked
    }
    texts = {"what_worked": what_worked, "what_to_improve": what_to_improve}
    for name, text in texts.items():
        if not isinstance(text, str):
            raise AssessmentError(_("Comments must be text."))
        texts[name] = text.strip()
        if len(texts[name]) > 2000:
            raise AssessmentError(_("Keep each comment under 2000 characters."))
    try:
        with transaction.atomic():
            response = FeedbackResponse.objects.create(
                programme=programme, course=course, respondent=user, **values, **texts
            )
    except IntegrityError as exc:  # a double submit raced past the check
        raise AssessmentError(_("You have already given feedback. Thank you.")) from exc
    record_audit(
        actor=user,
        action="feedback.submitted",
        obj=programme if programme is not None else course,
    )
    return response


# ------------------------------------------------------------------ importing
@transaction.atomic
def import_questions(*, bank, rows: list[dict], actor) -> list[Question]:
    """Create every row's question (rows read by ``question_import.read_rows``) in ``bank``,
    or none: the rows are checked again and any error refuses the whole file. One audit
    row names the bank and the count."""
    bank = QuestionBank.objects.select_for_update().get(pk=bank.pk)  # one import at a time
    checked = check_rows(bank=bank, rows=rows)
    bad = [row for row in checked if not row.ok]
    if bad:
        raise AssessmentError(
            _("Row %(n)d: %(error)s") % {"n": bad[0].number, "error": bad[0].errors[0]}
        )
    questions = []
    for row in checked:
        question = Question(bank=bank, **row.values)
        question.full_clean(exclude=["bank"])
        questions.append(question)
    created = Question.objects.bulk_create(questions)
    record_audit(
        actor=actor,
        action="questions.imported",
        obj=bank,
        data={"count": len(created)},
    )
    return created
