"""Fault drill: Celery workers killed in the middle of a bulk certificate run.

    .venv/bin/python bench/faults/worker_kill.py [--officers 200]

A programme with OFFICERS attended officers; ``issue_programme_certificates`` is queued
through a private Redis to a worker (2 processes). While it runs:
  1. the pool process running the task is killed (SIGKILL, as the kernel's OOM killer
     would): with acks_late + reject_on_worker_lost the task goes back to the queue and
     a new pool process carries on;
  2. the whole worker (parent and pool) is killed with SIGKILL, then a new worker is
     started: the unacknowledged task is handed out again after the broker's visibility
     timeout (shortened to 20 s here; an hour by default) and finishes the run.
Asserts: exactly one certificate per officer (none missing, none twice), certificate
numbers contiguous (a killed transaction leaves no gap and no half-issued row), every
certificate's PDF on disk, and the run's ZIP holds every PDF. Exit status 1 on failure."""

import argparse
import io
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.load.stack import (  # noqa: E402
    Stack,
    django_env,
    fresh_database,
    log,
    outcome,
    setup_django,
)

VISIBILITY_TIMEOUT = 20


def make_programme(officers: int):
    """A completed programme whose OFFICERS nominations are all ``attended``."""
    import datetime

    from django.utils import timezone

    from certificates.services import default_template
    from courses.enums import ProgrammeStatus
    from courses.models import Programme
    from lms.accounts.models import User
    from lms.core.roles import Role
    from nominations.enums import NominationState
    from nominations.models import Nomination
    from tests.factories import DepartmentFactory, build_course, make_user

    department = DepartmentFactory(name="Revenue", code="REV")
    cell = make_user(Role.CELL_ADMIN, department=None, username="cell")
    course = build_course(modules=1, lessons_per_module=1, title="नागरिक चार्टर / Citizen's Charter")
    ends = timezone.localdate() - datetime.timedelta(days=2)
    programme = Programme.objects.create(
        course=course,
        title="Charter batch (drill)",
        code="DRILL/1",
        capacity=officers,
        venue="HIPA Gurugram",
        nomination_opens_at=timezone.now() - datetime.timedelta(days=40),
        nomination_closes_at=timezone.now() - datetime.timedelta(days=20),
        starts_on=ends - datetime.timedelta(days=2),
        ends_on=ends,
        target_levels=["cutting_edge"],
        status=ProgrammeStatus.COMPLETED,
    )
    users = User.objects.bulk_create(
        User(
            username=f"officer{n:04d}",
            first_name="राम",
            last_name=f"कुमार {n}",
            designation="Naib Tehsildar",
            department=department,
            level="cutting_edge",
        )
        for n in range(officers)
    )
    Nomination.objects.bulk_create(
        Nomination(
            programme=programme,
            officer=user,
            department=department,
            state=NominationState.ATTENDED,
        )
        for user in users
    )
    default_template()
    return programme, cell


def issued(programme) -> int:
    from certificates.models import Certificate

    return Certificate.objects.filter(programme=programme).count()


