"""Fixtures for the simulator tests: a fixed 'real now' (a Monday morning), a Desk
rulebook builder, the seeded rulebooks, and helpers to start sessions and act."""

import datetime
import zoneinfo

import pytest
from django.db import transaction

from lms.core.roles import Role
from simulator import services
from simulator.models import Grievance, Scenario
from simulator.seed import seed_simulator
from tests.factories import make_user
from tests.factories.simulator import Desk

IST = zoneinfo.ZoneInfo("Asia/Kolkata")
# Monday 2 March 2026, 09:00 IST: sessions start today at the scenario's received time.
MONDAY = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=IST)
# A CM Window scenario under the Right to Service rulebook, for the page tests.
RTS = "cmw-income-certificate-not-applied"


@pytest.fixture
def monday():
    return MONDAY


@pytest.fixture
def desk_factory(db):
    """``desk_factory(rules={RuleKind...: params}, calendar=None)`` -> a Desk."""
    return Desk


@pytest.fixture(scope="module")
def _seeded_module(django_db_setup, django_db_blocker):
    """The rulebooks and scenarios, seeded once for the test module in a transaction that
    is rolled back after it (each test runs and rolls back inside it): seeding took a fifth
    of a second, before most of the simulator's 900 tests. A module of tests in real
    transactions (``transaction=True``) must not use it: their threads would not see it."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_simulator()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_module, db):
    return None


@pytest.fixture
def scenario(seeded):
    return Scenario.objects.get(code=RTS)


@pytest.fixture
def session(scenario, trainee, monday):
    """The trainee's session of the RTS scenario, started on Monday morning."""
    return services.start_session(trainee=trainee, scenario=scenario, now=monday)


@pytest.fixture
def other_trainee(department):
    return make_user(Role.TRAINEE, department=department, username="othertrainee")


@pytest.fixture
def start(trainee, monday):
    """``start(scenario, speed=0, user=trainee)`` -> the session's primary grievance."""

    def make(scenario, *, speed=0, user=None, now=None):
        session = services.start_session(
            trainee=user or trainee, scenario=scenario, speed=speed, now=now or monday
        )
        return Grievance.objects.get(session=session, is_primary=True)

    return make


@pytest.fixture
def act(trainee):
    """``act(grievance, action, role, **payload)`` -> ActionResult (the trainee acts)."""

    def run(grievance, action, role, *, user=None, **payload):
        return services.perform(
            grievance=grievance, action=action, actor=user or trainee, role=role, payload=payload
        )

    return run


def fresh(grievance) -> Grievance:
    return Grievance.objects.select_related("session").get(pk=grievance.pk)
