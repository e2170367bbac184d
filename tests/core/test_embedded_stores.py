"""The embedded set-up (no DATABASE_URL, no REDIS_URL: `make run`, a small install) serves
a handful of concurrent users: SQLite in WAL mode with a busy timeout and IMMEDIATE
transactions, and rate limits counted in a store every worker shares (the database cache).
PostgreSQL and Redis set-ups are unaffected."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils.module_loading import import_string

from lms.core import ratelimit

ROOT = Path(__file__).resolve().parents[2]


def _settings_of(module: str, **env) -> dict:
    """DATABASES["default"] and CACHES of a settings module under the given environment,
    read in a fresh interpreter (settings are computed once, at import)."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    code = (
        f"import json, {module} as s; "
        "print(json.dumps({'db': s.DATABASES['default'], 'caches': s.CACHES}, default=str))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    name = tmp_path_factory.mktemp("embedded") / "db.sqlite3"
    return _settings_of("lms.settings.dev", DATABASE_URL=f"sqlite:///{name}")


# ---------------------------------------------------------------- SQLite under load
def test_embedded_sqlite_uses_wal_a_busy_timeout_and_immediate_transactions(embedded):
    options = embedded["db"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    assert "journal_mode=WAL" in options["init_command"].replace(" ", "")


def test_postgresql_from_database_url_is_unaffected():
    production = _settings_of(
        "lms.settings.production", DATABASE_URL="postgres://lms:secret@db.internal:5432/lms"
    )
    assert production["db"]["ENGINE"] == "django.db.backends.postgresql"
    assert "transaction_mode" not in production["db"].get("OPTIONS", {})
    assert "init_command" not in production["db"].get("OPTIONS", {})


def test_threads_writing_at_once_to_a_file_database_are_never_locked_out(
    embedded, tmp_path, django_db_blocker
):
    """Eight threads, each with its own connection, read a counter and write it back (the
    shape that deadlocks deferred SQLite transactions into "database is locked") and add
    rows, all at once. Every write lands; no thread sees an error."""
    alias = "embedded_concurrency"
    config = {
        **connections.settings["default"],
        **{k: v for k, v in embedded["db"].items() if k in {"ENGINE", "OPTIONS"}},
        "NAME": str(tmp_path / "concurrent.sqlite3"),
        "TEST": {"NAME": None},
        "CONN_MAX_AGE": 0,
    }
    threads_count, rounds = 8, 20
    errors: list[BaseException] = []
    start = threading.Barrier(threads_count)
    connections.settings[alias] = config
    try:
        with django_db_blocker.unblock():
            with connections[alias].cursor() as cursor:
                cursor.execute("CREATE TABLE counter (n integer NOT NULL)")
                cursor.execute("CREATE TABLE entry (id integer PRIMARY KEY, who integer)")
                cursor.execute("INSERT INTO counter (n) VALUES (0)")
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
            connections[alias].close()

            def work(who):
                try:
                    start.wait()
                    for _ in range(rounds):
                        with (
                            transaction.atomic(using=alias),
                            connections[alias].cursor() as cursor,
                        ):
                            cursor.execute("SELECT n FROM counter")
                            n = cursor.fetchone()[0]
                            time.sleep(0.002)  # a request's work between read and write
                            cursor.execute("INSERT INTO entry (who) VALUES (%s)", [who])
                            cursor.execute("UPDATE counter SET n = %s", [n + 1])
                except BaseException as error:  # noqa: BLE001 - reported below
                    errors.append(error)
                finally:
                    connections[alias].close()

            threads = [threading.Thread(target=work, args=(i,)) for i in range(threads_count)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                total = cursor.fetchone()[0]
                cursor.execute("SELECT count(*) FROM entry")
                rows = cursor.fetchone()[0]
            connections[alias].close()
    finally:
        del connections.settings[alias]
    assert errors == []
    assert total == rows == threads_count * rounds


def test_the_test_database_runs_with_the_same_sqlite_options():
    if connection.vendor != "sqlite":
        pytest.skip("the test database is not SQLite")
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


# ---------------------------------------------------------------- shared rate limits
def test_without_redis_the_cache_is_the_database_cache(embedded):
    default = embedded["caches"]["default"]
    assert import_string(default["BACKEND"]) is DatabaseCache
    with_redis = _settings_of(
        "lms.settings.production",
        DATABASE_URL="postgres://lms:secret@db.internal:5432/lms",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert with_redis["caches"]["default"]["BACKEND"] == "lms.core.cache.ResilientRedisCache"


@pytest.mark.django_db
def test_two_workers_count_into_one_total(embedded):
    """Two cache instances of the configured backend (as two gunicorn workers hold): the
    limit is reached by their requests together, not by each one's."""
    config = embedded["caches"]
    with override_settings(CACHES=config):
        call_command("createcachetable", verbosity=0)
        backend = import_string(config["default"]["BACKEND"])
        worker_a = backend(config["default"]["LOCATION"], {})
        worker_b = backend(config["default"]["LOCATION"], {})
        over = [
            ratelimit.hit("test-shared", limit=5, store=worker)
            for worker in [worker_a, worker_b] * 3
        ]
        assert over == [False] * 5 + [True]
        assert worker_a.get("test-shared") == worker_b.get("test-shared") == 6


@pytest.mark.django_db
def test_migrate_makes_the_cache_table(embedded):
    """createcachetable runs after every migrate (Makefile, deploy, tests, bench)."""
    config = {"default": {**embedded["caches"]["default"], "LOCATION": "test_made_by_migrate"}}
    with override_settings(CACHES=config):
        call_command("migrate", verbosity=0)
    assert "test_made_by_migrate" in connection.introspection.table_names()


@pytest.mark.django_db
def test_the_verification_limit_counts_in_the_shared_cache(client, embedded, monkeypatch):
    config = embedded["caches"]
    monkeypatch.setattr(settings, "VERIFY_RATE_LIMIT", 3)
    with override_settings(CACHES=config):
        call_command("createcachetable", verbosity=0)
        codes = [client.get(reverse("verify", args=["no-such-serial"])).status_code for _ in "1234"]
        assert codes == [404, 404, 404, 429]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {config['default']['LOCATION']}")
            assert cursor.fetchone()[0] == 1


@pytest.mark.django_db
def test_sign_in_failures_are_counted_in_the_database(client, trainee):
    from axes.models import AccessAttempt

    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    for _ in range(2):
        client.post(reverse("accounts:login"), {"username": trainee.username, "password": "no"})
    attempt = AccessAttempt.objects.get(username=trainee.username)
    assert attempt.failures_since_start == 2
