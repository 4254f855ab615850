"""Image checks for uploads: strip EXIF and other metadata, and spot images that probably contain text.

Metadata: the pixels are re-encoded by Pillow without EXIF, XMP, ICC comments or text chunks, so GPS
positions, device serials and capture dates never leave the building. Orientation is applied to the
pixels first so the picture still looks the same.

Text: a cheap offline heuristic, not OCR. Printed text shows up as horizontal bands of rows with many
sharp light/dark transitions, separated by quiet rows; photos and gradients rarely have that rhythm.
It is a reason to ask a person to look (review), never a reason to pass or block on its own.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageOps

from socialrx.core.compliance.patterns import compile_pattern

_FORMATS = {".jpg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP"}
_ANALYSIS_WIDTH = 640
_EDGE_STEP = 48  # grey levels between neighbours that count as a sharp edge
_BUSY_ROW = 0.06  # share of a row's pixels on sharp edges for the row to look like text
_QUIET_ROW = 0.02
# Alt text that spells out the words shown in the image: then the words were checked with the post.
DECLARED_TEXT = compile_pattern(r"(?i)[\"\u201c\u2018'][^\"\u201d\u2019']{3,}[\"\u201d\u2019']|\btext\s*(?:reads|says|:)|\breads\s*:|"
                           r"\bcaption\s*:|\bwords?\s*:|\bheadline\s*:|\bslide\s+text\b|\bno\s+text\b")


def strip_metadata(data: bytes, extension: str) -> bytes:
    """Return the image re-encoded without EXIF or other metadata (orientation applied to the pixels)."""
    image_format = _FORMATS[extension]
    with Image.open(io.BytesIO(data)) as image:
        if image_format == "GIF" and getattr(image, "is_animated", False):
            return _strip_animated_gif(image)
        clean = ImageOps.exif_transpose(image).copy()
        clean.info = {key: value for key, value in clean.info.items() if key in _KEPT_INFO}
        if image_format == "JPEG" and clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        out = io.BytesIO()
        clean.save(out, format=image_format, **({"quality": 95} if image_format in ("JPEG", "WEBP") else {}))
        return out.getvalue()


# Encoding details that carry no information about the person or the device.
_KEPT_INFO = frozenset({"transparency", "duration", "loop", "background"})


def _strip_animated_gif(image: Image.Image) -> bytes:
    frames = []
    for index in range(image.n_frames):
        image.seek(index)
        frame = image.copy()
        frame.info = {key: value for key, value in frame.info.items() if key in _KEPT_INFO}
        frames.append(frame)
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], loop=image.info.get("loop", 0),
                   duration=image.info.get("duration", 100))  # fmt: skip
    return out.getvalue()


def has_metadata(data: bytes) -> bool:
    """Return whether an image still carries EXIF data."""
    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif()) or "exif" in image.info


def text_band_count(data: bytes) -> int:
    """Return how many text-like bands (lines of print) the image shows."""
    with Image.open(io.BytesIO(data)) as image:
        grey = ImageOps.exif_transpose(image).convert("L")
        if grey.width > _ANALYSIS_WIDTH:
            grey = grey.resize((_ANALYSIS_WIDTH, max(1, grey.height * _ANALYSIS_WIDTH // grey.width)))
        pixels = np.asarray(grey, dtype=np.int16)
    if pixels.shape[0] < 8 or pixels.shape[1] < 16:
        return 0
    edges = np.abs(np.diff(pixels, axis=1)) >= _EDGE_STEP
    density = edges.mean(axis=1)
    return _bands(density)


def _bands(density: np.ndarray) -> int:
    bands, run, quiet_before = 0, 0, True
    for value in density:
        if value >= _BUSY_ROW:
            run += 1
            continue
        if run and value <= _QUIET_ROW and quiet_before and 4 <= run <= 80:
            bands += 1
        if value <= _QUIET_ROW:
            quiet_before = True
        elif not run:
            quiet_before = False
        run = 0
    return bands


def probably_has_text(data: bytes) -> bool:
    """Return whether the image probably shows printed text (two or more text-like bands)."""
    return text_band_count(data) >= 2
