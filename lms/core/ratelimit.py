"""Counting requests against a limit in the cache every worker shares.

With REDIS_URL the default cache is Redis; without it, the database cache (settings:
CACHES), so two gunicorn workers (or two hosts) count into one total instead of each
allowing the whole limit. Redis increments atomically; the database cache reads then writes,
so the increment runs in one transaction (on SQLite an IMMEDIATE one, which takes the
write lock first: no two workers read the same count). Its table is made after every
``migrate`` (``create_cache_tables``)."""

from contextlib import nullcontext

from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import router, transaction


def _counting(store):
    if isinstance(store, DatabaseCache):
        return transaction.atomic(using=router.db_for_write(store.cache_model_class))
    return nullcontext()


def hit(key: str, *, limit: int, window: int = 60, store=None) -> bool:
    """Count one more request under ``key`` (the count lives ``window`` seconds from the
    first) and say whether it is over ``limit``."""
    store = cache if store is None else store
    with _counting(store):
        store.add(key, 0, timeout=window)
        try:
            count = store.incr(key)
        except ValueError:  # expired between add and incr, or the cache is unreachable
            store.set(key, 1, timeout=window)
            count = 1
    return count > limit


def create_cache_tables(sender, using, verbosity=1, **kwargs):
    """After every ``migrate`` (post_migrate, connected in ``CoreConfig.ready``): make the
    database cache's table where it is missing, so no deployment can forget it."""
    call_command("createcachetable", database=using, verbosity=0)
