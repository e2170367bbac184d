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

# Measured on SQLite (Dec 2026): lesson 15 (21 for authors, who also get the Wagtail user
# bar), course 18, dashboard 6, catalogue 10. Routing is a site lookup, the site's root
# page, then the page by its url_path (courses.localisation; Wagtail's own route took two
# queries per tree level), then the alias and view-restriction checks. The ceilings leave
# a little room, not a lot.
LESSON_PAGE_CEILING = 16
AUTHOR_LESSON_PAGE_CEILING = 22
COURSE_PAGE_CEILING = 19
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
    """4 lessons and 1 enrolment against 40 lessons and 8 enrolments (one completed)."""
    small = build_course(modules=2, lessons_per_module=2)
    large = build_course(modules=5, lessons_per_module=8)
    extra = [build_course(modules=1, lessons_per_module=3) for _ in range(7)]
    small_user = learner_with([small], progress=1)
    large_user = learner_with([large, *extra], progress=2)
    services.complete_lesson(user=large_user, lesson=lessons_of(extra[0])[2])  # completes it
    return small, small_user, large, large_user


def test_lesson_page_queries_do_not_grow_with_lessons_or_enrolments(
    client, small_and_large, django_assert_num_queries, django_assert_max_num_queries
):
    small, small_user, large, large_user = small_and_large
    client.force_login(small_user)
    small_count = count_queries(client, lessons_of(small)[1].url)

    client.force_login(large_user)
    middle_url, last_url = lessons_of(large)[20].url, lessons_of(large)[-1].url
    client.get(middle_url)
    with django_assert_num_queries(small_count):
        response = client.get(middle_url)
    assert "Lesson 21 of 40" in response.content.decode()
    with django_assert_max_num_queries(LESSON_PAGE_CEILING):
        client.get(last_url)


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
    assert "2 of 40 lessons done (5%)" in page


def test_course_page_queries_do_not_grow_with_lessons(
    client, small_and_large, django_assert_num_queries
):
    small, small_user, large, large_user = small_and_large
    client.force_login(small_user)
    small_count = count_queries(client, small.url)
    assert small_count <= COURSE_PAGE_CEILING
    client.force_login(large_user)
    large_url = large.url
    client.get(large_url)
    with django_assert_num_queries(small_count):
        response = client.get(large_url)
    assert "2 of 40 lessons done (5%)" in response.content.decode()


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
