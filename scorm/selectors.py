"""Reads of the SCORM app."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from wagtail.models import Page

from courses import selectors as course_selectors
from lms.core.languages import active_locale_id, canonical
from lms.core.roles import is_staff_author

from .enums import LessonStatus
from .models import ScormAttempt, ScormLessonPage, ScormPackage, score_percent
from .tokens import ContentClaim


def package_for(claim: ContentClaim) -> ScormPackage | None:
    """The package a content token opens, or None when its holder may no longer open it:
    an inactive account; a learner not enrolled in the course of the lesson named, or a
    lesson that is not live or does not play this package (staff authors may preview any
    package). Three queries at most."""
    user = get_user_model().objects.filter(pk=claim.user_id, is_active=True).first()
    package = ScormPackage.objects.filter(key=claim.package_key).first()
    if user is None or package is None:
        return None
    if is_staff_author(user):
        return package
    lesson = ScormLessonPage.objects.live().filter(pk=claim.lesson_id, package=package).first()
    if lesson is None:
        return None
    course = canonical(course_selectors.course_of_lesson(lesson))
    return package if course_selectors.can_open_lesson(user=user, course=course) else None


def attempt_of(*, user, lesson) -> ScormAttempt | None:
    """``user``'s first attempt at SCORM ``lesson`` (kept on the English lesson)."""
    if not user.is_authenticated:
        return None
    return ScormAttempt.objects.filter(user=user, lesson_id=canonical(lesson).pk, number=1).first()


def learner_and_attempt(claim: ContentClaim) -> tuple:
    """The learner a content token names and their attempt at its lesson (None for a
    staff preview, which starts afresh)."""
    user = get_user_model().objects.filter(pk=claim.user_id, is_active=True).first()
    attempt = (
        ScormAttempt.objects.filter(user=user, lesson_id=claim.lesson_id, number=1).first()
        if user is not None
        else None
    )
    return user, attempt


@dataclass(frozen=True)
class LessonResult:
    """A learner's result on one SCORM lesson, as My learning lists it."""

    lesson_id: int
    title: str
    status: str
    score_raw: Decimal | None
    score_max: Decimal | None
    percent: Decimal | None

    @property
    def status_label(self) -> str:
        return LessonStatus(self.status).label


def lesson_results(*, user, courses) -> dict[int, list[LessonResult]]:
    """{course id: [LessonResult, ...]} for ``user``'s attempts at the live SCORM lessons
    of ``courses`` (English or Hindi pages; results are kept on the English lesson), in
    outline order, titles in the language being shown. Two queries however many courses
    and lessons."""
    by_path = {canonical(course).path: course.pk for course in courses}
    if not by_path or not user.is_authenticated:
        return {}
    attempts = list(
        ScormAttempt.objects.filter(user=user, number=1, lesson__live=True)
        .select_related("lesson")
        .only(
            "lesson_status",
            "score_raw",
            "score_min",
            "score_max",
            "lesson__path",
            "lesson__title",
            "lesson__translation_key",
        )
        .order_by("lesson__path")
    )
    steplen = Page.steplen
    # A lesson sits two levels under its course (course > module > lesson).
    attempts = [a for a in attempts if a.lesson.path[: -2 * steplen] in by_path]
    titles = (
        dict(
            Page.objects.filter(
                translation_key__in=[a.lesson.translation_key for a in attempts],
                locale_id=active_locale_id(),
                live=True,
            ).values_list("translation_key", "title")
        )
        if attempts
        else {}
    )
    results: dict[int, list[LessonResult]] = {}
    for attempt in attempts:
        lesson = attempt.lesson
        results.setdefault(by_path[lesson.path[: -2 * steplen]], []).append(
            LessonResult(
                lesson_id=lesson.pk,
                title=titles.get(lesson.translation_key, lesson.title),
                status=attempt.lesson_status,
                score_raw=attempt.score_raw,
                score_max=attempt.score_max,
                percent=attempt.score_percent,
            )
        )
    return results


def scored_lessons(course) -> list[int]:
    """The ids of the live SCORM lessons of ``course`` a learner must complete (English
    lessons, where attempts are kept; in a live module). One query."""
    return list(
        course_selectors.live_lessons()
        .filter(
            pk__in=ScormLessonPage.objects.values("pk"),
            path__startswith=canonical(course).path,
        )
        .values_list("pk", flat=True)
    )


def score_passes(*, course, officer_ids, min_score) -> set[int]:
    """The officers among ``officer_ids`` whose score is at least ``min_score`` percent on
    every live SCORM lesson of ``course`` (all of them when it has none). Two queries for
    the whole roll."""
    lessons = scored_lessons(course)
    officers = set(officer_ids)
    if not lessons:
        return officers
    threshold = Decimal(min_score)
    best: dict[tuple, Decimal] = {}
    rows = ScormAttempt.objects.filter(
        user_id__in=officers, lesson_id__in=lessons, score_raw__isnull=False
    ).values_list("user_id", "lesson_id", "score_raw", "score_min", "score_max")
    for user_id, lesson_id, raw, low, high in rows:
        percent = score_percent(raw, low, high)
        if percent > best.get((user_id, lesson_id), Decimal(-1)):
            best[user_id, lesson_id] = percent
    return {
        officer
        for officer in officers
        if all(best.get((officer, lesson), Decimal(-1)) >= threshold for lesson in lessons)
    }
