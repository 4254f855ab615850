"""Hashtag suggestions and UTM links."""

import pytest

from socialrx.core.platforms.hashtags import hashtag_words, suggest_hashtags
from socialrx.core.platforms.utm import build_utm_url, untagged_link_issues, utm_slug

SETS = {
    "primary": ["#HealthcareAI", "#MedicalAI", "#HealthTech"],
    "secondary": ["#DigitalHealth", "#MedTech", "#HealthInnovation"],
    "event": ["#HIMSS26"],
}


def test_hashtag_words_split_camel_case() -> None:
    """CamelCase hashtags split into lowercase words."""
    assert hashtag_words("#HealthcareAI") == ["healthcare", "ai"]
    assert hashtag_words("HIMSS26") == ["himss", "26"]


def test_x_gets_at_most_two_matching_tags() -> None:
    """On X the best-matching two tags are suggested."""
    text = "Medical AI now reads scans inside digital health pipelines."
    assert suggest_hashtags(text, SETS, "x") == ["#MedicalAI", "#DigitalHealth"]


def test_linkedin_gets_up_to_five() -> None:
    """LinkedIn takes up to five tags."""
    text = "Medical AI now reads scans inside digital health pipelines."
    assert len(suggest_hashtags(text, SETS, "linkedin")) == 5


def test_unrelated_text_falls_back_to_primary() -> None:
    """With nothing matching, primary tags fill up to the channel's minimum."""
    assert suggest_hashtags("Nothing related here", SETS, "x") == ["#HealthcareAI"]


def test_tags_already_present_count_and_are_not_repeated() -> None:
    """A tag in the text is not suggested again and uses up the room."""
    assert suggest_hashtags("Great day #MedicalAI #HealthTech", SETS, "x") == []


def test_explicit_limit_wins() -> None:
    """A given limit overrides the channel's recommendation."""
    text = "Medical AI now reads scans inside digital health pipelines."
    assert len(suggest_hashtags(text, SETS, "linkedin", limit=1)) == 1


def test_doximity_gets_no_hashtags() -> None:
    """Doximity is not a hashtag feed."""
    assert suggest_hashtags("Medical AI", SETS, "doximity") == []


def test_utm_url_keeps_query_and_fragment() -> None:
    """Existing parameters and the fragment stay; values are lowercase slugs."""
    url = build_utm_url(
        "https://ex.com/a?b=1&c=%20x#frag", source="LinkedIn", medium="social", campaign="Q3 Launch – AI", content="Post 42"
    )
    assert url == (
        "https://ex.com/a?b=1&c=%20x&utm_source=linkedin&utm_medium=social"
        "&utm_campaign=q3-launch-ai&utm_content=post-42#frag"
    )


def test_existing_utm_values_are_replaced_not_duplicated() -> None:
    """A link that already has utm_source gets the new one only."""
    url = build_utm_url("https://ex.com/?utm_source=old&x=1", source="x", medium="paid_social", campaign="c", term="ai")
    assert url == "https://ex.com/?x=1&utm_source=x&utm_medium=paid_social&utm_campaign=c&utm_term=ai"


def test_unknown_medium_is_refused() -> None:
    """utm_medium must be social, paid_social or email."""
    with pytest.raises(ValueError, match="utm_medium"):
        build_utm_url("https://ex.com", source="x", medium="Organic", campaign="c")


def test_empty_campaign_is_refused() -> None:
    """A campaign with no letters or digits is refused."""
    with pytest.raises(ValueError, match="utm_campaign"):
        build_utm_url("https://ex.com", source="x", medium="social", campaign="–")


def test_slug_drops_accents() -> None:
    """Accents are removed and symbols collapse to one hyphen."""
    assert utm_slug("Café  Santé!") == "cafe-sante"


def test_untagged_links_are_flagged() -> None:
    """Links without utm_source are flagged; tagged links are not."""
    text = "See https://ex.com/a and https://ex.com/b?utm_source=email"
    issues = untagged_link_issues(text, channel="email")
    assert [(issue.rule, issue.start, issue.end) for issue in issues] == [("platform.email.link_without_utm", 4, 20)]
