"""Every event gives one statement in Ralph, read back over its HTTP API; a resend is not a
duplicate; a store that was down during the events gets them all once it is back."""

import pytest

from xapi import client as lrs
from xapi import delivery, tasks
from xapi.enums import StatementStatus
from xapi.models import Statement

from .conftest import HOMEPAGE
from .ralph import PASSWORD
from .world import EXPECTED, build_world, play_every_event

pytestmark = [pytest.mark.django_db, pytest.mark.xapi]


def agent(code):
    return {"objectType": "Agent", "account": {"homePage": HOMEPAGE, "name": code}}


def assert_in_store_once(ralph, rows, code):
    for row in rows:
        found = ralph.statement(row.pk)
        assert len(found) == 1, (row.verb, row.object_id, found)
        stored = found[0]
        assert stored["id"] == str(row.pk)
        assert stored["actor"] == row.payload["actor"] == agent(code)
        assert stored["verb"] == row.payload["verb"]
        assert stored["object"]["id"] == row.object_id
        assert stored.get("result") == row.payload.get("result")
        assert stored["timestamp"][:19] == row.payload["timestamp"][:19]


def test_every_event_gives_one_statement_in_the_store(ralph, events, client, department):
    world = build_world(department, code="HR-1001")
    made = play_every_event(world, events, client)
    assert {event: sorted(r.verb for r in rows) for event, rows in made.items()} == {
        event: sorted(verbs) for event, verbs in EXPECTED.items()
    }
    rows = [row for step in made.values() for row in step]
    for row in rows:
        row.refresh_from_db()
        assert (row.status, row.attempts, row.last_error) == (StatementStatus.SENT, 1, ""), (
            row.verb,
            row.payload,
            row.last_error,
        )
        assert row.sent_at is not None
    assert_in_store_once(ralph, rows, "HR-1001")
    # Nothing else about the officer reached the store: one statement per event.
    in_store = ralph.of_agent(agent("HR-1001"))
    assert sorted(s["id"] for s in in_store) == sorted(str(r.pk) for r in rows)

    # What the statements say, beyond their verbs.
    passed = made["test passed"][0].payload
    assert passed["result"] == {
        "score": {"scaled": 0.5, "raw": 1, "min": 0, "max": 2},
        "success": True,
        "completion": True,
    }
    assert passed["context"]["contextActivities"]["parent"][0]["definition"]["type"] == (
        "http://adlnet.gov/expapi/activities/course"
    )
    failed = next(r for r in made["test failed"] if r.verb == "failed").payload
    assert failed["result"]["success"] is False and failed["result"]["score"]["raw"] == 0
    department_key = "http://testserver/xapi/extensions/department"
    registered = made["registered for a programme"][0].payload
    assert registered["object"]["id"] == f"http://testserver/programmes/{world.programme.pk}/"
    assert registered["context"]["extensions"][department_key] == {
        "code": department.code,
        "name": department.name,
    }
    attended = next(r for r in made["programme finalised"] if r.verb == "attended").payload
    assert attended["verb"]["id"] == "http://adlnet.gov/expapi/verbs/attended"
    earned = next(r for r in made["programme finalised"] if r.verb == "earned").payload
    assert earned["object"]["id"].startswith("http://testserver/verify/")
    assert earned["context"]["contextActivities"]["parent"][0]["id"] == attended["object"]["id"]
    scenario = made["scenario completed"][0].payload
    assert scenario["object"]["definition"]["type"] == (
        "http://adlnet.gov/expapi/activities/simulation"
    )
    assert set(scenario["result"]["score"]) == {"scaled", "raw", "min", "max"}
    assert scenario["result"]["score"]["max"] == 100 and scenario["result"]["completion"]
    scorm_failed = next(r for r in made["SCORM lesson failed"] if r.verb == "failed").payload
    assert scorm_failed["object"]["id"] == (
        f"http://testserver/xapi/activities/page/{world.scorm_lesson.pk}/"
    )
    assert scorm_failed["result"] == {
        "score": {"scaled": 0.8, "raw": 40, "min": 0, "max": 50},
        "success": False,
        "completion": False,
        "duration": "PT0H5M0S",
    }
    parent = scorm_failed["context"]["contextActivities"]["parent"][0]
    assert parent["id"] == f"http://testserver/xapi/activities/page/{world.scorm_course.pk}/"
    scorm_passed = next(r for r in made["SCORM lesson passed"] if r.verb == "passed").payload
    assert scorm_passed["result"]["score"]["scaled"] == 0.9
    assert scorm_passed["result"]["success"] is True
    assert scorm_passed["result"]["completion"] is True


