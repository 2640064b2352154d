"""Format-specific text extraction: each parser turns file bytes into text plus metadata.

Parsers raise `DocumentError` with a reason a user can act on; the caller adds the file name.
Third-party parsers are imported lazily so that asking a question never pays for them.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field

import yaml

from assistant.errors import DocumentError

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
METADATA_FIELDS = ("title", "source_url", "publisher", "date", "language", "kind")


@dataclass
class ParsedText:
    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    text_offset: int = 0
    page_starts: tuple[tuple[int, int], ...] = ()


def parse_markdown(data: bytes) -> ParsedText:
    text = decode_text(data)
    match = FRONT_MATTER.match(text)
    if not match:
        return ParsedText(text=text, metadata=_first_heading_title(text))
    try:
        front = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise DocumentError(f"front matter is not valid YAML ({_first_line(error)})") from None
    if not isinstance(front, dict):
        raise DocumentError("front matter must be a YAML mapping of field: value")
    metadata = {key: str(front[key]).strip() for key in METADATA_FIELDS if front.get(key) is not None}
    body = text[match.end():]
    if "title" not in metadata:
        metadata.update(_first_heading_title(body))
    return ParsedText(text=body, metadata=metadata, text_offset=match.end())


def parse_plain_text(data: bytes) -> ParsedText:
    return ParsedText(text=decode_text(data))


def parse_pdf(data: bytes) -> ParsedText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs recoverable damage itself; the sync report already names the file and reason.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise DocumentError(f"not a readable PDF ({_first_line(error)})") from None
    text_parts, page_starts, position = [], [], 0
    for number, page_text in enumerate(pages, start=1):
        page_starts.append((position, number))
        text_parts.append(page_text)
        position += len(page_text) + 2
    metadata = {}
    title = (info.get("/Title") or "").strip() if hasattr(info, "get") else ""
    if title:
        metadata["title"] = title
    return ParsedText(text="\n\n".join(text_parts), metadata=metadata, page_starts=tuple(page_starts))


def parse_docx(data: bytes) -> ParsedText:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(f"not a valid .docx file ({_first_line(error)})") from None
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    metadata = {}
    title = (document.core_properties.title or "").strip()
    if title:
        metadata["title"] = title
    elif document.paragraphs:
        headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
        if headings and headings[0].strip():
            metadata["title"] = headings[0].strip()
    return ParsedText(text="\n\n".join(paragraphs), metadata=metadata)


def parse_html(data: bytes) -> ParsedText:
    try:
        import trafilatura
    except ImportError as error:  # e.g. lxml_html_clean missing: fail this file, not the whole sync
        raise DocumentError(f"HTML support is not installed ({_first_line(error)})") from None

    html = decode_text(data)
    # Main-content extraction drops navigation, cookie banners and footers.
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    metadata = {}
    if meta is not None:
        for key, value in (("title", meta.title), ("source_url", meta.url), ("date", meta.date),
                           ("publisher", meta.sitename), ("language", getattr(meta, "language", None))):
            if value:
                metadata[key] = str(value).strip()
    return ParsedText(text=text, metadata=metadata)


PARSERS = {
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".txt": parse_plain_text,
    ".pdf": parse_pdf,
    ".docx": parse_docx,
    ".html": parse_html,
    ".htm": parse_html,
}


def decode_text(data: bytes) -> str:
    """UTF-8 when it is; otherwise the encoding charset-normalizer detects. Binary data is refused."""
    if b"\x00" in data[:8192]:
        raise DocumentError("looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise DocumentError("text encoding could not be detected (not UTF-8 and no other encoding fits)")
    # Short Western-European files (latin-1 / Windows-1252, the usual legacy export) often tie with
    # Baltic or Central-European code pages, and the detector's pick turns "à" into "ŕ". Prefer
    # Windows-1252 when it fits the bytes about as well as the best guess.
    for match in results:
        if ("cp1252" in match.could_be_from_charset and match.chaos <= best.chaos + 0.05
                and match.coherence >= best.coherence - 0.01):
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                break
    return str(best)


def _first_heading_title(text: str) -> dict[str, str]:
    match = MARKDOWN_HEADING.search(text)
    return {"title": match.group(1).strip()} if match else {}


def _first_line(error: Exception) -> str:
    message = str(error).strip().splitlines()
    return message[0][:200] if message else type(error).__name__
