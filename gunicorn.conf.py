"""gunicorn settings: `gunicorn lms.wsgi` picks this file up from the working directory.
Override with GUNICORN_* environment variables or command-line flags."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
# Each worker is recycled after max_requests + a random 0..max_requests_jitter requests. A
# jitter as wide as the base spreads the restarts (each costs seconds of CPU for imports)
# over a whole worker lifetime, so evenly loaded workers never restart together; a 10%
# jitter let all of them restart within seconds of one another.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", max_requests))
# The application is imported once, by the arbiter, and every worker is forked from it: a
# recycled worker costs a fork instead of 3.6 CPU-seconds of imports (under load, three
# workers recycled within seconds doubled the p95 of every page). Code changes then need
# `systemctl restart sevottam-web`; `reload` (HUP) still applies this file's settings.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in {"1", "true", "yes"}
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server):
    """Preloaded: compile the templates, build the URL resolver and read the catalogues once,
    before the workers are forked (lms/core/warmup.py): a worker's first page cost 1.2 s."""
    if server.cfg.preload_app:
        from lms.core.warmup import warm  # noqa: PLC0415 - Django is set up by now

        server.log.info("Warmed up: %d templates compiled", warm())
