"""Render and store certificates: certificates per second, per-certificate cost, memory.

    .venv/bin/python bench/certificates.py [--count 1000] [--workers 2]

Each worker is a process (like a Celery worker with --concurrency) issuing certificates
through the service (number, row, PDF with shaped Hindi and QR, file) into a throw-away
SQLite database and media folder (BENCH_DATABASE_URL=postgres://... for PostgreSQL);
prints certificates/second, wall and CPU time per certificate, the render alone, and the
peak RSS per worker. The machine is shared, so the CPU figures are also given as a ratio
to a baseline measured in the same run: a one-page PDF drawn with reportlab alone."""

import argparse
import io
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(db_url, media):
    os.environ["DATABASE_URL"] = db_url
    os.environ["MEDIA_ROOT"] = media
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.dev"
    os.environ["DEBUG"] = "false"
    import warnings

    import django

    warnings.filterwarnings("ignore")
    django.setup()


def worker(args):
    db_url, media, user_ids, course_id = args
    _setup(db_url, media)
    from django.db import connection

    from certificates.services import issue
    from courses.models import CoursePage
    from lms.accounts.models import User

    course = CoursePage.objects.get(pk=course_id)
    started, cpu = time.perf_counter(), time.process_time()
    for user in User.objects.filter(pk__in=user_ids).select_related("department"):
        for attempt in range(100):
            try:
                issue(holder=user, course=course)
                break
            except Exception as exc:  # noqa: BLE001 - SQLite "database is locked": retry
                if "locked" not in str(exc) or attempt == 99:
                    raise
                time.sleep(0.05)
    connection.close()
    return (
        time.perf_counter() - started,
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        time.process_time() - cpu,
    )


def baseline_ms(repeat: int = 20) -> float:
    """CPU ms of a one-page PDF drawn with reportlab's canvas and Helvetica (pure-Python
    work like a render, untouched by the project's PDF code), the best of three runs."""
    from reportlab.pdfgen import canvas

    best = None
    for _ in range(4):
        started = time.process_time()
        for _ in range(repeat):
            pdf = canvas.Canvas(io.BytesIO())
            for line in range(40):
                pdf.drawString(72, 800 - 18 * line, f"Baseline line {line}: the quick brown fox")
            pdf.showPage()
            pdf.save()
        took = (time.process_time() - started) / repeat * 1000
        best = took if best is None else min(best, took)
    return best


def render_only_ms(count: int = 50) -> tuple[float, float]:
    """(wall, CPU) ms per certificate of rendering stored certificates again, PDF only (no
    number, row or file): the part of issuing that this process's caches speed up."""
    from certificates.models import Certificate
    from certificates.rendering import certificate_pdf

    certificates = list(Certificate.objects.select_related("template")[:count])
    certificate_pdf(certificates[0], certificates[0].template)
    wall, cpu = time.perf_counter(), time.process_time()
    for certificate in certificates:
        certificate_pdf(certificate, certificate.template)
    return (
        (time.perf_counter() - wall) / len(certificates) * 1000,
        (time.process_time() - cpu) / len(certificates) * 1000,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    db_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}"
    if db_url.startswith("postgres"):
        from bench_db import recreate

        db_url = recreate(db_url, suffix="certbench")
    media = str(work / "media")
    _setup(db_url, media)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from lms.accounts.models import User
    from tests.factories import DepartmentFactory, build_course

    course = build_course(modules=1, lessons_per_module=1, title="नागरिक चार्टर / Citizen's Charter")
    department = DepartmentFactory()
    users = User.objects.bulk_create(
        User(
            username=f"bench{n}",
            first_name="राम",
            last_name=f"कुमार {n}",
            designation="Naib Tehsildar",
            department=department,
        )
        for n in range(args.count)
    )
    ids = [u.pk for u in users]
    from certificates.services import default_template

    default_template()
    chunks = [(db_url, media, ids[i :: args.workers], course.pk) for i in range(args.workers)]
    from django.db import connection

    connection.close()
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        results = pool.map(worker, chunks)
    elapsed = time.perf_counter() - started
    from certificates.models import Certificate

    stored = Certificate.objects.count()
    size = sum(f.stat().st_size for f in Path(media).rglob("*.pdf"))
    worker_cpu = sum(r[2] for r in results)
    base = baseline_ms()
    render_wall, render_cpu = render_only_ms()
    print(
        f"{stored} certificates rendered and stored by {args.workers} worker processes in {elapsed:.1f} s"
    )
    print(
        f"throughput: {stored / elapsed:.1f} certificates/s ({elapsed / stored * 1000 * args.workers:.0f} ms each per worker)"
    )
    print(
        f"CPU: {worker_cpu:.1f} s in the workers, {worker_cpu / stored * 1000:.1f} ms per certificate "
        f"= {worker_cpu / stored * 1000 / base:.1f} x the baseline (a one-page reportlab PDF: {base:.1f} ms CPU)"
    )
    print(
        f"render only (PDF of a stored certificate): {render_wall:.1f} ms wall, {render_cpu:.1f} ms CPU "
        f"= {render_cpu / base:.1f} x the baseline"
    )
    print(
        f"peak RSS per worker: {max(r[1] for r in results) / 1024:.0f} MiB; PDFs: {size / stored / 1024:.0f} KiB each"
    )
    print(f"load average while running: {os.getloadavg()[0]:.2f} (1 min)")
    assert stored == args.count


if __name__ == "__main__":
    main()
