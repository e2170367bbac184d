"""A fresh PostgreSQL database for a bench run (dropped and created again)."""


def recreate(url: str, *, suffix: str) -> str:
    import psycopg

    base, _, name = url.rpartition("/")
    name = f"{name or 'postgres'}_{suffix}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"
