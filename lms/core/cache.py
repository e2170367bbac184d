"""A Redis cache that degrades to "always a miss" while Redis cannot be reached.

Wagtail looks up its site root paths in the cache on every page it serves, so with
Django's plain RedisCache a Redis outage makes every course page an error. Here a
connection error or timeout is logged (once a minute at most) and answered as a miss:
``get`` returns the default, ``set``/``add``/``delete`` report nothing stored, ``incr``
raises ValueError (as for a missing key; the verification rate limit then counts from
one again, i.e. it fails open while Redis is away)."""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (ConnectionError, TimeoutError)
_last_warning = [0.0]


def _warn(error) -> None:
    now = time.monotonic()
    if now - _last_warning[0] > 60:
        _last_warning[0] = now
        logger.warning("Redis cache unreachable, serving without cache: %s", error)


class _ResilientClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # connection pool -> its redis.Redis

    def get_client(self, key=None, *, write=False):
        """One ``redis.Redis`` per connection pool, made once: Django makes a new one for
        every command, and building its table of reply handlers cost more than the round
        trip (a client is safe to share between threads; the pool hands out connections)."""
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def get(self, key, default):
        try:
            return super().get(key, default)
        except UNREACHABLE as error:
            _warn(error)
            return default

    def get_many(self, keys):
        try:
            return super().get_many(keys)
        except UNREACHABLE as error:
            _warn(error)
            return {}

    def has_key(self, key):
        try:
            return super().has_key(key)
        except UNREACHABLE as error:
            _warn(error)
            return False

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except UNREACHABLE as error:
            _warn(error)
            raise ValueError(f"Key '{key}' not found (cache unreachable).") from error


def _quiet(name, result):
    def method(self, *args, **kwargs):
        try:
            return getattr(RedisCacheClient, name)(self, *args, **kwargs)
        except UNREACHABLE as error:
            _warn(error)
            return result

    method.__name__ = name
    return method


for _name, _result in (
    ("set", None),
    ("add", False),
    ("touch", False),
    ("delete", False),
    ("set_many", []),
    ("delete_many", None),
    ("clear", False),
):
    setattr(_ResilientClient, _name, _quiet(_name, _result))


class ResilientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that survives a Redis outage."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ResilientClient
