"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL is set."""

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"
# In-process here (query counts stay those of the code under test); the shared database
# cache of the embedded settings is tested in tests/core/test_embedded_stores.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# As in production with Redis, whether or not REDIS_URL is set for this run.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
PAGE_CACHE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": env("SQLITE_TEST_NAME", default="")}
DATABASES["default"]["CONN_MAX_AGE"] = 0
