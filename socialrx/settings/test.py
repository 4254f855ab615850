"""Tests: a temporary data folder, immediate Huey, fast hashing, in-memory e-mail."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import database_config, huey_config

DATA_DIR = Path(tempfile.mkdtemp(prefix="socialrx-test-"))
DATABASES = {"default": database_config(DATA_DIR)}
HUEY = huey_config(DATA_DIR, immediate=True)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir()  # WhiteNoise warns on every request when it is missing
MEDIA_ROOT = DATA_DIR / "media"
SOCIALRX_TOKEN_KEY = "3n3dRZp0t3Z2mYbQ1s4Qk0yqg6c8b5e2a9d7f1h4j6k="
SOCIALRX_FETCH_ALLOW_NETWORKS = "127.0.0.1/32"  # the tests' fake feed and page servers listen on loopback
