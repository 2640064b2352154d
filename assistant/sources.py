"""Opening a cited source: the original file, or a readable view with the passage marked.

A citation card links to `sources/file/<source>#page=N` for a PDF (the browser's viewer opens
it at the page) and to `sources/view/<source>?start=…&end=…#passage` for the other formats:
the document's text as the index read it, with the cited span marked and scrolled to.

Only files the index lists are served, and only when they resolve inside the corpus folder:
no `..`, no absolute paths, no symlink that leads out. Documents are untrusted, so a view is
escaped text under a policy that runs no script, and an original that a browser could run
as a page (HTML) is sent as a download, never shown under the app's origin.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Mapping
from urllib.parse import quote

from assistant.errors import AssistantError, DocumentError
from assistant.ingest.documents import CorpusFile, corpus_name, hash_file, inside, load_document
from assistant.store.manifest import DocumentEntry

FILE_ROUTE = "sources/file/"
VIEW_ROUTE = "sources/view/"
# The view is static text: no script, no fetches, no forms, no framing by other sites.
VIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; form-action 'none'"
INLINE_TYPES = {".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8",
                ".md": "text/plain; charset=utf-8", ".markdown": "text/plain; charset=utf-8"}


class SourceNotFound(AssistantError):
    """The path names no indexed document inside the corpus folder."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source: str
    entry: DocumentEntry

    @property
    def media_type(self) -> str:
        return INLINE_TYPES.get(self.path.suffix.lower(), "application/octet-stream")

    @property
    def inline(self) -> bool:
        """Shown in the browser (PDF, plain text) rather than downloaded (HTML, DOCX)."""
        return self.path.suffix.lower() in INLINE_TYPES


def source_link(source: str, page: int = 0, start: int = 0, end: int = 0) -> str:
    """The card's link to a cited passage, relative to the app's root."""
    quoted = quote(source, safe="/")
    if PurePosixPath(source).suffix.lower() == ".pdf":
        return f"{FILE_ROUTE}{quoted}" + (f"#page={page}" if page > 0 else "")
    return f"{VIEW_ROUTE}{quoted}?start={start}&end={end}#passage"


def find_source(corpus_dir: Path, indexed: Mapping[str, DocumentEntry], source: str) -> SourceFile:
    """The indexed file `source` names, checked to lie inside the corpus folder."""
    if not corpus_name(source):
        raise SourceNotFound(f"{source!r} is not a document path inside the corpus")
    entry = indexed.get(source)
    if entry is None:
        raise SourceNotFound(f"{source} is not an indexed document")
    path = (corpus_dir / source).resolve()
    if not inside(path, corpus_dir.resolve()):
        raise SourceNotFound(f"{source} leads outside the corpus folder (a symlink?); not served")
    if not path.is_file():
        raise SourceNotFound(f"{source} is indexed but no longer in the corpus folder; sync the index")
    return SourceFile(path, source, entry)


def render_view(file: SourceFile, start: int, end: int, max_bytes: int) -> str:
    """The document's text as the index read it, the passage [start, end) marked. Offsets are
    those of a `Citation`; when the file changed since the sync, no passage is marked."""
    try:
        document = load_document(CorpusFile(file.path, file.source, hash_file(file.path),
                                            file.path.stat().st_size), max_bytes)
    except (DocumentError, OSError) as error:
        raise SourceNotFound(f"{file.source} cannot be shown: {error}") from None
    text = document.text
    note = ""
    if document.content_hash != file.entry.content_hash:
        start = end = 0
        note = "This file changed after it was indexed; sync the index to see the cited passage marked."
    start, end = max(0, start - document.text_offset), max(0, end - document.text_offset)
    if not 0 <= start < end <= len(text):
        body = html.escape(text)
    else:
        body = (html.escape(text[:start]) + '<mark id="passage">' + html.escape(text[start:end]) + "</mark>"
                + html.escape(text[end:]))
    title = html.escape(document.title or file.source)
    original = html.escape(FILE_ROUTE + quote(file.source, safe="/"), quote=True)
    return (
        "<!doctype html><html><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{title}</title><style>{_VIEW_CSS}</style></head><body>"
        f"<header><h1>{title}</h1><p>{html.escape(file.source)} · "
        f"<a href=\"/{original}\">original file</a></p>"
        + (f"<p class=\"note\">{html.escape(note)}</p>" if note else "")
        + f"</header><main><pre>{body}</pre></main></body></html>"
    )


_VIEW_CSS = """
body { font: 16px/1.55 system-ui, sans-serif; margin: 0 auto; max-width: 52rem; padding: 1rem 1.2rem 4rem;
  color: #1f2937; background: #fff; }
h1 { font-size: 1.3rem; margin: 0.2rem 0; } header p { color: #6b7280; margin: 0.2rem 0 1rem; }
.note { color: #92400e; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; }
mark { background: #fde68a; color: inherit; padding: 0.1em 0; scroll-margin-top: 30vh; }
"""