def wait_for(predicate, *, timeout: float, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officers", type=int, default=200)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/sevottam_faults"
    )
    parser.add_argument("--redis-port", type=int, default=6390)
    args = parser.parse_args()

    import psutil

    workdir = Path(tempfile.mkdtemp(prefix="sevottam-fault-worker-"))
    redis_url = f"redis://127.0.0.1:{args.redis_port}/0"
    env = django_env(
        database_url=args.database_url,
        redis_url=redis_url,
        workdir=workdir,
        CELERY_VISIBILITY_TIMEOUT=VISIBILITY_TIMEOUT,
        CELERY_RESTORE_INTERVAL=1,
    )
    env["DATABASE_URL"] = fresh_database(env, args.database_url.rpartition("/")[2] + "_worker")
    log(f"work directory {workdir}; database {env['DATABASE_URL']}; Redis {redis_url}")
    with Stack(workdir) as stack:
        stack.redis(args.redis_port)
        setup_django(env)
        from django.db import connection

        from certificates.models import Certificate
        from certificates.tasks import issue_programme_certificates

        programme, cell = make_programme(args.officers)
        log(f"programme {programme.pk}: {args.officers} attended officers, 0 certificates")

        worker = stack.worker(env, concurrency=2, name="worker1")
        result = issue_programme_certificates.delay(programme.pk, cell.pk)
        log(f"queued issue_programme_certificates ({result.id})")

        # 1. Kill the pool process that runs the task, a quarter of the way through.
        first = wait_for(lambda: issued(programme) >= args.officers // 4 or None, timeout=300)
        if not first:
            return outcome(False, "the worker issued nothing within 300 s")
        busy = [
            child
            for child in psutil.Process(worker.pid).children(recursive=True)
            if child.cpu_percent(interval=0.3) > 20
        ]
        for child in busy:
            child.kill()
        log(
            f"{issued(programme)} issued: SIGKILL to the busy pool process(es) "
            f"{[c.pid for c in busy]} (the worker's parent stays)"
        )
        resumed = wait_for(lambda: issued(programme) >= args.officers // 2 or None, timeout=300)
        log(f"{issued(programme)} issued: the task was requeued and a new pool process resumed")

        # 2. Kill the whole worker (parent and pool), as a lost host would be.
        stack.stop(worker, sig=9)
        killed_at = time.monotonic()
        at_kill = issued(programme)
        log(f"{at_kill} issued: SIGKILL to the whole worker (process group {worker.pid})")
        time.sleep(2)
        if issued(programme) != at_kill:
            return outcome(False, "certificates were still being issued after the kill")
        stack.worker(env, concurrency=2, name="worker2")
        log(
            f"worker restarted; the unacknowledged task is handed out again after the "
            f"visibility timeout ({VISIBILITY_TIMEOUT} s here)"
        )
        done = wait_for(lambda: issued(programme) >= args.officers or None, timeout=600, every=1)
        log(
            f"{issued(programme)} issued, {time.monotonic() - killed_at:.0f} s after the kill"
            if done
            else "the run did not finish within 600 s"
        )
        try:
            summary = result.get(timeout=120)
        except Exception as error:  # noqa: BLE001 - reported below
            summary = {"error": repr(error)}
        log(f"task result: {summary}")
        connection.close()

        certificates = list(Certificate.objects.filter(programme=programme))
        holders = [c.holder_id for c in certificates]
        numbers = sorted(int(c.number.rsplit("/", 1)[1]) for c in certificates)
        media = Path(env["MEDIA_ROOT"])
        missing_pdf = [c.number for c in certificates if not (media / c.pdf.name).is_file()]
        orphans = {p.name for p in (media / "certificates").rglob("*.pdf")} - {
            Path(c.pdf.name).name for c in certificates
        }
        zip_names = []
        if isinstance(summary, dict) and summary.get("zip"):
            with zipfile.ZipFile(io.BytesIO((media / summary["zip"]).read_bytes())) as archive:
                zip_names = archive.namelist()
        checks = {
            "every officer has a certificate": len(set(holders)) == args.officers,
            "no officer has two": len(holders) == len(set(holders)),
            "numbers contiguous, no gaps": numbers == list(range(1, args.officers + 1)),
            "every certificate's PDF is on disk": not missing_pdf,
            "the ZIP holds every PDF": len(zip_names) == args.officers,
            "the requeued pool process resumed": bool(resumed) and bool(busy),
        }
        print(f"\n{'check':<40}result")
        for name, ok in checks.items():
            print(f"{name:<40}{'ok' if ok else 'FAILED'}")
        print(
            f"\ncertificates {len(certificates)}, distinct holders {len(set(holders))}, "
            f"numbers {numbers[:1]}..{numbers[-1:]}, PDFs of rolled-back issues left on disk: "
            f"{len(orphans)} (no row refers to them)"
        )
        return outcome(
            all(checks.values()),
            f"workers killed twice during a {args.officers}-certificate run; "
            f"{len(certificates)} certificates for {len(set(holders))} officers",
        )


if __name__ == "__main__":
    sys.exit(main())
