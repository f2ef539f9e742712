"""Netralitas settings: every value comes from the environment (see the README's table).

NETRALITAS_ENV selects the profile: ``dev`` (default; insecure dev key allowed, DEBUG on unless said
otherwise), ``test`` (used by the test suite) and ``prod`` (every secret must be given).
One file: the per-app sections at the end hold each app's own variables (document a new one in the README).
"""

from __future__ import annotations

import base64
import datetime as dt
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
# The public base URL of every absolute link that leaves a request (e-mails, QR codes, receipts, webhooks).
# `make run` (bin/run-dev) sets it from its HOST and PORT; without it, HOST and PORT themselves give it.
_PUBLIC_HOST = env.str("HOST", "127.0.0.1")
_PUBLIC_PORT = env.int("PORT", 8000)
_LOCAL_HOST = "127.0.0.1" if _PUBLIC_HOST in ("0.0.0.0", "::") else _PUBLIC_HOST  # noqa: S104
SITE_URL = (env.optional("SITE_URL") or f"http://{_LOCAL_HOST}:{_PUBLIC_PORT}").rstrip("/")

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
    "netralitas.core",
    "netralitas.accounts",
    "netralitas.audit",
    "netralitas.registry",
    "netralitas.cases",
    "netralitas.sanctions",
    "netralitas.integrations",
    "netralitas.documents",
    "netralitas.declarations",
    "netralitas.transfers",
    "netralitas.captures",
    "netralitas.protection",
    "netralitas.portal",
    "netralitas.workspace",
    "netralitas.monitoring",
    "netralitas.api",
    "netralitas.demo",
]

