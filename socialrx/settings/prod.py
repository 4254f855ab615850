"""Production: every secret from the environment, HTTPS only, DEBUG off (`check --deploy` is clean)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool, env_int

if not env("SECRET_KEY"):
    raise ImproperlyConfigured("Set SOCIALRX_SECRET_KEY in production (50 or more random characters).")
if env_bool("DEBUG", False):
    raise ImproperlyConfigured("SOCIALRX_DEBUG is on: production never runs with DEBUG; use `socialrx demo` to try things.")
DEBUG = False

# socialrx runs behind a TLS-terminating proxy that sets X-Forwarded-Proto (see the README).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
