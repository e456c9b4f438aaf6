"""One settings file, driven by the environment. Every variable is documented in docs/configuration.md."""

from __future__ import annotations

import os
from datetime import timedelta

import dj_database_url

from nocontact import config

DEBUG = config.env_flag("NOCONTACT_DEBUG")
HOSTED = config.hosted()
if HOSTED and DEBUG:
    # Debug pages show settings, paths and code to whoever makes an error happen.
    raise config.ConfigError("Hosted mode can't run with NOCONTACT_DEBUG on: unset it, or serve on 127.0.0.1 only.")
DATA_DIR = config.data_dir()
SECRET_KEY = config.secret_key()

if HOSTED:
    ALLOWED_HOSTS = [h.strip() for h in os.environ.get("NOCONTACT_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if not ALLOWED_HOSTS:
        raise config.ConfigError("Hosted mode needs NOCONTACT_ALLOWED_HOSTS, e.g. nocontact.example.org")
else:
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"] + [
        h.strip() for h in os.environ.get("NOCONTACT_ALLOWED_HOSTS", "").split(",") if h.strip()
    ]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "ninja",
    "nocontact.accounts",
    "nocontact.plans",
    "nocontact.boundaries",
    "nocontact.journal",
    "nocontact.urges",
    "nocontact.safety",
    "nocontact.readiness",
    "nocontact.imports",
    "django_tasks",
    "django_tasks_db",
    "nocontact.web",
]

MIDDLEWARE = [
    # First, so it has the last word: NUL in the address, HEAD without a body, Permissions-Policy, CORP.
    "nocontact.web.middleware.HardeningMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: a page is for a signed-in person unless its view says @login_not_required (the API's
    # operations answer for themselves: a token or the session, or a JSON 401).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp: the Content-Security-Policy header (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nocontact.web.middleware.NoStoreMiddleware",
    # After sessions and auth: the quick exit's hold, and the idle lock.
    "nocontact.safety.middleware.SafeguardsMiddleware",
    # Last, as django-axes asks: it turns a lockout into our own calm page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nocontact.urls"
WSGI_APPLICATION = "nocontact.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nocontact.web.context.site",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------
# SQLite by default: WAL so readers never wait for a writer, a busy timeout and
# IMMEDIATE transactions so concurrent writers queue instead of failing with
# "database is locked", secure_delete so deleted text is overwritten on disk.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA secure_delete=ON;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA busy_timeout=30000;"
    "PRAGMA cache_size=-16000;"
    "PRAGMA mmap_size=268435456;"
)
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Server-side parameters, so psycopg prepares a query once it has run five times on a connection:
        # PostgreSQL then skips planning it (about 0.6 ms for the figures of four plans). Behind a
        # transaction-mode PgBouncer without max_prepared_statements, set NOCONTACT_PG_PREPARE=0.
        if config.env_flag("NOCONTACT_PG_PREPARE", True):
            DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(config.private_file(DATA_DIR / "nocontact.sqlite3")),
            # Keep each server thread's connection (and its page cache) between requests.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": SQLITE_PRAGMAS,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every process (login throttling, sign-up throttling): never process memory.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "nocontact_cache",
    }
}

# --- Accounts -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, under the name stored in every session (nocontact/accounts/backends.py).
    "nocontact.accounts.backends.AccountBackend",
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "plans:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

# Django's database sessions, on a session model that knows its owner (nocontact/accounts/sessions.py).
SESSION_ENGINE = "nocontact.accounts.sessions"
SESSION_COOKIE_AGE = int(os.environ.get("NOCONTACT_SESSION_DAYS", "14")) * 24 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "nocontact.web.errors.csrf_failure"

# Password guessing: locked per (username, IP address) pair, so a stranger
# guessing from elsewhere cannot lock the real user out; the lock lifts itself.
AXES_FAILURE_LIMIT = int(os.environ.get("NOCONTACT_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("NOCONTACT_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The name is counted exactly as login finds the account (any case); the account's own trusted device is
# not held back by someone else's guesses (nocontact/accounts/throttle.py).
AXES_USERNAME_CALLABLE = "nocontact.accounts.throttle.login_name_key"
AXES_WHITELIST_CALLABLE = "nocontact.accounts.throttle.own_trusted_device"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# The server (waitress) resolves X-Forwarded-For from a trusted proxy into REMOTE_ADDR; trust nothing else.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True
# Setting a new password with the recovery code: tries per address per hour.
RECOVERY_LIMIT_PER_HOUR = 10
# Safety: the idle lock a safety plan turns on, where the quick exit leads, and the help lines shown.
SAFETY_IDLE_MINUTES = int(os.environ.get("NOCONTACT_SAFETY_IDLE_MINUTES", "15"))
QUICK_EXIT_URL = os.environ.get("NOCONTACT_QUICK_EXIT_URL", "https://www.wikipedia.org/")
HELP_RESOURCES = os.environ.get("NOCONTACT_HELP_RESOURCES", "")
# Imports: the largest export the web page accepts (the command line has no limit).
IMPORT_MAX_MB = int(os.environ.get("NOCONTACT_IMPORT_MAX_MB", "512"))
# Every import: how deep a file may nest, and how long one value, line or message may be.
IMPORT_MAX_DEPTH = int(os.environ.get("NOCONTACT_IMPORT_MAX_DEPTH", "64"))
IMPORT_MAX_FIELD_MB = int(os.environ.get("NOCONTACT_IMPORT_MAX_FIELD_MB", "16"))
# A web upload is read in a child process with this much address space and time.
IMPORT_MEMORY_MB = int(os.environ.get("NOCONTACT_IMPORT_MEMORY_MB", "512"))
IMPORT_TIMEOUT_SECONDS = int(os.environ.get("NOCONTACT_IMPORT_TIMEOUT_SECONDS", "300"))
SIGNUP_LIMIT_PER_HOUR = int(os.environ.get("NOCONTACT_SIGNUP_LIMIT_PER_HOUR", "10"))

# --- Security headers -------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin, not no-referrer: browsers send "Origin: null" under no-referrer, which CSRF checks refuse.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HOSTED:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = config.env_flag("NOCONTACT_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("NOCONTACT_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = config.env_flag("NOCONTACT_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = config.env_flag("NOCONTACT_HSTS_PRELOAD", True)
    # Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS if not h.startswith(".")]
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Static files, served by the app itself ---------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("NOCONTACT_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600

# --- Limits -----------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
# The words are written in English, in templates and nocontact/messages.py; no translation is loaded.
# Off, Django also skips looking up the active language for every number a page prints.
USE_I18N = False
USE_TZ = True

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Nothing sensitive is logged: no request bodies, no SQL.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("NOCONTACT_LOG_LEVEL", "WARNING")},
    "loggers": {"django.db.backends": {"level": "WARNING", "propagate": True}},
}

NINJA_PAGINATION_MAX_LIMIT = 500

# Background work (alerts to the support circle) is stored in the database and run by
# `nocontact worker`, or by the worker thread inside `nocontact serve`: no broker needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Hosted mode refuses alert addresses on loopback, private and link-local networks (nocontact/urges/alerts.py)
# unless the operator allows them, e.g. for a notification relay on the same network.
ALERTS_ALLOW_PRIVATE = config.env_flag("NOCONTACT_ALERTS_ALLOW_PRIVATE")
