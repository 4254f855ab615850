"""Image metadata stripping and the printed-text heuristic."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from socialrx.core.compliance.images import has_metadata, probably_has_text, strip_metadata
from tests.server.images import jpeg_with_exif, png_with_text


def test_exif_is_removed_and_pixels_kept():
    """GPS, device and date EXIF are gone after stripping; the picture keeps its size."""
    data = jpeg_with_exif()
    assert has_metadata(data)
    clean = strip_metadata(data, ".jpg")
    assert not has_metadata(clean)
    with Image.open(io.BytesIO(clean)) as image:
        assert image.size == (64, 48)


def test_printed_text_is_spotted_and_photos_are_not():
    """Lines of print count as text; noise, gradients and plain shapes do not."""
    assert probably_has_text(png_with_text())
    rng = np.random.default_rng(3)
    noisy = (np.linspace(0, 255, 500)[None, :] + rng.normal(0, 25, (300, 500))).clip(0, 255).astype("uint8")
    shapes = np.zeros((300, 500), dtype="uint8")
    shapes[60:240, 100:400] = 230
    for pixels in (noisy, shapes):
        out = io.BytesIO()
        Image.fromarray(pixels).save(out, format="PNG")
        assert not probably_has_text(out.getvalue())
