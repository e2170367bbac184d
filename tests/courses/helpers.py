"""Small shared helpers for the courses tests (fixtures live in the root conftest)."""

from courses.models import LessonPage, ModulePage


def lessons_of(course):
    """The course's live lessons in tree (reading) order."""
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def modules_of(course):
    return list(ModulePage.objects.child_of(course).order_by("path"))
