"""Page benchmarks: build the Moodle "size S" course shape (10 modules, 65 lessons, 100
enrolled trainees) in a throw-away SQLite (or BENCH_DATABASE_URL) database, then time the
learner pages through Django's test client and print ms per request and queries per request.

    make bench            # or: .venv/bin/python bench/run.py [--requests 50]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()

    db_file = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.setdefault(
        "DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db_file}")
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s ({connection.vendor})")

    from courses.models import LessonPage
    from courses.services import complete_lesson, enrol
    from lms.core.roles import Role
    from tests.factories import build_course, make_user

    started = time.perf_counter()
    course = build_course(modules=10, lessons_per_module=0, title="Size S course")
    from tests.factories.courses import LessonFactory

    modules = [m.specific for m in course.get_children()]
    for n in range(65):
        LessonFactory(parent=modules[n % 10])
    for _ in range(12):
        build_course(modules=2, lessons_per_module=3)
    trainees = [make_user(Role.TRAINEE) for _ in range(100)]
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    for i, trainee in enumerate(trainees):
        enrol(user=trainee, course=course)
        for lesson in lessons[: i % 30]:
            complete_lesson(user=trainee, lesson=lesson)
    print(
        f"data: 1 course x 10 modules x {len(lessons)} lessons, 12 more courses, "
        f"100 enrolled trainees ({time.perf_counter() - started:.1f} s)"
    )

    client = Client()
    client.force_login(trainees[50])
    lesson_url = lessons[30].url
    pages = {
        "catalogue /courses/": "/courses/",
        "course outline": course.url,
        "lesson page": lesson_url,
        "My learning": "/learning/",
    }
    print(f"\n{'page':<22}{'ms mean':>9}{'ms p95':>9}{'req/s':>8}{'queries':>9}")
    for name, url in pages.items():
        client.get(url)  # warm
        queries = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(args.requests):
            t0 = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        mean = statistics.mean(timings)
        print(f"{name:<22}{mean:>9.1f}{p95:>9.1f}{1000 / mean:>8.1f}{len(queries):>9}")
    print("\n(single process, Django test client, no network; CPU ms per request ~ ms mean)")


if __name__ == "__main__":
    main()
