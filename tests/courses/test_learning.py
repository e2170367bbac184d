"""Enrolment, progress and completion: services, selectors and the learner pages."""

import pytest
from django.urls import reverse

from courses import selectors, services
from courses.enums import EnrolmentSource
from courses.models import Enrolment, LessonCompletion, LessonPage
from lms.core.models import AuditEntry
from lms.core.roles import Role
from tests.factories import build_course, make_user
from tests.factories.courses import LessonFactory, ModuleFactory

pytestmark = pytest.mark.django_db


def lessons_of(course):
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


# ------------------------------------------------------------------ services
def test_enrol_creates_one_enrolment_audits_and_emails_after_commit(
    trainee, mailoutbox, django_capture_on_commit_callbacks
):
    course = build_course()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrol(user=trainee, course=course)
        again = services.enrol(user=trainee, course=course)
    assert again.pk == enrolment.pk
    assert Enrolment.objects.filter(user=trainee).count() == 1
    assert (
        AuditEntry.objects.filter(action="course.enrolled", object_id=str(enrolment.pk)).count()
        == 1
    )
    assert [m.subject for m in mailoutbox] == [f"Enrolled: {course.title}"]
    assert mailoutbox[0].to == [trainee.email]


def test_enrol_email_is_not_sent_when_the_transaction_rolls_back(trainee, mailoutbox):
    from django.db import transaction

    course = build_course()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.enrol(user=trainee, course=course)
        raise RuntimeError
    assert not Enrolment.objects.exists()
    assert mailoutbox == []


def test_enrol_refuses_unpublished_and_programme_only_courses(trainee):
    draft = build_course()
    draft.unpublish()
    with pytest.raises(services.CourseError, match="not published"):
        services.enrol(user=trainee, course=draft)
    classroom = build_course(self_enrolment=False)
    with pytest.raises(services.CourseError, match="programmes only"):
        services.enrol(user=trainee, course=classroom)
    enrolment = services.enrol(user=trainee, course=classroom, source=EnrolmentSource.NOMINATION)
    assert enrolment.source == EnrolmentSource.NOMINATION


def test_enrol_refuses_inactive_and_anonymous_users(trainee):
    from django.contrib.auth.models import AnonymousUser

    course = build_course()
    with pytest.raises(services.CourseError):
        services.enrol(user=AnonymousUser(), course=course)
    trainee.is_active = False
    with pytest.raises(services.CourseError):
        services.enrol(user=trainee, course=course)


def test_complete_lesson_requires_enrolment(trainee):
    course = build_course()
    with pytest.raises(services.CourseError, match="Enrol"):
        services.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    assert not LessonCompletion.objects.exists()


