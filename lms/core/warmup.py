"""What every gunicorn worker would otherwise do on its first requests, done once in the
arbiter before it forks them (gunicorn.conf.py ``when_ready``, with ``preload_app``).

A worker's first lesson page took 1.2 CPU-seconds (the URL resolver built, every template of
the page compiled, the Hindi catalogue read), then 5 ms. Done here, forked workers share the
result, so a worker recycled under load starts warm. Nothing here reads the database or the
cache, and every connection is closed after, so no worker inherits a socket of another."""

import logging
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import engines
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)
# Which of the project's templates each engine renders: pages with the HTML engine, the
# plain-text emails with "text" (lms/settings/base.py).
SUFFIXES = {"text": {".txt"}}
DEFAULT_SUFFIXES = {".html"}


def project_templates() -> list[tuple[str, str]]:
    """(engine, name) of each of the project's own templates (``templates/``)."""
    names = []
    for engine in engines.all():
        suffixes = SUFFIXES.get(engine.name, DEFAULT_SUFFIXES)
        for folder in getattr(engine, "dirs", []):
            root = Path(folder)
            names += sorted(
                (engine.name, str(path.relative_to(root)))
                for path in root.rglob("*")
                if path.is_file() and path.suffix in suffixes
            )
    return names


def warm() -> int:
    """Build the URL resolver, read each language's catalogue and compile the project's
    templates (into the cached loader of their engine). Returns the templates compiled."""
    reverse("healthz")
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Courses")
    compiled = 0
    for engine_name, name in project_templates():
        try:
            engines[engine_name].get_template(name)
        except Exception:  # a broken template fails its page, not the server's start
            logger.exception("Template %s could not be compiled", name)
            continue
        compiled += 1
    connections.close_all()
    return compiled
