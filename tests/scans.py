"""Scanned PDFs made in the test: text drawn on a white image per page, saved as an image-only PDF
(no text layer), as a scanner or a photocopier would write it."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 150  # a small page keeps OCR at well under a second a page


def scanned_pdf(pages: list[str], dpi: int = DPI) -> bytes:
    """An image-only PDF with one page per text: half an A4 page wide, as tall as its lines."""
    images = [_page_image(text, dpi) for text in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return buffer.getvalue()


def _page_image(text: str, dpi: int) -> Image.Image:
    size = round(dpi * 12 / 72)  # 12 pt type
    font = ImageFont.truetype(str(FONT), size) if FONT.is_file() else ImageFont.load_default(size=size)
    lines = [line for paragraph in text.split("\n") for line in textwrap.wrap(paragraph, 60) or [""]]
    margin, leading = dpi // 2, round(size * 1.5)
    image = Image.new("L", (margin * 2 + size * 32, margin * 2 + leading * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((margin, margin + number * leading), line, font=font, fill=0)
    return image