def test_completing_every_live_lesson_completes_the_course_once(
    trainee, mailoutbox, django_capture_on_commit_callbacks
):
    course = build_course(modules=2, lessons_per_module=2)
    lessons = lessons_of(course)
    services.enrol(user=trainee, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        results = [services.complete_lesson(user=trainee, lesson=lesson)[1] for lesson in lessons]
        repeat = services.complete_lesson(user=trainee, lesson=lessons[-1])[1]
    assert results == [False, False, False, True]
    assert repeat is False
    assert LessonCompletion.objects.filter(user=trainee).count() == 4
    enrolment = Enrolment.objects.get(user=trainee, course=course)
    assert enrolment.completed_at is not None
    assert AuditEntry.objects.filter(action="course.completed").count() == 1
    assert [m.subject for m in mailoutbox].count(f"Course completed: {course.title}") == 1


def test_unpublished_lessons_do_not_count_and_cannot_be_completed(trainee):
    course = build_course(modules=1, lessons_per_module=2)
    first, second = lessons_of(course)
    second.unpublish()
    services.enrol(user=trainee, course=course)
    assert services.complete_lesson(user=trainee, lesson=first)[1] is True
    second.refresh_from_db()
    with pytest.raises(services.CourseError, match="not published"):
        services.complete_lesson(user=trainee, lesson=second)


# ------------------------------------------------------------------ selectors
def test_outline_is_in_tree_order_with_per_user_progress(trainee):
    course = build_course(modules=2, lessons_per_module=2)
    other = make_user(Role.TRAINEE)
    lessons = lessons_of(course)
    for user in (trainee, other):
        services.enrol(user=user, course=course)
    services.complete_lesson(user=trainee, lesson=lessons[0])
    for lesson in lessons:
        services.complete_lesson(user=other, lesson=lesson)

    outline = selectors.course_outline(course=course, user=trainee)
    assert [lesson.pk for lesson in outline.lessons] == [lesson.pk for lesson in lessons]
    assert [(m.done, m.total, m.percent) for m in outline.modules] == [(1, 2, 50), (0, 2, 0)]
    assert (outline.done, outline.total, outline.percent) == (1, 4, 25)
    assert outline.next_lesson().pk == lessons[1].pk


def test_navigation_crosses_module_boundaries(trainee):
    course = build_course(modules=2, lessons_per_module=2)
    lessons = lessons_of(course)
    nav = selectors.lesson_navigation(lesson=lessons[1], course=course, user=trainee)
    assert nav["previous_lesson"].pk == lessons[0].pk
    assert nav["next_lesson"].pk == lessons[2].pk
    first = selectors.lesson_navigation(lesson=lessons[0], course=course, user=trainee)
    last = selectors.lesson_navigation(lesson=lessons[-1], course=course, user=trainee)
    assert first["previous_lesson"] is None and last["next_lesson"] is None
    assert last["position"] == 4


def test_catalogue_filters_and_counts_only_live_lessons():
    charter = build_course(title="Charter basics", target_levels=["top"])
    grm = build_course(title="Grievance handling", target_levels=["cutting_edge"])
    lessons_of(charter)[0].unpublish()
    hidden = build_course(title="Hidden")
    hidden.unpublish()

    courses = {c.title: c for c in selectors.catalogue_courses()}
    assert set(courses) == {"Charter basics", "Grievance handling"}
    assert courses["Charter basics"].lesson_count == 3
    assert [c.title for c in selectors.catalogue_courses(level="top")] == ["Charter basics"]
    assert [c.title for c in selectors.catalogue_courses(topic_slug=grm.topic.slug)] == [
        "Grievance handling"
    ]


def test_my_learning_counts_and_never_shows_other_users(trainee):
    course = build_course(modules=1, lessons_per_module=3)
    other_course = build_course()
    other = make_user(Role.TRAINEE)
    services.enrol(user=trainee, course=course)
    services.enrol(user=other, course=other_course)
    services.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    rows = list(selectors.my_learning(user=trainee))
    assert [(r.course_id, r.done_lessons, r.total_lessons) for r in rows] == [(course.pk, 1, 3)]
    assert selectors.learning_summary(user=trainee) == {
        "enrolled": 1,
        "completed": 0,
        "in_progress": 1,
    }


# ------------------------------------------------------------------ pages
def test_lesson_requires_login_then_enrolment(client, trainee):
    course = build_course()
    lesson = lessons_of(course)[0]
    response = client.get(lesson.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(trainee)
    response = client.get(lesson.url)
    assert response.status_code == 302 and response["Location"].endswith(course.url)


@pytest.mark.parametrize("role", [Role.TRAINER, Role.COURSE_DIRECTOR, Role.CELL_ADMIN])
def test_authors_open_lessons_without_enrolling(client, role):
    lesson = lessons_of(build_course())[0]
    client.force_login(make_user(role))
    assert client.get(lesson.url).status_code == 200


def test_enrolled_journey_enrol_complete_continue(client, trainee):
    course = build_course(modules=1, lessons_per_module=2)
    first, second = lessons_of(course)
    client.force_login(trainee)
    page = client.get(course.url).content.decode()
    assert reverse("learning:enrol", args=[course.pk]) in page

    response = client.post(reverse("learning:enrol", args=[course.pk]))
    assert response["Location"] == first.url
    page = client.get(first.url).content.decode()
    assert 'rel="next"' in page and second.url in page and "Mark as complete" in page

    response = client.post(reverse("learning:complete_lesson", args=[first.pk]))
    assert response["Location"] == second.url
    client.get(second.url)  # remembered as the place to continue
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert "1 of 2 lessons done (50%)" in dashboard
    assert 'aria-valuenow="50"' in dashboard
    assert second.url in dashboard
    assert Enrolment.objects.get(user=trainee).last_lesson_id == second.pk

    response = client.post(reverse("learning:complete_lesson", args=[second.pk]), follow=True)
    assert response.redirect_chain[-1][0] == course.url
    assert "You have completed" in response.content.decode()


def test_learning_endpoints_refuse_get_and_unknown_ids(client, trainee):
    course = build_course()
    client.force_login(trainee)
    assert client.get(reverse("learning:enrol", args=[course.pk])).status_code == 405
    assert client.post(reverse("learning:enrol", args=[999999])).status_code == 404
    lesson = lessons_of(course)[0]
    assert client.get(reverse("learning:complete_lesson", args=[lesson.pk])).status_code == 405
    course.unpublish()
    assert client.post(reverse("learning:enrol", args=[course.pk])).status_code == 404


def test_completing_without_enrolment_shows_an_error(client, trainee):
    lesson = lessons_of(build_course())[0]
    client.force_login(trainee)
    response = client.post(reverse("learning:complete_lesson", args=[lesson.pk]), follow=True)
    assert "Enrol in the course" in response.content.decode()
    assert not LessonCompletion.objects.exists()


def test_anonymous_dashboard_redirects_to_login(client):
    response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_module_url_redirects_to_the_outline(client):
    course = build_course()
    module = course.get_children().first().specific
    response = client.get(module.url)
    assert response.status_code == 302
    assert response["Location"] == f"{course.url}#module-{module.pk}"


def test_catalogue_paginates_and_searches(client):
    for n in range(14):
        build_course(title=f"Course number {n}", modules=1, lessons_per_module=1)
    first = client.get("/courses/").content.decode()
    assert "14 courses" in first and "Page 1 of 2" in first
    assert first.count('<article class="card">') == 12
    second = client.get("/courses/?page=2").content.decode()
    assert "Page 2 of 2" in second and second.count('<article class="card">') == 2
    found = client.get("/courses/", {"q": "Course number 7"}).content.decode()
    assert "Course number 7" in found


# ------------------------------------------------------------------ query counts
def _count(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_lesson_page_queries_do_not_grow_with_lessons(
    client, trainee, django_assert_max_num_queries
):
    small = build_course(modules=2, lessons_per_module=2)
    large = build_course(modules=5, lessons_per_module=8)
    for course in (small, large):
        services.enrol(user=trainee, course=course)
    client.force_login(trainee)
    small_lesson, large_lesson = lessons_of(small)[1], lessons_of(large)[20]
    for course in (small, large):
        for lesson in lessons_of(course)[:3]:
            services.complete_lesson(user=trainee, lesson=lesson)
    client.get(small_lesson.url)  # warm per-process caches (site root paths, content types)
    small_count = _count(client, small_lesson.url, django_assert_max_num_queries)
    with django_assert_max_num_queries(small_count):
        client.get(large_lesson.url)
    assert small_count <= 25


def test_dashboard_queries_do_not_grow_with_enrolments(
    client, trainee, django_assert_max_num_queries
):
    courses = [build_course(modules=1, lessons_per_module=2) for _ in range(8)]
    services.enrol(user=trainee, course=courses[0])
    client.force_login(trainee)
    client.get(reverse("learning:dashboard"))
    one = _count(client, reverse("learning:dashboard"), django_assert_max_num_queries)
    for course in courses[1:]:
        services.enrol(user=trainee, course=course)
        services.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    with django_assert_max_num_queries(one):
        client.get(reverse("learning:dashboard"))
    assert one <= 15


def test_course_page_queries_do_not_grow_with_lessons(
    client, trainee, django_assert_max_num_queries
):
    small = build_course(modules=1, lessons_per_module=2)
    large = build_course(modules=6, lessons_per_module=6)
    client.force_login(trainee)
    client.get(small.url)
    small_count = _count(client, small.url, django_assert_max_num_queries)
    with django_assert_max_num_queries(small_count):
        client.get(large.url)


def test_extra_lesson_added_under_module_is_in_outline(trainee):
    course = build_course(modules=1, lessons_per_module=1)
    module = course.get_children().first().specific
    extra = LessonFactory(parent=module, title="Added later")
    second_module = ModuleFactory(parent=course)
    LessonFactory(parent=second_module)
    outline = selectors.course_outline(course=course, user=trainee)
    assert [m.total for m in outline.modules] == [2, 1]
    assert extra.pk in [lesson.pk for lesson in outline.lessons]


def test_emails_are_plain_text_not_html_escaped(
    trainee, mailoutbox, django_capture_on_commit_callbacks
):
    course = build_course(title="Citizen's Charter & RTS")
    with django_capture_on_commit_callbacks(execute=True):
        services.enrol(user=trainee, course=course)
    assert mailoutbox[0].subject == "Enrolled: Citizen's Charter & RTS"
    assert "Citizen's Charter & RTS" in mailoutbox[0].body and "&amp;" not in mailoutbox[0].body
