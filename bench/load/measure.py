"""What the load bench measures besides locust's latencies: gunicorn worker restarts, the
server CPU time per request of each page, and the SQL queries each page runs."""

import resource
import threading
import time

import psutil
import requests


class RestartWatch:
    """Samples the gunicorn master's workers every ``interval`` seconds in a thread: every
    worker that appears after the first sample is a restart (max_requests recycling or a
    crash); ``times`` says when, so clustered restarts show."""

    def __init__(self, master_pid: int, interval: float = 0.25):
        self.master = psutil.Process(master_pid)
        self.interval = interval
        self.seen = {w.pid for w in self.master.children()}
        self.times: list[float] = []
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        return False

    def _run(self):
        while not self._stop.wait(self.interval):
            try:
                pids = {w.pid for w in self.master.children()}
            except psutil.Error:
                continue
            for _pid in pids - self.seen:
                self.times.append(time.monotonic() - self.started)
            self.seen |= pids

    def since(self, mark: int) -> list[float]:
        return self.times[mark:]

    @staticmethod
    def closest_gap(times: list[float]) -> float | None:
        """The shortest time between two restarts (None for fewer than two)."""
        ordered = sorted(times)
        gaps = [b - a for a, b in zip(ordered, ordered[1:], strict=False)]
        return min(gaps) if gaps else None


def _worker_cpu(master_pid: int) -> tuple[float, list[int]]:
    total = 0.0
    workers = psutil.Process(master_pid).children()
    for worker in workers:
        times = worker.cpu_times()
        total += times.user + times.system
    return total, sorted(w.pid for w in workers)


def cpu_per_request(master_pid, base, cookies, paths, count, attempts=3) -> tuple[float, float]:
    """(CPU ms, wall ms) per request of the gunicorn workers over ``count`` sequential GETs
    cycling ``paths``; measured again (up to ``attempts`` times) when a worker was replaced
    meanwhile, since a new worker's start-up is not the page's cost."""
    http = requests.Session()
    http.cookies.update(cookies)
    for path in paths[:5]:
        assert http.get(base + path, timeout=30).status_code == 200, path  # warm
    for _attempt in range(attempts):
        before, pids = _worker_cpu(master_pid)
        started = time.perf_counter()
        for n in range(count):
            response = http.get(base + paths[n % len(paths)], timeout=30)
            assert response.status_code == 200, (paths[n % len(paths)], response.status_code)
        wall = time.perf_counter() - started
        after, pids_after = _worker_cpu(master_pid)
        if pids == pids_after:
            return (after - before) * 1000 / count, wall * 1000 / count
    raise RuntimeError(f"gunicorn workers were replaced during each of {attempts} measurements")


def queries_per_request(cookies: dict, paths: list[str]) -> float:
    """SQL queries per request of ``paths`` (each requested once to warm the caches, then
    measured), in this process with the stack's settings, database and Redis."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    for name, value in cookies.items():
        client.cookies[name] = value
    total = 0
    for path in paths:
        assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        total += len(queries)
    return total / len(paths)


def _cpu(process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def _tree(pid: int, *, own: bool = True) -> dict:
    """{pid: CPU seconds} of a process (unless not ``own``) and its children now alive."""
    try:
        process = psutil.Process(pid)
        members = [process, *process.children(recursive=True)] if own else process.children()
    except psutil.Error:
        return {}
    found = {}
    for member in members:
        try:
            found[member.pid] = _cpu(member)
        except psutil.Error:
            continue
    return found


def _postgres() -> dict:
    found = {}
    for process in psutil.process_iter(["name"]):
        if process.info["name"] in {"postgres", "postmaster"}:
            try:
                found[process.pid] = _cpu(process)
            except psutil.Error:
                continue
    return found


class CpuShares:
    """CPU seconds each part of the stack used between ``start()`` and ``stop()``: gunicorn
    (its workers), PostgreSQL (every server process), Redis, the Celery worker and locust
    (a child of this process, counted when it has exited). Counted per process: what a
    process that ended meanwhile (a recycled worker, a closed connection) used is left out."""

    def __init__(self, *, gunicorn: int, redis: int, celery: int):
        self.gunicorn, self.redis, self.celery = gunicorn, redis, celery

    def _sample(self) -> dict:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {
            "gunicorn": _tree(self.gunicorn, own=False),
            "PostgreSQL": _postgres(),
            "Redis": _tree(self.redis),
            "Celery": _tree(self.celery),
            "locust": {0: children.ru_utime + children.ru_stime},
        }

    def start(self) -> None:
        self.before = self._sample()
        self.started = time.monotonic()

    def stop(self) -> dict:
        after = self._sample()
        shares = {
            name: sum(cpu - self.before[name].get(pid, 0.0) for pid, cpu in processes.items())
            for name, processes in after.items()
        }
        shares["wall"] = time.monotonic() - self.started
        return shares
