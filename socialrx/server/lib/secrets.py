"""Platform tokens encrypted at rest with Fernet keys from ``SOCIALRX_TOKEN_KEY``.

The setting holds one key, or several separated by commas (the first encrypts,
all decrypt) so keys can be rotated. Without a key nothing is stored.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class TokenKeyMissing(ImproperlyConfigured):
    """No usable token key is configured, so tokens cannot be stored or read."""


def token_cipher() -> MultiFernet:
    """Return the cipher built from the configured keys, or raise ``TokenKeyMissing``."""
    raw = getattr(settings, "SOCIALRX_TOKEN_KEY", None) or ""
    keys = [key.strip() for key in raw.split(",") if key.strip()]
    if not keys:
        raise TokenKeyMissing(
            "SOCIALRX_TOKEN_KEY is not set, so platform tokens cannot be stored encrypted. Generate a key with "
            "`python -c \"from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())\"` "
            "and set SOCIALRX_TOKEN_KEY in the environment of the web server and the workers."
        )
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise TokenKeyMissing(f"SOCIALRX_TOKEN_KEY is not a valid Fernet key (32 url-safe base64 bytes): {error}") from None


def encrypt_token(token: str) -> str:
    """Return ``token`` encrypted for storage ("" stays "")."""
    if not token:
        return ""
    return token_cipher().encrypt(token.encode()).decode("ascii")


def decrypt_token(stored: str) -> str:
    """Return the token stored encrypted in ``stored`` ("" stays "")."""
    if not stored:
        return ""
    try:
        return token_cipher().decrypt(stored.encode("ascii")).decode()
    except InvalidToken:
        raise TokenKeyMissing("a stored token cannot be decrypted with SOCIALRX_TOKEN_KEY (was the key changed?)") from None
