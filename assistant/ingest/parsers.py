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
from assistant.ingest.metadata import clean_author, clean_date, clean_language, clean_title

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
METADATA_FIELDS = ("title", "author", "source_url", "publisher", "date", "language", "kind")
HTML_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.IGNORECASE)


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
    return ParsedText(text="\n\n".join(text_parts), metadata=_pdf_metadata(reader, info),
                      page_starts=tuple(page_starts))


def _pdf_metadata(reader, info) -> dict[str, str]:
    """Title, author, date and language from the PDF's document information and catalog."""
    def field(name: str) -> str:
        try:
            return str(info.get(name) or "") if hasattr(info, "get") else ""
        except Exception:  # noqa: BLE001 - a damaged info entry only costs this field
            return ""

    try:
        language = str(reader.trailer["/Root"].get("/Lang") or "")
    except Exception:  # noqa: BLE001 - as above
        language = ""
    return _known({"title": clean_title(field("/Title")), "author": clean_author(field("/Author")),
                   "date": clean_date(field("/CreationDate")), "language": clean_language(language)})


def parse_docx(data: bytes) -> ParsedText:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(f"not a valid .docx file ({_first_line(error)})") from None
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    properties = document.core_properties
    title = clean_title(properties.title)
    if not title:
        headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
        title = clean_title(headings[0]) if headings else ""
    metadata = {"title": title, "author": clean_author(properties.author),
                "date": clean_date(properties.created), "language": clean_language(properties.language)}
    return ParsedText(text="\n\n".join(paragraphs), metadata=_known(metadata))


def parse_html(data: bytes) -> ParsedText:
    try:
        import trafilatura
    except ImportError as error:  # e.g. lxml_html_clean missing: fail this file, not the whole sync
        raise DocumentError(f"HTML support is not installed ({_first_line(error)})") from None

    html = decode_text(data)
    # Main-content extraction drops navigation, cookie banners and footers.
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(html)
    declared = HTML_LANG.search(html[:5000])
    metadata = {"language": clean_language(declared.group(1) if declared else "")}
    if meta is not None:
        metadata.update(title=clean_title(meta.title), source_url=str(meta.url or "").strip(),
                        date=clean_date(meta.date), publisher=str(meta.sitename or "").strip(),
                        author=clean_author(meta.author))
    return ParsedText(text=text, metadata=_known(metadata))


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


def _known(metadata: dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in metadata.items() if value}


def _first_heading_title(text: str) -> dict[str, str]:
    match = MARKDOWN_HEADING.search(text)
    return {"title": match.group(1).strip()} if match else {}


def _first_line(error: Exception) -> str:
    message = str(error).strip().splitlines()
    return message[0][:200] if message else type(error).__name__
