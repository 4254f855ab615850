"""Structured logging: one configuration, JSON lines on request, and no token, e-mail or phone number in any line."""

from __future__ import annotations

import io
import json
import logging
import logging.config

import pytest
from django.conf import settings

from socialrx.logconfig import REDACTED, logging_config, redact

TOKEN = "srx_Zq3vB8mK2pL9xR4tY7wN1cD6fH0jS5aE"
PHONE = "+1 617-253-1000"
EMAIL = "ana.ruiz@example.org"


@pytest.fixture
def json_log():
    """Configure logging exactly as the settings do, in JSON, into a buffer; restore the settings' logging after."""
    buffer = io.StringIO()
    config = logging_config(level="INFO", log_format="json")
    config["handlers"]["console"]["stream"] = buffer
    logging.config.dictConfig(config)
    yield buffer
    logging.config.dictConfig(settings.LOGGING)


def lines_of(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"Authorization: Bearer {TOKEN}", TOKEN),
        (f"calling the API with bearer {TOKEN}", TOKEN),
        ("refresh failed: access_token=ya29.a0AfB_byC9xyz&expires_in=3600", "ya29.a0AfB_byC9xyz"),
        ('{"client_secret": "s3cr3t-value-123"}', "s3cr3t-value-123"),
        (f"reply to {EMAIL} today", EMAIL),
        (f"the patient called from {PHONE}", "253-1000"),
        ("or (617) 253-1000 after six", "253-1000"),
    ],
)
def test_redact_removes_secrets_and_contact_details(text, secret):
    """Tokens, credentials, e-mail addresses and phone numbers become [redacted]; the rest stays readable."""
    cleaned = redact(text)
    assert secret not in cleaned
    assert REDACTED in cleaned


def test_redact_keeps_ids_and_times():
    """Ordinary ids, times and counts are left alone."""
    text = "publish job 42 sent at 2026-12-05T12:30:00Z as 1790000000000000000 (attempt 2)"
    assert redact(text) == text


def test_every_handler_of_the_settings_redacts():
    """Each handler configured in settings.LOGGING carries the redacting filter."""
    for name, handler in settings.LOGGING["handlers"].items():
        assert "redact" in handler.get("filters", []), name


def test_a_token_and_a_phone_number_never_reach_the_log(db, json_log):
    """Creating an API token, a failed publish carrying a token and a phone, and a crash with a token in it
    all log JSON lines, and none of them contains the token, the phone number or the e-mail address."""
    from socialrx.server.actions.team import create_user, do_create_api_token

    person = create_user(None, "ana", "a-long-unusual-passphrase", ["viewer"], email=EMAIL)
    _, raw = do_create_api_token(person, "ci")
    logger = logging.getLogger("socialrx.server.actions.publishing")
    logger.warning("publish job %s failed: %s", 7, f"X said 401 for Authorization: Bearer {raw}; call {PHONE}")
    logger.info("contact", extra={"who": EMAIL, "phone": PHONE})
    try:
        raise RuntimeError(f"connector crashed holding {TOKEN}")
    except RuntimeError:
        logging.getLogger("socialrx.server.worker.publishing").exception("worker crashed")
    output = json_log.getvalue()
    for secret in (raw, TOKEN, PHONE, "253-1000", EMAIL):
        assert secret not in output
    records = lines_of(json_log)
    assert {"time", "level", "logger", "message"} <= set(records[0])
    assert any(r["message"].startswith("API token") for r in records)
    assert any(r["message"] == "worker crashed" and "exc_info" in r for r in records)


@pytest.mark.parametrize(("level", "log_format", "message"), [
    ("LOUD", "text", "SOCIALRX_LOG_LEVEL='LOUD'"),
    ("INFO", "xml", "SOCIALRX_LOG_FORMAT='xml'"),
])  # fmt: skip
def test_a_bad_level_or_format_is_named(level, log_format, message):
    """An unknown level or format is refused with the variable named."""
    with pytest.raises(ValueError, match=message):
        logging_config(level=level, log_format=log_format)
