"""Data a browser test walks, built once per test process and put back before each test.

A browser test runs against the live server in real transactions, so pytest-django empties
every table after it, and each test used to build its data again (the demo: 10-25 s; the
accessibility world: about a second). ``once(name, build)`` builds it the first time in a
process and copies every table's rows; the next times it puts exactly those rows back
(PostgreSQL: one TRUNCATE of every table and a COPY per table, in one transaction; SQLite:
its backup API), drops what the process and the shared cache remember of the database
(content types, locale ids, the page cache, roles, sessions), which may come from the test
before, and returns a fresh copy (unpickled) of what ``build`` returned, so that a test
changing its objects in memory leaves the next test's alone."""

import io
import pickle
import sqlite3

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection, transaction

from lms.core.languages import forget_locales


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(name for name in names if name != "django_migrations")


class Snapshot:
    def __init__(self, value):
        self.value = pickle.dumps(value)
        self.rows: dict[str, bytes] = {}
        self.database: sqlite3.Connection | None = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in _tables():
                    buffer = io.BytesIO()
                    with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                        for data in copy:
                            buffer.write(data)
                    self.rows[table] = buffer.getvalue()
        else:
            connection.ensure_connection()
            self.database = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.database)

    def restore(self):
        """Put the copied rows back in place of whatever the database holds now."""
        if connection.vendor == "postgresql":
            tables = ", ".join(f'"{table}"' for table in self.rows)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {tables}")
                for table, data in self.rows.items():
                    if data:
                        with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                            copy.write(data)
        else:
            connection.ensure_connection()
            self.database.backup(connection.connection)
        ContentType.objects.clear_cache()
        forget_locales()
        for cache in caches.all():
            cache.clear()
        return pickle.loads(self.value)


_taken: dict[str, Snapshot] = {}


def once(name: str, build):
    """``build()``'s data and result: built the first time in this process, put back (and
    a fresh copy of the result returned) every time after."""
    if name in _taken:
        return _taken[name].restore()
    value = build()
    _taken[name] = Snapshot(value)
    return value