def test_a_resend_is_not_a_duplicate(ralph, events, department):
    from courses.services import enrol
    from tests.factories import build_course

    world = build_world(department, code="HR-1002")
    with events():
        enrol(user=world.officer, course=build_course(modules=1, lessons_per_module=1))
    row = Statement.objects.get()
    assert row.status == StatementStatus.SENT
    # The same statement again, straight to the store and through a resend: taken, once.
    assert lrs.put_statement(row.payload).kind == lrs.SENT
    Statement.objects.filter(pk=row.pk).update(status=StatementStatus.PENDING)
    assert delivery.resend(older_than_minutes=0)[lrs.SENT] == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (StatementStatus.SENT, 2)
    assert len(ralph.statement(row.pk)) == 1


def test_an_outage_of_the_store_delays_and_loses_nothing(ralph, events, client, department):
    world = build_world(department, code="HR-1003")
    ralph.stop()
    made = play_every_event(world, events, client)
    rows = [row for step in made.values() for row in step]
    assert len(rows) == sum(len(verbs) for verbs in EXPECTED.values())
    for row in rows:
        row.refresh_from_db()
        assert row.status == StatementStatus.PENDING
        assert row.attempts == 1 and "ConnectionError" in row.last_error
    # While the store is down the beat task stops at the first statement it cannot send.
    assert tasks.resend_statements(older_than_minutes=0) == {
        "sent": 0,
        "transient": 1,
        "rejected": 0,
    }

    ralph.start()
    counts = tasks.resend_statements(older_than_minutes=0)
    assert counts == {"sent": len(rows), "transient": 0, "rejected": 0}
    for row in rows:
        row.refresh_from_db()
        assert row.status == StatementStatus.SENT
    assert_in_store_once(ralph, rows, "HR-1003")
    assert len(ralph.of_agent(agent("HR-1003"))) == len(rows)
    # Nothing left to send: the next beat run sends nothing.
    assert tasks.resend_statements(older_than_minutes=0)["sent"] == 0


def test_a_refused_statement_is_failed_until_the_cell_resends_it(
    ralph, events, client, department, cell_admin, settings
):
    from courses.services import enrol
    from tests.factories import build_course

    world = build_world(department, code="HR-1004")
    settings.XAPI_PASSWORD = "not-the-password"
    with events():
        enrol(user=world.officer, course=build_course(modules=1, lessons_per_module=1))
    row = Statement.objects.get()
    assert row.status == StatementStatus.FAILED and row.last_error.startswith("401")
    assert ralph.statement(row.pk) == []

    settings.XAPI_PASSWORD = PASSWORD
    client.force_login(cell_admin)
    page = client.get("/xapi/statements/?status=failed")
    assert page.status_code == 200 and str(row.pk) in page.content.decode()
    confirm = client.get("/xapi/statements/resend-failed/")
    assert "1 statement was refused" in confirm.content.decode()
    with events():
        response = client.post("/xapi/statements/resend-failed/")
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == StatementStatus.SENT
    assert len(ralph.statement(row.pk)) == 1


def test_with_the_broker_down_statements_wait_in_the_outbox(ralph, events, department, monkeypatch):
    from kombu.exceptions import OperationalError

    from courses.services import enrol
    from lms.core.models import PendingTask
    from lms.core.tasks import flush_outbox
    from tests.factories import build_course

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_statement, "apply_async", refuse)
    world = build_world(department, code="HR-1005")
    with events():
        enrol(user=world.officer, course=build_course(modules=1, lessons_per_module=1))
    row = Statement.objects.get()
    kept = PendingTask.objects.get()
    assert kept.task == "xapi.tasks.send_statement"
    assert kept.kwargs == {"statement_id": str(row.pk)}
    assert (row.status, row.attempts) == (StatementStatus.PENDING, 0)
    assert ralph.statement(row.pk) == []

    monkeypatch.undo()  # the broker is back: the outbox's beat task sends it
    assert flush_outbox() == 1
    row.refresh_from_db()
    assert row.status == StatementStatus.SENT
    assert len(ralph.statement(row.pk)) == 1
    assert not PendingTask.objects.exists()
