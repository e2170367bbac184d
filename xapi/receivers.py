"""What becomes a learning record: receivers of the lower apps' signals (all sent after
commit), each reading the event's rows and recording one statement (``services.record``).
Each event's key (its statement id) holds the row's id and creation time, so the same event
is one statement however often it is announced, and a database restored or rebuilt later
cannot reuse an id the store already holds for another event.
While xAPI is off (no ``XAPI_ENDPOINT``) they return at once: no query, nothing stored."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt
from assessments.signals import attempt_started, attempt_submitted
from certificates.models import Certificate
from certificates.signals import certificate_issued
from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from courses.signals import course_completed, enrolled, lesson_completed, lesson_launched
from nominations.enums import NominationState
from nominations.models import Nomination
from nominations.signals import nomination_changed
from scorm.enums import LessonStatus
from scorm.models import ScormAttempt
from scorm.signals import attempt_result
from simulator.enums import SessionStatus
from simulator.models import PracticeSession
from simulator.signals import session_finished

from . import services
from . import statements as build
from .enums import ActivityType


def _url(name: str, *args) -> str:
    return services.site() + reverse(name, args=args)


# ------------------------------------------------------------------ activities
def page_activity(page, kind: str) -> dict:
    """A course or lesson, by the page's id (its address may change; this one does not)."""
    return build.activity(id=_url("xapi:page_activity", page.pk), name=page.title, type=kind)


def course_activity(course) -> dict:
    return page_activity(course, ActivityType.COURSE)


def programme_activity(programme) -> dict:
    return build.activity(
        id=_url("programmes:detail", programme.pk),
        name=programme.title,
        type=ActivityType.MEETING,
        description=programme.code,
    )


def assessment_activity(assessment) -> dict:
    return build.activity(
        id=_url("assessments:detail", assessment.pk),
        name=assessment.title,
        type=ActivityType.ASSESSMENT,
        description=assessment.get_kind_display(),
    )


def scenario_activity(scenario) -> dict:
    return build.activity(
        id=_url("xapi:scenario_activity", scenario.code),
        name=scenario.title,
        type=ActivityType.SIMULATION,
    )


def certificate_activity(certificate) -> dict:
    return build.activity(
        id=_url("verify", certificate.serial),
        name=certificate.course_title,
        type=build.activity_type(site=services.site(), kind=ActivityType.CERTIFICATE),
        description=certificate.number,
    )


# ------------------------------------------------------------------ receivers
def _record_enrolment(enrolment_id, *, verb: str, completed: bool) -> None:
    """Registered in (``completed=False``) or completed an online course: one statement per
    enrolment and verb."""
    if not services.enabled():
        return
    enrolment = Enrolment.objects.select_related("user", "course", "department").get(
        pk=enrolment_id
    )
    services.record(
        user=enrolment.user,
        verb=verb,
        object=course_activity(enrolment.course),
        key=f"enrolment:{enrolment.pk}:{enrolment.enrolled_at.isoformat()}:{verb}",
        result=build.result(completion=True) if completed else None,
        department=enrolment.department,
        timestamp=enrolment.completed_at if completed else enrolment.enrolled_at,
    )


def on_enrolled(sender, enrolment_id, **kwargs):
    _record_enrolment(enrolment_id, verb="registered", completed=False)


def on_lesson_launched(sender, user_id, lesson_id, course_id, at, **kwargs):
    if not services.enabled():
        return
    user = get_user_model().objects.select_related("department").get(pk=user_id)
    lesson = LessonPage.objects.get(pk=lesson_id)
    course = CoursePage.objects.get(pk=course_id)
    services.record(
        user=user,
        verb="launched",
        object=page_activity(lesson, ActivityType.LESSON),
        key=f"lesson:{lesson_id}:launched:{user_id}:{at.isoformat()}",
        parent=[course_activity(course)],
        timestamp=at,
    )


def on_lesson_completed(sender, user_id, lesson_id, course_id, **kwargs):
    if not services.enabled():
        return
    completion = LessonCompletion.objects.select_related("user__department", "lesson").get(
        user_id=user_id, lesson_id=lesson_id
    )
    course = CoursePage.objects.get(pk=course_id)
    services.record(
        user=completion.user,
        verb="completed",
        object=page_activity(completion.lesson, ActivityType.LESSON),
        key=f"lesson:{lesson_id}:completed:{user_id}:{completion.completed_at.isoformat()}",
        result=build.result(completion=True),
        parent=[course_activity(course)],
        timestamp=completion.completed_at,
    )


