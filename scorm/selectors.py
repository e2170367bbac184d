"""Reads of the SCORM app."""

from django.contrib.auth import get_user_model

from courses import selectors as course_selectors
from lms.core.languages import canonical
from lms.core.roles import is_staff_author

from .models import ScormAttempt, ScormLessonPage, ScormPackage
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
