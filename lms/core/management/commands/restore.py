"""``manage.py restore``: a backup directory (made by ``manage.py backup``) into a named
database and a media directory, then a check that every table has the row count the
manifest recorded and every media file its checksum.

    manage.py restore /var/backups/sevottam/sevottam-20260101T010000Z \\
        --target-database sevottam_restored --media-root /srv/sevottam/media-restored

The target database is created on the server of DATABASE_URL (or --target-url) when it
does not exist. A target database that has any table, or a media directory that has any
file, is refused unless --force: then the database is dropped and created again, and the
media files are written over what is there (other files are left alone).
Nothing is changed until both archives match the manifest's checksums.
"""

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import urlparse

import environ
import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from psycopg import sql

from ..backups import (
    COUNT_TABLES,
    DATABASE_NAME,
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
    help = "Restore a backup into a named (empty) database and media directory, then verify it."

    def add_arguments(self, parser):
        parser.add_argument("backup_dir", help="A directory written by manage.py backup.")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument(
            "--target-database",
            help="Database name on the server of the Django database (created if missing).",
        )
        target.add_argument(
            "--target-url", help="postgres://user:password@host:port/name of the target."
        )
        parser.add_argument(
            "--media-root", help="Directory to unpack the media into (required unless --no-media)."
        )
        parser.add_argument("--no-media", action="store_true", help="Restore the database only.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Drop and recreate a non-empty target database; write over existing media.",
        )
        parser.add_argument("--database", default="default", help="Django database alias.")
        parser.add_argument(
            "--pg-restore",
            default=os.environ.get("PG_RESTORE", "pg_restore"),
            help="pg_restore to run.",
        )

    def handle(self, *args, backup_dir, **options):
        source = Path(backup_dir)
        manifest = self._manifest(source, with_media=not options["no_media"])
        if not options["no_media"] and not options["media_root"]:
            raise CommandError("Give --media-root (or --no-media).")
        target = self._target(options)
        name = target["NAME"]
        if not DATABASE_NAME.match(name):
            raise CommandError(f"Refusing database name {name!r} (letters, digits, _ and -).")
        if shutil.which(options["pg_restore"]) is None:
            raise CommandError(f"{options['pg_restore']} not found.")
        media_root = None if options["no_media"] else Path(options["media_root"])

        # Refuse before changing anything.
        exists, tables = self._inspect(psycopg, target)
        if tables and not options["force"]:
            raise CommandError(
                f"Database {name} is not empty ({tables} tables); use --force to replace it."
            )
        if media_root is not None and walk_files(media_root) and not options["force"]:
            raise CommandError(
                f"Media directory {media_root} is not empty; use --force to write over it."
            )

        self._create_database(psycopg, target, manifest, drop=exists and options["force"])
        result = subprocess.run(  # noqa: S603 - an argument list, no shell
            [
                options["pg_restore"],
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={name}",
                str(source / DUMP),
            ],
            env=libpq_env(target),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        self.stdout.write(f"Database restored into {name}.")
        if media_root is not None:
            media_root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(source / MEDIA) as archive:
                # "data": no absolute paths, no "..", no links out of the directory.
                archive.extractall(media_root, filter="data")
            self.stdout.write(f"Media unpacked into {media_root}.")

        problems = self._verify(psycopg, target, manifest, media_root)
        if problems:
            for line in problems:
                self.stderr.write(f"  {line}")
            raise CommandError(f"Restore did not verify: {len(problems)} difference(s).")
        tables = manifest["tables"]
        files = len(manifest.get("media", {}).get("files", {})) if media_root else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Verified: {len(tables)} tables and {sum(tables.values())} rows match the "
                f"manifest"
                + (f"; {files} media files match their checksums." if media_root else ".")
            )
        )

    # ---------------------------------------------------------------- steps

    def _manifest(self, source: Path, *, with_media: bool) -> dict:
        try:
            manifest = json.loads((source / MANIFEST).read_text())
        except FileNotFoundError as error:
            raise CommandError(f"No {MANIFEST} in {source}: not a backup directory.") from error
        if manifest.get("format") != FORMAT:
            raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
        wanted = [DUMP] + ([MEDIA] if with_media else [])
        for name in wanted:
            expected = manifest["files"].get(name)
            if expected is None:
                raise CommandError(f"The backup has no {name} (made with --no-media?).")
            if not (source / name).is_file():
                raise CommandError(f"{source / name} is missing.")
            digest, size = sha256_file(source / name)
            if (digest, size) != (expected["sha256"], expected["bytes"]):
                raise CommandError(f"{name} does not match its checksum in the manifest.")
        return manifest

    def _target(self, options) -> dict:
        if options["target_url"]:
            url = options["target_url"]
            if urlparse(url).scheme not in {"postgres", "postgresql", "pgsql"}:
                raise CommandError("--target-url must be a postgres:// URL.")
            return environ.Env.db_url_config(url)
        db = dict(postgres_settings(connections[options["database"]].settings_dict))
        db["NAME"] = options["target_database"]
        return db

    def _inspect(self, psycopg, target) -> tuple[bool, int]:
        """(the database exists, how many tables it has)."""
        with psycopg.connect(**psycopg_kwargs(target, dbname="postgres"), autocommit=True) as c:
            exists = c.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [target["NAME"]]
            ).fetchone()
        if not exists:
            return False, 0
        with psycopg.connect(**psycopg_kwargs(target)) as conn:
            return True, len(conn.execute(COUNT_TABLES).fetchall())

    def _create_database(self, psycopg, target, manifest, *, drop: bool) -> None:
        name = sql.Identifier(target["NAME"])
        with psycopg.connect(**psycopg_kwargs(target, dbname="postgres"), autocommit=True) as c:
            if drop:
                c.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(name))
                self.stdout.write(f"Dropped database {target['NAME']} (--force).")
            exists = c.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [target["NAME"]]
            ).fetchone()
            if not exists:
                c.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING {}").format(
                        name, sql.Literal(manifest["database"].get("encoding") or "UTF8")
                    )
                )

    def _verify(self, psycopg, target, manifest, media_root) -> list[str]:
        problems = []
        with psycopg.connect(**psycopg_kwargs(target)) as conn, conn.cursor() as cursor:
            counts = count_rows(cursor)
        for table, expected in sorted(manifest["tables"].items()):
            found = counts.get(table)
            if found != expected:
                problems.append(f"table {table}: {found} rows, manifest says {expected}")
        for table in sorted(set(counts) - set(manifest["tables"])):
            problems.append(f"table {table} is not in the manifest")
        if media_root is not None:
            for name, expected in sorted(manifest.get("media", {}).get("files", {}).items()):
                path = media_root / name
                if not path.is_file():
                    problems.append(f"media file {name} is missing")
                    continue
                digest, size = sha256_file(path)
                if (digest, size) != (expected["sha256"], expected["bytes"]):
                    problems.append(f"media file {name} does not match its checksum")
        return problems
