"""Platform rules: length limits and the paid-promotion setting."""

from __future__ import annotations

from collections.abc import Iterator

from socialrx.core.compliance.document import Document
from socialrx.core.compliance.findings import Finding
from socialrx.core.compliance.patterns import compile_pattern

CHARACTER_LIMITS = {"x": 280, "linkedin": 3000, "youtube": 5000, "youtube_title": 100, "doximity": 3000}
PAID_PROMOTION_CHANNELS = frozenset({"youtube", "linkedin", "instagram", "facebook", "tiktok"})
_URL = compile_pattern(r"https?://\S+")
_X_LINK_LENGTH = 23


def length_limit(doc: Document) -> Iterator[Finding]:
    """Flag posts longer than the channel allows (X counts every link as 23 characters)."""
    limit = CHARACTER_LIMITS.get(doc.channel or "")
    if limit is None:
        return
    length = len(doc.original)
    if doc.channel == "x":
        length = len(_URL.sub("x" * _X_LINK_LENGTH, doc.original))
    if length > limit:
        yield Finding("platform.length", "platform", 0, len(doc.original), "review",
                      f"The post is about {length} characters; {doc.channel} allows {limit}, so text would be cut, "
                      "possibly including risk information or disclosures.",
                      "Shorten the post; the composer shows the exact platform count.")


def paid_promotion_setting(doc: Document) -> Iterator[Finding]:
    """Flag paid posts on channels with a paid-promotion toggle when the toggle is off."""
    if doc.context.is_paid and not doc.context.has_disclosure_tag and doc.channel in PAID_PROMOTION_CHANNELS:
        yield Finding("platform.paid_promotion_setting", "platform", 0, 0, "review",
                      f"This is a paid post: {doc.channel}'s paid-promotion or brand-partnership setting must be switched on.",
                      "Switch on the platform's paid-promotion label when scheduling.")
