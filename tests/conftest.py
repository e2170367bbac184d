"""Shared fixtures.

Service-backed tests (marked ``postgres``, ``redis`` or ``xapi``) run when the service
answers (``xapi``: Ralph, the learning record store, is installed; tests/xapi/ralph.py). On
a developer machine without it they are skipped with the reason; under ``CI=true`` a
missing service is a failure, never a skip."""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.test import TransactionTestCase
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler
from wagtail.signal_handlers import (
    connect_reference_index_signal_handlers,
    disconnect_reference_index_signal_handlers,
)

from lms.core.roles import Role
from tests.dbsnapshot import Snapshot
from tests.factories import DepartmentFactory, make_user
from tests.xapi.ralph import missing_reason as ralph_missing

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def _service_status(marker: str) -> str | None:
    """None when the service is usable, otherwise why not."""
    if marker == "postgres":
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            return "DATABASE_URL does not point at PostgreSQL"
        return None
    if marker == "redis":
        url = os.environ.get("REDIS_URL", "")
        if not url:
            return "REDIS_URL is not set"
        if not _reachable(url, 6379):
            return f"Redis at {url} does not answer"
        return None
    if marker == "xapi":
        return ralph_missing()
    return None


SERVICES = ("postgres", "redis", "xapi")


def pytest_runtest_setup(item):
    for marker in SERVICES:
        if item.get_closest_marker(marker) is None:
            continue
        reason = _service_status(marker)
        if reason is None:
            continue
        if IN_CI:
            pytest.fail(f"CI=true but {marker} is missing: {reason}", pytrace=False)
        pytest.skip(f"needs {marker}: {reason}")


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    lines = [f"database: {engine}; CI={IN_CI}"]
    for marker in SERVICES:
        reason = _service_status(marker)
        lines.append(
            f"{marker} tests: "
            + ("run" if reason is None else ("FAIL (CI)" if IN_CI else "skipped") + f" - {reason}")
        )
    return lines


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as migrations left it, and after a test in real transactions
    (``transaction=True``, the browser tests) put back as it was, in place of Django's flush.

    The flush empties every table and then has every app make its content types and
    permissions again (the post_migrate signal): about a second a test. Putting back the
    rows copied here takes a TRUNCATE and a few COPYs, and leaves the database as the
    first test of the run found it (the rows the migrations wrote included)."""
    with django_db_blocker.unblock():
        migrated = Snapshot()
    flush = TransactionTestCase._fixture_teardown

    def put_back(self):
        if self.available_apps is not None or self.serialized_rollback or self.reset_sequences:
            return flush(self)
        if set(self._databases_names(include_mirrors=False)) != {"default"}:
            return flush(self)
        migrated.restore()

    TransactionTestCase._fixture_teardown = put_back
    yield
    TransactionTestCase._fixture_teardown = flush
    if connection.vendor == "postgresql":
        # A connection another thread left open (a live server's) would keep pytest-django
        # from dropping the test database ("being accessed by other users").
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True, scope="session")
def _without_wagtail_reference_index():
    """Wagtail updates its reference index (the admin's "used by" counts) on every save of a
    page, revision or snippet; no test reads it, and it was a fifth of the CPU time of
    seeding the demo, which many tests do. Off for the suite; a test that needs it calls
    ``connect_reference_index_signal_handlers()`` (and disconnects it after)."""
    disconnect_reference_index_signal_handlers()
    yield
    connect_reference_index_signal_handlers()


SEARCHED_BY_TESTS = ("courses.CoursePage",)  # the catalogue's search (matching_course_keys)


@pytest.fixture(autouse=True, scope="session")
def _search_index_for_courses_only():
    """Every save of an indexed page or snippet also writes the search index (a quarter of
    the time of building a course). Only courses are searched through the index by the
    product (the catalogue) and the tests; the other models are left out of it for the
    suite (the fixture's value lists them, for a test that needs them indexed)."""
    kept = {apps.get_model(label) for label in SEARCHED_BY_TESTS}
    dropped = [model for model in search_index.get_indexed_models() if model not in kept]
    for model in dropped:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_delete.disconnect(post_delete_signal_handler, sender=model)
    yield dropped
    for model in dropped:
        post_save.connect(post_save_signal_handler, sender=model)
        post_delete.connect(post_delete_signal_handler, sender=model)


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Revenue and Disaster Management", code="REV")


@pytest.fixture
def other_department(db):
    return DepartmentFactory(name="Health", code="HLT")


@pytest.fixture
def trainee(department):
    return make_user(Role.TRAINEE, department=department, username="trainee")


@pytest.fixture
def hod(department):
    return make_user(Role.HOD, department=department, username="hod", level="top")


@pytest.fixture
def other_hod(other_department):
    return make_user(Role.HOD, department=other_department, username="otherhod", level="top")


@pytest.fixture
def trainer(db):
    return make_user(Role.TRAINER, department=None, username="trainer")


@pytest.fixture
def course_director(db):
    return make_user(Role.COURSE_DIRECTOR, department=None, username="director")


@pytest.fixture
def cell_admin(db):
    return make_user(Role.CELL_ADMIN, department=None, username="celladmin")


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request in Hindi leaves Hindi active in the thread (LocaleMiddleware does not
    reset it), which would change labels in whichever test runs next."""
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)
