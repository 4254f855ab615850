"""Drafts from an article: LinkedIn excerpt, X thread, Doximity summary, YouTube breakdown, newsletter."""

from __future__ import annotations

from socialrx.core.platforms.doximity import SUMMARY_GUIDANCE_CHARACTERS
from socialrx.core.platforms.linkedin import COMMENTARY_LIMIT
from socialrx.core.platforms.x_text.weighted import weighted_length
from socialrx.core.platforms.youtube import DESCRIPTION_MAX_BYTES, TITLE_MAX_CHARACTERS
from socialrx.core.repurpose.model import Article, Draft
from socialrx.core.repurpose.shaping import (
    COMMENTARY_PLACEHOLDER,
    RepurposeOptions,
    clinical_register,
    fit_lines,
    hashtags_for,
    shorten,
    tagged_link,
)
from socialrx.core.repurpose.summarise import KeyPoint
from socialrx.core.repurpose.tags import video_tags

X_LIMIT = 280
THREAD_NUMBER_WIDTH = len(" 99/99")


def linkedin_excerpt(article: Article, points: list[KeyPoint], options: RepurposeOptions, recipe: str) -> Draft:
    """Return a LinkedIn post: the title, three key points, the link and the strategy's hashtags."""
    key = "linkedin-article_excerpt"
    link, utm = tagged_link(options, article.title, "linkedin", key)
    body = [article.title, ""] + [f"• {point.text}" for point in points[:3]]
    closing = ["", f"Read the full article: {link}" if link else "The full article is on our website."]
    hashtags = hashtags_for(" ".join(body), options, "linkedin")
    closing += ["", " ".join(hashtags)] if hashtags else []
    kept = fit_lines(body, COMMENTARY_LIMIT - len("\n".join(closing)) - 1, len)
    return Draft(key, recipe, "linkedin", "article_excerpt", title=article.title, text="\n".join(kept + closing).strip(),
                 hashtags=tuple(hashtags), link_url=link, utm=utm)


def x_thread(article: Article, points: list[KeyPoint], options: RepurposeOptions, recipe: str) -> Draft:
    """Return an X thread: a hook, one key insight per post (each whole with its source), then the link."""
    key = "x-thread"
    link, utm = tagged_link(options, article.title, "x", key)
    fitting = [p.text for p in points if weighted_length(p.text) + THREAD_NUMBER_WIDTH <= X_LIMIT][:6]
    hook = shorten(f"{article.title}: {len(fitting)} takeaways, in a thread 🧵", X_LIMIT - THREAD_NUMBER_WIDTH)
    hashtags = hashtags_for(article.title + " " + " ".join(fitting), options, "x")
    last = " ".join(filter(None, [f"Read the full article: {link}" if link else "The full article is on our website.", *hashtags]))
    parts = [hook, *fitting, last]
    numbered = tuple(f"{part} {number}/{len(parts)}" for number, part in enumerate(parts, start=1))
    return Draft(key, recipe, "x", "thread", title=article.title, thread=numbered, hashtags=tuple(hashtags),
                 link_url=link, utm=utm)


def doximity_summary(article: Article, points: list[KeyPoint], options: RepurposeOptions, recipe: str) -> Draft:
    """Return a professional summary for clinicians: sourced findings first, plain clinical register."""
    key = "doximity-professional_summary"
    link, utm = tagged_link(options, article.title, "doximity", key)
    ordered = sorted(points, key=lambda p: (not p.statistics, p.position))
    byline = f"Summary of \u201c{clinical_register(article.title)}\u201d" + (f" ({article.author})" if article.author else "") + "."
    closing = f"Full text: {link}" if link else ""
    sentences = [clinical_register(point.text) for point in ordered]
    budget = SUMMARY_GUIDANCE_CHARACTERS - len(byline) - len(closing) - 4
    body = fit_lines(sentences, budget, len)
    text = "\n\n".join(filter(None, [byline, " ".join(body), closing]))
    return Draft(key, recipe, "doximity", "professional_summary", title=shorten(clinical_register(article.title), 100),
                 text=text, link_url=link, utm=utm)


def youtube_breakdown(article: Article, points: list[KeyPoint], options: RepurposeOptions, recipe: str) -> Draft:
    """Return the metadata for a video walking through the article's key concepts (no chapters until it is cut)."""
    key = "youtube-video_breakdown"
    link, utm = tagged_link(options, article.title, "youtube", key)
    title = shorten(f"{article.title}: key concepts explained".replace("<", "").replace(">", ""), TITLE_MAX_CHARACTERS)
    concepts = [f"• {point.text}" for point in points]
    hashtags = hashtags_for(article.title + " " + " ".join(concepts), options, "youtube")[:3]
    closing = ["", f"Read the article: {link}" if link else "", "", " ".join(hashtags)]
    head = [f"What the article \u201c{article.title}\u201d means in practice, concept by concept.", "", "Key concepts:"]
    budget = DESCRIPTION_MAX_BYTES - len("\n".join(closing).encode()) - 2
    lines = fit_lines(head + concepts, budget, lambda text: len(text.encode()))
    text = "\n".join(lines + closing).replace("<", "").replace(">", "").strip()
    tags = video_tags(article.title, [p.text for p in points], options)
    return Draft(key, recipe, "youtube", "video_breakdown", title=title, text=text, tags=tags,
                 hashtags=tuple(hashtags), link_url=link, utm=utm)


def email_newsletter(article: Article, points: list[KeyPoint], options: RepurposeOptions, recipe: str) -> Draft:
    """Return a newsletter section: the author's commentary (to be written), the key points and the link."""
    key = "email-newsletter"
    link, utm = tagged_link(options, article.title, "email", key)
    meta = " · ".join(filter(None, [article.author, article.date]))
    lines = [COMMENTARY_PLACEHOLDER, "", article.title] + ([meta] if meta else []) + [""]
    lines += [f"- {point.text}" for point in points]
    lines += ["", f"Read the full article: {link}" if link else "The full article is on our website."]
    return Draft(key, recipe, "email", "newsletter", title=shorten(article.title, 60), text="\n".join(lines),
                 link_url=link, utm=utm)


ARTICLE_FORMATS = {
    "article_excerpt": linkedin_excerpt,
    "thread": x_thread,
    "professional_summary": doximity_summary,
    "video_breakdown": youtube_breakdown,
    "newsletter": email_newsletter,
}
"""Article recipe formats (seed: "Blog Post → Multi-Platform Distribution")."""
