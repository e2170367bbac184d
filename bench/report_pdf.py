"""The FY report PDF (/reports/?format=pdf): seconds, wall and CPU, and as a ratio to a
baseline measured in the same run (the machine is shared and noisy).

    .venv/bin/python bench/report_pdf.py [--programmes 200]

On a throw-away SQLite database (BENCH_DATABASE_URL=postgres://... for PostgreSQL): the
load bench's data (bench/load/data.py: 13 courses, 100 trainees, 4 departments of 250
officers, 20 certificates) and the current financial year's report; then the same year
with ``--programmes`` completed programmes (20 to 49 participants each), and twice as
many, to show how the time grows with the programme list. Each figure is the best of 3
requests through the Django test client, signed in as a cell administrator. Baseline: a
trivial one-page PDF drawn with reportlab alone (``baseline_seconds``), which none of the
project's PDF code takes part in, so that runs before and after a change compare."""

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 1.0  # seconds, the target for the FY report PDF


def _setup():
    work = Path(tempfile.mkdtemp())
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{work / 'report.sqlite3'}"
    if url.startswith("postgres"):
        from bench_db import recreate

        url = recreate(url, suffix="reportpdf")
    os.environ.update(
        DATABASE_URL=url,
        MEDIA_ROOT=str(work / "media"),
        DJANGO_SETTINGS_MODULE="lms.settings.test",
    )
    import logging
    import warnings

    import django

    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)  # xhtml2pdf's notes on unsupported CSS
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)


def baseline_seconds(repeat: int = 20) -> tuple[float, float]:
    """(wall, CPU) seconds of a one-page PDF drawn with reportlab's canvas and Helvetica:
    pure-Python work like the renders measured, to read their figures against."""
    import io

    from reportlab.pdfgen import canvas

    def page():
        for _ in range(repeat):
            pdf = canvas.Canvas(io.BytesIO())
            for line in range(40):
                pdf.drawString(72, 800 - 18 * line, f"Baseline line {line}: the quick brown fox")
            pdf.showPage()
            pdf.save()

    wall, cpu = best_of(page)
    return wall / repeat, cpu / repeat


def best_of(function, repeat: int = 3) -> tuple[float, float]:
    """The least wall and the least CPU seconds of ``repeat`` runs of ``function`` (after
    one to warm up): the figures least disturbed by other work on the machine."""
    function()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def add_programmes(fy: str, start: int, count: int) -> None:
    from courses.models import CoursePage
    from lms.accounts.models import User
    from nominations.enums import NominationState
    from nominations.models import Nomination
    from tests.reports.helpers import programme

    officers = list(User.objects.filter(username__startswith="d1officer").order_by("pk")[:50])
    course = CoursePage.objects.order_by("pk").first()
    first_day = datetime.date(int(fy[:4]), 4, 2)
    for n in range(start, start + count):
        item = programme(
            first_day + datetime.timedelta(days=n % 300),
            course=course,
            title=f"Sevottam batch {n + 1}: नागरिक चार्टर",
            code=f"HIPA/{fy}/{n + 1:03d}",
        )
        Nomination.objects.bulk_create(
            Nomination(
                programme=item,
                officer=officer,
                department=officer.department,
                state=NominationState.ATTENDED,
            )
            for officer in officers[: 20 + n % 30]
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--programmes", type=int, default=200)
    args = parser.parse_args()
    _setup()
    from django.test import Client
    from django.utils import timezone

    from bench.load import data
    from lms.core.fy import financial_year_label
    from lms.core.roles import Role
    from tests.factories import make_user

    started = time.perf_counter()
    data.generate(log=lambda message: None)
    print(f"load bench data generated in {time.perf_counter() - started:.0f} s")
    client = Client()
    client.force_login(make_user(Role.CELL_ADMIN, username="bench-cell"))
    fy = financial_year_label(timezone.localdate())

    def report():
        response = client.get("/reports/", {"fy": fy, "format": "pdf"})
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    base_wall, base_cpu = baseline_seconds()
    print(
        f"baseline (a one-page reportlab PDF): {base_wall * 1000:.1f} ms wall, "
        f"{base_cpu * 1000:.1f} ms CPU"
    )

    def line(label: str) -> float:
        wall, cpu = best_of(report)
        verdict = "under" if wall < TARGET else "OVER"
        print(
            f"{label:<44} {wall:5.2f} s wall, {cpu:5.2f} s CPU = {cpu / base_cpu:5.0f} x baseline "
            f"({verdict} the {TARGET:.0f} s target)"
        )
        return cpu

    line(f"FY {fy} report PDF, load bench data")
    add_programmes(fy, 0, args.programmes)
    small = line(f"  with {args.programmes} programmes")
    add_programmes(fy, args.programmes, args.programmes)
    large = line(f"  with {2 * args.programmes} programmes")
    print(f"each further programme: {(large - small) / args.programmes * 1000:.1f} ms CPU")
    print(f"load average while running: {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
