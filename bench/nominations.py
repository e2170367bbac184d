"""Concurrent nominations and approvals against one programme, through the service layer.

    .venv/bin/python bench/nominations.py [--capacity 50] [--officers 400] [--threads 8]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/sevottam .venv/bin/python bench/nominations.py

On PostgreSQL when BENCH_DATABASE_URL (or DATABASE_URL) is a postgres:// URL: a fresh
database "<name>_bench" is created for the run (the named database itself is not touched).
Otherwise a throw-away SQLite file (SQLite serialises writers, so it cannot show row locking;
its transactions begin IMMEDIATE here so that threads wait for the write lock).

Creates a programme with CAPACITY seats and OFFICERS officers of one department, then from
THREADS threads released together: (1) the HOD nominates every officer, (2) the cell asks
to approve every nomination. Prints requests per second for each phase, how many approvals
went through and the final seat count, and fails unless the seat count equals the capacity
and every refusal was the "no seat" rule (no other error)."""

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def database_url() -> str:
    for name in ("BENCH_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith(("postgres://", "postgresql://", "pgsql://")):
            from bench_db import recreate

            return recreate(url, suffix="bench")
    return f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"


def fire(items, action, threads):
    """Run ``action(item)`` for every item from ``threads`` threads that start together.
    Returns (seconds, outcome counts by the name ``action`` returns or the error kind)."""
    from django.db import connection

    queue = list(reversed(items))
    lock = threading.Lock()
    barrier = threading.Barrier(threads + 1)
    outcome: dict[str, int] = {}
    errors: list[str] = []

    def worker():
        try:
            barrier.wait(timeout=60)
            while True:
                with lock:
                    if not queue:
                        return
                    item = queue.pop()
                try:
                    key = action(item)
                except Exception as error:  # noqa: BLE001 - counted and reported
                    key = type(error).__name__
                    if len(errors) < 3 and key != "NominationError":
                        errors.append(f"{key}: {error}")
                with lock:
                    outcome[key] = outcome.get(key, 0) + 1
        finally:
            connection.close()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    barrier.wait(timeout=60)
    started = time.perf_counter()
    for thread in workers:
        thread.join()
    elapsed = time.perf_counter() - started
    for line in errors:
        print(f"  unexpected error: {line}")
    return elapsed, outcome


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--officers", type=int, default=400)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = database_url()
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        # Read-then-write transactions from several threads otherwise fail at once with
        # "database is locked" instead of waiting their turn.
        connection.settings_dict["OPTIONS"].update(transaction_mode="IMMEDIATE", timeout=60)
    call_command("migrate", verbosity=0)

    from lms.core.roles import Role
    from nominations import services
    from nominations.enums import SEAT_STATES, NominationState
    from nominations.models import Nomination
    from tests.factories import DepartmentFactory, make_user
    from tests.nominations.factories import open_programme

    department = DepartmentFactory()
    hod = make_user(Role.HOD, department=department)
    cell = make_user(Role.CELL_ADMIN, department=None)
    programme = open_programme(capacity=args.capacity)
    officers = [
        make_user(department=department, level="cutting_edge") for _ in range(args.officers)
    ]
    connection.close()  # the threads open their own connections
    print(
        f"database: {connection.vendor}; programme capacity {args.capacity}; "
        f"{args.officers} officers; {args.threads} threads"
    )

    def nominate(officer):
        services.nominate(programme=programme, officer=officer, actor=hod)
        return "nominated"

    elapsed, outcome = fire(officers, nominate, args.threads)
    print(
        f"nominate requests: {args.officers} in {elapsed:.2f} s = "
        f"{args.officers / elapsed:.0f}/s; {outcome}"
    )
    nominations = list(Nomination.objects.filter(programme=programme))

    def approve(nomination):
        services.decide(nomination=nomination, decision=NominationState.APPROVED, actor=cell)
        return "approved"

    elapsed, outcome = fire(nominations, approve, args.threads)
    approved = outcome.get("approved", 0)
    refused = outcome.get("NominationError", 0)
    other = args.officers - approved - refused
    print(
        f"approve requests: {args.officers} in {elapsed:.2f} s = "
        f"{args.officers / elapsed:.0f}/s (approvals attempted per second)"
    )
    print(f"approved: {approved}, refused (no seat): {refused}, other errors: {other}")
    seats = Nomination.objects.filter(programme=programme, state__in=SEAT_STATES).count()
    print(f"final seat count: {seats} (capacity {args.capacity})")
    assert len(nominations) == args.officers, "a nomination request failed"
    assert other == 0, "requests failed for another reason than a full programme"
    expected = min(args.capacity, args.officers)
    assert seats == expected == approved, "oversubscribed or under-filled"


if __name__ == "__main__":
    main()
