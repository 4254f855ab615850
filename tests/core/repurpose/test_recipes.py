"""Drafts from real-shaped sources: within limits, every figure with its source, chapters valid, UTM correct."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from socialrx.core.compliance.engine import check_text
from socialrx.core.platforms.validation import VariantContent, validate_variant
from socialrx.core.platforms.x_text.urls import extract_urls
from socialrx.core.platforms.youtube import parse_chapters, validate_chapters
from socialrx.core.repurpose.model import Article, Block
from socialrx.core.repurpose.recipes import recipes_for, repurpose_article, repurpose_video
from socialrx.core.repurpose.serialise import draft_from_json, draft_to_json
from socialrx.core.repurpose.shaping import COMMENTARY_PLACEHOLDER, RepurposeOptions, clinical_register
from socialrx.core.repurpose.summarise import key_points
from socialrx.core.repurpose.text import statistics_in
from socialrx.core.strategy.schema import RecipeOutput, RepurposingRecipe


@pytest.fixture(scope="module")
def article_sets(strategy, options, html_article, markdown_article):
    recipes = recipes_for(strategy, "blog_post")
    return [repurpose_article(article, recipes, options) for article in (html_article, markdown_article)]


@pytest.fixture(scope="module")
def video_sets(strategy, options, srt_video, vtt_video):
    recipes = recipes_for(strategy, "video")
    return [repurpose_video(video, recipes, options) for video in (srt_video, vtt_video)]


def _all_drafts(*sets):
    return [draft for result_sets in sets for result in result_sets for draft in result.drafts]


def test_one_draft_per_recipe_output(article_sets, video_sets):
    """Every output of the seed's two recipes gets a draft, and nothing is reported missing."""
    assert [d.key for d in article_sets[0].drafts] == ["linkedin-article_excerpt", "x-thread", "doximity-professional_summary",
                                                       "youtube-video_breakdown", "email-newsletter"]
    assert [d.format for d in video_sets[0].drafts] == ["full_video", "video_post", "video_clips", "embedded_player", "video_thumbnail"]
    assert not any("No recipe" in p for result in article_sets + video_sets for p in result.problems)


def test_every_draft_within_its_network_limits(article_sets, video_sets):
    """No draft has a blocking platform issue except the newsletter's commentary placeholder."""
    for draft in _all_drafts(article_sets, video_sets):
        if draft.channel == "website":
            continue
        content = VariantContent(text=draft.text, title=draft.title, tags=draft.tags, thread_parts=draft.thread,
                                 duration_seconds=draft.duration_seconds)
        blocking = [i.rule for i in validate_variant(draft.channel, content) if i.severity == "block"]
        expected = ["platform.email.placeholder"] if draft.format == "newsletter" else []
        assert blocking == expected, (draft.key, blocking)


def test_every_statistic_stays_with_its_source(html_article, markdown_article, article_sets):
    """Wherever a sourced figure appears in a draft, the whole sentence with its source is in the same post."""
    for article, result in zip((html_article, markdown_article), article_sets, strict=True):
        points = [p for p in key_points(article, count=50) if p.statistics]
        assert points and all(p.sources for p in points)
        for draft in result.drafts:
            units = list(draft.thread) or [draft.text]
            for point in points:
                quoted = clinical_register(point.text) if draft.channel == "doximity" else point.text
                lead = point.text.split(point.statistics[0])[0][-25:] + point.statistics[0]
                for unit in units:
                    if lead in unit:
                        assert quoted in unit, (draft.key, point.text)
                        assert any(source[:20] in quoted for source in point.sources)


def test_unsourced_figures_are_left_out_and_reported(html_article, article_sets):
    """The audit figure with no source is not quoted, and the result says so."""
    assert any("without a source" in p for p in article_sets[0].problems)
    assert all("3.1 hours" not in (d.text + " ".join(d.thread)) for d in article_sets[0].drafts)


def test_x_thread_hook_numbers_and_link(article_sets):
    """The thread opens with a hook, numbers every post k/n and ends with the tagged link."""
    thread = article_sets[0].drafts[1].thread
    assert "takeaways" in thread[0]
    assert all(part.endswith(f" {n}/{len(thread)}") for n, part in enumerate(thread, start=1))
    link = extract_urls(thread[-1])[0].url
    query = parse_qs(urlsplit(link).query)
    assert query["utm_source"] == ["x"] and query["utm_medium"] == ["social"]
    assert query["utm_campaign"] == ["ai_in_healthcare_spotlight"] and query["utm_content"] == ["x-thread"]


