"""``manage.py backup``: the database (pg_dump, custom format) and MEDIA_ROOT (tar) into a
new timestamped directory, with a manifest of row counts per table and checksums.

    manage.py backup [--output-dir /var/backups/sevottam] [--no-media]

The row counts are taken inside the very snapshot pg_dump dumps (an exported REPEATABLE
READ snapshot), so they match the dump exactly even while the site is in use; ``restore``
checks them. Media files written while the tar is made may or may not be in it (files
are written once and never changed in place by the application).
"""

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from ..backups import (
    DUMP,
    FORMAT,
    MANIFEST,
    MEDIA,
    count_rows,
    libpq_env,
    postgres_settings,
    psycopg_kwargs,
    sha256_file,
    walk_files,
)


class Command(BaseCommand):
    help = "Back up the PostgreSQL database and MEDIA_ROOT into a timestamped directory."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=os.environ.get("BACKUP_DIR") or str(Path(settings.BASE_DIR) / "backups"),
            help="Where the timestamped backup directory is created (default: $BACKUP_DIR "
            "or ./backups).",
        )
        parser.add_argument("--database", default="default", help="Django database alias.")
        parser.add_argument("--no-media", action="store_true", help="Skip MEDIA_ROOT.")
        parser.add_argument(
            "--pg-dump", default=os.environ.get("PG_DUMP", "pg_dump"), help="pg_dump to run."
        )

    def handle(self, *args, output_dir, database, no_media, pg_dump, **options):
        db = postgres_settings(connections[database].settings_dict)
        if shutil.which(pg_dump) is None:
            raise CommandError(f"{pg_dump} not found (apt-get install postgresql-client).")
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        root = Path(output_dir)
        root.mkdir(parents=True, exist_ok=True)
        final = root / f"sevottam-{stamp}"
        if final.exists():
            raise CommandError(f"{final} exists already.")
        work = root / f".sevottam-{stamp}.partial"
        work.mkdir(mode=0o700)  # personal data: readable by the owner only
        try:
            manifest = self._backup(psycopg, db, work, pg_dump, no_media)
            (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
            work.rename(final)  # a backup directory exists only once it is complete
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        tables = manifest["tables"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {final}: {len(tables)} tables, {sum(tables.values())} rows, "
                f"database {manifest['files'][DUMP]['bytes'] / 1e6:.1f} MB"
                + (
                    ""
                    if no_media
                    else f", {len(manifest['media']['files'])} media files "
                    f"({manifest['files'][MEDIA]['bytes'] / 1e6:.1f} MB tar)"
                )
            )
        )
        return str(final)

    def _backup(self, psycopg, db, work: Path, pg_dump: str, no_media: bool) -> dict:
        with psycopg.connect(**psycopg_kwargs(db)) as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
                snapshot, server_version = cursor.fetchone()
                cursor.execute(
                    "SELECT pg_encoding_to_char(encoding) FROM pg_database "
                    "WHERE datname = current_database()"
                )
                encoding = cursor.fetchone()[0]
                tables = count_rows(cursor)
                # The transaction stays open: pg_dump reads the exported snapshot.
                result = subprocess.run(  # noqa: S603 - an argument list, no shell
                    [
                        pg_dump,
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        f"--file={work / DUMP}",
                    ],
                    env=libpq_env(db),
                    capture_output=True,
                    text=True,
                    check=False,
                )
            conn.rollback()
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        digest, size = sha256_file(work / DUMP)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": {
                "name": db["NAME"],
                "server_version": server_version,
                "encoding": encoding,
            },
            "tables": tables,
            "files": {DUMP: {"sha256": digest, "bytes": size}},
        }
        if not no_media:
            media_root = Path(settings.MEDIA_ROOT)
            files = {}
            with tarfile.open(work / MEDIA, "w") as archive:
                for name in walk_files(media_root):
                    files[name] = _add_hashed(archive, media_root / name, name)
            digest, size = sha256_file(work / MEDIA)
            manifest["files"][MEDIA] = {"sha256": digest, "bytes": size}
            manifest["media"] = {"root": str(media_root), "files": files}
        return manifest


class _HashingReader:
    """Reads a file for tarfile while hashing exactly the bytes that go into the tar."""

    def __init__(self, handle):
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def read(self, size=-1):
        block = self.handle.read(size)
        self.digest.update(block)
        self.size += len(block)
        return block


def _add_hashed(archive: tarfile.TarFile, path: Path, name: str) -> dict:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as handle:
        reader = _HashingReader(handle)
        archive.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "bytes": reader.size}
