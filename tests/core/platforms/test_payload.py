"""One renderer per network: the text, the UTM link and the hashtags as each network receives them."""

from __future__ import annotations

import pytest

from socialrx.core.platforms.payload import (
    RenderedPayload,
    VariantSource,
    normalised_hashtags,
    payload_of,
    render_variant,
    source_issues,
)
from socialrx.core.platforms.x_text.weighted import parse_tweet

LINK = "https://www.cdc.gov/flu?utm_source=x&utm_medium=social&utm_campaign=flu"


def test_hashtags_are_normalised_once_each():
    """Hashtags get one leading #, blanks and case-insensitive repeats are dropped, order is kept."""
    assert normalised_hashtags(["FluSeason", " #fluseason", "", "##AI", "\uff03Health"]) == ("#FluSeason", "#AI", "#Health")


def test_x_puts_hashtags_and_link_on_a_last_line_and_counts_the_link_as_23():
    """X gets the missing hashtags and the link after a blank line; the link weighs 23 whatever its length."""
    payload = render_variant("x", VariantSource(text="Flu shots #FluSeason", hashtags=("#FluSeason", "#AI"), link_url=LINK))
    assert payload.parts == (f"Flu shots #FluSeason\n\n#AI {LINK}",)
    assert parse_tweet(payload.body).weighted_length == len("Flu shots #FluSeason\n\n#AI ") + 23


def test_x_thread_gets_hashtags_first_and_link_last():
    """In a thread the first post carries the hashtags and the last one the link."""
    payload = render_variant("x", VariantSource(thread=("One.", "Two.", "Three."), hashtags=("#AI",), link_url=LINK))
    assert payload.parts == ("One.\n\n#AI", "Two.", f"Three.\n\n{LINK}")


def test_a_link_already_in_the_text_is_not_added_twice():
    """A link the author wrote into the text is not appended again."""
    payload = render_variant("linkedin", VariantSource(text=f"Read {LINK} today.", link_url=LINK))
    assert payload.body == f"Read {LINK} today."


def test_linkedin_escapes_the_text_but_keeps_link_and_hashtags_working():
    """LinkedIn's commentary escapes reserved characters of the text; the link and hashtags stay unescaped."""
    link = "https://clinic.example/a_b?utm_source=linkedin"
    payload = render_variant("linkedin", VariantSource(text="Open (Sat) *9-1*", hashtags=("#Flu",), link_url=link))
    assert payload.body == f"Open (Sat) *9-1*\n\n{link}\n\n#Flu"
    assert payload.commentary == f"Open \\(Sat\\) \\*9-1\\*\n\n{link}\n\n#Flu"


def test_youtube_description_ends_with_link_and_hashtags():
    """The video description gets the link then the hashtags; title and tags are passed through."""
    payload = render_variant("youtube", VariantSource(text="0:00 Intro", title="Flu", tags=("flu",), hashtags=("#Flu",),
                                                      link_url=LINK))  # fmt: skip
    assert (payload.body, payload.title, payload.tags) == (f"0:00 Intro\n\n{LINK}\n\n#Flu", "Flu", ("flu",))


def test_newsletter_and_doximity_close_with_the_link_and_carry_no_hashtags():
    """E-mail and Doximity bodies end with the link; their HTML and copy are built from that body."""
    email = render_variant("email", VariantSource(text="Hello **all**.", title="News", hashtags=("#X",), link_url=LINK))
    assert email.body == f"Hello **all**.\n\n{LINK}" and "<strong>all</strong>" in email.html and "#X" not in email.body
    doximity = render_variant("doximity", VariantSource(text="Summary.", title="Guideline", link_url=LINK))
    assert doximity.copy_text == f"Guideline\n\nSummary.\n\n{LINK}"


def test_source_issues_refuse_a_youtube_post_without_video_and_hashtags_on_email():
    """A YouTube variant needs a video file; the newsletter's hashtags field must stay empty."""
    assert [i.rule for i in source_issues("youtube", VariantSource(title="T"))] == ["platform.youtube.video_missing"]
    assert source_issues("youtube", VariantSource(title="T"), media_kinds=("video",)) == []
    assert [i.field for i in source_issues("email", VariantSource(hashtags=("#A",)))] == ["hashtags"]


def test_payload_of_prefers_the_frozen_payload():
    """A snapshot's frozen payload is returned as stored; an older snapshot without one is rendered."""
    frozen = RenderedPayload("x", ("as approved",)).to_dict()
    assert payload_of({"channel": "x", "text": "changed", "rendered": frozen}).parts == ("as approved",)
    assert payload_of({"channel": "x", "text": "plain"}).parts == ("plain",)


def test_unknown_channel_is_refused():
    """Rendering for a channel socialrx does not know raises with the known ones."""
    with pytest.raises(ValueError, match="unknown channel 'tiktok'"):
        render_variant("tiktok", VariantSource(text="hi"))
