"""Opening a lesson remembers it as the place to continue from, writing only when that
changes: a repeat view of the same lesson (within ``services.VISIT_REFRESH``) writes nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses import services
from courses.models import Enrolment
from tests.factories import build_course

from .helpers import lessons_of

pytestmark = pytest.mark.django_db


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
    ]


def _view(client, url) -> CaptureQueriesContext:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return queries


def _touches_enrolment(queries) -> bool:
    return any('"courses_enrolment"' in sql for sql in _writes(queries))


def test_a_repeat_view_of_a_lesson_writes_nothing(client, trainee):
    course = build_course(modules=1, lessons_per_module=2)
    first, second = lessons_of(course)
    services.enrol(user=trainee, course=course)
    client.force_login(trainee)
    assert _touches_enrolment(_view(client, second.url)), "first visit recorded"
    _view(client, first.url)  # both lessons seen once: the caches are warm

    moved_on = _view(client, second.url)
    assert _touches_enrolment(moved_on), "a change of lesson is recorded"
    visit = Enrolment.objects.values("last_lesson_id", "last_activity_at").get(user=trainee)
    assert visit["last_lesson_id"] == second.pk

    again = _view(client, second.url)
    assert _writes(again) == [], "a repeat view writes nothing"
    assert len(again.captured_queries) == len(moved_on.captured_queries) - 1, "one query fewer"
    assert Enrolment.objects.values("last_lesson_id", "last_activity_at").get(user=trainee) == (
        visit
    )


def test_a_repeat_view_after_a_while_refreshes_the_last_activity(client, trainee):
    course = build_course(modules=1, lessons_per_module=1)
    (lesson,) = lessons_of(course)
    services.enrol(user=trainee, course=course)
    client.force_login(trainee)
    client.get(lesson.url)
    earlier = timezone.now() - services.VISIT_REFRESH - datetime.timedelta(seconds=1)
    Enrolment.objects.filter(user=trainee).update(last_activity_at=earlier)

    assert _touches_enrolment(_view(client, lesson.url))
    assert Enrolment.objects.get(user=trainee).last_activity_at > earlier


def test_a_repeat_view_runs_no_update(client, trainee, django_assert_num_queries):
    course = build_course(modules=1, lessons_per_module=2)
    first, second = lessons_of(course)
    services.enrol(user=trainee, course=course)
    client.force_login(trainee)
    for lesson in (second, first):  # warm the caches
        _view(client, lesson.url)
    changed = len(_view(client, second.url).captured_queries)
    with django_assert_num_queries(changed - 1) as queries:
        client.get(second.url)
    assert _writes(queries) == []
