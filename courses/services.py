"""Every write on the learner side: enrolment, lesson visits and completions."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import DomainError
from lms.core.languages import canonical
from lms.core.services import notify, record_audit
from lms.core.signals import send_after_commit

from . import signals
from .enums import EnrolmentSource
from .models import CoursePage, Enrolment, LessonCompletion, LessonPage
from .selectors import course_of_lesson, live_lessons

# A repeat view of the lesson one is on refreshes its last activity at most this often.
VISIT_REFRESH = datetime.timedelta(minutes=10)


class CourseError(DomainError):
    """A learner action the rules do not allow; the message is shown to the user."""


@transaction.atomic
def enrol(*, user, course: CoursePage, source: str = EnrolmentSource.SELF) -> Enrolment:
    """Enrol ``user`` in ``course``. Enrolling twice returns the existing enrolment. The
    enrolment is kept on the English version of a course enrolled in from its Hindi page."""
    course = canonical(course)
    if not user.is_authenticated or not user.is_active:
        raise CourseError(_("Sign in to enrol."))
    if not course.live:
        raise CourseError(_("This course is not published."))
    if source == EnrolmentSource.SELF and not course.self_enrolment:
        raise CourseError(
            _("This course is taught in scheduled programmes only; ask your HOD for a nomination.")
        )
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(user=user, course=course, source=source)
    except IntegrityError:  # a concurrent request enrolled first
        return Enrolment.objects.get(user=user, course=course)
    record_audit(actor=user, action="course.enrolled", obj=enrolment, to_state="enrolled")
    notify(recipient=user, template="enrolled", context={"course": course})
    send_after_commit(
        signals.enrolled,
        sender=Enrolment,
        enrolment_id=enrolment.pk,
        user_id=user.pk,
        course_id=course.pk,
        source=source,
    )
    return enrolment


def record_lesson_visit(
    *, user, lesson: LessonPage, course: CoursePage, place: dict | None = None
) -> bool:
    """Remember the lesson as the place to continue from (one UPDATE, no read). ``place``
    is the enrolment as the caller read it (``selectors.lesson_place``): when the lesson is
    already the place to continue from and was opened less than ``VISIT_REFRESH`` ago, a
    repeat view, nothing is written. Returns whether it wrote."""
    now = timezone.now()
    if (
        place is not None
        and place["last_lesson_id"] == lesson.pk
        and place["last_activity_at"] is not None
        and now - place["last_activity_at"] < VISIT_REFRESH
    ):
        return False
    Enrolment.objects.filter(user=user, course=course).update(
        last_lesson=lesson, last_activity_at=now
    )
    send_after_commit(
        signals.lesson_launched,
        sender=LessonPage,
        user_id=user.pk,
        lesson_id=lesson.pk,
        course_id=course.pk,
        at=now,
    )
    return True


@transaction.atomic
def complete_lesson(*, user, lesson: LessonPage) -> tuple[LessonCompletion, bool]:
    """Mark ``lesson`` done for ``user``. Returns the completion and whether this completed
    the course. Completing a lesson twice changes nothing. A Hindi lesson is recorded on
    its English version."""
    lesson = canonical(lesson)
    if not lesson.live:
        raise CourseError(_("This lesson is not published."))
    course = course_of_lesson(lesson)
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course).first()
    if enrolment is None:
        raise CourseError(_("Enrol in the course before completing its lessons."))
    completion, created = LessonCompletion.objects.get_or_create(user=user, lesson=lesson)
    now = timezone.now()
    enrolment.last_lesson = lesson
    enrolment.last_activity_at = now
    course_completed = False
    if enrolment.completed_at is None:
        live = live_lessons().descendant_of(course)
        remaining = live.exclude(completions__user=user).exists()
        if not remaining:
            enrolment.completed_at = now
            course_completed = True
    enrolment.save(update_fields=["last_lesson", "last_activity_at", "completed_at"])
    if created:
        record_audit(actor=user, action="lesson.completed", obj=lesson, to_state="completed")
        send_after_commit(
            signals.lesson_completed,
            sender=LessonPage,
            user_id=user.pk,
            lesson_id=lesson.pk,
            course_id=course.pk,
        )
    if course_completed:
        record_audit(
            actor=user,
            action="course.completed",
            obj=enrolment,
            from_state="enrolled",
            to_state="completed",
        )
        notify(recipient=user, template="course_completed", context={"course": course})
        send_after_commit(
            signals.course_completed,
            sender=Enrolment,
            enrolment_id=enrolment.pk,
            user_id=user.pk,
            course_id=course.pk,
            source=enrolment.source,
        )
    return completion, course_completed
