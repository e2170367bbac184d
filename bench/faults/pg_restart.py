"""Fault drill: PostgreSQL restarts while the site is under load.

    .venv/bin/python bench/faults/pg_restart.py [--cluster 15/sevottam_faults] [--port 5433]

A private PostgreSQL cluster (created with pg_createcluster on first use, trust auth on
loopback, kept stopped afterwards; --drop-cluster removes it) so that the shared server
of the other developers is not restarted; on this Debian machine without systemd,
``pg_ctlcluster VERSION NAME restart`` is what restarts one cluster (``service postgresql
restart`` would restart every cluster, ``systemctl`` has no running systemd here).

gunicorn (2 workers, persistent connections CONN_MAX_AGE=60, CONN_HEALTH_CHECKS on, as
in production) serves a signed-in trainee's lesson page, the catalogue and /healthz to 4
client threads; after a few seconds the cluster is restarted (``-m fast``: sessions are
cut). Asserts: requests fail at most while PostgreSQL is down (plus a 2 s grace), every
request afterwards succeeds, and gunicorn was not restarted (same worker processes).
With --compare, the same restart again with CONN_HEALTH_CHECKS off (not asserted; under
steady load every worker meets the dead connection during the restart and drops it, so the
two differ only for workers that sat idle through it). Exit status 1 on failure."""

import argparse
import collections
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.load.stack import (  # noqa: E402
    Stack,
    collectstatic,
    django_env,
    fresh_database,
    log,
    outcome,
    session_cookies,
    setup_django,
)

GRACE = 2.0


