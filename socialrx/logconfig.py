"""Logging for the whole package: one configuration, text or JSON lines, and a filter that redacts secrets and PHI.

Log records never carry tokens, Authorization headers, e-mail addresses or phone numbers: the filter on
every handler rewrites the message, its extra fields and any traceback before a formatter sees them.
Set SOCIALRX_LOG_LEVEL (DEBUG, INFO, WARNING, ERROR) and SOCIALRX_LOG_FORMAT (text or json).
"""

from __future__ import annotations

import logging
import re
import time

import phonenumbers
from pythonjsonlogger.json import JsonFormatter

REDACTED = "[redacted]"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
FORMATS = ("text", "json")
PHONE_REGION = "US"

_SECRET_PATTERNS = (
    re.compile(r"(?i)\b(authorization|proxy-authorization)(\s*[:=]\s*|['\"]\s*:\s*['\"])[^\n'\"]+"),
    re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"\bsrx_[A-Za-z0-9_-]{8,}"),
    re.compile(r"(?i)\b([a-z_]*(?:token|secret|password|passwd|api_?key|client_secret|code_verifier))"
               r"(['\"]?\s*[:=]\s*['\"]?)[^\s'\"&,;}]+"),
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
)
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


def _secret_replacement(match: re.Match) -> str:
    if match.re.groups >= 2 and match.group(2) is not None:
        return f"{match.group(1)}{match.group(2)}{REDACTED}"
    return REDACTED


def redact(text: str) -> str:
    """Return the text with tokens, credentials, e-mail addresses and phone numbers replaced by [redacted]."""
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(_secret_replacement, text)
    spans = [(m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, PHONE_REGION)]
    for start, end in reversed(spans):
        text = text[:start] + REDACTED + text[end:]
    return text


class RedactingFilter(logging.Filter):
    """Rewrite each record so that no secret or contact detail reaches a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        for name, value in list(vars(record).items()):
            if name not in _STANDARD_ATTRIBUTES and isinstance(value, str):
                setattr(record, name, redact(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class _UtcRedactedFormatting:
    """Times in UTC; tracebacks and stacks redacted however the formatter renders them."""

    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"

    def formatException(self, ei) -> str:
        return redact(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return redact(super().formatStack(stack_info))


class UtcTextFormatter(_UtcRedactedFormatting, logging.Formatter):
    """Lines like `2026-03-02T14:00:00.123Z INFO socialrx.worker.publishing: …` (times in UTC)."""


class UtcJsonFormatter(_UtcRedactedFormatting, JsonFormatter):
    """One JSON object per line with time (UTC), level, logger, message and any extra fields."""


def logging_config(*, level: str, log_format: str) -> dict:
    """Return the dictConfig for every socialrx process; raise ValueError naming a bad level or format."""
    level = level.strip().upper()
    log_format = log_format.strip().lower()
    if level not in LEVELS:
        raise ValueError(f"SOCIALRX_LOG_LEVEL={level!r}: choose one of {', '.join(LEVELS)}")
    if log_format not in FORMATS:
        raise ValueError(f"SOCIALRX_LOG_FORMAT={log_format!r}: choose text or json")
    formatters = {
        "text": {"()": "socialrx.logconfig.UtcTextFormatter", "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {
            "()": "socialrx.logconfig.UtcJsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": "socialrx.logconfig.RedactingFilter"}},
        "formatters": formatters,
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": log_format, "filters": ["redact"]},
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "socialrx": {"level": level},
            "axes": {"level": "DEBUG" if level == "DEBUG" else "WARNING"},  # its failures and lockouts are warnings
        },
    }