MIDDLEWARE = [
    # First, so that every log line, task and delivery of the request carries its id (ADR 0028).
    "netralitas.core.requestid.RequestIdMiddleware",
    "netralitas.core.metrics.MetricsMiddleware",
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
FORM_RENDERER = "netralitas.core.form_rendering.FormRenderer"
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
                "netralitas.protection.context.nav",
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
# Behind PgBouncer in transaction mode (docs/deploy.md) a server connection is only ours for one
# transaction: no prepared statements (DB_PG_PREPARE_THRESHOLD=0) and no server-side cursors, whose
# DECLARE and FETCH could land on different server connections.
if env.bool("DB_DISABLE_SERVER_SIDE_CURSORS", default=False):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
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
            # django-tasks-db's backend, also storing the enqueuing request's id (core/task_backend.py).
            else "netralitas.core.task_backend.TracedDatabaseBackend"
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

# --- Official documents (netralitas.documents) ----------------------------------------------------
# Ed25519 seed (32 bytes, base64) that signs each issued letter's SHA-256; older seeds stay verifiable.
# In dev and test it is derived from SECRET_KEY; production must set its own.
DOCUMENT_SIGNING_KEY = env.optional("DOCUMENT_SIGNING_KEY") or ""
if not DOCUMENT_SIGNING_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DOCUMENT_SIGNING_KEY is required when NETRALITAS_ENV=prod.")
    DOCUMENT_SIGNING_KEY = base64.urlsafe_b64encode(
        hashlib.sha256(("documents:" + SECRET_KEY).encode()).digest()
    ).decode()
DOCUMENT_SIGNING_OLD_KEYS = env.list("DOCUMENT_SIGNING_OLD_KEYS", [])
# PAdES signatures in the PDF (pyHanko): each body signs with its installed (BSrE) certificate. With the demo
# CA on (dev and test by default), a body without one gets a certificate from a local demo CA at first use;
# in production a body without an installed certificate cannot issue. ADR 0027.
DOCUMENT_DEMO_CA = env.bool("DOCUMENT_DEMO_CA", not PRODUCTION)

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

# Logs: JSON lines in production (one object per line: time, level, logger, message, request_id, and the
# exception when there is one; python-json-logger), readable text in dev and test. LOG_FORMAT overrides.
LOG_FORMAT = env.choice("LOG_FORMAT", ("json", "text"), "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "netralitas.core.requestid.RequestIdLogFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
    # pikepdf announces its C++ logging bridge at INFO on every start of every command; WeasyPrint logs
    # every layout step at INFO, and letters are issued inside requests and sweeps.
    "loggers": {name: {"level": "WARNING"} for name in ("pikepdf", "weasyprint", "fontTools")},
}
BLOCK_AFTER_WARNING_DAYS = env.int("BLOCK_AFTER_WARNING_DAYS", 7)
# Konflik kepentingan PPK (ADR 0025): the follow-up of a case whose PPK is a candidate is watched from this
# many working days before its deadline (instead of the rule's reminder_days_before, 2), and the escalation
# then goes to BKN's control and to the agency with this code (Kemendagri), not to the regency.
CONFLICT_REMINDER_DAYS_BEFORE = env.int("CONFLICT_REMINDER_DAYS_BEFORE", 5)
CONFLICT_ESCALATION_AGENCY = env.str("CONFLICT_ESCALATION_AGENCY", "KEMENDAGRI")

# --- Link captures (netralitas/captures, ADR 0017) --------------------------------------------------
CAPTURE_CHROMIUM = env.str("CAPTURE_CHROMIUM", "/usr/bin/chromium")
CAPTURE_TIMEOUT_SECONDS = env.int("CAPTURE_TIMEOUT_SECONDS", 20)
CAPTURE_MAX_ATTEMPTS = env.int("CAPTURE_MAX_ATTEMPTS", 5)
CAPTURE_MAX_HTML_BYTES = env.int("CAPTURE_MAX_HTML_BYTES", 5 * 1024 * 1024)
CAPTURE_MAX_HEIGHT = env.int("CAPTURE_MAX_HEIGHT", 12000)
# Links of cases received longer ago are not captured (a new deployment does not fetch years of old links).
CAPTURE_LOOKBACK_DAYS = env.int("CAPTURE_LOOKBACK_DAYS", 30)
# RFC 3161 timestamp authority for capture hashes (optional): its URL and its certificate (PEM file).
CAPTURE_TSA_URL = env.str("CAPTURE_TSA_URL", "")
CAPTURE_TSA_CERT = env.str("CAPTURE_TSA_CERT", "")
# Only for tests on loopback: lets the capture browser reach private and loopback addresses.
CAPTURE_ALLOW_PRIVATE = env.bool("CAPTURE_ALLOW_PRIVATE", default=False)
if PRODUCTION and CAPTURE_ALLOW_PRIVATE:
    raise ImproperlyConfigured("CAPTURE_ALLOW_PRIVATE cannot be used when NETRALITAS_ENV=prod.")

# --- Protection of ASN reporters (netralitas/protection, ADR 0026) ------------------------------------
# Months after a report during which an adverse personnel act on its ASN reporter raises a protected alert.
PROTECTION_MONTHS = env.int("PROTECTION_MONTHS", 24)
if PROTECTION_MONTHS < 1:
    raise ImproperlyConfigured("PROTECTION_MONTHS must be at least 1.")

# --- api ----------------------------------------------------------------------------------------------------
# Each process adds its request count to the shared (database) rate counter every N requests; the limit
# may be overshot by at most N-1 requests per process and minute. 1 = exact, one cache write per request.
API_RATE_LIMIT_SYNC_EVERY = env.int("API_RATE_LIMIT_SYNC_EVERY", 1 if PROFILE == "test" else 20)

# --- declarations -------------------------------------------------------------------------------------------
# Failed signing attempts (wrong birth date / NIK digits) allowed per NIP and per client IP within the
# window; successful signatures are not counted, so a whole office behind one NAT address can sign.
DECLARATION_FAILURES_PER_NIP = env.int("DECLARATION_FAILURES_PER_NIP", 5)
DECLARATION_FAILURES_PER_IP = env.int("DECLARATION_FAILURES_PER_IP", 50)
DECLARATION_FAILURE_WINDOW_SECONDS = env.int("DECLARATION_FAILURE_WINDOW_SECONDS", 900)
# How often the live coverage screen refreshes (htmx polling), in seconds.
DECLARATION_COVERAGE_POLL_SECONDS = env.int("DECLARATION_COVERAGE_POLL_SECONDS", 5)
# Weeks before and after a coordination meeting compared on its page.
MEETING_FIGURES_WEEKS = env.int("MEETING_FIGURES_WEEKS", 4)

# --- integrations -------------------------------------------------------------------------------------------
# Adapters: each is disabled while its URL is empty.
IDIS_URL = env.str("IDIS_URL", "")
IDIS_TOKEN = env.str("IDIS_TOKEN", "")
SIASN_URL = env.str("SIASN_URL", "")
SIASN_TOKEN = env.str("SIASN_TOKEN", "")

# Delivery worker: HTTP timeout, retries with exponential backoff, then dead letter.
OUTBOX_HTTP_TIMEOUT = env.int("OUTBOX_HTTP_TIMEOUT", 10)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_BACKOFF_SECONDS = env.int("OUTBOX_BACKOFF_SECONDS", 30)
OUTBOX_BACKOFF_MAX_SECONDS = env.int("OUTBOX_BACKOFF_MAX_SECONDS", 6 * 3600)
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", 60)

# --- monitoring ---------------------------------------------------------------------------------------------
# Public counts from 1 to this value minus one are published as "<N" (ADR 0009).
MONITORING_SUPPRESS_BELOW = env.int("MONITORING_SUPPRESS_BELOW", 5)
# An agency is ranked in the PPK compliance index only with at least this many cases due.
MONITORING_COMPLIANCE_MIN_CASES = env.int("MONITORING_COMPLIANCE_MIN_CASES", 5)
# The public aggregates are the same for every visitor and cost seconds at national scale: they are
# computed at most once per this many seconds (0 turns the cache off; the test profile does).
MONITORING_PUBLIC_CACHE_SECONDS = env.int("MONITORING_PUBLIC_CACHE_SECONDS", 0 if PROFILE == "test" else 300)
# Case-list exports (XLSX/CSV) of up to this many rows are answered in the request; longer ones are built by a
# background task and offered for download when ready, so no request nears a worker timeout.
MONITORING_EXPORT_SYNC_MAX_ROWS = env.int("MONITORING_EXPORT_SYNC_MAX_ROWS", 10000)
# A prepared export is downloadable by its requester for this many hours, then purge_exports deletes it.
MONITORING_EXPORT_TTL_HOURS = env.int("MONITORING_EXPORT_TTL_HOURS", 24)

# --- portal -------------------------------------------------------------------------------------------------
# Evidence uploaded by the public (checked by content; the limit applies per file).
PORTAL_MAX_IMAGE_MB = env.int("PORTAL_MAX_IMAGE_MB", 10)
PORTAL_MAX_PDF_MB = env.int("PORTAL_MAX_PDF_MB", 10)
PORTAL_MAX_VIDEO_MB = env.int("PORTAL_MAX_VIDEO_MB", 50)
PORTAL_MAX_FILES = env.int("PORTAL_MAX_FILES", 5)
PORTAL_DESCRIPTION_MIN_CHARS = env.int("PORTAL_DESCRIPTION_MIN_CHARS", 30)

# Abuse protection, per client IP (django-ratelimit syntax "<count>/<s|m|h|d>").
PORTAL_SUBMIT_RATE = env.str("PORTAL_SUBMIT_RATE", "10/h")
PORTAL_STATUS_RATE = env.str("PORTAL_STATUS_RATE", "30/h")
PORTAL_STATUS_PROOF_AFTER = env.int("PORTAL_STATUS_PROOF_AFTER", 3)
# Forms sent without the proof-of-work (browsers without JavaScript) are let through at this rate.
PORTAL_UNPROVEN_RATE = env.str("PORTAL_UNPROVEN_RATE", "3/h")

# The anti-robot proof-of-work (ALTCHA, docs/adr/0020): PBKDF2-SHA256 iterations per attempt and the hex
# prefix the derived key must start with ("00": 256 attempts on average, about a second on a phone).
# The test profile makes it trivial (tests/portal/helpers.proof_of_work solves it in Python; the browser
# tests let the real widget solve it), so tests stay fast while exercising the same code.
PORTAL_POW_COST = env.int("PORTAL_POW_COST", 10 if PROFILE == "test" else 5000)
PORTAL_POW_KEY_PREFIX = env.str("PORTAL_POW_KEY_PREFIX", "0" if PROFILE == "test" else "00")
PORTAL_POW_TTL_MINUTES = env.int("PORTAL_POW_TTL_MINUTES", 60)

# Unsent drafts (and their files under MEDIA_ROOT/drafts/) are purged after this many hours.
PORTAL_DRAFT_MAX_AGE_HOURS = env.int("PORTAL_DRAFT_MAX_AGE_HOURS", 24)
# The receipt code stays (encrypted, in the session) this long, or until the PDF receipt is downloaded.
PORTAL_RECEIPT_TTL_MINUTES = env.int("PORTAL_RECEIPT_TTL_MINUTES", 30)

# --- transfers ----------------------------------------------------------------------------------------------
# Default end of the Pasal 71(2) window (end of the regional heads' term) used when a rule row is
# derived from an election; each rule row keeps its own date and an admin may change it.
try:
    TRANSFER_WINDOW_END_DEFAULT = dt.date.fromisoformat(env.str("TRANSFER_WINDOW_END_DEFAULT", "2025-02-20"))
except ValueError as exc:
    raise ImproperlyConfigured("TRANSFER_WINDOW_END_DEFAULT must be a date as YYYY-MM-DD.") from exc
# Months before the candidates-set date at which the window opens (UU 10/2016 Pasal 71(2)).
TRANSFER_WINDOW_MONTHS_BEFORE = env.int("TRANSFER_WINDOW_MONTHS_BEFORE", 6)

# --- workspace ----------------------------------------------------------------------------------------------
# Staff must confirm a TOTP device and enter a code after the password (the Django admin too).
WORKSPACE_REQUIRE_2FA = env.bool("WORKSPACE_REQUIRE_2FA", default=PRODUCTION)
# Registering the first TOTP device needs a one-time token issued by an administrator
# (`manage.py issue_enrolment_token <username>`), so a password alone cannot register a second factor.
WORKSPACE_ENROLMENT_TOKEN = env.bool("WORKSPACE_ENROLMENT_TOKEN", default=PRODUCTION)
# Lockout: this many failed logins per username + client address within the window lock that pair
# for the same period.
WORKSPACE_LOCKOUT_ATTEMPTS = env.int("WORKSPACE_LOCKOUT_ATTEMPTS", 5)
WORKSPACE_LOCKOUT_SECONDS = env.int("WORKSPACE_LOCKOUT_SECONDS", 15 * 60)
# Rows per page in the queue.
WORKSPACE_PAGE_SIZE = env.int("WORKSPACE_PAGE_SIZE", 25)
# Working days before a deadline that put a case in the daily digest.
WORKSPACE_DIGEST_WORKING_DAYS = env.int("WORKSPACE_DIGEST_WORKING_DAYS", 2)

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

# Metrics (/metrics, Prometheus text format; ADR 0028, docs/deploy.md): off (404) until a token is set;
# the scraper sends `Authorization: Bearer <METRICS_TOKEN>`. Database figures (backlogs, overdue cases)
# are read at most every METRICS_FIGURES_SECONDS per process. Several gunicorn workers: set
# PROMETHEUS_MULTIPROC_DIR (a per-node empty directory) and start gunicorn with -c config/gunicorn.py.
METRICS_TOKEN = env.str("METRICS_TOKEN", "")
METRICS_FIGURES_SECONDS = env.int("METRICS_FIGURES_SECONDS", 0 if PROFILE == "test" else 15)
# === end of the nodes block ==========================================================================
