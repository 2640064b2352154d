"""Scanned PDF pages read with Tesseract: which pages need it, in which language, once per content.

A page whose text layer has fewer than `ocr_min_page_chars` letters and digits (a scan, or a scan
with only a stamped page number) is rendered with pypdfium2 and read by the `tesseract` command.
The language is the one the PDF declares; failing that, scanned pages are read with every
language of `ocr_languages` until their text tells the language (py3langid), then those pages are
read again, and the rest read, with that language alone (the mixed model misreads up to 3% of
words and is slower).

The command is run directly rather than through pytesseract: Tesseract must run with one OpenMP
thread (OMP_THREAD_LIMIT=1, 4x faster on a busy 2-core machine, docs/architecture.md), and
pytesseract passes the whole process environment, where that limit would also slow torch.

Each page's text is cached in the index folder under the file's content hash, saved after every
page by an atomic rename, so a re-sync, a rebuild or a sync resumed after a kill never reads a
page twice. Every failure is a `DocumentError` naming Tesseract and what to do.
"""

from __future__ import annotations

import io
import math
import os
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.metadata import detect_language
from assistant.ingest.ocr_cache import RENDER_DPI, CacheEntry, OcrCache, cache_key
from assistant.ingest.parsers import ParsedText
from assistant.settings import Settings

MAX_PAGE_PIXELS = 40_000_000  # a poster-sized page is rendered coarser rather than with GBs
PAGE_TIMEOUT_SECONDS = 300  # a full A4 page takes 1-3 s here; only a hung process takes this long
PAGE_SEPARATOR = "\n\n"  # how parse_pdf joins page texts
TESSERACT_CODES = {"en": "eng", "fr": "fra", "de": "deu", "pt": "por", "cs": "ces"}
LANGUAGE_OF_CODE = {code: language for language, code in TESSERACT_CODES.items()}


@dataclass(frozen=True)
class OcrReading:
    """What OCR did to one file, for the sync report and the manifest."""

    pages: tuple[int, ...]
    tesseract_languages: str  # what read the pages: "fra", or all of ocr_languages
    how: str  # "declared" | "detected" | "not detected" | "configured" (the only one)
    from_cache: bool  # no page needed Tesseract this time

    @property
    def language(self) -> str:
        """The ISO 639-1 code of the pages ("fr"), or "" when it was not found."""
        return LANGUAGE_OF_CODE.get(self.tesseract_languages, "")

    @property
    def note(self) -> str:
        """What the sync report says: "read by OCR: pages 1-2, in fra (detected)"."""
        cached = ", from the OCR cache" if self.from_cache else ""
        return f"read by OCR: {page_ranges(self.pages)}, in {self.tesseract_languages} ({self.how}){cached}"


def page_ranges(pages) -> str:
    """(1, 2, 3, 5) -> "pages 1-3, 5"; (4,) -> "page 4"."""
    pages = sorted(pages)
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    label = ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return f"page{'s' if len(pages) != 1 else ''} {label}"


def pages_needing_ocr(page_texts: list[str], min_chars: int) -> list[int]:
    """1-based numbers of the pages whose text layer has fewer than `min_chars` letters or digits."""
    return [number for number, text in enumerate(page_texts, start=1)
            if sum(character.isalnum() for character in text) < min_chars]


def split_pages(parsed: ParsedText) -> list[str]:
    """The text of each page of a parsed PDF, by its page starts."""
    ends = [start for start, _ in parsed.page_starts[1:]] + [len(parsed.text) + len(PAGE_SEPARATOR)]
    return [parsed.text[start:end - len(PAGE_SEPARATOR)] for (start, _), end in zip(parsed.page_starts, ends)]


def join_pages(parsed: ParsedText, page_texts: list[str]) -> ParsedText:
    """`parsed` with these page texts, joined and with page starts as parse_pdf makes them."""
    starts, position = [], 0
    for number, text in enumerate(page_texts, start=1):
        starts.append((position, number))
        position += len(text) + len(PAGE_SEPARATOR)
    return replace(parsed, text=PAGE_SEPARATOR.join(page_texts), page_starts=tuple(starts))


