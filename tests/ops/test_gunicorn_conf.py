"""gunicorn.conf.py: worker recycling spread wide enough that workers never restart together,
and cheap when they do (the application preloaded, workers forked from it)."""

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _conf(monkeypatch, **env) -> dict:
    for name in (
        "GUNICORN_MAX_REQUESTS",
        "GUNICORN_MAX_REQUESTS_JITTER",
        "GUNICORN_WORKERS",
        "GUNICORN_PRELOAD",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_restarts_spread_over_a_whole_worker_lifetime(monkeypatch):
    conf = _conf(monkeypatch)
    assert conf["max_requests"] >= 1000
    # Worker i restarts after max_requests + U(0, jitter) requests: with a jitter as wide as
    # the base, five evenly loaded workers' restarts spread over half their life, not 10%.
    assert conf["max_requests_jitter"] >= conf["max_requests"]


def test_the_environment_sets_both_and_the_jitter_follows_the_base(monkeypatch):
    conf = _conf(monkeypatch, GUNICORN_MAX_REQUESTS="800")
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (800, 800)
    conf = _conf(monkeypatch, GUNICORN_MAX_REQUESTS="800", GUNICORN_MAX_REQUESTS_JITTER="50")
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (800, 50)


def test_the_application_is_preloaded_unless_the_environment_says_not(monkeypatch):
    assert _conf(monkeypatch)["preload_app"] is True
    for off in ("false", "0", "no", "False"):
        assert _conf(monkeypatch, GUNICORN_PRELOAD=off)["preload_app"] is False
    assert _conf(monkeypatch, GUNICORN_PRELOAD="yes")["preload_app"] is True
