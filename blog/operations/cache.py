"""The Redis cache, made to survive Redis going away.

Django's RedisCache raises when Redis does not answer, and every page that touches the
cache (rate limits, the health check) would then fail. Nothing the cache holds here is the
only copy of anything: pages come from the database, counters start again. So an outage
is logged, each call answers as a cache miss would, and readers keep reading."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _surviving(name: str, answer):
    """RedisCache's method `name`, answering `answer(*arguments)` when Redis fails."""
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            logger.error("cache unavailable (%s during %s); serving without it", error, name)
            return answer(*args, **kwargs)

    return call


def _missing(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found")  # what incr says of a missing key


class ResilientRedisCache(RedisCache):
    get = _surviving("get", lambda key, default=None, version=None: default)
    get_many = _surviving("get_many", lambda *args, **kwargs: {})
    set = _surviving("set", lambda *args, **kwargs: None)
    set_many = _surviving("set_many", lambda data, *args, **kwargs: list(data))
    add = _surviving("add", lambda *args, **kwargs: False)
    touch = _surviving("touch", lambda *args, **kwargs: False)
    has_key = _surviving("has_key", lambda *args, **kwargs: False)
    delete = _surviving("delete", lambda *args, **kwargs: False)
    delete_many = _surviving("delete_many", lambda *args, **kwargs: None)
    incr = _surviving("incr", _missing)
