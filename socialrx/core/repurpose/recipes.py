"""Run a strategy's repurposing recipes over an article or a video: one checked draft per output."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import replace

from socialrx.core.platforms.issues import PlatformIssue
from socialrx.core.platforms.validation import CHANNELS, VariantContent, validate_variant
from socialrx.core.repurpose.article_recipes import ARTICLE_FORMATS
from socialrx.core.repurpose.chapters import segment_transcript
from socialrx.core.repurpose.model import Article, Block, Draft, RepurposeResult, Video
from socialrx.core.repurpose.shaping import RepurposeOptions
from socialrx.core.repurpose.summarise import key_points, unsourced_statistics
from socialrx.core.repurpose.text import split_sentences
from socialrx.core.repurpose.video_recipes import VIDEO_FORMATS, VideoContext
from socialrx.core.strategy.schema import RepurposingRecipe, Strategy

ARTICLE_SOURCES = ("blog_post", "report")
VIDEO_SOURCES = ("video", "webinar", "podcast")
KEY_POINT_COUNT = 6


def recipes_for(strategy: Strategy, source_kind: str) -> list[RepurposingRecipe]:
    """Return the strategy's recipes for a kind of source (``blog_post``, ``video`` …)."""
    return [recipe for recipe in strategy.repurposing if recipe.source == source_kind]


def repurpose_article(article: Article, recipes: Iterable[RepurposingRecipe], options: RepurposeOptions) -> RepurposeResult:
    """Return one draft per recipe output for an article, and a problem line per output without a recipe."""
    points = key_points(article, count=KEY_POINT_COUNT)
    options = replace(options, link_url=options.link_url or article.url)
    drafts, problems = _run(recipes, ARTICLE_FORMATS, lambda build, key: build(article, points, options, key))
    left_out = unsourced_statistics(article)
    if left_out:
        problems.append(f"{len(left_out)} sentence(s) state a figure without a source and were not quoted: "
                        + " | ".join(sentence[:80] for sentence in left_out[:3]))
    if not options.link_url:
        problems.append("No link to the full piece: give its URL so the drafts link back to it.")
    return RepurposeResult(article.title, "blog_post", tuple(drafts), tuple(problems))


def repurpose_video(video: Video, recipes: Iterable[RepurposingRecipe], options: RepurposeOptions) -> RepurposeResult:
    """Return one draft per recipe output for a video with its transcript."""
    context = video_context(video)
    options = replace(options, link_url=options.link_url or video.url)
    drafts, problems = _run(recipes, VIDEO_FORMATS, lambda build, key: build(video, context, options, key))
    if not context.chapters:
        problems.append(f"The video is {video.duration_seconds} s long: too short for three chapters of ten seconds.")
    if not options.link_url:
        problems.append("No link to the video: give its URL so the drafts link to it.")
    return RepurposeResult(video.title, "video", tuple(drafts), tuple(problems))


def video_context(video: Video) -> VideoContext:
    """Return the chapters of the transcript, its key points and the second at which each is said."""
    chapters = tuple(segment_transcript(video.cues))
    offsets, text = [], ""
    for cue in video.cues:
        offsets.append(len(text) + (1 if text else 0))
        text = f"{text} {cue.text}" if text else cue.text
    starts = [chapter.start_seconds for chapter in chapters] or [0]
    sentences: list[tuple[float, str]] = []
    position = 0
    for sentence in split_sentences(text):
        found = text.find(sentence[:40], position)
        position = max(found, position)
        sentences.append((video.cues[max(0, bisect.bisect_right(offsets, position) - 1)].start, sentence))
    blocks = [
        Block("paragraph", " ".join(s for at, s in sentences if start <= at < end))
        for start, end in zip(starts, [*starts[1:], float("inf")], strict=True)
    ]
    article = Article(title=video.title, blocks=tuple(block for block in blocks if block.text))
    points = tuple(key_points(article, count=KEY_POINT_COUNT))
    when = {sentence[:40]: at for at, sentence in sentences}
    return VideoContext(chapters, points, tuple(when.get(point.text[:40], 0.0) for point in points))


def _run(recipes: Iterable[RepurposingRecipe], builders: dict, build) -> tuple[list[Draft], list[str]]:
    drafts, problems = [], []
    for recipe in recipes:
        for output in recipe.outputs:
            builder = builders.get(output.format)
            if builder is None:
                problems.append(f"No recipe for format {output.format!r} ({output.channel}, recipe {recipe.key}): "
                                f"known formats are {', '.join(sorted(builders))}.")
                continue
            draft = replace(build(builder, recipe.key), key=f"{output.channel}-{output.format}", channel=output.channel)
            drafts.append(with_issues(draft))
    return drafts, problems


def with_issues(draft: Draft) -> Draft:
    """Return the draft with its platform issues (none for channels socialrx does not publish to)."""
    return replace(draft, issues=tuple(platform_issues(draft)))


def platform_issues(draft: Draft) -> list[PlatformIssue]:
    """Return the platform problems of a draft on its channel."""
    if draft.channel not in CHANNELS:
        return []
    content = VariantContent(text=draft.text, title=draft.title, tags=draft.tags, thread_parts=draft.thread,
                             duration_seconds=draft.duration_seconds)
    return validate_variant(draft.channel, content)
