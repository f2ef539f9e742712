"""Netralitas settings: every value comes from the environment (see the README's table).

NETRALITAS_ENV selects the profile: ``dev`` (default; insecure dev key allowed, DEBUG on unless said
otherwise), ``test`` (used by the test suite) and ``prod`` (every secret must be given).
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from netralitas.core.env import Env

BASE_DIR = Path(__file__).resolve().parent.parent
env = Env()

PROFILE = env.choice("NETRALITAS_ENV", ("dev", "test", "prod"), "dev")
PRODUCTION = PROFILE == "prod"
DEBUG = env.bool("DEBUG", default=PROFILE == "dev")
# The demo clock (netralitas/core/clock.py, ADR 0015): in the dev profile "now" is the demo season's time
# once setup_demo has started it. Never in production.
DEMO_CLOCK = env.bool("DEMO_CLOCK", default=PROFILE == "dev")
if PRODUCTION and DEMO_CLOCK:
    raise ImproperlyConfigured("DEMO_CLOCK cannot be used when NETRALITAS_ENV=prod.")

_DEV_KEY = "django-insecure-dev-only-never-in-production"
SECRET_KEY = env.optional("SECRET_KEY") or ("" if PRODUCTION else _DEV_KEY)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is required when NETRALITAS_ENV=prod.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env.str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "captcha",
    "netralitas.core",
    "netralitas.accounts",
    "netralitas.audit",
    "netralitas.registry",
    "netralitas.cases",
    "netralitas.sanctions",
    "netralitas.integrations",
    "netralitas.declarations",
    "netralitas.transfers",
    "netralitas.portal",
    "netralitas.workspace",
    "netralitas.monitoring",
    "netralitas.api",
    "netralitas.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netralitas.core.middleware.ChosenLanguageMiddleware",
    "netralitas.core.middleware.ApiErrorsAsProblemsMiddleware",
    "netralitas.core.middleware.RefuseUnstorableInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "netralitas.core.no_store.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "netralitas.core.refcache.RequestScopeMiddleware",
    "csp.middleware.CSPMiddleware",
]

# Content-Security-Policy on every page (django-csp): scripts and styles only from our own static files, no
# inline script or handler (templates have none; a test keeps it so). Style *attributes* stay allowed for
# computed widths and legend swatches. A response that sets its own CSP (evidence, letters) keeps it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "netralitas.core.context_processors.demo_clock",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
DATABASE_URL = env.str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env.int("DB_CONN_MAX_AGE", 60))}
# PostgreSQL: server-side binding, so psycopg prepares a statement once it has run DB_PG_PREPARE_THRESHOLD
# times on a connection and the server stops re-planning it (Django turns this off by default for the sake
# of transaction-mode poolers; set 0 behind one). See docs/adr/0013-reference-caches.md.
PG_PREPARE_THRESHOLD = env.int("DB_PG_PREPARE_THRESHOLD", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and PG_PREPARE_THRESHOLD > 0:
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": PG_PREPARE_THRESHOLD}
    )
# SQLite (ADR 0002): WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock when
# a transaction starts, so writers queue (up to `timeout` seconds) instead of failing half-way.
# synchronous=FULL makes every acknowledged commit survive a power cut; NORMAL is faster but may lose
# the last commits (never corrupts the file).
SQLITE_SYNCHRONOUS = env.choice("SQLITE_SYNCHRONOUS", ("FULL", "NORMAL"), "FULL")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            f"PRAGMA journal_mode=WAL; PRAGMA synchronous={SQLITE_SYNCHRONOUS}; PRAGMA cache_size=-65536;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": env.optional("TEST_SQLITE_NAME")}  # None: in memory
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["netralitas.accounts.backends.NoDemoInProductionBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "cases:my_cases"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if PROFILE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- I18N / time ----------------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Cache (rate limits, lockouts): in the database so every gunicorn worker shares it, no extra service.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "netralitas_cache",
    }
}

# Reference tables (regions, elections, catalogs, deadline rules, holidays, webhook subscriptions) are
# cached per process and checked against core_referencestamp once per request, so a write in any process
# is seen by the next request; this only bounds how long a value is kept at most (core/refcache.py).
REFERENCE_CACHE_SECONDS = env.int("REFERENCE_CACHE_SECONDS", 60)

# --- Background tasks -----------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if PROFILE == "test"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
# Seconds an SMTP call may block; the outbox worker's lease (OUTBOX_LEASE_SECONDS) must stay longer.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Netralitas ASN <noreply@localhost>")

# --- Reporter identity encryption -----------------------------------------------------------------
# Comma-separated Fernet keys; the first encrypts, all decrypt (key rotation). In dev and test a key is
# derived from SECRET_KEY so the demo works without setup; production must set its own.
_reporter_keys = env.list("REPORTER_ENCRYPTION_KEYS", [])
if not _reporter_keys:
    if PRODUCTION:
        raise ImproperlyConfigured("REPORTER_ENCRYPTION_KEYS is required when NETRALITAS_ENV=prod.")
    _reporter_keys = [base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()]
REPORTER_ENCRYPTION_KEYS = _reporter_keys

# --- Security -------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", 8 * 3600)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
    # pikepdf announces its C++ logging bridge at INFO on every start of every command.
    "loggers": {"pikepdf": {"level": "WARNING"}},
}
BLOCK_AFTER_WARNING_DAYS = env.int("BLOCK_AFTER_WARNING_DAYS", 7)

# --- Per-app settings (one module each under config/parts/) ----------------------------------------
from config.parts.api import *  # noqa: E402,F403
from config.parts.declarations import *  # noqa: E402,F403
from config.parts.integrations import *  # noqa: E402,F403
from config.parts.monitoring import *  # noqa: E402,F403
from config.parts.portal import *  # noqa: E402,F403
from config.parts.transfers import *  # noqa: E402,F403
from config.parts.workspace import *  # noqa: E402,F403

# === Nodes: read replica, object storage, health (ADR 0016, docs/operations.md) ======================
# One block, so it moves as one piece. Without DATABASE_REPLICA_URL and AWS_STORAGE_BUCKET_NAME nothing
# here changes anything.
DATABASE_REPLICA_URL = env.optional("DATABASE_REPLICA_URL")
# Reads above this lag (seconds) go to the primary; the lag is measured at most every LAG_CHECK seconds.
DATABASE_REPLICA_MAX_LAG_SECONDS = env.float("DATABASE_REPLICA_MAX_LAG_SECONDS", 5.0)
DATABASE_REPLICA_LAG_CHECK_SECONDS = env.float("DATABASE_REPLICA_LAG_CHECK_SECONDS", 3.0)
# After a write (any non-safe request), that browser reads from the primary for this many seconds.
DATABASE_REPLICA_STICKY_SECONDS = env.int("DATABASE_REPLICA_STICKY_SECONDS", 15)
# Paths whose safe requests read from the replica: dashboards, exports, public statistics and open data.
DATABASE_REPLICA_PATHS = env.list("DATABASE_REPLICA_PATHS", ["/pemantauan/", "/api/v1/statistics"])
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env.int("DB_CONN_MAX_AGE", 60)
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql" and PG_PREPARE_THRESHOLD > 0:
        DATABASES["replica"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": PG_PREPARE_THRESHOLD}
        )
    # The test runner must not create a second test database: the replica mirrors the primary's.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["netralitas.core.replica.ReplicaRouter"]
    MIDDLEWARE.insert(1, "netralitas.core.replica.ReplicaRoutingMiddleware")

# Object storage for evidence, decision documents, warnings and reports: django-storages' S3 backend when
# AWS_STORAGE_BUCKET_NAME is set (any S3-compatible service: AWS_S3_ENDPOINT_URL), MEDIA_ROOT otherwise.
# Files are private and always streamed through the app's authorised views; no public URL is handed out.
AWS_STORAGE_BUCKET_NAME = env.optional("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _s3_storage: dict[str, Any] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.optional("AWS_S3_ENDPOINT_URL"),
            "region_name": env.optional("AWS_S3_REGION_NAME"),
            "access_key": env.optional("AWS_ACCESS_KEY_ID"),
            "secret_key": env.optional("AWS_SECRET_ACCESS_KEY"),
            "location": env.str("AWS_LOCATION", ""),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", 300),
            "addressing_style": env.choice("AWS_S3_ADDRESSING_STYLE", ("path", "virtual", "auto"), "auto"),
            "signature_version": "s3v4",
        },
    }
    STORAGES["default"] = _s3_storage
# === end of the nodes block ==========================================================================
