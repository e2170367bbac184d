"""Settings shared by every environment. Everything deployment-specific comes from the
environment (django-environ); see README.md for the variables."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "lms.core",
    "lms.departments",
    "lms.accounts",
    "courses",
    "nominations",
    "programmes",
    "certificates",
    "compliance",
    "reports",
    "assessments",
    "simulator",
    "scorm",
    "api",
    "xapi",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The page and role caches' generations read once per request (lms/core/generations.py).
    "lms.core.generations.RequestGenerationsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.core.acting.ActingUserMiddleware",
    "lms.accounts.middleware.PreferredLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lms.accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): scripts only from this site (no inline script: page
# scripts live in static/js); inline style attributes are allowed for progress bars. The
# Wagtail admin ships inline scripts of its own, so it is left out (staff only). The API's
# Swagger page loads its start-up script as a file and keeps the policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

ROOT_URLCONF = "lms.urls"
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail page preview uses a same-origin iframe

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lms.core.context_processors.roles",
            ],
        },
    },
    {
        # Plain-text emails: rendered with render_to_string(..., using="text"), no HTML escaping.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": False},
    },
]

WSGI_APPLICATION = "lms.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A kept connection is checked before a request reuses it, so a PostgreSQL restart costs
# at most the requests in flight, not one error per worker afterwards (bench/faults).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
# The embedded SQLite database (no DATABASE_URL: `make run`, a small install) serves a
# handful of concurrent users: WAL lets readers go on while one connection writes, a
# writer waits up to 20 seconds for the lock instead of failing at once, and
# transactions take the write lock when they begin (IMMEDIATE), so two transactions that
# read then write cannot deadlock into "database is locked". PostgreSQL is not affected.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "learning:dashboard"
LOGOUT_REDIRECT_URL = "/"

AUTHENTICATION_BACKENDS = [
    "lms.accounts.backends.SignInBackend",  # refuses sign-in while locked out (axes)
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# user name from one address, that pair is locked for AXES_COOLOFF_MINUTES. By the pair,
# not by address alone, because a whole district office often shares one address.
# Failures are counted in the database (axes' database handler), which every worker shares.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lms.accounts.views.locked_out"
# The client address (lms.core.net.client_address): REMOTE_ADDR, or, behind PROXY_COUNT
# reverse proxies (deploy/nginx: 1), the address they wrote into X-Forwarded-For; never
# the client's own X-Forwarded-For entries, which could be forged to dodge a lock.
PROXY_COUNT = env.int("PROXY_COUNT", default=env.int("AXES_PROXY_COUNT", default=0))
AXES_CLIENT_IP_CALLABLE = "lms.core.net.client_address"
AXES_VERBOSE = False

# Two-factor sign-in (TOTP): optional for everyone, compulsory for these roles (names of
# lms.core.roles.Role, e.g. "CELL_ADMIN,HOD"). Production turns it on for the cell.
TWO_FACTOR_REQUIRED_ROLES = env.list("TWO_FACTOR_REQUIRED_ROLES", default=[])
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Sevottam LMS")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("hi", _("Hindi"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates the Indian way in both languages: 01/12/2026 where numeric, "1 December 2026" in words
# (lms/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["lms.formats"]
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Unpacked SCORM packages: outside MEDIA_ROOT, served only by scorm.views.content, which
# checks who is asking (never let the web server serve this directory).
SCORM_ROOT = env.path("SCORM_ROOT", default=BASE_DIR / "private" / "scorm")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email: EMAIL_URL such as smtp+tls://user:password@smtp.example.org:587
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Sevottam Cell <sevottam@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Redis, Celery and the cache. Without REDIS_URL tasks run in-process (eager).
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or "cache+memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
# A task whose worker process dies (killed, out of memory) goes back to the queue instead of
# being recorded as failed; every task is idempotent (bench/faults/worker_kill.py).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Redis: a task taken by a worker that vanished altogether (host lost, SIGKILL) is handed out
# again after this many seconds; keep it above the longest task's run time.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=10),
}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "nomination-window-reminders": {
        "task": "nominations.tasks.send_window_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "submit-overdue-attempts": {
        "task": "assessments.tasks.submit_overdue_attempts",
        "schedule": 60.0,
    },
    "programme-start-reminders": {
        "task": "nominations.tasks.send_start_reminders",
        "schedule": crontab(hour=7, minute=5),
    },
    "simulator-sweep": {
        "task": "simulator.tasks.sweep_simulations",
        "schedule": 60.0,
    },
    # Mandatory training: officers when a requirement becomes due or overdue (once per
    # change), and each HOD's weekly digest of them (compliance/reminders.py).
    "compliance-reminders": {
        "task": "compliance.tasks.send_reminders",
        "schedule": crontab(hour=7, minute=10),
    },
    "compliance-hod-digests": {
        "task": "compliance.tasks.send_hod_digests",
        "schedule": crontab(hour=7, minute=20, day_of_week=1),
    },
    # Each department's counts by rule and state as of the month just ended (the trend).
    "compliance-monthly-snapshot": {
        "task": "compliance.tasks.take_monthly_snapshot",
        "schedule": crontab(hour=1, minute=30, day_of_month=1),
    },
    # Learning records the xAPI store has not taken yet (xapi/delivery.py).
    "xapi-resend": {
        "task": "xapi.tasks.resend_statements",
        "schedule": 300.0,
    },
    # Tasks kept in the outbox while the broker was unreachable (lms.core.services.enqueue).
    "flush-outbox": {
        "task": "lms.core.tasks.flush_outbox",
        "schedule": 60.0,
    },
}

# Sessions: read from the cache and written through to the database (Redis) or from the
# database alone. Course pages: route, view restrictions and outlines from the cache
# (courses/pagecache.py), on where the cache is shared and in memory (Redis).
SESSION_ENGINE = env(
    "SESSION_ENGINE",
    default="django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db",
)
PAGE_CACHE = env.bool("PAGE_CACHE", default=bool(REDIS_URL))
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

if REDIS_URL:
    CACHES = {
        "default": {
            # RedisCache that answers "miss" while Redis is unreachable (lms/core/cache.py).
            "BACKEND": "lms.core.cache.ResilientRedisCache",
            "LOCATION": env("CACHE_URL", default=REDIS_URL),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # Without Redis the cache is a database table that every worker (and host) shares: rate
    # limits (lms/core/ratelimit.py) count one total, not one per worker. Its table is made by
    # `manage.py createcachetable`, which runs after every `migrate` (lms/core/apps.py).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lms_cache",
        }
    }

# Wagtail
WAGTAIL_SITE_NAME = "Sevottam LMS"
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# Learning records to an xAPI store (LRS), README "Learning records (xAPI)". Off while
# XAPI_ENDPOINT is empty: nothing is stored or sent.
XAPI_ENDPOINT = env("XAPI_ENDPOINT", default="")
XAPI_USERNAME = env("XAPI_USERNAME", default="")
XAPI_PASSWORD = env("XAPI_PASSWORD", default="")
# The account home page of every actor (name: the officer's HRMS employee code).
XAPI_HOMEPAGE = env("XAPI_HOMEPAGE", default=WAGTAILADMIN_BASE_URL)
# Identify officers by their email address (mbox) instead of the account.
XAPI_ACTOR_BY_EMAIL = env.bool("XAPI_ACTOR_BY_EMAIL", default=False)
XAPI_TIMEOUT = env.float("XAPI_TIMEOUT", default=10.0)
# The beat task resends statements not taken for this long, and refused ones this many times.
XAPI_RESEND_AFTER_MINUTES = env.int("XAPI_RESEND_AFTER_MINUTES", default=5)
XAPI_MAX_AUTOMATIC_ATTEMPTS = env.int("XAPI_MAX_AUTOMATIC_ATTEMPTS", default=5)
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # refuses decompression bombs before decoding
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
# Uploads are re-encoded (metadata and hidden payloads dropped): lms/core/images.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "lms.core.images.ImageForm"
# Course pages in English and Hindi, linked as translations (wagtail.contrib.simple_translation
# makes the Hindi copy); pages are served in the visitor's language, in English where no
# Hindi version exists (courses/localisation.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Wagtail logs every page save and every background task it runs at INFO.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "celery": {"level": "WARNING"},
        "kombu": {"level": "ERROR"},
        # django-axes logs every sign-in at INFO; lock-outs come at WARNING.
        "axes": {"level": "WARNING"},
    },
}

# Certificates: numbers look like HIPA/SEV/2024-25/000123
CERTIFICATE_NUMBER_PREFIX = env("CERTIFICATE_NUMBER_PREFIX", default="HIPA/SEV")
PDF_FONT_DIR = env("PDF_FONT_DIR", default="/usr/share/fonts/truetype/noto")
VERIFY_RATE_LIMIT = env.int("VERIFY_RATE_LIMIT", default=30)  # look-ups per minute per address

# The JSON API (api/): token or session (with CSRF) authentication, pages of 25 (at most 100).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sevottam LMS API",
    "DESCRIPTION": (
        "Programmes, nominations, learning progress, certificates, reports and the HRMS "
        "officer push. Authenticate with `Authorization: Token <key>` (keys are issued with "
        "`manage.py issue_api_token`) or with the site's session cookie plus the CSRF token."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["api.schema.only_api_endpoints"],
    "ENUM_NAME_OVERRIDES": {
        "LevelEnum": "lms.core.enums.Level",
        "GenderEnum": "lms.core.enums.Gender",
        "ProgrammeModeEnum": "courses.enums.ProgrammeMode",
        "ProgrammeStatusEnum": "courses.enums.ProgrammeStatus",
        "NominationStateEnum": "nominations.enums.NominationState",
        "CertificateStatusEnum": "certificates.enums.CertificateStatus",
    },
}
