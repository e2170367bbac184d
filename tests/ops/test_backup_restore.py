"""Backup and restore on PostgreSQL: officers, a programme, nominations and a certificate
with its PDF are backed up, restored into a new database and media directory, and every
record (every row of every table) and every media file is found there; non-empty targets
and tampered backups are refused."""

import json
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from certificates import services as certificates
from certificates.models import Certificate
from lms.core.management.backups import (
    COUNT_TABLES,
    DUMP,
    MANIFEST,
    MEDIA,
    postgres_settings,
    psycopg_kwargs,
)
from lms.core.roles import Role
from nominations import services as nominations
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.factories import make_user
from tests.nominations.factories import open_programme


def test_backup_refuses_anything_but_postgresql():
    with pytest.raises(CommandError, match="PostgreSQL only"):
        postgres_settings({"ENGINE": "django.db.backends.sqlite3", "NAME": "x"})


@pytest.fixture
def media(settings, tmp_path):
    """Certificates written to a real directory (the test settings keep files in memory)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def restored_databases():
    """Names for restore targets; each is dropped afterwards."""
    names = []

    def new_name():
        names.append(f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}")
        return names[-1]

    yield new_name
    db = connection.settings_dict
    with psycopg.connect(**psycopg_kwargs(db, dbname="postgres"), autocommit=True) as conn:
        for name in names:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _fingerprints(dbname: str) -> dict[str, tuple[int, str]]:
    """{table: (rows, md5 of every row's text, in order)}: equal only if every record is."""
    db = connection.settings_dict
    result = {}
    with psycopg.connect(**psycopg_kwargs(db, dbname=dbname)) as conn:
        for schema, table in conn.execute(COUNT_TABLES).fetchall():
            name = sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(table))
            rows, digest = conn.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                    " FROM {} AS t"
                ).format(name)
            ).fetchone()
            result[f"{schema}.{table}"] = (rows, digest)
    return result


@pytest.fixture
def records(media, department, hod, cell_admin):
    """Officers nominated to a programme (approved, waitlisted, submitted) and one
    certificate with its PDF on disk."""
    programme = open_programme(capacity=2, title="Citizen's Charter batch")
    officers = [
        make_user(Role.TRAINEE, department=department, level="cutting_edge") for _ in range(4)
    ]
    items = [nominations.nominate(programme=programme, officer=o, actor=hod) for o in officers]
    nominations.decide(nomination=items[0], decision=NominationState.APPROVED, actor=cell_admin)
    nominations.decide(nomination=items[1], decision=NominationState.APPROVED, actor=cell_admin)
    nominations.decide(nomination=items[2], decision=NominationState.WAITLISTED, actor=cell_admin)
    certificate = certificates.issue(
        holder=officers[0], course=programme.course, programme=programme, actor=cell_admin
    )
    return programme, officers, certificate


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_record_and_media_file_into_a_fresh_database(
    records, media, tmp_path, restored_databases
):
    programme, officers, certificate = records
    assert (media / certificate.pdf.name).read_bytes()[:4] == b"%PDF"
    source = _fingerprints(connection.settings_dict["NAME"])

    backup = Path(call_command("backup", output_dir=str(tmp_path / "backups")))

    manifest = json.loads((backup / MANIFEST).read_text())
    assert manifest["tables"]["public.accounts_user"] == len(officers) + 2  # + HOD and cell
    assert manifest["tables"]["public.nominations_nomination"] == 4
    assert certificate.pdf.name in manifest["media"]["files"]
    assert {n: rows for n, (rows, _digest) in source.items()} == manifest["tables"]

    target, restored_media = restored_databases(), tmp_path / "restored-media"
    call_command("restore", str(backup), target_database=target, media_root=str(restored_media))

    # Every table, every row, byte for byte (as text).
    assert _fingerprints(target) == source
    db = connection.settings_dict
    with psycopg.connect(**psycopg_kwargs(db, dbname=target)) as conn:
        usernames = {r[0] for r in conn.execute("SELECT username FROM accounts_user")}
        states = dict(
            conn.execute("SELECT officer_id, state FROM nominations_nomination").fetchall()
        )
        serial, pdf = conn.execute(
            "SELECT serial, pdf FROM certificates_certificate WHERE id = %s", [certificate.pk]
        ).fetchone()
        title = conn.execute(
            "SELECT title FROM courses_programme WHERE id = %s", [programme.pk]
        ).fetchone()[0]
    assert {o.username for o in officers} <= usernames
    assert states == dict(Nomination.objects.values_list("officer_id", "state"))
    assert (serial, pdf) == (certificate.serial, certificate.pdf.name)
    assert title == "Citizen's Charter batch"
    # Every media file, byte for byte.
    for name in manifest["media"]["files"]:
        assert (restored_media / name).read_bytes() == (media / name).read_bytes()
    assert Certificate.objects.count() == 1

    # A second restore into the now non-empty database and media directory is refused ...
    with pytest.raises(CommandError, match="not empty"):
        call_command(
            "restore", str(backup), target_database=target, media_root=str(tmp_path / "m2")
        )
    with pytest.raises(CommandError, match="not empty"):
        call_command(
            "restore",
            str(backup),
            target_database=restored_databases(),
            media_root=str(restored_media),
        )
    # ... unless forced: the database is replaced and verifies again.
    call_command(
        "restore", str(backup), target_database=target, media_root=str(restored_media), force=True
    )
    assert _fingerprints(target) == source


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_that_does_not_match_its_manifest(
    records, tmp_path, restored_databases
):
    backup = Path(call_command("backup", output_dir=str(tmp_path / "backups")))
    with open(backup / MEDIA, "r+b") as handle:  # one flipped byte in the tar
        handle.seek(600)
        byte = handle.read(1)
        handle.seek(600)
        handle.write(bytes([byte[0] ^ 0xFF]))
    target = restored_databases()
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(backup), target_database=target, media_root=str(tmp_path / "m"))
    (backup / DUMP).unlink()
    with pytest.raises(CommandError, match="missing"):
        call_command("restore", str(backup), target_database=target, no_media=True)
    db = connection.settings_dict
    with psycopg.connect(**psycopg_kwargs(db, dbname="postgres")) as conn:
        assert not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target]).fetchone()
    assert not (tmp_path / "m").exists()
