"""The one settings module. Everything that differs between machines is read from the
environment (see README "Configuration"); there are no production-only settings files."""

from __future__ import annotations

import importlib.util
import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from boligsocial.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    local_secret_key,
)

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("BOLIGSOCIAL_HOME", str(Path.cwd())))
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)

# A local installation (docs/decisions/0010): DEBUG off and none of SECRET_KEY, DATABASE_URL
# and ALLOWED_HOSTS set, so the site uses the default SQLite database under var/ and answers only
# on loopback names. It keeps a generated secret key in var/secret_key (mode 0600) and does not
# redirect to HTTPS. Everything else with DEBUG off is a deployment and must set SECRET_KEY.
LOCAL_INSTALLATION = not DEBUG and not any(
    name in os.environ for name in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS")
)
_INSECURE_DEV_KEY = "django-insecure-boligsocial-development-key-never-use-in-production"
if LOCAL_INSTALLATION:
    SECRET_KEY = local_secret_key(VAR_DIR / "secret_key")
elif DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", _INSECURE_DEV_KEY)
elif "SECRET_KEY" not in os.environ:
    raise ImproperlyConfigured(
        "Environment variable SECRET_KEY is required when DEBUG is off and DATABASE_URL or "
        "ALLOWED_HOSTS is set (only a local installation keeps its own key in var/)."
    )
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if SECRET_KEY == _INSECURE_DEV_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off."
        )

# Behind a TLS-terminating proxy: trust its X-Forwarded-Proto, and take the client's address
# from the last X-Forwarded-For entry (the one the proxy added) for login throttling.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    # domain core
    "boligsocial.core",
    "boligsocial.site",
    "boligsocial.organisations",
    "boligsocial.areas",
    "boligsocial.funding",
    "boligsocial.plans",
    "boligsocial.governance",
    "boligsocial.accounts",
    "boligsocial.documents",
    "boligsocial.budgets",
    "boligsocial.frames",
    "boligsocial.reporting",
    "boligsocial.payments",
    "boligsocial.lifecycle",
    "boligsocial.applications",
    "boligsocial.pipeline",
    "boligsocial.agreements",
    "boligsocial.indicators",
    "boligsocial.criteria",
    "boligsocial.operations",
    "boligsocial.demo",
    # interfaces
    "boligsocial.web",
    "boligsocial.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Near the top, so that every response gets the header (docs/decisions/0010).
    "boligsocial.web.csp.ContentSecurityPolicyMiddleware",
    # A database that is not answering: 503 with Retry-After (docs/decisions/0011).
    "boligsocial.web.unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, auth, CSRF and language, so a hit is cheap; it only answers requests that
    # cannot be personal (docs/decisions/0014).
    "boligsocial.web.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "boligsocial.web.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The logged-in overview and API reads, per session and data version (docs/decisions/0014).
    "boligsocial.web.page_cache.PersonalPageCacheMiddleware",
    "boligsocial.web.former_addresses.FormerAddressMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a login refused by django-axes into the lockout page (docs/decisions/0010).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "boligsocial.urls"
WSGI_APPLICATION = "boligsocial.wsgi.application"

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
                "django.template.context_processors.i18n",
                "boligsocial.web.context_processors.site",
            ],
        },
    },
]

_DEFAULT_DB = f"sqlite:///{VAR_DIR / 'boligsocial.sqlite3'}"
_DATABASE_URL = env_str("DATABASE_URL", _DEFAULT_DB)
# The local demo database: `boligsocial demo` gives its users the public demo password only here.
USES_LOCAL_DATABASE = _DATABASE_URL == _DEFAULT_DB
try:
    DATABASES = {"default": dj_database_url.parse(_DATABASE_URL, conn_max_age=60)}
