"""Fetch an article page over HTTP, only when a person asks for it, with a time-out, a size cap and the SSRF guard."""

from __future__ import annotations

import httpx

from socialrx.core.http_urls import is_http_url
from socialrx.core.repurpose.ingest import IngestError, article_from_content
from socialrx.core.repurpose.model import Article
from socialrx.core.web_fetch import AddressRefused, BodyTooLarge, FetchPolicy, guarded_client, read_capped

FETCH_TIMEOUT_SECONDS = 10.0
FETCH_MAX_BYTES = 5_000_000
"""Pages larger than this are refused: no article needs more, and it keeps memory bounded."""
USER_AGENT = "socialrx-repurpose/1 (+https://github.com/socialrx)"


def fetch_page(url: str, *, timeout: float = FETCH_TIMEOUT_SECONDS, max_bytes: int = FETCH_MAX_BYTES,
               policy: FetchPolicy = FetchPolicy()) -> tuple[str, str]:
    """Return the text and content type at ``url`` (http or https, public unless the policy allows more)."""
    if not is_http_url(url):
        raise IngestError(f"{url}: only http and https addresses can be fetched")
    try:
        with guarded_client(policy, timeout=timeout, headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise IngestError(f"{url}: the server answered {response.status_code}")
                body = read_capped(response, max_bytes)
                content_type = response.headers.get("content-type", "")
                encoding = response.encoding or "utf-8"
    except BodyTooLarge:
        raise IngestError(f"{url}: the page is larger than {max_bytes:,} bytes") from None
    except AddressRefused as exc:
        raise IngestError(f"{url}: refused, {exc}") from None
    except httpx.TimeoutException:
        raise IngestError(f"{url}: no answer within {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise IngestError(f"{url}: {exc}") from None
    return body.decode(encoding, errors="replace"), content_type


def article_from_url(url: str, *, timeout: float = FETCH_TIMEOUT_SECONDS, max_bytes: int = FETCH_MAX_BYTES,
                     policy: FetchPolicy = FetchPolicy()) -> Article:
    """Return the article at ``url``; its address becomes the article's link."""
    text, content_type = fetch_page(url, timeout=timeout, max_bytes=max_bytes, policy=policy)
    name = "page.html" if "html" in content_type else ("page.md" if "markdown" in content_type else "")
    return article_from_content(text, name=name, url=url)
