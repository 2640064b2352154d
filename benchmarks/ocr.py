"""9. OCR: scanned pages per second through the shipped reader (pypdfium2 + Tesseract).

The pages are A4 at 300 dpi, 11 pt type, about 2,000 characters each, drawn from English
sentences of the shipped corpus (seeded) and saved as an image-only PDF: what a scanner writes.
Readings of the same pages, back to back: the PDF declaring its language (steady state), the
PDF declaring none (its first page is read once more, to detect the language), then Tesseract
alone with one OpenMP thread (as shipped) and with its default threads, page by page.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path

from benchmarks.common import CORPUS, SEED, Config, Timer, base_settings

FONTS = [Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
         Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")]
DPI = 300
CHARS_PER_PAGE = 2000


def page_texts(count: int) -> list[str]:
    sentences = []
    for path in sorted(CORPUS.glob("*-en.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        lines = [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith(("#", "|"))]
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", " ".join(lines)) if len(s) > 40]
    rng = random.Random(SEED)
    pages = []
    for _ in range(count):
        text = ""
        while len(text) < CHARS_PER_PAGE:
            text += rng.choice(sentences) + " "
        pages.append(text.strip())
    return pages


def scanned_pdf(texts: list[str]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((path for path in FONTS if path.is_file()), None)
    size = round(DPI * 11 / 72)
    font = ImageFont.truetype(str(font_path), size) if font_path else ImageFont.load_default(size=size)
    images = []
    for text in texts:
        image = Image.new("L", (round(8.27 * DPI), round(11.69 * DPI)), 255)
        draw = ImageDraw.Draw(image)
        for number, line in enumerate(textwrap.wrap(text, 80)):
            draw.text((DPI, DPI + number * round(size * 1.4)), line, font=font, fill=0)
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=float(DPI))
    return buffer.getvalue()


def with_language(data: bytes, language: str) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def read_all(data: bytes, config: Config) -> tuple[float, object]:
    """Seconds for the shipped reader to OCR every page of `data` (empty cache), and its reading."""
    from assistant.ingest.ocr import ScanReader
    from assistant.ingest.parsers import parse_pdf

    parsed = parse_pdf(data)
    with tempfile.TemporaryDirectory(dir=config.cache_dir) as folder:
        reader = ScanReader(base_settings(), Path(folder))
        with Timer() as timer:
            _, reading = reader.read_scanned_pages(parsed, data, "benchmark")
    return timer.seconds, reading


def raw_tesseract_seconds(data: bytes) -> dict[str, float]:
    """Tesseract alone on the rendered pages, with one OpenMP thread (as shipped) and with its
    default threads, alternating page by page so both see the same machine load."""
    import pypdfium2

    default = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    environments = {"one_thread": {**default, "OMP_THREAD_LIMIT": "1"}, "default_threads": default}
    totals = dict.fromkeys(environments, 0.0)
    pdf = pypdfium2.PdfDocument(data)
    for page in pdf:
        buffer = io.BytesIO()
        page.render(scale=DPI / 72, grayscale=True).to_pil().save(buffer, format="PPM")
        for name, environment in environments.items():
            with Timer() as timer:
                subprocess.run([base_settings().tesseract_cmd, "stdin", "stdout", "-l", "eng", "--dpi", str(DPI)],
                               input=buffer.getvalue(), capture_output=True, check=True, env=environment)
            totals[name] += timer.seconds
    pdf.close()
    return totals


def run(config: Config) -> dict:
    settings = base_settings()
    if shutil.which(settings.tesseract_cmd) is None:
        return {"skipped": f"Tesseract not found ({settings.tesseract_cmd}); run `make ocr`", "met": None}
    pages = config.ocr_pages
    scan = scanned_pdf(page_texts(pages))
    declared_seconds, declared = read_all(with_language(scan, "en"), config)
    detected_seconds, detected = read_all(scan, config)
    raw = raw_tesseract_seconds(scan)
    return {
        "pages": pages, "dpi": DPI, "chars_per_page": CHARS_PER_PAGE,
        "declared_seconds": declared_seconds, "declared_pages_per_s": pages / declared_seconds,
        "declared_language": declared.tesseract_languages,
        "detected_seconds": detected_seconds, "detected_pages_per_s": pages / detected_seconds,
        "detected_language": f"{detected.tesseract_languages} ({detected.how})",
        "raw_one_thread_seconds_per_page": raw["one_thread"] / pages,
        "raw_default_threads_seconds_per_page": raw["default_threads"] / pages,
        "threads_slowdown": raw["default_threads"] / raw["one_thread"],
        "tesseract_version": _tesseract_version(settings.tesseract_cmd),
        "met": None,
    }


def _tesseract_version(command: str) -> str:
    result = subprocess.run([command, "--version"], capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).splitlines()[0] if (result.stdout or result.stderr) else "?"
