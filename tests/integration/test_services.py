"""Tests against real PostgreSQL and Redis (see the markers in tests/conftest.py)."""

import os
import threading

import pytest
from django.db import connection

from courses.models import Enrolment
from courses.services import complete_lesson, enrol
from lms.core.models import AuditEntry
from lms.core.roles import Role
from tests.factories import build_course, make_user
from tests.factories.courses import LessonFactory


def _in_threads(n, target):
    """Run ``target(i)`` in ``n`` threads released together; return results and errors."""
    barrier = threading.Barrier(n)
    results, errors = [None] * n, []

    def run(i):
        try:
            barrier.wait(timeout=10)
            results[i] = target(i)
        except Exception as exc:  # noqa: BLE001 - collected and asserted on
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_enrolments_create_one_row():
    course = build_course(modules=1, lessons_per_module=1)
    user = make_user(Role.TRAINEE)

    results, errors = _in_threads(8, lambda i: enrol(user=user, course=course).pk)

    assert errors == []
    assert Enrolment.objects.filter(user=user, course=course).count() == 1
    assert len(set(results)) == 1
    assert AuditEntry.objects.filter(action="course.enrolled").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_completion_of_the_last_lessons_completes_the_course_once(mailoutbox):
    course = build_course(modules=1, lessons_per_module=0)
    module = course.get_children().get().specific
    lessons = [LessonFactory(parent=module) for _ in range(6)]
    user = make_user(Role.TRAINEE)
    enrol(user=user, course=course)

    results, errors = _in_threads(6, lambda i: complete_lesson(user=user, lesson=lessons[i])[1])

    assert errors == []
    assert results.count(True) == 1, "exactly one request completes the course"
    assert Enrolment.objects.get(user=user, course=course).completed_at is not None
    assert AuditEntry.objects.filter(action="course.completed").count() == 1
    assert [m.subject for m in mailoutbox].count(f"Course completed: {course.title}") == 1


@pytest.mark.redis
def test_celery_task_round_trip_through_redis(mailoutbox):
    """A real worker takes the notification task from Redis and sends the email.

    The test's app uses a queue of its own, so that nothing else published to this Redis
    reaches its worker; and the project's app is made current and default again afterwards
    (``start_worker`` leaves its app as both, so every task this test process queued next
    would go to Redis instead of running eagerly as the test settings say)."""
    import uuid

    from celery import Celery, _state
    from celery.contrib.testing.worker import start_worker

    import lms.core.tasks  # noqa: F401 - registers the shared task with every app

    current, default = _state.get_current_app(), _state.default_app
    url = os.environ["REDIS_URL"]
    app = Celery("lms-redis-test", broker=url, backend=url, set_as_current=False)
    app.conf.update(
        broker_connection_retry_on_startup=True,
        task_serializer="json",
        task_default_queue=f"lms-redis-test-{uuid.uuid4().hex}",
    )
    app.finalize()
    send_email = app.tasks["lms.core.tasks.send_email"]
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = send_email.delay(to=["officer@example.gov.in"], subject="Ping", body="Pong")
            assert result.get(timeout=20) == 1
    finally:
        _state.set_default_app(default)
        current.set_current()
    assert [m.subject for m in mailoutbox] == ["Ping"]
    # The project's app is current again: a task queued now runs at once, as before.
    lms.core.tasks.send_email.delay(to=["officer@example.gov.in"], subject="Eager", body="x")
    assert [m.subject for m in mailoutbox] == ["Ping", "Eager"]


@pytest.mark.redis
def test_redis_cache_backend_stores_and_expires():
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.set("sevottam-test-key", "1", ex=5)
    assert client.get("sevottam-test-key") == b"1"
    assert 0 < client.ttl("sevottam-test-key") <= 5
    client.delete("sevottam-test-key")
