"""lms/core/warmup.py: what gunicorn's arbiter does once before forking its workers."""

import logging

from django.db import connections
from django.template import engines

from lms.core import warmup


def _cached_names(engine_name: str) -> set[str]:
    """What the engine's cached loader holds (its keys are the names, with a suffix when
    the template was asked for with a list of names to skip)."""
    loader = engines[engine_name].engine.template_loaders[0]
    return {key.split("-")[0] for key in loader.get_template_cache}


def test_every_project_template_is_compiled_without_the_database(monkeypatch):
    """No ``django_db`` mark: any query would fail this test. The connections are closed
    after (none of them may be inherited by the forked workers)."""
    closed = []
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))
    for engine in engines.all():
        engine.engine.template_loaders[0].reset()
    names = warmup.project_templates()
    assert ("django", "base.html") in names and ("django", "courses/lesson_page.html") in names
    assert any(engine == "text" and name.endswith(".txt") for engine, name in names)
    assert not any(engine == "text" and name.endswith(".html") for engine, name in names)
    assert warmup.warm() == len(names)
    assert {"base.html", "courses/lesson_page.html"} <= _cached_names("django")
    assert closed == [True]


def test_a_template_that_does_not_compile_is_logged_and_the_rest_go_on(monkeypatch, caplog):
    names = [("django", "no/such/template.html"), ("django", "base.html")]
    monkeypatch.setattr(warmup, "project_templates", lambda: names)
    with caplog.at_level(logging.ERROR, logger="lms.core.warmup"):
        assert warmup.warm() == 1
    assert "no/such/template.html" in caplog.text
