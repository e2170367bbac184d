"""A generation counter in the shared cache: entries keyed by the current number are
dropped all at once by moving the number on (no key has to be found and deleted).

A missing counter (first use, evicted, cache cleared) starts at a random number, so it never
meets entries left from an earlier run of it. ``advance`` moves it on now (the current
transaction's own next reads) and again after commit (a request that read the old rows
meanwhile has stored its answer under the old number)."""

import secrets

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> int | None:
        """The number, or None when the cache cannot be reached."""
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

    def advance(self) -> None:
        self._move_on()
        transaction.on_commit(self._move_on)
