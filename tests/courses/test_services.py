"""courses.services: enrol, record_lesson_visit and complete_lesson."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from courses import services
from courses.enums import EnrolmentSource
from courses.models import Enrolment, LessonCompletion
from lms.core.models import AuditEntry
from lms.core.roles import Role
from tests.factories import CourseFactory, LessonFactory, build_course, make_user

from .helpers import lessons_of, modules_of

pytestmark = pytest.mark.django_db


def subjects(mailoutbox):
    return [message.subject for message in mailoutbox]


# ------------------------------------------------------------------ enrol
def test_enrol_creates_enrolment_audit_row_and_one_email_after_commit(
    trainee, mailoutbox, django_capture_on_commit_callbacks
):
    course = build_course(title="Citizen charter basics")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enrolment = services.enrol(user=trainee, course=course)
        assert mailoutbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 2  # the email, and the signal ``courses.signals.enrolled``

    enrolment.refresh_from_db()
    assert (enrolment.user, enrolment.course_id) == (trainee, course.pk)
    assert enrolment.source == EnrolmentSource.SELF
    assert enrolment.completed_at is None and enrolment.last_lesson is None

    audit = AuditEntry.objects.get(action="course.enrolled")
    assert audit.actor == trainee
    assert audit.content_type == ContentType.objects.get_for_model(Enrolment)
    assert audit.object_id == str(enrolment.pk)
    assert audit.to_state == "enrolled"

    assert subjects(mailoutbox) == ["Enrolled: Citizen charter basics"]
    assert mailoutbox[0].to == [trainee.email]
    assert "Citizen charter basics" in mailoutbox[0].body


def test_enrolling_twice_returns_the_same_row_and_sends_no_second_email(
    trainee, mailoutbox, django_capture_on_commit_callbacks
):
    course = build_course()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.enrol(user=trainee, course=course)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = services.enrol(user=trainee, course=course)
    assert second.pk == first.pk
    assert callbacks == []
    assert Enrolment.objects.filter(user=trainee, course=course).count() == 1
    assert AuditEntry.objects.filter(action="course.enrolled").count() == 1
    assert len(mailoutbox) == 1


def test_enrol_sends_nothing_when_the_surrounding_transaction_rolls_back(trainee, mailoutbox):
    course = build_course()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.enrol(user=trainee, course=course)
        raise RuntimeError("rolled back")
    assert not Enrolment.objects.exists()
    assert not AuditEntry.objects.filter(action="course.enrolled").exists()
    assert mailoutbox == []


def test_anonymous_user_cannot_enrol():
    course = build_course()
    with pytest.raises(services.CourseError, match="Sign in"):
        services.enrol(user=AnonymousUser(), course=course)
    assert not Enrolment.objects.exists()


def test_inactive_user_cannot_enrol(trainee, mailoutbox):
    course = build_course()
    trainee.is_active = False
    trainee.save(update_fields=["is_active"])
    with pytest.raises(services.CourseError, match="Sign in"):
        services.enrol(user=trainee, course=course)
    assert not Enrolment.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("how", ["never published", "unpublished"])
def test_unpublished_course_is_refused(trainee, how):
    if how == "never published":
        course = CourseFactory(live=False)
    else:
        course = build_course()
        course.unpublish()
        course.refresh_from_db()
    assert course.live is False
    with pytest.raises(services.CourseError, match="not published"):
        services.enrol(user=trainee, course=course)
    with pytest.raises(services.CourseError, match="not published"):
        services.enrol(user=trainee, course=course, source=EnrolmentSource.NOMINATION)
    assert not Enrolment.objects.exists()


def test_programme_only_course_refuses_self_enrolment_but_accepts_a_nomination(
    trainee, mailoutbox, django_capture_on_commit_callbacks
):
    course = build_course(self_enrolment=False)
    with pytest.raises(services.CourseError, match="scheduled programmes only"):
        services.enrol(user=trainee, course=course)
    with pytest.raises(services.CourseError):
        services.enrol(user=trainee, course=course, source=EnrolmentSource.SELF)
    assert not Enrolment.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrol(user=trainee, course=course, source="nomination")
    assert enrolment.source == EnrolmentSource.NOMINATION
    assert Enrolment.objects.get().pk == enrolment.pk
    assert len(mailoutbox) == 1


def test_cell_enrolment_of_a_programme_only_course_is_allowed(trainee):
    course = build_course(self_enrolment=False)
    enrolment = services.enrol(user=trainee, course=course, source=EnrolmentSource.CELL)
    assert enrolment.source == EnrolmentSource.CELL


# ------------------------------------------------------------------ record_lesson_visit
def test_record_lesson_visit_remembers_the_lesson_for_that_enrolment_only(trainee):
    course = build_course()
    other_course = build_course()
    other = make_user(Role.TRAINEE)
    mine = services.enrol(user=trainee, course=course)
    theirs = services.enrol(user=other, course=course)
    elsewhere = services.enrol(user=trainee, course=other_course)
    lesson = lessons_of(course)[2]

    services.record_lesson_visit(user=trainee, lesson=lesson, course=course)

    mine.refresh_from_db()
    theirs.refresh_from_db()
    elsewhere.refresh_from_db()
    assert mine.last_lesson_id == lesson.pk and mine.last_activity_at is not None
    assert theirs.last_lesson_id is None and theirs.last_activity_at is None
    assert elsewhere.last_lesson_id is None


def test_record_lesson_visit_without_enrolment_creates_nothing(trainer):
    course = build_course()
    services.record_lesson_visit(user=trainer, lesson=lessons_of(course)[0], course=course)
    assert not Enrolment.objects.exists()


def test_record_lesson_visit_runs_one_query(trainee, django_assert_num_queries):
    course = build_course()
    services.enrol(user=trainee, course=course)
    lesson = lessons_of(course)[0]
    with django_assert_num_queries(1):
        services.record_lesson_visit(user=trainee, lesson=lesson, course=course)


# ------------------------------------------------------------------ complete_lesson
def test_completing_without_enrolment_is_refused(trainee):
    course = build_course()
    services.enrol(user=make_user(Role.TRAINEE), course=course)  # someone else's enrolment
    with pytest.raises(services.CourseError, match="Enrol in the course"):
        services.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    assert not LessonCompletion.objects.exists()
    assert not AuditEntry.objects.filter(action="lesson.completed").exists()


def test_completing_a_lesson_records_it_and_the_place_to_continue(trainee):
    course = build_course()
    enrolment = services.enrol(user=trainee, course=course)
    lesson = lessons_of(course)[1]
    completion, course_completed = services.complete_lesson(user=trainee, lesson=lesson)
    assert course_completed is False
    assert (completion.user, completion.lesson_id) == (trainee, lesson.pk)
    enrolment.refresh_from_db()
    assert enrolment.last_lesson_id == lesson.pk
    assert enrolment.last_activity_at is not None
    assert enrolment.completed_at is None
    audit = AuditEntry.objects.get(action="lesson.completed")
    assert (audit.actor, audit.object_id, audit.to_state) == (trainee, str(lesson.pk), "completed")


def test_completing_a_lesson_twice_is_idempotent(trainee):
    course = build_course()
    services.enrol(user=trainee, course=course)
    lesson = lessons_of(course)[0]
    first, _ = services.complete_lesson(user=trainee, lesson=lesson)
    again, course_completed = services.complete_lesson(user=trainee, lesson=lesson)
    assert again.pk == first.pk
    assert course_completed is False
    assert LessonCompletion.objects.filter(user=trainee).count() == 1
    assert AuditEntry.objects.filter(action="lesson.completed").count() == 1


def test_completing_the_last_live_lesson_completes_the_course_exactly_once(
    trainee, mailoutbox, django_capture_on_commit_callbacks
):
    course = build_course(title="Grievance redress", modules=2, lessons_per_module=2)
    lessons = lessons_of(course)
    services.enrol(user=trainee, course=course)
    mailoutbox.clear()
    # Out of reading order: the course completes on the last lesson *done*, not the last listed.
    order = [lessons[3], lessons[0], lessons[2], lessons[1]]
    with django_capture_on_commit_callbacks(execute=True):
        results = [services.complete_lesson(user=trainee, lesson=lesson)[1] for lesson in order]
    assert results == [False, False, False, True]
    enrolment = Enrolment.objects.get(user=trainee, course=course)
    completed_at = enrolment.completed_at
    assert completed_at is not None
    assert enrolment.last_lesson_id == lessons[1].pk

    audits = AuditEntry.objects.filter(action="course.completed")
    assert audits.count() == 1
    audit = audits.get()
    assert (audit.actor, audit.object_id) == (trainee, str(enrolment.pk))
    assert (audit.from_state, audit.to_state) == ("enrolled", "completed")
    assert subjects(mailoutbox).count("Course completed: Grievance redress") == 1
    completion_mail = next(m for m in mailoutbox if m.subject.startswith("Course completed"))
    assert completion_mail.to == [trainee.email]

    # Completing any lesson again changes nothing about the completion.
    with django_capture_on_commit_callbacks(execute=True):
        again = [services.complete_lesson(user=trainee, lesson=lesson)[1] for lesson in lessons]
    assert again == [False] * 4
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at
    assert AuditEntry.objects.filter(action="course.completed").count() == 1
    assert subjects(mailoutbox).count("Course completed: Grievance redress") == 1


def test_completion_email_is_not_sent_when_the_transaction_rolls_back(trainee, mailoutbox):
    course = build_course(modules=1, lessons_per_module=1)
    services.enrol(user=trainee, course=course)
    mailoutbox.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        assert services.complete_lesson(user=trainee, lesson=lessons_of(course)[0])[1] is True
        raise RuntimeError("rolled back")
    assert Enrolment.objects.get().completed_at is None
    assert mailoutbox == []


def test_draft_and_unpublished_lessons_do_not_count_toward_completion(trainee):
    course = build_course(modules=2, lessons_per_module=2)
    first_module, second_module = modules_of(course)
    LessonFactory(parent=first_module, live=False, title="Draft, never published")
    lessons = lessons_of(course)
    lessons[3].unpublish()
    services.enrol(user=trainee, course=course)
    results = [services.complete_lesson(user=trainee, lesson=lesson)[1] for lesson in lessons[:3]]
    assert results == [False, False, True]
    assert Enrolment.objects.get().completed_at is not None


def test_lessons_of_an_unpublished_module_do_not_count_toward_completion(trainee):
    # Unpublishing a module in the admin leaves its lessons live unless "unpublish child
    # pages" is ticked; the outline hides them, so the learner could never complete them.
    course = build_course(modules=2, lessons_per_module=2)
    modules_of(course)[1].unpublish()
    lessons = lessons_of(course)
    assert len(lessons) == 4  # the lessons themselves are still live
    services.enrol(user=trainee, course=course)
    results = [services.complete_lesson(user=trainee, lesson=lesson)[1] for lesson in lessons[:2]]
    assert results == [False, True]


@pytest.mark.parametrize("how", ["never published", "unpublished"])
def test_an_unpublished_lesson_cannot_be_completed(trainee, how):
    course = build_course(modules=1, lessons_per_module=1)
    module = modules_of(course)[0]
    if how == "never published":
        lesson = LessonFactory(parent=module, live=False)
    else:
        lesson = LessonFactory(parent=module)
        lesson.unpublish()
        lesson.refresh_from_db()
    services.enrol(user=trainee, course=course)
    with pytest.raises(services.CourseError, match="not published"):
        services.complete_lesson(user=trainee, lesson=lesson)
    assert not LessonCompletion.objects.filter(lesson=lesson).exists()


def test_a_lesson_added_after_completion_does_not_reopen_the_course(trainee):
    course = build_course(modules=1, lessons_per_module=1)
    services.enrol(user=trainee, course=course)
    assert services.complete_lesson(user=trainee, lesson=lessons_of(course)[0])[1] is True
    completed_at = Enrolment.objects.get().completed_at
    added = LessonFactory(parent=modules_of(course)[0])
    assert services.complete_lesson(user=trainee, lesson=added)[1] is False
    assert Enrolment.objects.get().completed_at == completed_at
    assert AuditEntry.objects.filter(action="course.completed").count() == 1


def test_one_learner_finishing_does_not_complete_the_course_for_another(trainee):
    course = build_course(modules=1, lessons_per_module=2)
    other = make_user(Role.TRAINEE)
    for user in (trainee, other):
        services.enrol(user=user, course=course)
    for lesson in lessons_of(course):
        services.complete_lesson(user=other, lesson=lesson)
    assert services.complete_lesson(user=trainee, lesson=lessons_of(course)[0])[1] is False
    assert Enrolment.objects.get(user=trainee).completed_at is None
    assert Enrolment.objects.get(user=other).completed_at is not None


def test_emails_are_plain_text_and_not_html_escaped(
    trainee, mailoutbox, django_capture_on_commit_callbacks
):
    course = build_course(title="Citizen's Charter & RTS", modules=1, lessons_per_module=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrol(user=trainee, course=course)
        services.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    enrolled, completed = (
        next(m for m in mailoutbox if m.subject.startswith(prefix))
        for prefix in ("Enrolled:", "Course completed:")
    )
    assert enrolled.subject == "Enrolled: Citizen's Charter & RTS"
    assert completed.subject == "Course completed: Citizen's Charter & RTS"
    for message in (enrolled, completed):
        assert "Citizen's Charter & RTS" in message.body
        assert "&amp;" not in message.body and "&#x27;" not in message.body
