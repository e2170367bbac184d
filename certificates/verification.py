"""Public verification's look-up budget, shared by the /verify/ page (``views.verify``) and
the API's verification endpoints (``api.throttling.VerifyRateThrottle``): one counter per
client address, so look-ups through either count against the same limit."""

from django.conf import settings

from lms.core import ratelimit
from lms.core.net import client_address


def verify_rate_limited(request) -> bool:
    """Count one more look-up from the request's address and say whether it is over
    VERIFY_RATE_LIMIT a minute, counted in the cache all workers share (Redis, or the
    database cache without it). ``request`` is Django's HttpRequest."""
    address = client_address(request) or "unknown"
    return ratelimit.hit(f"verify-rate:{address}", limit=settings.VERIFY_RATE_LIMIT, window=60)
