"""Concurrent approvals against one programme through the service layer.

    .venv/bin/python bench/nominations.py [--capacity 50] [--officers 400] [--threads 8]

Uses PostgreSQL when BENCH_DATABASE_URL is set (recommended: SQLite serialises writers and
cannot show row locking), else a throw-away SQLite file. Prints approvals attempted per
second, how many were approved, and the final seat count, which must equal capacity."""

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--officers", type=int, default=400)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    url = (
        os.environ.get("BENCH_DATABASE_URL")
        or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    )
    if url.startswith("postgres"):
        from bench_db import recreate

        url = recreate(url, suffix="bench")
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

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
    nominations = [
        services.nominate(
            programme=programme,
            officer=make_user(department=department, level="cutting_edge"),
            actor=hod,
        )
        for _ in range(args.officers)
    ]
    print(
        f"database: {connection.vendor}; programme capacity {args.capacity}; "
        f"{args.officers} submitted nominations; {args.threads} threads"
    )

    queue = list(nominations)
    lock = threading.Lock()
    outcome = {"approved": 0, "refused": 0, "other": 0}

    def worker():
        from django.db import connection as thread_connection

        try:
            while True:
                with lock:
                    if not queue:
                        return
                    item = queue.pop()
                try:
                    services.decide(nomination=item, decision=NominationState.APPROVED, actor=cell)
                    key = "approved"
                except services.NominationError:
                    key = "refused"
                except Exception:  # noqa: BLE001 - counted and reported
                    key = "other"
                with lock:
                    outcome[key] += 1
        finally:
            thread_connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    seats = Nomination.objects.filter(programme=programme, state__in=SEAT_STATES).count()
    print(
        f"approval requests: {args.officers} in {elapsed:.2f} s = {args.officers / elapsed:.0f}/s"
    )
    print(
        f"approved: {outcome['approved']}, refused (no seat): {outcome['refused']}, other errors: {outcome['other']}"
    )
    print(f"final seat count: {seats} (capacity {args.capacity})")
    assert seats == args.capacity == outcome["approved"], "oversubscribed or under-filled"


if __name__ == "__main__":
    main()
