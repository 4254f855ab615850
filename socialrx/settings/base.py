"""Settings shared by every environment, all from SOCIALRX_* environment variables."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from socialrx.logconfig import logging_config

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    """Return the SOCIALRX_<name> environment variable, or the default."""
    return os.environ.get(f"SOCIALRX_{name}", default)


def env_bool(name: str, default: bool) -> bool:
    """Return SOCIALRX_<name> as a yes/no flag (1, true, yes, on mean yes)."""
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """Return SOCIALRX_<name> as a whole number, or refuse with the variable named."""
    value = env(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"SOCIALRX_{name}={value!r} is not a whole number") from None
    if number < minimum:
        raise ImproperlyConfigured(f"SOCIALRX_{name}={value!r} must be at least {minimum}")
    return number


DATA_DIR = Path(env("DATA_DIR", "./socialrx-data")).resolve()

SECRET_KEY = env("SECRET_KEY") or "insecure-dev-key-set-SOCIALRX_SECRET_KEY-in-production"
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in (env("ALLOWED_HOSTS", "127.0.0.1,localhost") or "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in (env("CSRF_TRUSTED_ORIGINS", "") or "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "huey.contrib.djhuey",
    "axes",
    "socialrx.server",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "socialrx.server.middleware.DisplayZoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "socialrx.server.urls"
WSGI_APPLICATION = "socialrx.server.wsgi.application"

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
                "socialrx.server.views.context.navigation",
            ],
        },
    },
]


def _postgres_options() -> dict:
    """Return libpq options: a connect timeout, and statement and lock timeouts so no query waits forever."""
    statement_ms = env_int("DB_STATEMENT_TIMEOUT_MS", 30_000)
    lock_ms = env_int("DB_LOCK_TIMEOUT_MS", 10_000)
    return {
        "connect_timeout": env_int("DB_CONNECT_TIMEOUT", 10, minimum=1),
        "options": f"-c statement_timeout={statement_ms} -c lock_timeout={lock_ms}",
    }


def database_config(data_dir: Path) -> dict:
    """Return PostgreSQL from SOCIALRX_DATABASE_URL, else SQLite in WAL mode in the data folder."""
    url = env("DATABASE_URL")
    if url:
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except (ValueError, dj_database_url.UnknownSchemeError) as exc:
            scheme = url.partition(":")[0]
            raise ImproperlyConfigured(
                f"SOCIALRX_DATABASE_URL cannot be read ({type(exc).__name__}: scheme {scheme!r}); "
                "write postgresql://user:password@host:5432/name"
            ) from None
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise ImproperlyConfigured(f"SOCIALRX_DATABASE_URL must be a postgresql:// URL, not {url.partition(':')[0]}://")
        if not config.get("NAME"):
            raise ImproperlyConfigured("SOCIALRX_DATABASE_URL names no database; write postgresql://user@host:5432/name")
        config["OPTIONS"] = {**config.get("OPTIONS", {}), **_postgres_options()}
        return config
    data_dir.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(data_dir / "socialrx.sqlite3"),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        },
    }


DATABASES = {"default": database_config(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def huey_config(data_dir: Path, *, immediate: bool = False) -> dict:
    """Return Huey on Redis when SOCIALRX_REDIS_URL is set, else SQLite storage in the data folder."""
    redis_url = env("REDIS_URL")
    config: dict = {"name": "socialrx", "immediate": immediate, "utc": True}
    data_dir.mkdir(parents=True, exist_ok=True)  # SQLite storage opens its file when Django starts
    if redis_url:
        if not redis_url.startswith(("redis://", "rediss://", "unix://")):
            raise ImproperlyConfigured(
                f"SOCIALRX_REDIS_URL must start with redis://, rediss:// or unix://, not {redis_url.partition(':')[0]!r}"
            )
        config.update({"huey_class": "huey.PriorityRedisHuey", "connection": {"url": redis_url}})
    else:
        config.update({"huey_class": "huey.SqliteHuey", "filename": str(data_dir / "huey.sqlite3")})
    config["consumer"] = {"workers": env_int("WORKER_THREADS", 2, minimum=1), "worker_type": "thread"}
    return config


HUEY = huey_config(DATA_DIR)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: a working day, not two weeks; optionally gone when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 12, minimum=1) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes): lock a username from one address after repeated failures; every
# failure is recorded (admin: Axes) and logged. API token failures go through the same counter.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
API_TOKEN_FAILURE_LIMIT = env_int("API_TOKEN_FAILURE_LIMIT", 10, minimum=1)
AXES_FAILURE_LIMIT = "socialrx.server.lib.throttling.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind N reverse proxies the client is read from X-Forwarded-For; without one, only the socket address counts.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if PROXY_COUNT else ("REMOTE_ADDR",)
AXES_LOCKOUT_TEMPLATE = "socialrx/login_locked.html"
AXES_SENSITIVE_PARAMETERS: list[str] = []  # log the username and address of each failure (e-mails are still redacted)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
FORMAT_MODULE_PATH = ["socialrx.server.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH") or str(DATA_DIR / "email")  # the file backend's folder (the demo's)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "socialrx@localhost")

# Key for encrypting platform tokens at rest (Fernet, urlsafe base64 of 32 bytes).
SOCIALRX_TOKEN_KEY = env("TOKEN_KEY")
# The audit chain's HMAC key (default: derived from SECRET_KEY) and where its anchors are kept.
SOCIALRX_AUDIT_KEY = env("AUDIT_KEY")
SOCIALRX_AUDIT_ANCHOR_FILE = env("AUDIT_ANCHOR_FILE")
SOCIALRX_STRATEGY_FILE = env("STRATEGY_FILE")

# One-shot commands print their results and log only warnings; `socialrx serve` and `worker` default to INFO.
try:
    LOGGING = logging_config(level=env("LOG_LEVEL", "WARNING") or "WARNING", log_format=env("LOG_FORMAT", "text") or "text")
except ValueError as exc:
    raise ImproperlyConfigured(str(exc)) from None

# --- Web input hardening (issue 14, part A): outbound fetches and Content-Security-Policy ---
# Feeds and page fetches may reach only public addresses unless an administrator allows more.
SOCIALRX_FETCH_ALLOW_PRIVATE = env_bool("FETCH_ALLOW_PRIVATE", False)
SOCIALRX_FETCH_ALLOW_NETWORKS = env("FETCH_ALLOW_NETWORKS", "") or ""  # e.g. "10.20.0.0/16, 192.168.1.5"

# Content-Security-Policy (django-csp): only our own scripts and styles, no inline code anywhere.
# Charts are SVG images (data: URIs), so img-src also allows data:.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
