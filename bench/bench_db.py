"""A fresh PostgreSQL database for a bench run (dropped and created again)."""


def recreate(url: str, *, suffix: str) -> str:
    import psycopg

    base, _, name = url.rpartition("/")
    name = f"{name or 'postgres'}_{suffix}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def migrated_postgres(script: str, *, suffix: str) -> bool:
    """Point Django at a fresh, migrated PostgreSQL database made from BENCH_DATABASE_URL
    (or DATABASE_URL) for the bench ``script``; False, with the reason printed, without one."""
    import os
    import warnings

    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        print(f"{script} needs PostgreSQL: set BENCH_DATABASE_URL=postgres://...")
        return False
    os.environ["DATABASE_URL"] = recreate(url, suffix=suffix)
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
    import django

    warnings.filterwarnings("ignore")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return True
