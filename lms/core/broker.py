"""What the rest of lms.core needs to know about the Celery broker (Redis): the errors a
publish raises while it cannot be reached, and the short retry a request allows it.
``services.enqueue`` and ``tasks.flush_outbox`` both use them."""

from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

# What a publish raises when the broker cannot be reached (kombu wraps connection errors).
BROKER_ERRORS = (OperationalError, RedisError)
# One quick retry: a request must not wait long for a broker that is down.
ENQUEUE_RETRY = {"max_retries": 1, "interval_start": 0.1, "interval_step": 0.2, "interval_max": 0.2}
