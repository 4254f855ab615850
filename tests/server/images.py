"""Real image bytes for upload tests, made with Pillow: plain, with EXIF (GPS, device, date), and with printed text."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont


def png_bytes(size: tuple[int, int] = (32, 24)) -> bytes:
    """Return a small plain PNG."""
    out = io.BytesIO()
    Image.new("RGB", size, (120, 160, 200)).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_exif() -> bytes:
    """Return a JPEG whose EXIF names a camera, a capture time and a GPS position."""
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS R6 serial 0423118"
    exif[0x0132] = "2025:03:04 10:15:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (41.0, 49.0, 12.0), "W", (71.0, 24.0, 30.0)
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 180, 150)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_with_text(lines: int = 4) -> bytes:
    """Return a white PNG with several lines of black printed text."""
    image = Image.new("RGB", (600, 60 + 50 * lines), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    for index in range(lines):
        draw.text((20, 30 + index * 50), "Patient J. Doe admitted 3/4, ward 5 North", fill="black", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
