"""The attempt page under load: 100 trainees, each with an open attempt on a 10-question
assessment (5 questions per page, every question type), open a page (GET) and save its
answers (the page's background POST) at the same time, against gunicorn over HTTP.

    .venv/bin/python bench/assessments.py [--trainees 100] [--rounds 5] [--workers 2] [--threads 4]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/sevottam .venv/bin/python bench/assessments.py

On PostgreSQL when BENCH_DATABASE_URL (or DATABASE_URL) is a postgres:// URL: a fresh
database "<name>_assessbench" is created for the run. Otherwise a throw-away SQLite file in
WAL mode whose writers wait for each other (SQLite has one writer at a time).

gunicorn (gthread: --workers processes x --threads threads, persistent database connections
as in production) serves the test settings. One client thread per trainee, released
together, does --rounds GETs of its attempt page (phase 1), then --rounds answer saves
(phase 2). Prints requests per second, p50 and p95 per phase, and the queries of one GET and
one POST (counted in-process through the test client). Fails on any request that is not a
200 or a save that was not stored."""

import argparse
import http.client
import logging
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # before bench/: its assessments.py is this file

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def database_url() -> str:
    for name in ("BENCH_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith(("postgres://", "postgresql://", "pgsql://")):
            from bench_db import recreate

            return recreate(url, suffix="assessbench")
    path = Path(tempfile.mkdtemp()) / "assessbench.sqlite3"
    # timeout: a writer waits for the lock; IMMEDIATE: a read-then-write transaction takes
    # the write lock at BEGIN instead of failing at its first write.
    return f"sqlite:///{path}?timeout=30&transaction_mode=IMMEDIATE"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(trainees: int):
    """The assessment, its trainees with an open attempt each, and their session cookies."""
    from django.test import Client

    from assessments import services
    from assessments.models import Assessment, AssessmentQuestion, Question, QuestionBank
    from courses.services import enrol
    from lms.core.roles import Role
    from tests.factories import build_course, make_user

    specs = [
        ("single", [{"id": i, "text": f"Option {i}"} for i in "abcd"], "b"),
        ("multiple", [{"id": i, "text": f"Choice {i}"} for i in "abcd"], ["a", "c"]),
        ("true_false", [], True),
        (
            "matching",
            [
                {"id": "1", "text": "RTS Act", "side": "left"},
                {"id": "2", "text": "CPGRAMS", "side": "left"},
                {"id": "a", "text": "2007", "side": "right"},
                {"id": "b", "text": "2014", "side": "right"},
            ],
            {"1": "b", "2": "a"},
        ),
        ("ordering", [{"id": i, "text": f"Step {i}"} for i in "abc"], ["b", "a", "c"]),
        ("short_text", [], ["Designated Officer"]),
        ("numeric", [], {"value": 30, "tolerance": 0}),
    ]
    course = build_course(modules=1, lessons_per_module=1, title="Sevottam")
    bank = QuestionBank.objects.create(name="Bench")
    assessment = Assessment.objects.create(
        title="Bench pre-test",
        course=course,
        kind="pre_test",
        time_limit_minutes=120,
        questions_per_page=5,
        attempts_allowed=0,
    )
    for n in range(10):
        kind, options, key = specs[n % len(specs)]
        question = Question.objects.create(
            bank=bank, type=kind, stem=f"<p>Question {n + 1}</p>", options=options, key=key
        )
        AssessmentQuestion.objects.create(assessment=assessment, question=question, sort_order=n)
    people = []
    for _ in range(trainees):
        user = make_user(Role.TRAINEE)
        enrol(user=user, course=course)
        attempt = services.start_attempt(assessment=assessment, user=user)
        client = Client()
        client.force_login(user)
        people.append((attempt, client.cookies["sessionid"].value))
    return people


def answers_for(attempt, page_number: int) -> dict:
    """A full page of answers, as the page's form posts them."""
    from assessments import selectors

    shown = selectors.attempt_questions(attempt)
    per_page = attempt.assessment.questions_per_page
    data = {}
    for item in shown[(page_number - 1) * per_page : page_number * per_page]:
        name, kind = item.field, item.question.type
        ids = [o["id"] for o in item.options]
        if kind == "single":
            data[name] = ids[0]
        elif kind == "multiple":
            data[f"{name}-present"] = "1"
            data[name] = ids[:2]
        elif kind == "true_false":
            data[name] = "true"
        elif kind == "matching":
            for left, right in zip(item.left, ids, strict=False):
                data[f"{name}-{left['id']}"] = right
        elif kind == "ordering":
            for n, oid in enumerate(ids):
                data[f"{name}-{n}"] = oid
        else:
            data[name] = "30"
    return data


def count_queries(people) -> tuple[int, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    attempt, session = people[0]
    client = Client()
    client.cookies["sessionid"] = session
    url = f"{reverse('assessments:attempt', args=[attempt.pk])}?page=1"
    client.get(url)
    with CaptureQueriesContext(connection) as get:
        assert client.get(url).status_code == 200
    data = {**answers_for(attempt, 1), "autosave": "1"}
    with CaptureQueriesContext(connection) as post:
        response = client.post(url, data)
        assert response.status_code == 200, response.content
    if os.environ.get("BENCH_SHOW_QUERIES"):
        for query in get.captured_queries + post.captured_queries:
            print("  ", query["sql"][:100])
    return len(get.captured_queries), len(post.captured_queries)


class Trainee:
    """One simulated browser: its session, CSRF cookie and token, one keep-alive connection."""

    def __init__(self, port, attempt, session):
        self.port, self.attempt, self.session = port, attempt, session
        self.csrf_cookie = ""
        self.token = ""
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def url(self, page):
        return f"/assessments/attempts/{self.attempt.pk}/?page={page}"

    def request(self, method, path, body=None):
        cookies = f"sessionid={self.session}"
        if self.csrf_cookie:
            cookies += f"; csrftoken={self.csrf_cookie}"
        headers = {"Cookie": cookies, "Host": f"127.0.0.1:{self.port}"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # the server closed an idle keep-alive connection: reconnect once
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("csrftoken="):
                self.csrf_cookie = value.split(";", 1)[0].split("=", 1)[1]
        return response.status, content

    def get(self, page):
        status, content = self.request("GET", self.url(page))
        match = CSRF_INPUT.search(content.decode())
        if match:
            self.token = match.group(1)
        return status

    def post(self, page, answers):
        body = urlencode(
            {**answers, "autosave": "1", "csrfmiddlewaretoken": self.token}, doseq=True
        )
        status, content = self.request("POST", self.url(page), body)
        return status if b'"saved": true' in content else f"{status} not saved"


def fire(trainees, action, rounds):
    """Every trainee runs ``action(trainee, round)`` ``rounds`` times, all threads released
    together. Returns (seconds, latencies in ms, outcome counts)."""
    barrier = threading.Barrier(len(trainees) + 1)
    lock = threading.Lock()
    latencies: list[float] = []
    outcome: dict[str, int] = {}

    def run(trainee):
        barrier.wait(timeout=120)
        for n in range(rounds):
            started = time.perf_counter()
            try:
                key = str(action(trainee, n))
            except Exception as error:  # noqa: BLE001 - counted and reported
                key = f"{type(error).__name__}: {error}"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                outcome[key] = outcome.get(key, 0) + 1

    threads = [threading.Thread(target=run, args=(t,)) for t in trainees]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=120)
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, sorted(latencies), outcome


def percentile(values, share):
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainees", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = database_url()
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    logging.getLogger("axes").setLevel(logging.WARNING)  # one line per sign-in otherwise
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for the writer
    started = time.perf_counter()
    people = build(args.trainees)
    get_queries, post_queries = count_queries(people)
    answers = {
        (attempt.pk, page): answers_for(attempt, page) for attempt, _s in people for page in (1, 2)
    }
    print(
        f"database: {connection.vendor}; 1 assessment x 10 questions (5 per page), "
        f"{args.trainees} trainees with an open attempt ({time.perf_counter() - started:.1f} s)"
    )
    connection.close()

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "PYTHONPATH": str(ROOT),
        "PYTHONWARNINGS": "ignore:No directory at",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "lms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(args.threads),
            "--log-level",
            "warning",
        ],
        # Not ROOT (its gunicorn.conf.py logs every request) nor bench/ (its modules would
        # hide the apps of the same names).
        cwd=tempfile.gettempdir(),
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.2)
        print(
            f"server: gunicorn gthread, {args.workers} workers x {args.threads} threads; "
            f"clients: {args.trainees} threads (one per trainee), {args.rounds} rounds each"
        )

        trainees = [Trainee(port, attempt, session) for attempt, session in people]
        for trainee in trainees:  # open the page once: CSRF cookie and token
            assert trainee.get(1) == 200

        def open_page(trainee, n):
            return trainee.get(n % 2 + 1)

        def save_page(trainee, n):
            page = n % 2 + 1
            return trainee.post(page, answers[(trainee.attempt.pk, page)])

        print(f"\n{'phase':<22}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'queries':>9}")
        failures = {}
        for name, action, queries in (
            ("attempt page GET", open_page, get_queries),
            ("answer save POST", save_page, post_queries),
        ):
            elapsed, latencies, outcome = fire(trainees, action, args.rounds)
            count = len(latencies)
            print(
                f"{name:<22}{count:>9}{count / elapsed:>8.0f}"
                f"{statistics.median(latencies):>8.0f}{percentile(latencies, 0.95):>8.0f}"
                f"{queries:>9}"
            )
            failures.update({k: v for k, v in outcome.items() if k != "200"})
        for trainee in trainees:
            trainee.conn.close()
    finally:
        server.terminate()
        server.wait(timeout=30)

    from assessments.models import Attempt

    stored = sum(
        1
        for answers_saved in Attempt.objects.values_list("answers", flat=True)
        if len(answers_saved) == 10
    )
    print(
        f"\nattempts with all 10 answers stored: {stored} of {args.trainees}; "
        f"failed requests: {failures or 'none'}"
    )
    print("(queries: one request through the test client, same process; the session and")
    print(" the user are read on every request, the attempt's questions in one query)")
    assert not failures, failures
    assert stored == args.trainees, "a save was lost"


if __name__ == "__main__":
    main()
