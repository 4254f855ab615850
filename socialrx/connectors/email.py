"""Newsletter connector: one MIME message per recipient, sent through an injected mail backend.

The server passes Django's e-mail backend as ``send_messages``; this module
never imports Django. Each message has HTML and text parts, a personal
unsubscribe link and RFC 2369/8058 ``List-Unsubscribe`` headers.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import parseaddr

from socialrx.connectors.base import (
    Account,
    Connector,
    PostMetrics,
    PublishRequest,
    PublishResult,
    Recipient,
    RemotePost,
)
from socialrx.connectors.errors import Disconnected, Retryable

UNSUBSCRIBE_PLACEHOLDER = "{{unsubscribe_url}}"
"""Where the personal unsubscribe URL goes in the text and HTML bodies; a footer is added if absent."""


@dataclass(frozen=True)
class EmailMessageData:
    """One e-mail, ready for a mail backend."""

    subject: str
    from_email: str
    to: tuple[str, ...]
    text: str
    html: str
    headers: Mapping[str, str] = field(default_factory=dict)

    def to_mime(self) -> EmailMessage:
        """Return the message as a multipart/alternative MIME message (text first, then HTML)."""
        message = EmailMessage()
        message["Subject"] = self.subject
        message["From"] = self.from_email
        message["To"] = ", ".join(self.to)
        for name, value in self.headers.items():
            message[name] = value
        message.set_content(self.text)
        message.add_alternative(self.html, subtype="html")
        return message


SendMessages = Callable[[list[EmailMessageData]], int]
"""Send messages and return how many were sent (Django's ``backend.send_messages`` shape)."""


class NewsletterConnector(Connector):
    """Send a newsletter issue to its recipients in batches, resumable by message id."""

    key = "newsletter"

    def __init__(
        self,
        send_messages: SendMessages | None = None,
        *,
        unsubscribe_url: str = "",
        unsubscribe_mailto: str = "",
        batch_size: int = 100,
    ) -> None:
        """Configure the backend; ``unsubscribe_url`` contains ``{token}`` for the recipient's token."""
        self.send_messages = send_messages
        self.unsubscribe_url = unsubscribe_url
        self.unsubscribe_mailto = unsubscribe_mailto
        self.batch_size = batch_size

    def validate(self, request: PublishRequest) -> list[str]:
        """Return problems with the subject, bodies, sender and recipients."""
        problems: list[str] = []
        if not request.title.strip() or "\n" in request.title:
            problems.append("A newsletter needs a one-line subject (the title).")
        if not request.text.strip() or not request.html.strip():
            problems.append("A newsletter needs both a text and an HTML body.")
        if "@" not in parseaddr(request.account.external_id)[1]:
            problems.append(f"The sender {request.account.external_id!r} is not an e-mail address.")
        if not request.recipients:
            problems.append("A newsletter needs at least one recipient.")
        problems.extend(
            f"Recipient {recipient.email!r} has no valid address or unsubscribe token."
            for recipient in request.recipients
            if "@" not in recipient.email or not recipient.unsubscribe_token
        )
        return problems

    def publish(self, request: PublishRequest) -> PublishResult:
        """Send one message per recipient not yet sent; an error carries the message ids already sent."""
        if self.send_messages is None or "{token}" not in self.unsubscribe_url:
            raise Disconnected("the newsletter has no mail backend or unsubscribe URL configured")
        sent = list(request.already_posted_ids)
        pending = [r for r in request.recipients if message_id(request, r) not in request.already_posted_ids]
        delivered = 0
        for start in range(0, len(pending), self.batch_size):
            batch = [
                self.build_message(request, recipient)
                for recipient in pending[start : start + self.batch_size]
            ]
            try:
                delivered += self.send_messages(batch)
            except Exception as error:  # any backend failure (SMTP, API) is a transient send failure
                raise Retryable(f"the mail backend failed: {error}", posted_ids=tuple(sent)) from error
            sent.extend(message.headers["Message-ID"] for message in batch)
        return PublishResult(
            platform_post_id=request.idempotency_key, posted_ids=tuple(sent), raw={"delivered": delivered}
        )

    def build_message(self, request: PublishRequest, recipient: Recipient) -> EmailMessageData:
        """Return the personal message for ``recipient`` with its unsubscribe link and headers."""
        link = self.unsubscribe_url.format(token=recipient.unsubscribe_token)
        targets = [f"<{link}>"] + (
            [f"<mailto:{self.unsubscribe_mailto}?subject=unsubscribe>"] if self.unsubscribe_mailto else []
        )
        headers = {
            "Message-ID": message_id(request, recipient),
            "List-Unsubscribe": ", ".join(targets),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        return EmailMessageData(
            subject=request.title,
            from_email=request.account.external_id,
            to=(recipient.email,),
            text=_with_link(request.text, link, f"\n\nUnsubscribe: {link}\n"),
            html=_with_link(request.html, html.escape(link), _html_footer(html.escape(link))),
            headers=headers,
        )

    def fetch_metrics(self, account: Account, post_ids: Sequence[str]) -> list[PostMetrics]:
        """Return no metrics: opens and clicks come from the mail provider's exports and GA4 UTMs."""
        return []

    def recent_posts(self, account: Account, since: datetime) -> list[RemotePost]:
        """Return nothing: sent mail cannot be read back; resume relies on the message ids in errors."""
        return []


def message_id(request: PublishRequest, recipient: Recipient) -> str:
    """Return the stable Message-ID of ``request`` sent to ``recipient``."""
    digest = hashlib.sha256(recipient.email.casefold().encode()).hexdigest()[:16]
    domain = parseaddr(request.account.external_id)[1].rpartition("@")[2] or "socialrx.invalid"
    return f"<{request.idempotency_key}.{digest}@{domain}>"


def _with_link(body: str, link: str, footer: str) -> str:
    if UNSUBSCRIBE_PLACEHOLDER in body:
        return body.replace(UNSUBSCRIBE_PLACEHOLDER, link)
    if footer.startswith("<") and "</body>" in body:
        return body.replace("</body>", f"{footer}</body>", 1)
    return body + footer


def _html_footer(link: str) -> str:
    return f'<p style="font-size:12px"><a href="{link}">Unsubscribe</a></p>'
