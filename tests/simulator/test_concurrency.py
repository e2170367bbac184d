"""On PostgreSQL: concurrent sweeps escalate each grievance once (rows are claimed with
SELECT ... FOR UPDATE SKIP LOCKED), and concurrent actions on one grievance are serialised
by its row lock."""

import datetime
import threading

import pytest
from django.db import connection, transaction

from simulator import services
from simulator.enums import Action, GrievanceState, Outcome, RuleKind, SimRole
from simulator.models import Grievance, GrievanceEvent, PracticeSession
from tests.integration.test_services import _in_threads
from tests.simulator.conftest import IST, MONDAY

A = Action
S = GrievanceState
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THURSDAY = datetime.datetime(2026, 3, 5, 10, tzinfo=IST)


@pytest.fixture
def due_grievances(desk_factory, start):
    def make(n):
        desk = desk_factory(rules={RuleKind.ESCALATE_ON_BREACH: {}})
        scenario = desk.scenario(
            service=desk.quick,
            initial_office=desk.field,
            initial_state=S.ASSIGNED,
            initial_category=desk.leaf,
        )
        grievances = [start(scenario) for _ in range(n)]
        PracticeSession.objects.update(sim_now=THURSDAY)
        return grievances

    return make


def test_concurrent_sweeps_escalate_each_grievance_once(due_grievances):
    grievances = due_grievances(20)
    results, errors = _in_threads(6, lambda i: services.sweep(now=MONDAY).grievances)
    assert errors == []
    assert sum(results) == 20
    assert GrievanceEvent.objects.filter(action=A.ESCALATE).count() == 20
    assert set(Grievance.objects.values_list("escalation_level", flat=True)) == {1}
    assert len(grievances) == 20


def test_a_grievance_locked_elsewhere_is_skipped_and_swept_later(due_grievances):
    [grievance] = due_grievances(1)
    locked, release = threading.Event(), threading.Event()

    def hold_lock():
        try:
            with transaction.atomic():
                Grievance.objects.select_for_update().get(pk=grievance.pk)
                locked.set()
                release.wait(timeout=10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    assert locked.wait(timeout=10)
    try:
        assert services.sweep(now=MONDAY).grievances == 0  # skipped, not waited for
    finally:
        release.set()
        holder.join(timeout=10)
    assert services.sweep(now=MONDAY).grievances == 1
    assert GrievanceEvent.objects.filter(action=A.ESCALATE).count() == 1


def test_concurrent_actions_on_one_grievance_are_serialised(desk_factory, start, trainee):
    g = start(desk_factory().scenario())
    results, errors = _in_threads(
        8,
        lambda i: (
            services.perform(
                grievance=g, action=A.ACKNOWLEDGE, actor=trainee, role=SimRole.NODAL_OFFICER
            ).ok
        ),
    )
    assert errors == []
    assert results.count(True) == 1
    logged = GrievanceEvent.objects.filter(grievance=g, action=A.ACKNOWLEDGE)
    assert logged.filter(outcome=Outcome.OK).count() == 1
    assert logged.filter(outcome=Outcome.REFUSED, rule_code="input.invalid").count() == 7