except Exception as exc:  # dj-database-url raises several types for a malformed URL
    raise ImproperlyConfigured(f"DATABASE_URL={_DATABASE_URL!r} is not a valid URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if _DATABASE_URL == _DEFAULT_DB:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A writer waits up to 20 s for another's write lock (busy timeout) instead of failing with
    # "database is locked"; in WAL mode readers never wait for writers (docs/decisions/0011).
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"
    )
    # Writers take the write lock when their transaction begins, so a version check and the
    # write after it cannot interleave with another writer (docs/decisions/0009).
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # A database that does not answer gives a fast 503 instead of a hanging request.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5, minimum=1)
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: in each process's memory by default (no extra server), or one Redis shared by all
# app servers. The public page cache is correct either way: its keys hold the data version
# (docs/decisions/0014). PAGE_CACHE_SECONDS bounds an entry's life; 0 turns the page cache off.
CACHE_URL = env_str("CACHE_URL", "")
if not CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "boligsocial",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
elif CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    if importlib.util.find_spec("redis") is None:
        raise ImproperlyConfigured(
            f"CACHE_URL={CACHE_URL!r} needs the Python package redis: pip install redis."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "boligsocial",
        }
    }
else:
    raise ImproperlyConfigured(
        f"CACHE_URL={CACHE_URL!r} is not supported: leave it empty for the built-in cache, or "
        "give redis://host:port/db (rediss:// with TLS)."
    )
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300, minimum=0)
PAGE_CACHE_ALIAS = "default"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12, minimum=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins are throttled by django-axes per account and per address, on /log-ind/, the
# admin and API basic authentication (docs/decisions/0010).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "boligsocial.web.views.auth.locked_out"
AXES_CLIENT_IP_CALLABLE = "boligsocial.accounts.throttling.client_ip"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = env_choice("LANGUAGE_CODE", "da", ["da", "en"])
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# English dates as "1 July 2024"; Danish ones are Django's ("1. juli 2024").
FORMAT_MODULE_PATH = ["boligsocial.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Copenhagen")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
if DEBUG:
    # In development WhiteNoise serves from the apps' static folders; that STATIC_ROOT has not
    # been collected is expected, so its warning on every request is noise.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Plans' documents (docs/decisions/0021): in a folder under var/ by default, or in an
# S3-compatible bucket (django-storages). Never served by a URL of the storage, only through
# the views that check who may read them; files are private to the server's user.
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 25 * 1024 * 1024, minimum=1)
DOCUMENT_STORAGE = env_choice("DOCUMENT_STORAGE", "local", ["local", "s3"])
if DOCUMENT_STORAGE == "s3":
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "DOCUMENT_STORAGE=s3 needs the Python package django-storages[s3]: "
            "pip install 'django-storages[s3]'."
        )
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("DOCUMENT_S3_BUCKET"),
            "endpoint_url": env_str("DOCUMENT_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("DOCUMENT_S3_REGION", "") or None,
            "access_key": env_str("DOCUMENT_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("DOCUMENT_S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("DOCUMENT_S3_PREFIX", "documents"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env_str("DOCUMENT_ROOT", str(VAR_DIR / "documents")),
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }

# Security: on by default whenever DEBUG is off; each can be turned off for a deployment
# behind a TLS-terminating proxy that already does it.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    # A local installation serves http://127.0.0.1 (loopback names only), so no HTTPS defaults.
    _TLS = not LOCAL_INSTALLATION
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _TLS)
    # A load balancer's health probes may speak plain HTTP to the app (decision 0033).
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^readyz/?$"]
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _TLS)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _TLS)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if _TLS else 0, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", _TLS)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", _TLS)
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "boligsocial.api.authentication.ThrottledBasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "EXCEPTION_HANDLER": "boligsocial.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Boligsocial API",
    "DESCRIPTION": "Boligsociale helhedsplaner: areas, afdelinger, plans, fund rounds, "
    "organisations, people and governing bodies.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "LICENSE": {"name": "MPL-2.0"},
    # Swagger UI from the installed sidecar package: the docs page works with no internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Statistical disclosure control: figures about fewer persons than this are suppressed
# before they leave an analyst role.
DISCLOSURE_MIN_COUNT = env_int("DISCLOSURE_MIN_COUNT", 5, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
