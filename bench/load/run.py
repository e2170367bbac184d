"""Load bench: the production stack on loopback under a realistic mix, at several
concurrencies, plus the server CPU time per request of the two heaviest learner pages.

    make bench-load
    .venv/bin/python bench/load/run.py [--workers 3] [--levels 1,10,50] [--duration 30]

Starts a private Redis, gunicorn (WORKERS sync workers, production settings over plain
HTTP: bench/load/settings.py) and a Celery worker (nomination emails to files), on a fresh
PostgreSQL database (sevottam_load, a copy of a migrated template), generates the data
(bench/load/data.py: the Moodle "size S" course shape, a quiz, HODs with officers to
nominate, certificates to verify), then:

1. runs locust headless (bench/load/locustfile.py: lesson pages, catalogue, quiz pages and
   answer saves, HOD nominations, certificate verification) for DURATION seconds at each
   concurrency (closed loop, no think time) after a short warm-up, and prints requests/s,
   p50/p95/p99 and errors, overall and per request type;
2. sends CPU_REQUESTS sequential requests for the lesson page and for the quiz attempt page
   and divides the CPU time the gunicorn workers used (user + system, from /proc) by the
   count: CPU ms per request, independent of how busy the machine is otherwise.

Sessions are made directly (no password hashing in the measured mix). Figures from a
shared machine are noisy: the load average at the start is printed with them."""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.load.measure import (  # noqa: E402
    CpuShares,
    RestartWatch,
    cpu_per_request,
    queries_per_request,
)
from bench.load.stack import (  # noqa: E402
    BIN,
    ROOT,
    Stack,
    collectstatic,
    django_env,
    fresh_database,
    log,
    setup_django,
    wait_worker,
)


