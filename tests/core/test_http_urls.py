"""The one web-address rule: only http and https links are accepted, stored or shown."""

from __future__ import annotations

import pytest

from socialrx.core.http_urls import http_url_or_blank, is_http_url, require_http_url


@pytest.mark.parametrize("url", ["https://example.org/a?b=1", "http://example.org", "HTTPS://Example.org/x", "  https://a.example/  "])
def test_http_and_https_addresses_are_accepted(url):
    """Absolute http and https addresses with a host pass, whatever their case or surrounding spaces."""
    assert is_http_url(url) is True
    assert require_http_url(url, field="url") == url.strip()


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x",
    "/relative/path", "https://", "http:///nohost", "https://exa mple.org", "https://example.org/\x00",
    "ftp://example.org/file",
])
def test_other_schemes_and_malformed_addresses_are_refused(url):
    """Scripts, data, files, relative and host-less addresses are refused with the field named."""
    assert is_http_url(url) is False
    with pytest.raises(ValueError, match=r"^link_url: "):
        require_http_url(url, field="link_url")


def test_blank_is_allowed_where_a_link_is_optional():
    """An empty value is not an address, and http_url_or_blank turns every bad one into ''."""
    assert require_http_url("", field="url", blank=True) == ""
    with pytest.raises(ValueError, match="url: "):
        require_http_url("", field="url")
    assert http_url_or_blank("javascript:alert(1)") == "" and http_url_or_blank("https://a.example") == "https://a.example"
