from rest_framework.throttling import BaseThrottle

from certificates.verification import verify_rate_limited


class VerifyRateThrottle(BaseThrottle):
    """The /verify/ page's limit (VERIFY_RATE_LIMIT look-ups a minute per address), on the
    same counter: look-ups through the page and through the API share one budget."""

    def allow_request(self, request, view):
        return not verify_rate_limited(request._request)

    def wait(self):
        return 60
