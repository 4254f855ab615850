"""Drafts from a video and its transcript: YouTube, LinkedIn key moments, X clips, website, e-mail."""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.core.platforms.x_text.weighted import weighted_length
from socialrx.core.platforms.youtube import (
    DESCRIPTION_MAX_BYTES,
    TITLE_MAX_CHARACTERS,
    Chapter,
    format_chapters,
    format_timestamp,
)
from socialrx.core.repurpose.model import Clip, Draft, Video
from socialrx.core.repurpose.shaping import RepurposeOptions, fit_lines, hashtags_for, shorten, tagged_link
from socialrx.core.repurpose.summarise import KeyPoint
from socialrx.core.repurpose.tags import video_tags

X_LIMIT = 280
CLIP_MIN_SECONDS = 20
CLIP_MAX_SECONDS = 60
KEY_MOMENTS = 5


@dataclass(frozen=True)
class VideoContext:
    """What the video recipes share: the chapters, the key points and when each point is said."""

    chapters: tuple[Chapter, ...]
    points: tuple[KeyPoint, ...]
    point_starts: tuple[float, ...]


def _clean_title(video: Video) -> str:
    return shorten(video.title.replace("<", "").replace(">", ""), TITLE_MAX_CHARACTERS)


def youtube_full_video(video: Video, context: VideoContext, options: RepurposeOptions, recipe: str) -> Draft:
    """Return the video's title, description (summary, chapters, link, hashtags) and tags."""
    key = "youtube-full_video"
    link, utm = tagged_link(options, video.title, "youtube", key)
    summary = video.description or " ".join(point.text for point in context.points[:2])
    hashtags = hashtags_for(video.title + " " + summary, options, "youtube")[:3]
    chapters = format_chapters(context.chapters)
    sections = [f"Chapters:\n{chapters}" if chapters else "", f"More: {link}" if link else "", " ".join(hashtags)]
    tail = "\n\n" + "\n\n".join(section for section in sections if section)
    budget = DESCRIPTION_MAX_BYTES - len(tail.encode())
    lead = "\n".join(fit_lines([summary], budget, lambda text: len(text.encode()))) or ""
    text = (lead + tail).replace("<", "").replace(">", "").strip()
    tags = video_tags(video.title, [chapter.title for chapter in context.chapters] + [p.text for p in context.points], options)
    return Draft(key, recipe, "youtube", "full_video", title=_clean_title(video), text=text, tags=tags, hashtags=tuple(hashtags),
                 link_url=link, utm=utm, chapters=context.chapters, duration_seconds=video.duration_seconds)


def linkedin_video_post(video: Video, context: VideoContext, options: RepurposeOptions, recipe: str) -> Draft:
    """Return a LinkedIn video post with the key timestamps and the link."""
    key = "linkedin-video_post"
    link, utm = tagged_link(options, video.title, "linkedin", key)
    moments = [f"▶ {format_timestamp(c.start_seconds)} {c.title}" for c in context.chapters[:KEY_MOMENTS]]
    opening = context.points[0].text if context.points else ""
    lines = [video.title, "", opening, "", "Key moments:", *moments, "", f"Watch: {link}" if link else "Watch the full video on our channel."]
    hashtags = hashtags_for("\n".join(lines), options, "linkedin")
    text = "\n".join([*lines, "", " ".join(hashtags)] if hashtags else lines)
    return Draft(key, recipe, "linkedin", "video_post", title=video.title, text=text.replace("\n\n\n", "\n\n"),
                 hashtags=tuple(hashtags), link_url=link, utm=utm, chapters=context.chapters)


def x_video_clips(video: Video, context: VideoContext, options: RepurposeOptions, recipe: str) -> Draft:
    """Return clip suggestions (start, end, caption) as an X thread, the link in the last post."""
    key = "x-video_clips"
    link, utm = tagged_link(options, video.title, "x", key)
    clips = _clips(video, context)
    hashtags = hashtags_for(video.title + " " + " ".join(c.caption for c in clips), options, "x")
    parts = [shorten(f"{video.title}: {len(clips)} {'clip' if len(clips) == 1 else 'clips'} worth your time 🎬", X_LIMIT - 8)]
    parts += [f"🎬 {format_timestamp(c.start_seconds)}–{format_timestamp(c.end_seconds)} {c.caption}" for c in clips]
    parts.append(" ".join(filter(None, [f"Watch the full video: {link}" if link else "Full video on our channel.", *hashtags])))
    numbered = tuple(f"{part} {number}/{len(parts)}" for number, part in enumerate(parts, start=1))
    return Draft(key, recipe, "x", "video_clips", title=video.title, thread=numbered, hashtags=tuple(hashtags),
                 link_url=link, utm=utm, clips=tuple(clips), duration_seconds=video.duration_seconds)


def _clips(video: Video, context: VideoContext) -> list[Clip]:
    """Return up to four clips around the key points: from where the point is said to a cue end 20–60 s later."""
    clips: list[Clip] = []
    for point, start in sorted(zip(context.points, context.point_starts, strict=True), key=lambda pair: -pair[0].score):
        caption = point.text
        if weighted_length(caption) > X_LIMIT - 40 or any(abs(start - clip.start_seconds) < CLIP_MAX_SECONDS for clip in clips):
            continue
        ends = [cue.end for cue in video.cues if start + CLIP_MIN_SECONDS <= cue.end <= start + CLIP_MAX_SECONDS]
        end = max(ends, default=min(start + CLIP_MIN_SECONDS, video.duration_seconds))
        clips.append(Clip(int(start), int(end + 0.999), caption))
        if len(clips) == 4:
            break
    return sorted(clips, key=lambda clip: clip.start_seconds)


def website_embed(video: Video, context: VideoContext, options: RepurposeOptions, recipe: str) -> Draft:
    """Return the web page text around an embedded player: summary and chapter list."""
    key = "website-embedded_player"
    summary = " ".join(point.text for point in context.points[:4])
    text = "\n".join([video.title, "", summary, "", "In this video:", format_chapters(context.chapters)])
    if video.url:
        text += f"\n\nEmbedded player: {video.url}"
    return Draft(key, recipe, "website", "embedded_player", title=video.title, text=text, link_url=video.url,
                 chapters=context.chapters)


def email_video_thumbnail(video: Video, context: VideoContext, options: RepurposeOptions, recipe: str) -> Draft:
    """Return an e-mail block: the thumbnail linking to the video, a two-sentence teaser and the link."""
    key = "email-video_thumbnail"
    link, utm = tagged_link(options, video.title, "email", key)
    minutes = max(1, round(video.duration_seconds / 60))
    teaser = " ".join(point.text for point in context.points[:2])
    lines = [f"[Video thumbnail: {video.title}, linked to the video]", "", teaser, "",
             f"Watch the video ({minutes} min): {link}" if link else f"Watch the video ({minutes} min) on our channel."]
    return Draft(key, recipe, "email", "video_thumbnail", title=shorten(video.title, 60), text="\n".join(lines),
                 link_url=link, utm=utm)


VIDEO_FORMATS = {
    "full_video": youtube_full_video,
    "video_post": linkedin_video_post,
    "video_clips": x_video_clips,
    "embedded_player": website_embed,
    "video_thumbnail": email_video_thumbnail,
}
"""Video recipe formats (seed: "Video Content → Multi-Format Distribution")."""
