"""Query counts of the learner pages do not grow with lessons, modules or enrolments.

Each test measures the small case, then requires the large case to run exactly as many
queries, and both to stay under a ceiling. Every page is requested once before measuring so
per-process caches (content types, Wagtail site root paths) do not skew the first count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from lms.core.roles import Role
from tests.factories import build_course, make_user

from .helpers import lessons_of

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("learning:dashboard")

# A learner page, once its route, page, view restrictions and outline are in the page cache
# (courses/pagecache.py; the first request fills it): the user, the enrolment and the
# completions (and on the course page its tests). Sessions and roles come from the cache
# too. Exact counts, the same for a course of 1 lesson and of 65.
LESSON_PAGE_QUERIES = 3
COURSE_PAGE_QUERIES = 4
AUTHOR_LESSON_PAGE_CEILING = 12
DASHBOARD_CEILING = 8
CATALOGUE_CEILING = 12


def count_queries(client, url):
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def learner_with(courses, *, progress):
    """A trainee enrolled in ``courses`` who has done ``progress`` lessons of each, and last
    opened the lesson after those."""
    user = make_user(Role.TRAINEE)
    for course in courses:
        services.enrol(user=user, course=course)
        lessons = lessons_of(course)
        for lesson in lessons[:progress]:
            services.complete_lesson(user=user, lesson=lesson)
        if progress < len(lessons):
            services.record_lesson_visit(user=user, lesson=lessons[progress], course=course)
    return user


@pytest.fixture
def small_and_large():
    """1 lesson and 1 enrolment against 65 lessons and 8 enrolments (one completed)."""
    small = build_course(modules=1, lessons_per_module=1)
    large = build_course(modules=5, lessons_per_module=13)
    extra = [build_course(modules=1, lessons_per_module=3) for _ in range(7)]
    small_user = learner_with([small], progress=0)
    large_user = learner_with([large, *extra], progress=2)
    services.complete_lesson(user=large_user, lesson=lessons_of(extra[0])[2])  # completes it
    return small, small_user, large, large_user


def test_lesson_page_queries_do_not_grow_with_lessons_or_enrolments(
    client, small_and_large, django_assert_num_queries
):
    small, small_user, large, large_user = small_and_large
    client.force_login(small_user)
    assert count_queries(client, lessons_of(small)[0].url) == LESSON_PAGE_QUERIES

    client.force_login(large_user)
    for index in (20, 64):
        url = lessons_of(large)[index].url
        client.get(url)
        with django_assert_num_queries(LESSON_PAGE_QUERIES):
            response = client.get(url)
        assert f"Lesson {index + 1} of 65" in response.content.decode()


@pytest.mark.parametrize("role", [Role.TRAINER, Role.CELL_ADMIN])
def test_lesson_page_queries_for_authors_do_not_grow_with_lessons(
    client, role, django_assert_num_queries
):
    small = build_course(modules=1, lessons_per_module=4)
    large = build_course(modules=5, lessons_per_module=8)
    client.force_login(make_user(role))
    small_count = count_queries(client, lessons_of(small)[1].url)
    assert small_count <= AUTHOR_LESSON_PAGE_CEILING
    large_url = lessons_of(large)[30].url
    client.get(large_url)
    with django_assert_num_queries(small_count):
        client.get(large_url)


def test_dashboard_queries_do_not_grow_with_enrolments_or_lessons(
    client, small_and_large, django_assert_num_queries
):
    _small, small_user, _large, large_user = small_and_large
    client.force_login(small_user)
    small_count = count_queries(client, DASHBOARD)
    assert small_count <= DASHBOARD_CEILING

    client.force_login(large_user)
    client.get(DASHBOARD)
    with django_assert_num_queries(small_count):
        response = client.get(DASHBOARD)
    page = response.content.decode()
    assert "8 enrolled · 0 not started · 7 in progress · 1 completed" in page
    assert "2 of 65 lessons done (3%)" in page


def test_course_page_queries_do_not_grow_with_lessons(
    client, small_and_large, django_assert_num_queries
):
    small, small_user, large, large_user = small_and_large
    client.force_login(small_user)
    assert count_queries(client, small.url) == COURSE_PAGE_QUERIES
    client.force_login(large_user)
    large_url = large.url
    client.get(large_url)
    with django_assert_num_queries(COURSE_PAGE_QUERIES):
        response = client.get(large_url)
    assert "2 of 65 lessons done (3%)" in response.content.decode()


def test_catalogue_queries_do_not_grow_with_courses(client, django_assert_num_queries):
    build_course(modules=1, lessons_per_module=1)
    small_count = count_queries(client, "/courses/")
    assert small_count <= CATALOGUE_CEILING
    for _ in range(13):
        build_course(modules=2, lessons_per_module=3)
    client.get("/courses/")
    with django_assert_num_queries(small_count):
        response = client.get("/courses/")
    assert "14 courses" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "bar"), [(Role.TRAINEE, False), (Role.HOD, False), (Role.TRAINER, True)]
)
def test_only_authors_get_the_wagtail_user_bar_and_its_permission_queries(client, role, bar):
    course = build_course(modules=1, lessons_per_module=2)
    user = make_user(role)
    services.enrol(user=user, course=course)
    client.force_login(user)
    url = lessons_of(course)[0].url
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content.decode()
    assert ("wagtail-userbar" in body) is bar
    permission_reads = [q for q in queries.captured_queries if "auth_permission" in q["sql"]]
    assert bool(permission_reads) is bar
