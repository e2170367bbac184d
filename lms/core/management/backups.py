"""Shared by the ``backup`` and ``restore`` commands: how to reach PostgreSQL with the
settings' credentials (psycopg and the libpq tools pg_dump / pg_restore), row counts per
table, checksums, and the names inside a backup directory.

A backup directory holds:

    database.dump   pg_dump --format=custom of the whole database
    media.tar       MEDIA_ROOT as a tar (paths relative to MEDIA_ROOT)
    manifest.json   row counts per table (taken in the dump's own snapshot), SHA-256 and
                    size of both files, and SHA-256 and size of every media file
"""

import hashlib
import os
import re

from django.core.management.base import CommandError
from psycopg import sql

DUMP = "database.dump"
MEDIA = "media.tar"
MANIFEST = "manifest.json"
FORMAT = 1
# CREATE DATABASE takes an identifier; keep restore targets to plain names.
DATABASE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,62}$")
COUNT_TABLES = """
    SELECT schemaname, tablename FROM pg_catalog.pg_tables
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
      AND schemaname NOT LIKE 'pg\\_temp%' AND schemaname NOT LIKE 'pg\\_toast%'
    ORDER BY schemaname, tablename
"""


def postgres_settings(db: dict) -> dict:
    """The database settings dict, refusing anything but PostgreSQL."""
    if db.get("ENGINE") != "django.db.backends.postgresql":
        raise CommandError(
            "backup and restore work on PostgreSQL only (DATABASE_URL=postgres://...); "
            f"this database is {db.get('ENGINE')}."
        )
    return db


def psycopg_kwargs(db: dict, *, dbname: str | None = None) -> dict:
    """psycopg.connect() keyword arguments for ``db`` (optionally another database on the
    same server)."""
    kwargs = {"dbname": dbname or db["NAME"]}
    for key, name in (("USER", "user"), ("PASSWORD", "password"), ("HOST", "host")):
        if db.get(key):
            kwargs[name] = db[key]
    if db.get("PORT"):
        kwargs["port"] = str(db["PORT"])
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout"):
        if key in (db.get("OPTIONS") or {}):
            kwargs[key] = db["OPTIONS"][key]
    return kwargs


def libpq_env(db: dict, *, dbname: str | None = None) -> dict:
    """The environment for pg_dump / pg_restore: the password never goes on a command
    line (where ``ps`` would show it)."""
    env = dict(os.environ)
    mapping = {
        "dbname": "PGDATABASE",
        "user": "PGUSER",
        "password": "PGPASSWORD",
        "host": "PGHOST",
        "port": "PGPORT",
        "sslmode": "PGSSLMODE",
        "sslrootcert": "PGSSLROOTCERT",
        "sslcert": "PGSSLCERT",
        "sslkey": "PGSSLKEY",
        "connect_timeout": "PGCONNECT_TIMEOUT",
    }
    for key, value in psycopg_kwargs(db, dbname=dbname).items():
        env[mapping[key]] = str(value)
    return env


def count_rows(cursor) -> dict[str, int]:
    """{"schema.table": rows} for every user table, exact (count(*)), in the cursor's
    transaction."""
    cursor.execute(COUNT_TABLES)
    tables = cursor.fetchall()
    counts = {}
    for schema, table in tables:
        cursor.execute(
            sql.SQL("SELECT count(*) FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
        )
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def sha256_file(path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def walk_files(root) -> list[str]:
    """Paths (relative to ``root``) of every regular file under it, sorted."""
    found = []
    if not os.path.isdir(root):
        return found
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            if not os.path.islink(path) and os.path.isfile(path):
                found.append(os.path.relpath(path, root))
    return found


def media_files(root) -> dict[str, dict]:
    """{relative path: {"sha256", "bytes"}} for every regular file under ``root``."""
    files = {}
    for name in walk_files(root):
        digest, size = sha256_file(os.path.join(root, name))
        files[name] = {"sha256": digest, "bytes": size}
    return files
