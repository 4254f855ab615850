"""Normalisation: HTML to text, canonical URLs, Google Alerts links unwrapped."""

from datetime import UTC, datetime

import pytest

from socialrx.core.listening.mention import Mention
from socialrx.core.listening.normalise import canonical_url, normalise_mention, strip_html, unwrap_redirect

ALERT_LINK = (
    "https://www.google.com/url?rct=j&sa=t&url=https://real.site/path%3Fa%3D1%26utm_source%3Dga"
    "&ct=ga&cd=CAIyGjA&usg=AOvVaw"
)


def test_strip_html_removes_tags_entities_and_folds_space():
    """Inline tags vanish without splitting words, block tags become spaces, entities decode."""
    assert strip_html("Big <b>tele</b>health&nbsp;news &amp; more<br/>today") == "Big telehealth news & more today"
    assert strip_html("<p>one</p><p>two</p><script>alert(1)</script>") == "one two"


def test_google_alerts_link_is_unwrapped_and_cleaned():
    """A Google Alerts redirect becomes the real article URL without tracking parameters."""
    assert unwrap_redirect(ALERT_LINK) == "https://real.site/path?a=1&utm_source=ga"
    assert canonical_url(ALERT_LINK) == "https://real.site/path?a=1"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("HTTPS://WWW.Example.COM:443/Path?utm_source=x&id=3&fbclid=9#frag", "https://www.example.com/Path?id=3"),
        ("http://example.com", "http://example.com/"),
        ("http://Example.com:8080/?utm_medium=a", "http://example.com:8080/"),
        ("https://example.com/a?b=1&gclid=x&c=%20", "https://example.com/a?b=1&c=%20"),
        ("not a url", "not a url"),
    ],
)
def test_canonical_url(raw, canonical):
    """Scheme and host are lower-cased, default ports, tracking parameters and fragments dropped."""
    assert canonical_url(raw) == canonical


def test_normalise_mention_fills_site_and_cleans_fields():
    """The normalised mention has plain text and title, a canonical URL and the site from it."""
    mention = Mention(
        id="g1",
        text="New <b>HIPAA</b> guidance &amp; AI",
        title="<b>HIPAA</b> &quot;update&quot;",
        url=ALERT_LINK,
        published=datetime(2025, 1, 2, tzinfo=UTC),
        lang=" EN ",
        source="RSS",
    )
    result = normalise_mention(mention)
    assert (result.text, result.title) == ("New HIPAA guidance & AI", 'HIPAA "update"')
    assert (result.url, result.site, result.lang, result.source) == ("https://real.site/path?a=1", "real.site", "en", "rss")


def test_mention_requires_aware_time():
    """A mention with a naive published time is refused."""
    with pytest.raises(ValueError, match="timezone-aware"):
        Mention(id="x", text="t", published=datetime(2025, 1, 1))  # noqa: DTZ001
