"""Turn the failures a person running `socialrx` can cause into one clear line, without a traceback.

Bad input and bad configuration (a missing file, an unreadable DATABASE_URL, a database or Redis that
cannot be reached, an unknown id) are the user's to fix: they get one line on standard error naming what
is wrong. Anything else is a bug and still gets one line, plus how to see the traceback.
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import urlsplit, urlunsplit

try:  # Typer 0.2x ships its own copy of Click; its usage errors are that copy's classes
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover (older Typer uses Click itself)
    from click import exceptions as click_errors

TRACEBACK_VARIABLE = "SOCIALRX_TRACEBACK"
__all__ = ["click_errors", "describe_failure", "masked_url", "show_traceback"]


def masked_url(url: str) -> str:
    """Return the URL with any password replaced by ***."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unreadable URL)"
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def _database_failure(exc: BaseException) -> str:
    url = os.environ.get("SOCIALRX_DATABASE_URL")
    where = f"the database at {masked_url(url)}" if url else "the SQLite database in SOCIALRX_DATA_DIR"
    detail = re.sub(r"\s+", " ", str(exc)).strip() or type(exc).__name__
    return f"cannot use {where}: {detail}"


def _redis_failure(exc: BaseException) -> str:
    url = os.environ.get("SOCIALRX_REDIS_URL", "")
    return f"cannot reach Redis at {masked_url(url)} (SOCIALRX_REDIS_URL): {_first_line(exc)}"


def _os_failure(exc: OSError) -> str:
    if exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or _first_line(exc)}"
    return _first_line(exc)


def describe_failure(exc: BaseException) -> str:
    """Return one line saying what went wrong, for any exception that reached the top of the command."""
    from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied
    from django.db import DatabaseError
    from redis.exceptions import RedisError

    from socialrx.core.strategy import StrategyError
    from socialrx.server.actions import ActionError

    if isinstance(exc, ImproperlyConfigured):
        return f"configuration: {_first_line(exc)}"
    if isinstance(exc, DatabaseError):
        return _database_failure(exc)
    if isinstance(exc, RedisError):
        return _redis_failure(exc)
    if isinstance(exc, UnicodeDecodeError):
        return f"a file is not UTF-8 text: {exc.reason} at byte {exc.start}"
    if isinstance(exc, OSError):
        return _os_failure(exc)
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    if isinstance(exc, ObjectDoesNotExist):
        return f"not found: {_first_line(exc)}"
    if isinstance(exc, PermissionDenied):
        return f"refused: {_first_line(exc) if str(exc) else 'you do not have the permission for this'}"
    if isinstance(exc, ActionError):
        return _first_line(exc)
    if isinstance(exc, StrategyError):
        return "; ".join(str(issue) for issue in exc.issues)
    return (f"unexpected error {type(exc).__name__}: {_first_line(exc)} "
            f"(set {TRACEBACK_VARIABLE}=1 to see the traceback)")  # fmt: skip


def show_traceback() -> bool:
    """Return whether the person asked for tracebacks (SOCIALRX_TRACEBACK=1)."""
    return os.environ.get(TRACEBACK_VARIABLE, "").strip().lower() in {"1", "true", "yes", "on"}