class ScanReader:
    """Fills the empty pages of parsed PDFs with Tesseract's reading; one per sync."""

    def __init__(self, settings: Settings, cache_dir: Path):
        self.languages = settings.ocr_languages
        self.min_chars = settings.ocr_min_page_chars
        self.tesseract = Tesseract(settings.tesseract_cmd)
        self.cache = OcrCache(cache_dir, cache_key(settings))

    def read_scanned_pages(self, parsed: ParsedText, data: bytes,
                           content_hash: str) -> tuple[ParsedText, OcrReading | None]:
        """`parsed` with OCR text on every page that had too little, and what was done."""
        page_texts = split_pages(parsed)
        wanted = pages_needing_ocr(page_texts, self.min_chars)
        if not wanted:
            return parsed, None
        entry = self.cache.load(content_hash)
        missing = [page for page in wanted if str(page) not in entry.pages]
        if missing:
            self._read_pages(data, missing, entry, parsed.metadata, content_hash)
        if not entry.tesseract_languages:  # no page said enough to tell its language
            entry.tesseract_languages, entry.how = self.languages, "not detected"
        for page in wanted:
            page_texts[page - 1] = entry.pages[str(page)]
        reading = OcrReading(tuple(wanted), entry.tesseract_languages, entry.how, from_cache=not missing)
        metadata = dict(parsed.metadata)
        if reading.language and not metadata.get("language"):
            metadata["language"] = reading.language
        return replace(join_pages(parsed, page_texts), metadata=metadata), reading

    def _read_pages(self, data: bytes, pages: list[int], entry: CacheEntry, metadata: dict[str, str],
                    content_hash: str) -> None:
        import pypdfium2

        one = len(pages) == 1
        need = f"{page_ranges(pages)} {'has' if one else 'have'} no text layer and need{'s' if one else ''} OCR"
        try:
            self._check_languages()
            pdf = pypdfium2.PdfDocument(data)
        except TesseractMissing as error:
            raise DocumentError(f"{need}, but {error}") from None
        except pypdfium2.PdfiumError as error:
            raise DocumentError(f"{need}, but the PDF cannot be rendered ({error})") from None
        if not entry.tesseract_languages:
            # parse_pdf reads the PDF's /Lang ("en-GB") into the metadata, as "en".
            self._take_declared_language(entry, metadata.get("language", ""))
        try:
            for page in pages:
                try:
                    self._read_page(pdf, page, entry)
                except DocumentError as error:
                    raise DocumentError(f"{need}, but on page {page}: {error}") from None
                self.cache.save(content_hash, entry)  # per page: a killed sync resumes here
        finally:
            pdf.close()

    def _take_declared_language(self, entry: CacheEntry, declared: str) -> None:
        configured = self.languages.split("+")
        if len(configured) == 1:
            entry.tesseract_languages, entry.how = self.languages, "configured"
        elif TESSERACT_CODES.get(declared) in configured:
            entry.tesseract_languages, entry.how = TESSERACT_CODES[declared], "declared"

    def _read_page(self, pdf, page: int, entry: CacheEntry) -> None:
        """One page, in the file's language once it is known. Until then pages are read with every
        language, and when their words tell the language they are read again with it alone."""
        image = _render(pdf, page)
        if entry.tesseract_languages:
            entry.pages[str(page)] = self.tesseract.read(image, entry.tesseract_languages)
            return
        entry.pages[str(page)] = self.tesseract.read(image, self.languages)
        detected = TESSERACT_CODES.get(detect_language("\n".join(entry.pages.values())))
        if detected not in self.languages.split("+"):
            return  # a title page says too little: the next page may tell
        entry.tesseract_languages, entry.how = detected, "detected"
        for earlier in sorted(entry.pages, key=int):  # usually this page alone, or a title page too
            again = image if earlier == str(page) else _render(pdf, int(earlier))
            entry.pages[earlier] = self.tesseract.read(again, detected)

    def _check_languages(self) -> None:
        installed = self.tesseract.installed_languages()
        missing = [code for code in self.languages.split("+") if code not in installed]
        if missing:
            packages = " ".join(f"tesseract-ocr-{code.lower().replace('_', '-')}" for code in missing)
            raise TesseractMissing(f"Tesseract has no language data for {', '.join(missing)}: install "
                                   f"Debian's {packages} (`make ocr`), or remove "
                                   f"{'it' if len(missing) == 1 else 'them'} from the setting ocr_languages")


def _render(pdf, page: int) -> bytes:
    """The page as a grayscale PGM image (no compression to pay for) at RENDER_DPI or less."""
    import pypdfium2

    try:
        handle = pdf[page - 1]
        width, height = handle.get_size()  # in points, 72 per inch
        scale = min(RENDER_DPI / 72, math.sqrt(MAX_PAGE_PIXELS / max(width * height, 1.0)))
        image = handle.render(scale=scale, grayscale=True).to_pil()
    except pypdfium2.PdfiumError as error:
        raise DocumentError(f"page {page} needs OCR but cannot be rendered ({error})") from None
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PPM")
    return buffer.getvalue()


class TesseractMissing(DocumentError):
    """Tesseract or one of its language files is not installed: no page can be read."""


class Tesseract:
    """The `tesseract` command, run once per page with one OpenMP thread."""

    def __init__(self, command: str):
        self.command = command
        self._languages: frozenset[str] | None = None

    def installed_languages(self) -> frozenset[str]:
        if self._languages is None:
            listing = self._run(["--list-langs"], None, timeout=60)
            self._languages = frozenset(line.strip() for line in listing.splitlines()[1:] if line.strip())
        return self._languages

    def read(self, image: bytes, languages: str) -> str:
        text = self._run(["stdin", "stdout", "-l", languages, "--dpi", str(RENDER_DPI)], image,
                         timeout=PAGE_TIMEOUT_SECONDS)
        return text.replace("\f", "").strip()

    def _run(self, arguments: list[str], image: bytes | None, timeout: float) -> str:
        # One thread: two OpenMP threads fighting the embedder on 2 cores were 4x slower.
        environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            result = subprocess.run([self.command, *arguments], input=image, capture_output=True,
                                    timeout=timeout, env=environment, check=False)
        except (FileNotFoundError, PermissionError, NotADirectoryError):
            raise TesseractMissing(f"Tesseract was not found (tesseract_cmd = {self.command!r}): install "
                                   "Debian's tesseract-ocr with `make ocr`, or set tesseract_cmd") from None
        except subprocess.TimeoutExpired:
            raise DocumentError(f"Tesseract took over {timeout:.0f} s") from None
        if result.returncode != 0:
            detail = (result.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
            raise DocumentError(f"Tesseract failed (exit {result.returncode}: {detail[:200]})")
        return result.stdout.decode("utf-8", "replace")
