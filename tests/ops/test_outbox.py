"""A broker or cache outage never turns a saved change into an error page: notifications
that cannot reach the broker wait in the outbox and go out once it is back; the Redis cache
answers "miss" while Redis is unreachable (pages, the verification rate limit)."""

import os

import pytest
from django.core.cache import caches
from django.urls import reverse
from kombu.exceptions import OperationalError

from lms.core import services, tasks
from lms.core.cache import ResilientRedisCache
from lms.core.models import PendingTask
from lms.core.roles import Role
from nominations import services as nominations
from programmes import services as programme_services
from tests.factories import build_course, make_user
from tests.nominations.factories import open_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    """Every publish of send_email fails as kombu does when Redis refuses connections."""
    calls = []

    def refuse(*args, **kwargs):
        calls.append(kwargs)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_email, "apply_async", refuse)
    return calls


def test_a_nomination_is_saved_and_its_emails_kept_when_the_broker_is_down(
    broker_down, department, hod, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    programme = open_programme()
    officer = make_user(Role.TRAINEE, department=department, level="cutting_edge")

    with django_capture_on_commit_callbacks(execute=True):
        nomination = nominations.nominate(programme=programme, officer=officer, actor=hod)

    assert nomination.pk and broker_down, "saved, and the publish was tried"
    kept = list(PendingTask.objects.all())
    assert {tuple(row.kwargs["to"]) for row in kept} == {(officer.email,), (hod.email,)}
    assert all(row.task == "lms.core.tasks.send_email" for row in kept)
    assert "Connection refused" in kept[0].last_error
    assert broker_down[0]["ignore_result"] is True
    assert mailoutbox == []

    monkeypatch.undo()  # the broker is back
    assert tasks.flush_outbox() == 2
    assert PendingTask.objects.count() == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted([officer.email, hod.email])


def test_flushing_stops_at_the_first_refusal_and_counts_the_attempt(broker_down):
    services.enqueue(tasks.send_email, to=["a@example.gov.in"], subject="A", body="a")
    services.enqueue(tasks.send_email, to=["b@example.gov.in"], subject="B", body="b")
    assert PendingTask.objects.count() == 2

    assert tasks.flush_outbox() == 0

    first, second = PendingTask.objects.order_by("pk")
    assert (first.attempts, second.attempts) == (1, 0)


def test_enqueue_publishes_without_keeping_a_row_when_the_broker_answers(mailoutbox):
    assert services.enqueue(tasks.send_email, to=["c@example.gov.in"], subject="C", body="c")
    assert PendingTask.objects.count() == 0 and mailoutbox[0].subject == "C"


DEAD_REDIS = {
    "default": {
        "BACKEND": "lms.core.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def test_the_cache_answers_miss_while_redis_is_unreachable(settings):
    settings.CACHES = DEAD_REDIS
    cache = caches["default"]
    assert isinstance(cache, ResilientRedisCache)
    assert cache.get("k", "fallback") == "fallback"
    cache.set("k", 1)
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert "k" not in cache
    cache.delete("k")
    with pytest.raises(ValueError):
        cache.incr("k")


def test_pages_and_verification_work_while_the_redis_cache_is_down(client, settings, trainee):
    settings.CACHES = DEAD_REDIS
    course = build_course(modules=1, lessons_per_module=1)
    client.force_login(trainee)
    assert client.get(course.url).status_code == 200
    for _ in range(settings.VERIFY_RATE_LIMIT + 2):  # fails open: never 429, never 500
        response = client.get(reverse("verify", args=["no-such-serial"]))
        assert response.status_code == 404


@pytest.mark.redis
def test_the_resilient_cache_stores_in_a_live_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "lms.core.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    cache = caches["default"]
    cache.set("ops-test-key", {"n": 1}, timeout=10)
    assert cache.get("ops-test-key") == {"n": 1}
    cache.delete("ops-test-key-n")
    assert cache.add("ops-test-key-n", 0, timeout=10) is True
    assert cache.incr("ops-test-key-n") == 1
    cache.delete_many(["ops-test-key", "ops-test-key-n"])


def refuse_publish(monkeypatch, task):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(task, "apply_async", refuse)
    monkeypatch.setattr(task, "delay", refuse)


def test_finalising_with_the_broker_down_keeps_the_certificate_run_in_the_outbox(
    monkeypatch, department, hod, cell_admin, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    from certificates import tasks as certificate_tasks
    from certificates.models import Certificate
    from courses.models import Programme
    from nominations.enums import NominationState

    programme = open_programme(sessions=1)
    officer = make_user(Role.TRAINEE, department=department, level="cutting_edge")
    nomination = nominations.nominate(programme=programme, officer=officer, actor=hod)
    nomination = nominations.decide(
        nomination=nomination, decision=NominationState.APPROVED, actor=cell_admin
    )
    nomination = nominations.respond(nomination=nomination, accept=True, actor=officer)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    programme.sessions.update(date=yesterday)
    Programme.objects.filter(pk=programme.pk).update(
        starts_on=yesterday,
        ends_on=yesterday,
        status="running",
        nomination_opens_at=timezone.now() - datetime.timedelta(days=9),
        nomination_closes_at=timezone.now() - datetime.timedelta(days=8),
    )
    programme.refresh_from_db()
    programme_services.mark_attendance(
        session=programme.sessions.get(), nomination=nomination, present=True, actor=cell_admin
    )
    refuse_publish(monkeypatch, certificate_tasks.issue_programme_certificates)

    with django_capture_on_commit_callbacks(execute=True):
        programme_services.finalise_programme(programme=programme, actor=cell_admin)

    row = PendingTask.objects.get(task="certificates.tasks.issue_programme_certificates")
    assert row.kwargs == {"programme_id": programme.pk, "actor_id": cell_admin.pk}
    monkeypatch.undo()
    tasks.flush_outbox()
    assert Certificate.objects.filter(programme=programme, holder=officer).count() == 1


def test_issue_now_with_the_broker_down_says_it_will_run_later(monkeypatch, client, cell_admin):
    from certificates import tasks as certificate_tasks

    programme = open_programme()
    refuse_publish(monkeypatch, certificate_tasks.issue_programme_certificates)
    client.force_login(cell_admin)
    response = client.post(reverse("certificates:programme", args=[programme.pk]), follow=True)
    assert response.status_code == 200
    assert "issued when it is back" in response.content.decode()
    assert PendingTask.objects.filter(
        task="certificates.tasks.issue_programme_certificates"
    ).exists()
