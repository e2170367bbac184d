from django.conf import settings
from django.utils import translation

from lms.core.languages import is_supported


class PreferredLanguageMiddleware:
    """A signed-in officer whose browser sends no language cookie (another browser, or the
    cookie has gone) sees the site in their preferred language. Placed after
    AuthenticationMiddleware; the cookie, set by the switcher and at sign-in, wins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                language = getattr(user, "preferred_language", "")
                if is_supported(language) and language != translation.get_language():
                    translation.activate(language)
                    request.LANGUAGE_CODE = language
        return self.get_response(request)