def locust(plan_file: Path, workdir: Path, *, host, users, seconds, slice_, slices) -> dict:
    prefix = workdir / f"c{users}-{slice_}"
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "load" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--stop-timeout",
            "10",
        ],
        env={
            **os.environ,
            "LOAD_PLAN": str(plan_file),
            "LOAD_SLICE": str(slice_),
            "LOAD_SLICES": str(slices),
        },
        check=False,  # locust exits 1 when any request failed; the figures say so
        stdout=open(workdir / f"locust-c{users}.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    with open(f"{prefix}_stats.csv") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def number(row, key):
    return float(row[key]) if row.get(key) not in (None, "", "N/A") else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/sevottam_load"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--levels", default="1,10,50", help="concurrencies (locust users)")
    parser.add_argument("--duration", type=int, default=30, help="seconds per concurrency")
    parser.add_argument("--warmup", type=int, default=10, help="seconds at 10 users first")
    parser.add_argument("--cpu-requests", type=int, default=200)
    parser.add_argument(
        "--cpu-rounds", type=int, default=3, help="rounds of --cpu-requests per page (least kept)"
    )
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",")]

    workdir = Path(tempfile.mkdtemp(prefix="sevottam-load-"))
    (workdir / "mail").mkdir()
    redis_url = f"redis://127.0.0.1:{args.redis_port}/0"
    env = django_env(
        database_url=args.database_url,
        redis_url=redis_url,
        workdir=workdir,
        VERIFY_RATE_LIMIT=10**9,  # one client address sends every look-up here
        CELERY_WORKER_CONCURRENCY=1,
    )
    name = args.database_url.rpartition("/")[2]
    env["DATABASE_URL"] = fresh_database(env, name)
    collectstatic(env)
    load_start = os.getloadavg()
    host = f"http://127.0.0.1:{args.port}"
    with Stack(workdir) as stack:
        redis_process = stack.redis(args.redis_port)
        setup_django(env)
        from bench.load.data import generate

        log(f"generating data in {name}")
        plan = generate(log=log)
        plan_file = workdir / "plan.json"
        plan_file.write_text(json.dumps(plan))
        from django.db import connection

        # Statistics and visibility maps as autovacuum keeps them in a running database: a
        # freshly loaded one has neither, and the planner then guesses one row per table
        # (a nested loop over every nomination for each officer on the HOD's page).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        log("database vacuumed and analysed")
        connection.close()

        # Worker recycling as configured for production (gunicorn.conf.py), watched.
        server = stack.gunicorn(env, port=args.port, workers=args.workers, max_requests=None)
        celery_process = stack.worker(env, concurrency=1)
        wait_worker()
        log(f"gunicorn {host} ({args.workers} workers), Celery worker, Redis {redis_url}")

        slices = len(levels) + 1
        watch = RestartWatch(server.pid)
        with watch:
            if args.warmup:
                log(f"warm-up: 10 users for {args.warmup} s")
                locust(
                    plan_file, workdir, host=host, users=10, seconds=args.warmup, slice_=0,
                    slices=slices,
                )  # fmt: skip
            results, restarts, shares = {}, {}, {}
            cpu_shares = CpuShares(
                gunicorn=server.pid, redis=redis_process.pid, celery=celery_process.pid
            )
            for index, users in enumerate(levels, start=1):
                log(f"{users} concurrent users for {args.duration} s")
                mark = len(watch.times)
                cpu_shares.start()
                results[users] = locust(
                    plan_file, workdir, host=host, users=users, seconds=args.duration,
                    slice_=index, slices=slices,
                )  # fmt: skip
                shares[users] = cpu_shares.stop()
                restarts[users] = watch.since(mark)

            log(
                f"CPU time per request: {args.cpu_rounds} rounds of {args.cpu_requests} "
                "sequential requests per page"
            )
            trainee = plan["trainees"][50]
            attempt = trainee["attempt"]
            pages = {
                "sign-in page": ({}, ["/accounts/login/"]),
                "course page": (trainee["cookies"], [plan["course"]]),
                "lesson page": (trainee["cookies"], plan["lessons"]),
                "quiz attempt page": (
                    trainee["cookies"],
                    [f"/assessments/attempts/{attempt}/?page={p}" for p in (1, 2)],
                ),
            }
            # Rounds taking turns between the pages, the least of each page's kept: a burst
            # of other work on the shared cores then spoils one round, not the figure.
            cpu: dict = {}
            for _round in range(args.cpu_rounds):
                for page, (cookies, paths) in pages.items():
                    measured = cpu_per_request(server.pid, host, cookies, paths, args.cpu_requests)
                    cpu[page] = min(cpu.get(page, measured), measured)
            queries = {
                page: queries_per_request(cookies, paths[:10])
                for page, (cookies, paths) in pages.items()
            }
        load_end = os.getloadavg()
        from lms.core.models import PendingTask
        from nominations.models import Nomination

        nominated = Nomination.objects.count()
        time.sleep(5)  # the worker's last emails
        mails = sum(
            path.read_text(errors="replace").count("-" * 79)
            for path in (workdir / "mail").glob("*.log")
        )
        kept = PendingTask.objects.count()
        connection.close()

    print(
        f"\nLoad bench: gunicorn {args.workers} sync workers + PostgreSQL + Redis + 1 Celery "
        f"worker on loopback, {os.cpu_count()} CPU cores shared with other work "
        f"(load average {load_start[0]:.1f} at the start, {load_end[0]:.1f} at the end); "
        f"locust on the same cores; {args.duration} s per row."
    )
    print(
        f"\n{'users':>5}{'requests':>10}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'errors':>8}"
    )
    for users, stats in results.items():
        row = stats["Aggregated"]
        print(
            f"{users:>5}{row['Request Count']:>10}{number(row, 'Requests/s'):>8.1f}"
            f"{number(row, '50%'):>8.0f}{number(row, '95%'):>8.0f}{number(row, '99%'):>8.0f}"
            f"{row['Failure Count']:>8}"
        )
    print("\nper request type and concurrency: requests, req/s, p50 / p95 / p99 ms, errors")
    for users, stats in results.items():
        print(f"  {users} users")
        for name, row in sorted(stats.items()):
            if name != "Aggregated":
                print(
                    f"    {name:<22}{row['Request Count']:>7}{number(row, 'Requests/s'):>8.1f}"
                    f"{number(row, '50%'):>8.0f} /{number(row, '95%'):>6.0f} /"
                    f"{number(row, '99%'):>6.0f}{row['Failure Count']:>6}"
                )
    parts = ["gunicorn", "PostgreSQL", "Redis", "Celery", "locust"]
    print(
        "\nCPU ms per request of the mix, by part of the stack (CPU seconds used during the "
        f"row / requests; {os.cpu_count()} cores x the row's wall time available)"
    )
    print(f"{'users':>5}" + "".join(f"{part:>12}" for part in parts) + f"{'all':>8}{'busy':>7}")
    for users, used in shares.items():
        count = int(results[users]["Aggregated"]["Request Count"]) or 1
        total = sum(used[part] for part in parts)
        busy = total / (used["wall"] * (os.cpu_count() or 1))
        print(
            f"{users:>5}"
            + "".join(f"{used[part] * 1000 / count:>12.2f}" for part in parts)
            + f"{total * 1000 / count:>8.2f}{busy:>7.0%}"
        )
    floor = cpu["sign-in page"][0]
    print(
        f"\n{'page':<20}{'CPU ms/request':>16}{'x sign-in':>11}{'queries':>9}"
        f"{'wall ms (1 user)':>18}"
    )
    for page, (cpu_ms, wall_ms) in cpu.items():
        print(
            f"{page:<20}{cpu_ms:>16.1f}{cpu_ms / floor:>11.1f}{queries[page]:>9.1f}{wall_ms:>18.1f}"
        )
    every = [t for times in restarts.values() for t in times]
    gap = RestartWatch.closest_gap(every)
    print(
        "\ngunicorn worker restarts (max_requests as configured): "
        + ", ".join(f"{len(times)} at {users} users" for users, times in restarts.items())
        + (f"; closest two {gap:.1f} s apart" if gap is not None else "")
    )
    print(
        f"\n{nominated} nominations made during the runs; the Celery worker sent {mails} emails "
        f"({2 * nominated} expected), {kept} left in the outbox. Logs and CSVs: {workdir}"
    )


if __name__ == "__main__":
    main()