def test_utm_tags_per_channel(article_sets):
    """Each draft's link names its channel; the newsletter uses the email medium."""
    by_key = {d.key: d for d in article_sets[0].drafts}
    assert by_key["email-newsletter"].utm == {"utm_source": "newsletter", "utm_medium": "email",
                                              "utm_campaign": "ai_in_healthcare_spotlight", "utm_content": "email-newsletter"}
    assert by_key["linkedin-article_excerpt"].utm["utm_source"] == "linkedin"
    assert by_key["linkedin-article_excerpt"].link_url in by_key["linkedin-article_excerpt"].text


def test_linkedin_text_is_stored_raw(article_sets):
    """LinkedIn text keeps reserved characters unescaped: escaping happens at publish."""
    text = article_sets[0].drafts[0].text
    assert "(Seymour et al., 2017)" in text and "\\(" not in text


def test_doximity_drops_marketing_words(markdown_article, article_sets):
    """The professional summary keeps clinical terms and drops "revolutionary", "game-changing", "amazing"."""
    summary = article_sets[1].drafts[2].text.lower()
    for word in ("revolutionary", "game-changing", "amazing"):
        assert word not in summary
    assert clinical_register("This revolutionary, amazing sepsis model cut mortality!") == "This sepsis model cut mortality."


def test_newsletter_has_marked_placeholder(article_sets):
    """The newsletter opens with a commentary placeholder for the author."""
    assert article_sets[0].drafts[4].text.startswith(COMMENTARY_PLACEHOLDER)


def test_youtube_chapters_valid(video_sets):
    """Chapters start at 0:00, number at least three, each ten seconds or more, and parse back from the description."""
    for result in video_sets:
        draft = result.drafts[0]
        chapters = parse_chapters(draft.text)
        assert chapters == list(draft.chapters)
        assert len(chapters) >= 3 and chapters[0].start_seconds == 0
        assert validate_chapters(chapters, duration_seconds=draft.duration_seconds) == []
        assert len(draft.text.encode()) <= 5000 and sum(len(t) for t in draft.tags) + len(draft.tags) <= 500


def test_clips_and_key_moments(video_sets):
    """Clips have a start before their end within the video; the LinkedIn post lists timestamps."""
    result = video_sets[1]
    clips = result.drafts[2].clips
    assert clips and all(0 <= c.start_seconds < c.end_seconds <= result.drafts[0].duration_seconds + 1 for c in clips)
    assert "Key moments:" in result.drafts[1].text and re.search(r"^▶ 0:00 ", result.drafts[1].text, re.M)


def test_unknown_format_reported(options, html_article):
    """A recipe output no builder knows gives a clear 'no recipe for format' problem, not silence."""
    recipe = RepurposingRecipe(key="custom", source="blog_post", name="Custom",
                               outputs=(RecipeOutput(channel="x", format="thread"), RecipeOutput(channel="x", format="poll")))
    result = repurpose_article(html_article, [recipe], options)
    assert [d.format for d in result.drafts] == ["thread"]
    assert any("No recipe for format 'poll'" in p for p in result.problems)


def test_risky_claim_raises_compliance_finding(strategy, options):
    """A draft quoting a risky claim gets a compliance finding from the engine."""
    article = Article(title="AI cures sepsis", blocks=(
        Block("paragraph", "Our AI tool cures sepsis in every patient and is guaranteed to be safe for everyone who uses it."),
        Block("paragraph", "The tool was rolled out across our hospitals last spring with training for nursing staff."),
    ), url="https://northwindhealth.org/a")
    result = repurpose_article(article, recipes_for(strategy, "blog_post"), options)
    findings = check_text(result.drafts[0].text, channel="linkedin").findings
    assert any(f.family == "claims" for f in findings)


def test_drafts_round_trip_json(article_sets):
    """A draft written to JSON reads back equal."""
    for draft in article_sets[0].drafts:
        assert draft_from_json(draft_to_json(draft)) == draft


def test_no_link_is_reported(strategy, markdown_article):
    """Without any link the drafts still come out and the result asks for the URL."""
    article = Article(title=markdown_article.title, blocks=markdown_article.blocks, references=markdown_article.references)
    result = repurpose_article(article, recipes_for(strategy, "blog_post"), RepurposeOptions())
    assert any("No link" in p for p in result.problems) and result.drafts[1].thread


def test_statistics_ignore_years_and_markers():
    """Years and footnote markers are not figures; percentages and counts are."""
    assert statistics_in("In 2023, 48.2% of 3,442 physicians agreed.[1]") == ["48.2%", "3,442"]
