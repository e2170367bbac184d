"""Production settings for the load bench and the fault drills, which talk plain HTTP on
loopback (no TLS proxy in front): the HTTPS redirect, HSTS and secure-only cookies are off
and two-factor is not demanded of the generated users. Everything else is
``lms.settings.production`` (DEBUG off, WhiteNoise manifest storage, Redis cache, ...)."""

from lms.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
TWO_FACTOR_REQUIRED_ROLES = []
