"""A generation counter in the shared cache: entries keyed by the current number are
dropped all at once by moving the number on (no key has to be found and deleted).

A missing counter (first use, evicted, cache cleared) starts at a random number, so it never
meets entries left from an earlier run of it. ``advance`` moves it on now (the current
transaction's own next reads) and again after commit (a request that read the old rows
meanwhile has stored its answer under the old number).

Within a request (``RequestGenerationsMiddleware``) every counter is read once, all of them
in one round trip, on the first ``current()``; a counter this request moves on is read again.
A request that began before another process moved a counter on finishes on the old number,
which is what it would have seen had it been a few microseconds quicker. Outside a request
(tasks, commands) every ``current()`` asks the cache."""

import secrets
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

_registry: dict[str, "Generation"] = {}
# The numbers read in this request (None outside a request).
_read: ContextVar[dict | None] = ContextVar("generations_read", default=None)


class Generation:
    def __init__(self, key: str):
        self.key = key
        _registry[key] = self

    def current(self) -> int | None:
        """The number, or None when the cache cannot be reached."""
        read = _read.get()
        if read is None:
            return self._fetch()
        if self.key not in read:
            read.update(_fetch_all(exclude=read))
        return read[self.key]

    def _fetch(self) -> int | None:
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, secrets.randbits(48), timeout=None)
            value = cache.get(self.key)
        return value

    def _move_on(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # missing (or the cache unreachable): start afresh
            cache.set(self.key, secrets.randbits(48), timeout=None)
        read = _read.get()
        if read is not None:
            read.pop(self.key, None)

    def advance(self) -> None:
        self._move_on()
        transaction.on_commit(self._move_on)


def _fetch_all(*, exclude) -> dict:
    keys = [key for key in _registry if key not in exclude]
    found = cache.get_many(keys)
    for key in keys:
        if found.get(key) is None:
            found[key] = _registry[key]._fetch()
    return found


class RequestGenerationsMiddleware:
    """Reads each generation at most once per request (see the module's text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _read.set({})
        try:
            return self.get_response(request)
        finally:
            _read.reset(token)
