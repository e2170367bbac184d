from rest_framework.throttling import BaseThrottle

from certificates import views as certificate_views


class VerifyRateThrottle(BaseThrottle):
    """The /verify/ page's limit (VERIFY_RATE_LIMIT look-ups a minute per address), on the
    same counter: look-ups through the page and through the API share one budget."""

    def allow_request(self, request, view):
        return not certificate_views._rate_limited(request._request)

    def wait(self):
        return 60
