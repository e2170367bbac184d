"""The pieces of a production-like stack on loopback, for the load bench (bench/load) and
the fault drills (bench/faults): a PostgreSQL database cloned from a migrated template, a
private Redis, gunicorn, a Celery worker and beat, each a child process that is stopped on
exit. Processes are started in their own session, so a whole worker (parent and pool
children) can be killed by its process group."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
PY = str(BIN / "python")
TEMPLATE_DB = "sevottam_bench_template"
SECRET = "bench-only-secret-key-not-for-production-0123456789abcdefghijklmnop"
# Collected once and reused (collectstatic only copies what changed).
STATIC_ROOT = Path(tempfile.gettempdir()) / "sevottam-bench-static"
_STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - _STARTED:6.1f} s] {message}", flush=True)


def server_url(url: str) -> tuple[str, str]:
    """("postgres://user@host:port", "name") from a database URL."""
    base, _, name = url.rpartition("/")
    return base, name


def _admin(base: str):
    import psycopg

    return psycopg.connect(f"{base}/postgres", autocommit=True)


def django_env(*, database_url: str, redis_url: str, workdir: Path, **extra) -> dict:
    """The environment of every process of the stack (production settings over plain HTTP)."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.load.settings",
            "PYTHONPATH": str(ROOT),
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CELERY_TASK_ALWAYS_EAGER": "false" if redis_url else "true",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(STATIC_ROOT),
            "EMAIL_URL": f"filemail:///{workdir / 'mail'}",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(env: dict, *args: str, quiet: bool = True) -> None:
    subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def fresh_database(env: dict, name: str) -> str:
    """Drop ``name`` and create it again as a copy of a migrated template database
    (the template is migrated on every call; that is quick when nothing changed)."""
    base, _ = server_url(env["DATABASE_URL"])
    with _admin(base) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [TEMPLATE_DB]
        ).fetchone():
            conn.execute(f'CREATE DATABASE "{TEMPLATE_DB}"')
    started = time.perf_counter()
    template_env = {**env, "DATABASE_URL": f"{base}/{TEMPLATE_DB}", "REDIS_URL": ""}
    manage(template_env, "migrate", "--noinput", "-v0")
    log(f"template database {TEMPLATE_DB} migrated ({time.perf_counter() - started:.0f} s)")
    with _admin(base) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE_DB}"')
    return f"{base}/{name}"


_FINGERPRINT = """
import hashlib, os
from django.contrib.staticfiles.finders import get_finders
digest = hashlib.sha256()
for finder in get_finders():
    for path, storage in sorted(finder.list([]), key=lambda item: item[0]):
        stat = os.stat(storage.path(path))
        digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size};".encode())
print(digest.hexdigest())
"""


def collectstatic(env: dict) -> None:
    """WhiteNoise's manifest storage needs collected static files (DEBUG is off). Skipped
    when no source file changed since the last run (hashing every file takes minutes)."""
    started = time.perf_counter()
    fingerprint = subprocess.run(
        [PY, "manage.py", "shell", "-c", _FINGERPRINT],
        cwd=ROOT,
        env={**env, "REDIS_URL": ""},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    marker = Path(env["STATIC_ROOT"]) / ".bench-fingerprint"
    if marker.is_file() and marker.read_text() == fingerprint:
        log(f"static files in {env['STATIC_ROOT']} are up to date")
        return
    manage({**env, "REDIS_URL": ""}, "collectstatic", "--noinput", "-v0")
    marker.write_text(fingerprint)
    log(f"collectstatic into {env['STATIC_ROOT']} ({time.perf_counter() - started:.0f} s)")


def setup_django(env: dict) -> None:
    """Configure this process like the stack's (for generating data and checking results)."""
    os.environ.update(env)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import warnings

    import django

    warnings.filterwarnings("ignore")
    django.setup()
    from django.conf import settings

    # Generated users get a cheap password hash (nobody signs in with it: runs use
    # session_cookies); PBKDF2 would spend most of the setup hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def wait_worker(*, timeout: float = 90) -> list:
    """Until a Celery worker answers a ping (needs setup_django first)."""
    from lms.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=1)
        if replies:
            return replies
    raise TimeoutError(f"no Celery worker answered within {timeout} s")


def wait_port(port: int, *, timeout: float = 30, host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((host, port), 0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout} s")


def wait_http(url: str, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer 200 within {timeout} s")


class Stack(contextlib.AbstractContextManager):
    """Child processes, stopped (TERM, then KILL) in reverse order on exit."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.processes: list[tuple[str, subprocess.Popen]] = []
        workdir.mkdir(parents=True, exist_ok=True)

    def spawn(self, name: str, argv: list[str], env: dict | None = None) -> subprocess.Popen:
        logfile = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killpg reaches its children
        )
        process.logfile = logfile
        self.processes.append((name, process))
        return process

    def redis(self, port: int, *, name: str = "redis") -> subprocess.Popen:
        """A private redis-server with an append-only file (as production should run it),
        so that a restart keeps the queued tasks."""
        data = self.workdir / f"{name}-data"
        data.mkdir(exist_ok=True)
        process = self.spawn(
            name,
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(data),
                "--appendonly",
                "yes",
                "--save",
                "",
            ],
        )
        wait_port(port)
        return process

    def gunicorn(
        self,
        env: dict,
        *,
        port: int,
        workers: int,
        name: str = "gunicorn",
        max_requests: int | None = 0,
    ):
        """gunicorn as gunicorn.conf.py sets it up; ``max_requests`` 0 turns worker recycling
        off (the fault drills read each worker's CPU time), None keeps the configured one."""
        recycling = [] if max_requests is None else ["--max-requests", str(max_requests)]
        process = self.spawn(
            name,
            [
                str(BIN / "gunicorn"),
                "lms.wsgi",
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                *recycling,
            ],
            env,
        )
        wait_http(f"http://127.0.0.1:{port}/healthz")
        import psutil  # a dependency of locust: the bench group has it

        # Preloaded, the first worker answers while the arbiter is still forking the others.
        deadline = time.monotonic() + 30
        while len(psutil.Process(process.pid).children()) < workers:
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start {workers} workers")
            time.sleep(0.05)
        return process

    def worker(self, env: dict, *, concurrency: int = 2, name: str = "worker", beat=False):
        argv = [
            str(BIN / "celery"),
            "-A",
            "lms",
            "worker",
            "--loglevel",
            "INFO",
            "--concurrency",
            str(concurrency),
            "-n",
            f"{name}@%h",
        ]
        if beat:
            argv += ["--beat", "--schedule", str(self.workdir / f"{name}-beat-schedule")]
        return self.spawn(name, argv, env)

    def stop(self, process: subprocess.Popen, *, sig=signal.SIGTERM, timeout: float = 20):
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        # Stray children of a killed group leader (pool processes) die with the group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.logfile.close()

    def __exit__(self, *exc):
        for _name, process in reversed(self.processes):
            self.stop(process)
        return False


def outcome(ok: bool, what: str) -> int:
    print(f"\n{'PASS' if ok else 'FAIL'}: {what}", flush=True)
    return 0 if ok else 1


def session_cookies(user) -> dict:
    """Cookies of a signed-in session for ``user`` (made directly, so that a run does not
    spend its CPU on password hashing) and a CSRF secret to post with them."""
    from django.conf import settings
    from django.test import Client
    from django.utils.crypto import get_random_string

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: get_random_string(32),
    }
