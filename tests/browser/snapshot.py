"""Data a browser test walks, built once per test process and put back before each test.

A browser test runs against the live server in real transactions, so the database is put
back as migrations left it after it (tests/conftest.py), and each test used to build its data
again (the demo: 10-25 s; the accessibility world: about a second). ``once(name, build)``
builds it the first time in a process and copies every table's rows (tests/dbsnapshot.py);
the next times it puts exactly those rows back, drops what the process and the shared cache
remember of the database (content types, locale ids, the page cache, roles, sessions), which
may come from the test before, and returns a fresh copy (unpickled) of what ``build`` returned, so that a test
changing its objects in memory leaves the next test's alone."""

import pickle

from django.core.cache import caches

from courses import pagecache
from tests.dbsnapshot import Snapshot


class World:
    """The rows of every table and ``build``'s result, pickled."""

    def __init__(self, value):
        self.value = pickle.dumps(value)
        self.rows = Snapshot()

    def restore(self):
        self.rows.restore()
        for cache in caches.all():
            cache.clear()
        pagecache.forget_local()
        return pickle.loads(self.value)


_taken: dict[str, World] = {}


def once(name: str, build):
    """``build()``'s data and result: built the first time in this process, put back (and
    a fresh copy of the result returned) every time after."""
    if name in _taken:
        return _taken[name].restore()
    value = build()
    _taken[name] = World(value)
    return value
