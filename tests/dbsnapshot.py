"""A copy of every table's rows, put back in place of whatever the database holds then.

PostgreSQL: COPY out of every table; put back by emptying the tables that hold rows and a
COPY per table, in one transaction. SQLite: its backup API, both ways. After putting the rows
back, what the process remembers of the database (content type and locale ids) is dropped.
Used for the state right after migrations (tests/conftest.py puts it back after a test in
real transactions, in place of Django's flush) and for the worlds browser tests walk
(tests/browser/snapshot.py)."""

import io
import sqlite3

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from lms.core.languages import forget_locales


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return sorted(name for name in names if name != "django_migrations")


class Snapshot:
    def __init__(self):
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
            # Only the tables holding rows are emptied: one query finds them, and DELETE is
            # quicker than TRUNCATE for the few rows a test writes (foreign keys are checked
            # at commit, so the order does not matter).
            probe = " UNION ALL ".join(
                f"SELECT '{table}' WHERE EXISTS (SELECT 1 FROM \"{table}\")" for table in self.rows
            )
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(probe)
                for (table,) in cursor.fetchall():
                    cursor.execute(f'DELETE FROM "{table}"')
                for table, data in self.rows.items():
                    if data:
                        with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                            copy.write(data)
        else:
            connection.ensure_connection()
            self.database.backup(connection.connection)
        ContentType.objects.clear_cache()
        forget_locales()
