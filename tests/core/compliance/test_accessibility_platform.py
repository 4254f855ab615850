"""Accessibility and platform rules."""

from __future__ import annotations

from socialrx.core.compliance.config import CheckContext

from .helpers import check, flagged, rules


def test_missing_alt_text_is_review():
    """An image with no alt text goes to review; a described image does not."""
    result = check("New dashboard!", context=CheckContext(alt_texts=(None, "Bar chart of alerts per week")))
    assert [f.rule for f in result.findings] == ["accessibility.alt_text"]
    assert result.verdict == "review"


def test_file_name_alt_text_is_info():
    """A file name used as alt text is an info finding."""
    result = check("New dashboard!", context=CheckContext(alt_texts=("IMG_2041.jpg",)))
    assert [f.severity for f in result.findings] == ["info"]


def test_all_caps_run():
    """A run of shouted words is flagged as info; single acronyms are not."""
    assert flagged("BIG NEWS FOR EVERY STROKE TEAM today", "accessibility.all_caps") == ["BIG NEWS FOR EVERY STROKE TEAM"]
    assert "accessibility.all_caps" not in rules("Our AI reads CT and MRI studies.")


def test_hashtag_without_camel_case():
    """A long single-case hashtag is flagged; CamelCase is not."""
    assert flagged("#patientsafetyweek #PatientSafetyWeek", "accessibility.hashtag_case") == ["#patientsafetyweek"]


def test_emoji_only_line():
    """A line of only emoji is flagged as info."""
    assert check("Launch day\n🚀🚀🚀").verdict == "info"
    assert "accessibility.emoji_only_line" not in rules("Launch day 🚀")


def test_length_limit_counts_links_as_23_on_x():
    """Posts over the channel limit go to review; on X each link counts 23 characters."""
    assert "platform.length" in rules("a" * 281, channel="x")
    assert "platform.length" not in rules("a" * 250 + " https://acme.test/" + "x" * 80, channel="x")


def test_paid_promotion_setting():
    """A paid post on a channel with a paid-promotion toggle needs the toggle on."""
    assert "platform.paid_promotion_setting" in rules("#ad Our demo", channel="youtube", context=CheckContext(is_paid=True))
    on = CheckContext(is_paid=True, has_disclosure_tag=True)
    assert "platform.paid_promotion_setting" not in rules("#ad Our demo", channel="youtube", context=on)
