"""The newsletter connector builds personal MIME messages and sends them through an injected backend."""

from __future__ import annotations

import pytest

from socialrx.connectors.base import Account, PublishRequest, Recipient
from socialrx.connectors.email import EmailMessageData, NewsletterConnector, message_id
from socialrx.connectors.errors import Disconnected, Retryable

SENDER = Account(platform="newsletter", external_id="Clinic News <news@clinic.example>")
RECIPIENTS = tuple(Recipient(f"reader{n}@example.org", f"tok{n}") for n in range(5))


def issue(**fields: object) -> PublishRequest:
    values: dict = {
        "title": "November: flu season",
        "text": "Get your shot.\nLeave: {{unsubscribe_url}}",
        "html": "<html><body><p>Get your shot &amp; stay well.</p></body></html>",
        "recipients": RECIPIENTS,
        **fields,
    }
    return PublishRequest(idempotency_key="issue-11", account=SENDER, **values)


class Outbox:
    def __init__(self, fail_on_batch: int | None = None) -> None:
        self.batches: list[list[EmailMessageData]] = []
        self.fail_on_batch = fail_on_batch

    def __call__(self, messages: list[EmailMessageData]) -> int:
        if self.fail_on_batch == len(self.batches):
            self.fail_on_batch = None
            raise OSError("SMTP connection lost")
        self.batches.append(messages)
        return len(messages)


def newsletter(outbox: Outbox, **options: object) -> NewsletterConnector:
    return NewsletterConnector(
        outbox,
        unsubscribe_url="https://clinic.example/u/{token}",
        unsubscribe_mailto="unsub@clinic.example",
        **options,
    )  # type: ignore[arg-type]


def test_each_recipient_gets_a_personal_message() -> None:
    """Every recipient gets their own message with their unsubscribe link and one-click headers."""
    outbox = Outbox()
    result = newsletter(outbox).publish(issue())
    [batch] = outbox.batches
    first = batch[0]
    assert first.to == ("reader0@example.org",) and first.subject == "November: flu season"
    assert first.text == "Get your shot.\nLeave: https://clinic.example/u/tok0"
    assert '<a href="https://clinic.example/u/tok0">Unsubscribe</a></p></body>' in first.html
    assert (
        first.headers["List-Unsubscribe"]
        == "<https://clinic.example/u/tok0>, <mailto:unsub@clinic.example?subject=unsubscribe>"
    )
    assert first.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert result.posted_ids == tuple(message.headers["Message-ID"] for message in batch)
    assert result.raw["delivered"] == 5


def test_mime_message_has_text_and_html_alternatives() -> None:
    """The MIME form is multipart/alternative with the text part first and the headers set."""
    outbox = Outbox()
    newsletter(outbox).publish(issue())
    mime = outbox.batches[0][1].to_mime()
    assert mime.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in mime.iter_parts()] == ["text/plain", "text/html"]
    assert mime["List-Unsubscribe"].startswith("<https://clinic.example/u/tok1>")
    assert mime["Message-ID"].endswith("@clinic.example>")


def test_failed_batch_resumes_without_resending() -> None:
    """A backend failure on batch 2 reports batch 1's ids; the retry sends only the rest."""
    outbox = Outbox(fail_on_batch=1)
    with pytest.raises(Retryable) as failure:
        newsletter(outbox, batch_size=2).publish(issue())
    assert len(failure.value.posted_ids) == 2
    result = newsletter(outbox, batch_size=2).publish(issue(already_posted_ids=failure.value.posted_ids))
    sent_to = [message.to[0] for batch in outbox.batches for message in batch]
    assert sent_to == [recipient.email for recipient in RECIPIENTS]
    assert result.posted_ids == tuple(message_id(issue(), recipient) for recipient in RECIPIENTS)


def test_unconfigured_backend_is_disconnected() -> None:
    """Without a mail backend the channel is Disconnected, not silently skipped."""
    with pytest.raises(Disconnected):
        NewsletterConnector().publish(issue())


def test_validate_reports_missing_parts() -> None:
    """Subject, both bodies, sender and recipients are required."""
    bad = PublishRequest(idempotency_key="k", account=Account("newsletter", "nobody"), text="x")
    assert NewsletterConnector().validate(bad) == [
        "A newsletter needs a one-line subject (the title).",
        "A newsletter needs both a text and an HTML body.",
        "The sender 'nobody' is not an e-mail address.",
        "A newsletter needs at least one recipient.",
    ]
    assert newsletter(Outbox()).validate(issue()) == []
