"""Fault drill: Redis (Celery broker, results and cache) stops for 30 s while an HOD
nominates officers through the web application.

    .venv/bin/python bench/faults/redis_outage.py [--outage 30]

gunicorn (2 workers), a Celery worker with beat, and a private Redis (append-only file, as
production should run it) on loopback. The HOD nominates one officer per request before,
during and after the outage, and opens the department's nominations, a course page and a
certificate verification meanwhile. Asserts:
  - every nomination request answered 302 and its nomination was saved, outage or not;
  - the pages answered 200 (404 for the unknown certificate) throughout;
  - the notification emails that could not be queued during the outage were kept in the
    outbox (``PendingTask``) and, once Redis was back, sent by ``flush_outbox`` (beat,
    every minute): every nominated officer gets their email, the HOD one per nomination;
  - the outbox is empty at the end.
Exit status 1 on failure."""

import argparse
import collections
import email
import sys
import tempfile
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
    wait_worker,
)


def make_data(officers: int):
    from lms.core.roles import Role
    from tests.factories import DepartmentFactory, build_course, make_user
    from tests.nominations.factories import open_programme

    department = DepartmentFactory(name="Revenue", code="REV")
    hod = make_user(Role.HOD, department=department, username="hod", level="top")
    programme = open_programme(capacity=officers, title="Charter batch (drill)")
    people = [
        make_user(Role.TRAINEE, department=department, level="cutting_edge")
        for _ in range(officers)
    ]
    course = build_course(modules=1, lessons_per_module=1, title="Grievance redress")
    return hod, programme, people, course


def mail_recipients(folder: Path) -> collections.Counter:
    """How many messages each address received (Django's file email backend)."""
    counts = collections.Counter()
    for path in folder.glob("*.log"):
        for chunk in path.read_text(errors="replace").split("-" * 79):
            if chunk.strip():
                message = email.message_from_string(chunk.strip())
                for address in (message.get("To") or "").split(","):
                    if address.strip():
                        counts[address.strip()] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outage", type=int, default=30, help="seconds Redis stays down")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/sevottam_faults"
    )
    parser.add_argument("--redis-port", type=int, default=6390)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()

    import requests

    workdir = Path(tempfile.mkdtemp(prefix="sevottam-fault-redis-"))
    (workdir / "mail").mkdir()
    redis_url = f"redis://127.0.0.1:{args.redis_port}/0"
    env = django_env(database_url=args.database_url, redis_url=redis_url, workdir=workdir)
    env["DATABASE_URL"] = fresh_database(env, args.database_url.rpartition("/")[2] + "_redis")
    collectstatic(env)
    base = f"http://127.0.0.1:{args.port}"
    with Stack(workdir) as stack:
        redis = stack.redis(args.redis_port)
        setup_django(env)
        from django.db import close_old_connections

        from lms.core.models import PendingTask
        from nominations.models import Nomination

        hod, programme, people, course = make_data(officers=3 * args.outage)
        cookies = session_cookies(hod)
        stack.gunicorn(env, port=args.port, workers=2)
        stack.worker(env, concurrency=2, beat=True)
        wait_worker()
        log(f"stack up: gunicorn {base} (2 workers), worker + beat, Redis {redis_url}")

        http = requests.Session()
        http.cookies.update(cookies)
        csrf = cookies["csrftoken"]
        nominate_url = f"{base}/nominations/programmes/{programme.pk}/nominate/"
        results = []  # (phase, what, status, seconds)
        queue = list(people)

        def step(phase: str):
            officer = queue.pop(0)
            started = time.perf_counter()
            try:
                response = http.post(
                    nominate_url,
                    data={"csrfmiddlewaretoken": csrf, "officers": officer.pk, "note": ""},
                    headers={"Referer": nominate_url},
                    allow_redirects=False,
                    timeout=30,
                )
                status = response.status_code
            except requests.RequestException as error:
                status = type(error).__name__
            results.append((phase, "nominate", status, time.perf_counter() - started, officer))
            for what, url in (
                ("department page", f"{base}/nominations/department/"),
                ("course page", f"{base}{course.url}"),
                ("verify", f"{base}/verify/no-such-serial/"),
            ):
                started = time.perf_counter()
                try:
                    status = http.get(url, timeout=30).status_code
                except requests.RequestException as error:
                    status = type(error).__name__
                results.append((phase, what, status, time.perf_counter() - started, None))

        for _ in range(5):
            step("before")
        stack.stop(redis)
        down_at = time.monotonic()
        log(f"Redis stopped; nominating for {args.outage} s")
        while time.monotonic() - down_at < args.outage:
            step("outage")
            time.sleep(0.5)
        close_old_connections()
        kept = PendingTask.objects.count()
        log(f"{kept} notification tasks kept in the outbox during the outage")
        stack.redis(args.redis_port, name="redis")
        log("Redis started again (same data directory)")
        for _ in range(5):
            step("after")

        nominated = [r[4] for r in results if r[1] == "nominate"]
        expected = collections.Counter({o.email: 1 for o in nominated})
        expected[hod.email] = len(nominated)
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            received = mail_recipients(workdir / "mail")
            close_old_connections()
            if (
                all(received[a] >= n for a, n in expected.items())
                and not PendingTask.objects.exists()
            ):
                break
            time.sleep(2)
        log(f"emails settled {time.monotonic() - down_at - args.outage:.0f} s after Redis returned")
        received = mail_recipients(workdir / "mail")
        close_old_connections()

        print(f"\n{'phase':<8}{'request':<18}{'count':>6}{'statuses':>22}{'max s':>8}")
        table = collections.defaultdict(list)
        for phase, what, status, seconds, _officer in results:
            table[(phase, what)].append((status, seconds))
        for (phase, what), rows in table.items():
            statuses = dict(collections.Counter(str(s) for s, _ in rows))
            print(
                f"{phase:<8}{what:<18}{len(rows):>6}{str(statuses):>22}"
                f"{max(s for _, s in rows):>8.2f}"
            )
        saved = set(
            Nomination.objects.filter(programme=programme).values_list("officer_id", flat=True)
        )
        wanted = {"nominate": 302, "department page": 200, "course page": 200, "verify": 404}
        missing_mail = {a: n - received[a] for a, n in expected.items() if received[a] < n}
        duplicates = {a: received[a] - n for a, n in expected.items() if received[a] > n}
        checks = {
            "every request answered as usual": all(
                status == wanted[what] for _p, what, status, _s, _o in results
            ),
            "every nomination saved": {o.pk for o in nominated} <= saved,
            "outage emails were kept in the outbox": kept > 0,
            "every email sent after Redis returned": not missing_mail,
            "outbox empty at the end": not PendingTask.objects.exists(),
        }
        print(f"\n{'check':<42}result")
        for name, ok in checks.items():
            print(f"{name:<42}{'ok' if ok else 'FAILED'}")
        print(
            f"\n{len(nominated)} nominations ({sum(1 for r in results if r[0] == 'outage' and r[1] == 'nominate')}"
            f" during the outage), {sum(received.values())} emails received"
            + (f"; missing {missing_mail}" if missing_mail else "")
            + (f"; sent twice (at-least-once): {duplicates}" if duplicates else "")
        )
        return outcome(
            all(checks.values()),
            f"Redis down {args.outage} s under nominations: pages kept working, "
            f"{kept} queued emails kept and sent after",
        )


if __name__ == "__main__":
    sys.exit(main())
