"""Django settings for a server started by a bench: the test settings (any host, the
database from DATABASE_URL) with persistent database connections, as in production."""

from lms.settings.test import *  # noqa: F403
from lms.settings.test import DATABASES

DATABASES["default"]["CONN_MAX_AGE"] = 60