def on_scorm_result(sender, attempt_id, status, **kwargs):
    """A SCORM lesson's result: passed, failed or completed, with the score as the package
    reported it (raw on its min..max), success when it says passed or failed, and the
    learner's total time. One statement per result: the same result committed again is the
    same statement; a better score later is a new one."""
    if not services.enabled():
        return
    attempt = ScormAttempt.objects.select_related("user__department", "lesson").get(pk=attempt_id)
    lesson = attempt.lesson
    course = CoursePage.objects.ancestor_of(lesson).first()
    status = attempt.lesson_status
    scored = attempt.score_raw is not None
    success = {LessonStatus.PASSED: True, LessonStatus.FAILED: False}.get(status)
    low = attempt.score_min if attempt.score_min is not None else 0
    high = attempt.score_max if attempt.score_max is not None else 100
    services.record(
        user=attempt.user,
        verb=status,
        object=page_activity(lesson, ActivityType.LESSON),
        key=(
            f"scorm-attempt:{attempt.pk}:{attempt.started_at.isoformat()}:{status}:"
            f"{attempt.score_raw}/{attempt.score_min}/{attempt.score_max}"
        ),
        result=build.result(
            raw=attempt.score_raw if scored and high > low else None,
            min=low,
            max=high,
            success=success,
            completion=status != LessonStatus.FAILED,
            duration_centis=attempt.total_centis,
        ),
        parent=[course_activity(course)] if course else [],
        timestamp=attempt.updated_at,
    )


def on_course_completed(sender, enrolment_id, **kwargs):
    _record_enrolment(enrolment_id, verb="completed", completed=True)


def _attempt(attempt_id) -> Attempt:
    return Attempt.objects.select_related(
        "user__department", "assessment__course", "assessment__module"
    ).get(pk=attempt_id)


def _attempt_context(attempt) -> dict:
    assessment = attempt.assessment
    grouping = [page_activity(assessment.module, ActivityType.MODULE)] if assessment.module else []
    return {"parent": [course_activity(assessment.course)], "grouping": grouping}


def on_attempt_started(sender, attempt_id, **kwargs):
    if not services.enabled():
        return
    attempt = _attempt(attempt_id)
    services.record(
        user=attempt.user,
        verb="attempted",
        object=assessment_activity(attempt.assessment),
        key=f"attempt:{attempt.pk}:{attempt.started_at.isoformat()}:attempted",
        timestamp=attempt.started_at,
        **_attempt_context(attempt),
    )


def on_attempt_submitted(sender, attempt_id, **kwargs):
    if not services.enabled():
        return
    attempt = _attempt(attempt_id)
    services.record(
        user=attempt.user,
        verb="passed" if attempt.passed else "failed",
        object=assessment_activity(attempt.assessment),
        key=f"attempt:{attempt.pk}:{attempt.started_at.isoformat()}:result",
        result=build.result(
            raw=attempt.score,
            max=attempt.max_score,
            success=bool(attempt.passed),
            completion=True,
        ),
        timestamp=attempt.submitted_at,
        **_attempt_context(attempt),
    )


def on_nomination_changed(sender, nomination_id, to_state, **kwargs):
    """Approved (a seat on a programme): registered; attended once finalised: attended."""
    if not services.enabled() or to_state not in (
        NominationState.APPROVED,
        NominationState.ATTENDED,
    ):
        return
    nomination = Nomination.objects.select_related(
        "officer", "programme__course", "department"
    ).get(pk=nomination_id)
    attended = to_state == NominationState.ATTENDED
    services.record(
        user=nomination.officer,
        verb="attended" if attended else "registered",
        object=programme_activity(nomination.programme),
        key=f"nomination:{nomination.pk}:{nomination.created_at.isoformat()}:{to_state}",
        result=build.result(completion=True) if attended else None,
        parent=[course_activity(nomination.programme.course)],
        department=nomination.department,
        timestamp=nomination.state_changed_at,
    )


def on_certificate_issued(sender, certificate_id, **kwargs):
    if not services.enabled():
        return
    certificate = Certificate.objects.select_related(
        "holder__department", "course", "programme"
    ).get(pk=certificate_id)
    parent = (
        [programme_activity(certificate.programme)]
        if certificate.programme
        else [course_activity(certificate.course)]
    )
    grouping = [course_activity(certificate.course)] if certificate.programme else []
    services.record(
        user=certificate.holder,
        verb="earned",
        object=certificate_activity(certificate),
        key=f"certificate:{certificate.serial}:earned",
        parent=parent,
        grouping=grouping,
        timestamp=timezone.now(),
    )


def on_session_finished(sender, session_id, status, **kwargs):
    """A scenario played to the end and scored (an abandoned session is not completed)."""
    if not services.enabled() or status != SessionStatus.FINISHED:
        return
    session = PracticeSession.objects.select_related("trainee__department", "scenario").get(
        pk=session_id
    )
    services.record(
        user=session.trainee,
        verb="completed",
        object=scenario_activity(session.scenario),
        key=f"practice-session:{session.pk}:{session.started_at.isoformat()}:completed",
        result=build.result(raw=session.score or 0, max=100, completion=True),
        timestamp=session.finished_at,
    )


RECEIVERS = [
    (enrolled, on_enrolled),
    (lesson_launched, on_lesson_launched),
    (lesson_completed, on_lesson_completed),
    (course_completed, on_course_completed),
    (attempt_result, on_scorm_result),
    (attempt_started, on_attempt_started),
    (attempt_submitted, on_attempt_submitted),
    (nomination_changed, on_nomination_changed),
    (certificate_issued, on_certificate_issued),
    (session_finished, on_session_finished),
]


def connect() -> None:
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"xapi.{receiver.__name__}")
