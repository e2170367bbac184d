"""Without a store configured nothing is stored; the cell's page and its resend action;
the activity addresses statements use. (No store needed: tests/xapi/test_store.py posts
to Ralph.)"""

import uuid

import pytest
from django.urls import reverse

from courses.models import LessonPage
from courses.services import complete_lesson, enrol
from lms.core.models import AuditEntry
from simulator.models import Scenario
from tests.factories import build_course
from tests.factories.simulator import Desk
from xapi import services
from xapi.enums import StatementStatus
from xapi.models import Statement

pytestmark = pytest.mark.django_db


def test_off_without_an_endpoint_nothing_is_stored(settings, trainee, events):
    settings.XAPI_ENDPOINT = ""
    course = build_course(modules=1, lessons_per_module=1)
    with events():
        enrol(user=trainee, course=course)
        complete_lesson(user=trainee, lesson=LessonPage.objects.descendant_of(course).get())
    assert not services.enabled()
    assert not Statement.objects.exists()


def test_record_is_the_function_other_apps_call(xapi_settings, trainee, events):
    """E.g. a SCORM lesson reporting its result: one statement per key, however often."""
    activity = {
        "objectType": "Activity",
        "id": "http://testserver/scorm/7/",
        "definition": {"name": {"en-US": "SCORM package"}, "type": "x"},
    }
    with events():
        first = services.record(
            user=trainee,
            verb="http://adlnet.gov/expapi/verbs/passed",
            object=activity,
            key="scorm:7:attempt:1",
            result={"score": {"scaled": 0.8}, "success": True},
        )
        again = services.record(
            user=trainee, verb="passed", object=activity, key="scorm:7:attempt:1"
        )
    assert first.pk == again.pk and Statement.objects.count() == 1
    assert first.payload["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert first.payload["result"]["success"] is True
    # Nothing listens at the endpoint of these settings: it waits, pending, with the error.
    first.refresh_from_db()
    assert first.status == StatementStatus.PENDING and first.attempts == 1
    assert first.last_error


def statement(status, **fields):
    fields.setdefault("verb", "completed")
    statement_id = uuid.uuid4()
    return Statement.objects.create(
        id=statement_id,
        actor=fields.pop("actor", "HR-1"),
        object_id="http://testserver/x/",
        payload={"id": str(statement_id)},
        status=status,
        **fields,
    )


def test_the_cell_lists_filters_and_resends_failed(client, cell_admin, xapi_settings, events):
    sent = statement(StatementStatus.SENT, actor="HR-7")
    failed = statement(StatementStatus.FAILED, last_error="400: bad statement", attempts=5)
    client.force_login(cell_admin)
    page = client.get(reverse("xapi:statements"))
    body = page.content.decode()
    assert page.status_code == 200
    assert str(sent.pk) in body and str(failed.pk) in body and "400: bad statement" in body
    only_failed = client.get(reverse("xapi:statements"), {"status": "failed"}).content.decode()
    assert str(failed.pk) in only_failed and str(sent.pk) not in only_failed
    by_actor = client.get(reverse("xapi:statements"), {"actor": "hr-7"}).content.decode()
    assert str(sent.pk) in by_actor and str(failed.pk) not in by_actor
    # The confirmation first; the POST makes the failed pending again (and queues a send).
    confirm = client.get(reverse("xapi:resend_failed"))
    assert confirm.status_code == 200 and "Send it again?" in confirm.content.decode()
    assert Statement.objects.get(pk=failed.pk).status == StatementStatus.FAILED
    with events():
        response = client.post(reverse("xapi:resend_failed"))
    assert response.status_code == 302 and response.url == reverse("xapi:statements")
    failed.refresh_from_db()
    # Nothing listens at the endpoint of these settings: pending, tried once more.
    assert failed.status == StatementStatus.PENDING and failed.attempts == 6
    assert AuditEntry.objects.filter(action="xapi.resend_failed", actor=cell_admin).exists()


def test_only_the_cell_reaches_the_page_and_the_action(client, trainee, hod, trainer):
    statement(StatementStatus.FAILED)
    for user in (trainee, hod, trainer):
        client.force_login(user)
        assert client.get(reverse("xapi:statements")).status_code == 403
        assert client.post(reverse("xapi:resend_failed")).status_code == 403
    assert Statement.objects.get().status == StatementStatus.FAILED
    with pytest.raises(services.XapiError):
        services.resend_failed(actor=trainee)


def test_activity_addresses_lead_to_the_page(client):
    course = build_course(modules=1, lessons_per_module=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    for page in (course, lesson):
        response = client.get(reverse("xapi:page_activity", args=[page.pk]))
        assert response.status_code == 302 and response.url == page.get_url()
    assert client.get(reverse("xapi:page_activity", args=[987654])).status_code == 404
    scenario = Desk().scenario()
    response = client.get(reverse("xapi:scenario_activity", args=[scenario.code]))
    assert response.status_code == 302 and response.url == reverse("simulator:scenarios")
    assert Scenario.objects.filter(code="no-such-case").count() == 0
    assert client.get(reverse("xapi:scenario_activity", args=["no-such-case"])).status_code == 404


def test_the_beat_task_picks_what_waited_long_enough(xapi_settings):
    import datetime

    from django.utils import timezone

    from xapi.delivery import due_for_resend

    xapi_settings.XAPI_RESEND_AFTER_MINUTES = 5
    xapi_settings.XAPI_MAX_AUTOMATIC_ATTEMPTS = 5
    now = timezone.now()
    ago = lambda minutes: now - datetime.timedelta(minutes=minutes)  # noqa: E731
    never_tried = statement(StatementStatus.PENDING)
    tried_long_ago = statement(StatementStatus.PENDING, attempts=2, last_attempt_at=ago(6))
    tried_just_now = statement(StatementStatus.PENDING, attempts=2, last_attempt_at=ago(1))
    refused_twice = statement(StatementStatus.FAILED, attempts=2, last_attempt_at=ago(6))
    refused_enough = statement(StatementStatus.FAILED, attempts=5, last_attempt_at=ago(6))
    sent = statement(StatementStatus.SENT, attempts=1, last_attempt_at=ago(60))
    Statement.objects.update(created_at=ago(10))
    Statement.objects.filter(pk=never_tried.pk).update(created_at=ago(2))
    assert set(due_for_resend()) == {tried_long_ago.pk, refused_twice.pk}
    Statement.objects.filter(pk=never_tried.pk).update(created_at=ago(7))
    assert set(due_for_resend()) == {never_tried.pk, tried_long_ago.pk, refused_twice.pk}
    everything_waiting = {never_tried.pk, tried_long_ago.pk, tried_just_now.pk, refused_twice.pk}
    assert set(due_for_resend(older_than_minutes=0)) == everything_waiting
    assert refused_enough.pk not in due_for_resend(older_than_minutes=0)
    assert sent.pk not in due_for_resend(older_than_minutes=0)


def test_a_worker_retries_with_growing_delays_then_leaves_it_to_the_beat(
    xapi_settings, monkeypatch
):
    from celery.exceptions import Retry

    from xapi import tasks

    row = statement(StatementStatus.PENDING)
    delays = []

    def retry(countdown, max_retries):
        delays.append(countdown)
        return Retry()

    monkeypatch.setattr(tasks.send_statement, "retry", retry)
    for retries in range(6):
        tasks.send_statement.push_request(retries=retries, is_eager=False)
        try:
            if retries < 5:
                with pytest.raises(Retry):
                    tasks.send_statement.run(statement_id=str(row.pk))
            else:
                assert tasks.send_statement.run(statement_id=str(row.pk)) == "transient"
        finally:
            tasks.send_statement.pop_request()
    assert delays == [60, 120, 240, 480, 960]
    row.refresh_from_db()
    assert (row.status, row.attempts) == (StatementStatus.PENDING, 6)