def ensure_cluster(version: str, name: str, port: int) -> None:
    listed = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True)
    clusters = {tuple(line.split()[:2]): line.split() for line in listed.stdout.splitlines()}
    if (version, name) not in clusters:
        log(f"creating PostgreSQL cluster {version}/{name} on port {port} (trust on loopback)")
        subprocess.run(
            ["pg_createcluster", version, name, "-p", str(port), "--", "--auth=trust"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    elif clusters[(version, name)][2] != str(port):
        raise SystemExit(f"cluster {version}/{name} listens on {clusters[(version, name)][2]}")
    if (
        "online"
        not in subprocess.run(
            ["pg_lsclusters", "-h", version, name], capture_output=True, text=True, check=True
        ).stdout
    ):
        subprocess.run(["pg_ctlcluster", version, name, "start"], check=True)


def hammer(base, cookies, paths, stop, results, started):
    import requests

    http = requests.Session()
    http.cookies.update(cookies)
    n = 0
    while not stop.is_set():
        path = paths[n % len(paths)]
        n += 1
        t = time.monotonic() - started
        try:
            status = http.get(base + path, timeout=30).status_code
        except requests.RequestException as error:
            status = type(error).__name__
        results.append((t, time.monotonic() - started, path, status))


def restart_round(args, stack, env, cookies, paths, *, health_checks: bool) -> dict:
    import psutil

    run_env = {**env, "CONN_HEALTH_CHECKS": "true" if health_checks else "false"}
    server = stack.gunicorn(run_env, port=args.port_http, workers=2, name="gunicorn")
    pids_before = sorted(p.pid for p in psutil.Process(server.pid).children())
    base = f"http://127.0.0.1:{args.port_http}"
    results, stop = [], threading.Event()
    started = time.monotonic()
    threads = [
        threading.Thread(target=hammer, args=(base, cookies, paths, stop, results, started))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    time.sleep(args.before)
    down = time.monotonic() - started
    subprocess.run(["pg_ctlcluster", *args.cluster.split("/"), "restart", "-m", "fast"], check=True)
    up = time.monotonic() - started
    log(
        f"pg_ctlcluster {args.cluster} restart -m fast: down at {down:.1f} s, "
        f"accepting again at {up:.1f} s (health checks {'on' if health_checks else 'off'})"
    )
    time.sleep(args.after)
    stop.set()
    for thread in threads:
        thread.join()
    pids_after = sorted(p.pid for p in psutil.Process(server.pid).children())
    stack.stop(server)

    def ok(status):
        return status == 200

    before = [r for r in results if r[1] < down]
    during = [r for r in results if r[1] >= down and r[0] <= up + GRACE]
    after = [r for r in results if r[0] > up + GRACE]
    failed_after = [r for r in results if r[0] > up and not ok(r[3])]
    print(
        f"\n  {'window':<32}{'requests':>9}{'ok':>6}{'failed':>8}  failures"
        f"\n  {'before the restart':<32}{len(before):>9}{sum(ok(r[3]) for r in before):>6}"
        f"{sum(not ok(r[3]) for r in before):>8}"
        f"\n  {'during (+' + str(GRACE) + ' s grace)':<32}{len(during):>9}"
        f"{sum(ok(r[3]) for r in during):>6}{sum(not ok(r[3]) for r in during):>8}  "
        f"{dict(collections.Counter(str(r[3]) for r in during if not ok(r[3])))}"
        f"\n  {'after':<32}{len(after):>9}{sum(ok(r[3]) for r in after):>6}"
        f"{sum(not ok(r[3]) for r in after):>8}"
        f"\n  failed requests sent after PostgreSQL was back: {len(failed_after)}"
    )
    return {
        "before": before,
        "after": after,
        "failed_after_up": failed_after,
        "same_workers": pids_before == pids_after,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cluster", default="15/sevottam_faults", help="VERSION/NAME")
    parser.add_argument("--port", type=int, default=5433, help="the cluster's port")
    parser.add_argument("--port-http", type=int, default=8767)
    parser.add_argument("--before", type=float, default=6)
    parser.add_argument("--after", type=float, default=12)
    parser.add_argument("--drop-cluster", action="store_true", help="remove the cluster after")
    parser.add_argument("--compare", action="store_true", help="again without health checks")
    args = parser.parse_args()
    version, name = args.cluster.split("/")
    ensure_cluster(version, name, args.port)

    workdir = Path(tempfile.mkdtemp(prefix="sevottam-fault-pg-"))
    env = django_env(
        database_url=f"postgres://postgres@127.0.0.1:{args.port}/sevottam_faults",
        redis_url="",
        workdir=workdir,
        CONN_MAX_AGE=60,
    )
    try:
        env["DATABASE_URL"] = fresh_database(env, "sevottam_faults_pg")
        collectstatic(env)
        setup_django(env)
        from django.db import connection

        from courses.models import LessonPage
        from courses.services import enrol
        from lms.core.roles import Role
        from tests.factories import build_course, make_user

        course = build_course(modules=2, lessons_per_module=3, title="Grievance redress")
        trainee = make_user(Role.TRAINEE)
        enrol(user=trainee, course=course)
        lesson = LessonPage.objects.live().descendant_of(course).order_by("path").first()
        cookies = session_cookies(trainee)
        connection.close()
        paths = [lesson.url, "/courses/", "/healthz", course.url]

        with Stack(workdir) as stack:
            log("round 1: CONN_HEALTH_CHECKS on (the production setting)")
            first = restart_round(args, stack, env, cookies, paths, health_checks=True)
            if args.compare:
                log("round 2, for comparison: CONN_HEALTH_CHECKS off")
                restart_round(args, stack, env, cookies, paths, health_checks=False)
    finally:
        if args.drop_cluster:
            subprocess.run(["pg_dropcluster", "--stop", version, name], check=False)
        else:
            subprocess.run(["pg_ctlcluster", version, name, "stop"], check=False)

    checks = {
        "every request before the restart succeeded": all(r[3] == 200 for r in first["before"]),
        "every request after PostgreSQL was back succeeded": not first["failed_after_up"],
        "requests were served after the restart": len(first["after"]) >= 20,
        "gunicorn kept its worker processes": first["same_workers"],
    }
    print(f"\n{'check (round 1)':<52}result")
    for check, ok in checks.items():
        print(f"{check:<52}{'ok' if ok else 'FAILED'}")
    return outcome(
        all(checks.values()),
        "PostgreSQL restarted under load; the application recovered without a restart",
    )


if __name__ == "__main__":
    sys.exit(main())
