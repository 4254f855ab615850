"""Fetch an article page over HTTP, only when a person asks for it, with a time-out and a size cap."""

from __future__ import annotations

import httpx

from socialrx.core.repurpose.ingest import IngestError, article_from_content
from socialrx.core.repurpose.model import Article

FETCH_TIMEOUT_SECONDS = 10.0
FETCH_MAX_BYTES = 5_000_000
"""Pages larger than this are refused: no article needs more, and it keeps memory bounded."""
USER_AGENT = "socialrx-repurpose/1 (+https://github.com/socialrx)"


def fetch_page(url: str, *, timeout: float = FETCH_TIMEOUT_SECONDS, max_bytes: int = FETCH_MAX_BYTES) -> tuple[str, str]:
    """Return the text and content type at ``url`` (http or https), refusing pages over ``max_bytes``."""
    if not url.lower().startswith(("http://", "https://")):
        raise IngestError(f"{url}: only http and https addresses can be fetched")
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise IngestError(f"{url}: the server answered {response.status_code}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise IngestError(f"{url}: the page is larger than {max_bytes:,} bytes")
                content_type = response.headers.get("content-type", "")
                encoding = response.encoding or "utf-8"
    except httpx.TimeoutException:
        raise IngestError(f"{url}: no answer within {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise IngestError(f"{url}: {exc}") from None
    return body.decode(encoding, errors="replace"), content_type


def article_from_url(url: str, *, timeout: float = FETCH_TIMEOUT_SECONDS, max_bytes: int = FETCH_MAX_BYTES) -> Article:
    """Return the article at ``url``; its address becomes the article's link."""
    text, content_type = fetch_page(url, timeout=timeout, max_bytes=max_bytes)
    name = "page.html" if "html" in content_type else ("page.md" if "markdown" in content_type else "")
    return article_from_content(text, name=name, url=url)
