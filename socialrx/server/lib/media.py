"""Media uploads for post variants: type and size checks, storage under MEDIA_ROOT, safe reads back.

A file is recognised by its first bytes, never by the name or the browser's content type. Every
item needs alt text; the variant's ``media`` JSON holds ``{"name", "path", "kind", "alt_text"}``
where ``path`` is the upload's id (``uploads/YYYY/MM/<32 hex>.<ext>``, relative to MEDIA_ROOT). A
client never names a file: ids that are not ours, or whose file is gone, are refused when a post is
saved and again when it is published. Images are stored
without their EXIF and other metadata (GPS position, device, capture time) and carry
``"text_in_image"``: whether the text heuristic of ``core.compliance.images`` sees printed words,
which the check sends to review.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.timezone import now

from socialrx.core.compliance.images import probably_has_text, strip_metadata
from socialrx.server.actions import ActionError

UPLOAD_FOLDER = "uploads"
MAX_IMAGE_BYTES = 5 * 1024 * 1024
"""X's limit for images (platform-facts); the strictest of our networks."""
MAX_VIDEO_BYTES = 512 * 1024 * 1024
"""X's limit for video; LinkedIn and YouTube accept more."""
MAX_ALT_TEXT = 1000
"""X's limit for image descriptions."""


@dataclass(frozen=True)
class MediaType:
    """A file type we accept: its kind, the extension we store it under, and how its bytes begin."""

    kind: str
    extension: str
    signature: re.Pattern[bytes]


MEDIA_TYPES: tuple[MediaType, ...] = (
    MediaType("image", ".png", re.compile(rb"\A\x89PNG\r\n\x1a\n")),
    MediaType("image", ".jpg", re.compile(rb"\A\xff\xd8\xff")),
    MediaType("image", ".gif", re.compile(rb"\AGIF8[79]a")),
    MediaType("image", ".webp", re.compile(rb"\ARIFF....WEBP", re.DOTALL)),
    MediaType("video", ".mp4", re.compile(rb"\A....ftyp(?:isom|iso2|mp4[12]|avc1|M4V |dash)", re.DOTALL)),
    MediaType("video", ".mov", re.compile(rb"\A....ftypqt  ", re.DOTALL)),
)


def media_type_of(head: bytes) -> MediaType | None:
    """Return the accepted type whose signature the file's first bytes carry, or None."""
    return next((t for t in MEDIA_TYPES if t.signature.match(head)), None)


def check_upload(upload: UploadedFile, alt_text: str, *, channel: str) -> MediaType:
    """Return the upload's type, or raise ActionError: alt text missing or too long, unknown type, too large."""
    name = upload.name or "file"
    if not alt_text.strip():
        raise ActionError(f"{channel}: {name} needs alt text (describe what the image or video shows); nothing was saved")
    if len(alt_text) > MAX_ALT_TEXT:
        raise ActionError(f"{channel}: the alt text of {name} is {len(alt_text)} characters; keep it under {MAX_ALT_TEXT}")
    upload.seek(0)
    media_type = media_type_of(upload.read(16))
    upload.seek(0)
    if media_type is None:
        raise ActionError(f"{channel}: {name} is not a PNG, JPEG, GIF or WebP image or an MP4 or MOV video")
    limit = MAX_IMAGE_BYTES if media_type.kind == "image" else MAX_VIDEO_BYTES
    if upload.size > limit:
        raise ActionError(f"{channel}: {name} is {upload.size / 1_048_576:.1f} MB; {media_type.kind}s may be at most "
                          f"{limit // 1_048_576} MB")
    if media_type.kind == "image":
        _check_image_readable(upload, name, channel, media_type)
    return media_type


def _check_image_readable(upload: UploadedFile, name: str, channel: str, media_type: MediaType) -> None:
    try:
        strip_metadata(upload.read(), media_type.extension)
    except (OSError, ValueError, SyntaxError) as exc:
        raise ActionError(f"{channel}: {name} is not a readable image ({exc}); nothing was saved") from None
    finally:
        upload.seek(0)


def save_upload(upload: UploadedFile, alt_text: str, media_type: MediaType) -> dict:
    """Write a checked upload under MEDIA_ROOT/uploads/YYYY/MM/ with a random name; return its media item."""
    relative = Path(UPLOAD_FOLDER) / f"{now():%Y/%m}" / f"{uuid.uuid4().hex}{media_type.extension}"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    item = {"name": Path(upload.name or "file").name[:120], "path": relative.as_posix(), "kind": media_type.kind,
            "alt_text": alt_text.strip()}  # fmt: skip
    if media_type.kind == "image":
        upload.seek(0)
        clean = strip_metadata(upload.read(), media_type.extension)
        target.write_bytes(clean)
        item["text_in_image"] = probably_has_text(clean)
        return item
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return item


def delete_saved(items: list[dict]) -> None:
    """Remove files written for an edit that was then refused."""
    for item in items:
        path = uploaded_file_path(item.get("path", ""))
        if path is not None:
            path.unlink(missing_ok=True)


def uploaded_file_path(relative: str) -> Path | None:
    """Return the absolute path of an uploaded file, or None when ``relative`` leaves the upload folder."""
    root = (Path(settings.MEDIA_ROOT) / UPLOAD_FOLDER).resolve()
    path = (Path(settings.MEDIA_ROOT) / relative).resolve()
    return path if path.is_relative_to(root) and path != root else None


_UPLOAD_ID = re.compile(rf"{UPLOAD_FOLDER}/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}(?:{'|'.join(re.escape(t.extension) for t in MEDIA_TYPES)})")


def uploaded_media_file(upload_id: object) -> Path | None:
    """Return the file an upload id names, or None unless it has our id's shape and exists under MEDIA_ROOT."""
    if not isinstance(upload_id, str) or not _UPLOAD_ID.fullmatch(upload_id):
        return None
    path = uploaded_file_path(upload_id)
    return path if path is not None and path.is_file() else None


def check_media_items(channel: str, items: list) -> None:
    """Raise ActionError unless every media item has alt text and names one of our uploads by its id."""
    for number, item in enumerate(items, start=1):
        label = f"{channel}: media {number} ({item.get('name', 'file') if isinstance(item, dict) else 'file'})"
        if not isinstance(item, dict):
            raise ActionError(f"{label}: give the uploaded file's id and its alt text")
        if not str(item.get("alt_text", "")).strip():
            raise ActionError(f"{label} needs alt text")
        if uploaded_media_file(item.get("path")) is None:
            raise ActionError(f"{label}: path {str(item.get('path'))[:80]!r} is not a file uploaded to socialrx; "
                              "upload it in the editor and use its id (uploads/YYYY/MM/…)")
