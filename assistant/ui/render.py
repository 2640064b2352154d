"""HTML and Markdown for the chat UI: citation cards and answers with linked `[n]` markers.

Everything that comes from a document or the model is untrusted: passages may carry hostile
markup, so every piece of document text is escaped here before it reaches the page, and only
http(s) URLs become links.
"""

from __future__ import annotations

import html
import re
from typing import Sequence
from urllib.parse import urlsplit

from assistant.ingest.ocr import page_ranges
from assistant.ingest.screening import screening_note
from assistant.schema import Answer, Citation, Passage
from assistant.sources import source_link

MARKER = re.compile(r"\[(\d+)\]")
# Characters that would make Gradio's Markdown renderer format (or drop) plain answer text.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~$])")
SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)
AUTOLINK_START = re.compile(r"(?<=[a-z])://|www\.|@", re.IGNORECASE)
MAX_CARD_CHARS = 900  # long passages are cut around the highlight so cards stay readable


def answer_markdown(text: str, citation_count: int = 0, anchor_prefix: str = "cite-") -> str:
    """Plain answer text as safe Markdown; `[n]` markers that index a citation link to its card."""
    pieces, last = [], 0
    for match in MARKER.finditer(text):
        number = int(match.group(1))
        if 1 <= number <= citation_count:
            pieces.append(plain_markdown(text[last:match.start()]))
            pieces.append(f"[[{number}]](#{anchor_prefix}{number})")
            last = match.end()
    pieces.append(plain_markdown(text[last:]))
    return "".join(pieces)


def plain_markdown(text: str) -> str:
    """Text shown literally by a Markdown renderer: no HTML, no emphasis, no links. A URL
    or address quoted from a document stays visible but is not clickable: the renderer's
    autolinker looks for "http://", "www." and "@", so their last character is escaped with a
    backslash, which Markdown shows as the bare character ("http:/\\/", "www\\.", "\\@")."""
    text = MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return AUTOLINK_START.sub(lambda match: match.group(0)[:-1] + "\\" + match.group(0)[-1], text)


def render_sources(answer: Answer | None) -> str:
    """The cards under the chat: the citations of an answer, or the closest passages of a refusal."""
    if answer is None:
        return ""
    if answer.refused:
        cards = [render_card(p, n, f"passage-{n}") for n, p in enumerate(answer.passages[:3], 1)]
        heading = "Closest passages (not an answer)"
        css_class = "sources sources-refused"
    else:
        cards = [render_card(c, n, f"cite-{n}", c.highlight) for n, c in enumerate(answer.citations, 1)]
        heading = "Sources"
        css_class = "sources"
    if not cards:
        return ""
    return (f'<section class="{css_class}" aria-label="{heading}"><h3>{heading}</h3>'
            + "".join(cards) + "</section>")


def render_card(passage: Passage | Citation, number: int, anchor: str, highlight: str = "") -> str:
    title = html.escape(passage.title or passage.source or "Untitled document")
    if safe_url(passage.url):  # the document's own source URL; never a link from its text
        host = html.escape(urlsplit(passage.url.strip()).hostname or "")
        title = (f'<a href="{html.escape(passage.url.strip(), quote=True)}" target="_blank" '
                 f'rel="noopener noreferrer nofollow">{title}</a> <span class="cite-host">{host}</span>')
    meta = [passage.date, passage.author, passage.publisher, passage.language.upper() if passage.language else "",
            f"p. {passage.page}" if passage.page > 0 else "", f"§ {passage.heading}" if passage.heading else ""]
    meta_line = " · ".join([html.escape(str(item)) for item in meta if item] + [_open_link(passage)])
    return (
        f'<article class="cite-card" id="{html.escape(anchor, quote=True)}">'
        f'<header><span class="cite-num">[{number}]</span> <span class="cite-title">{title}</span></header>'
        f'<div class="cite-meta">{meta_line}</div>'
        f'<blockquote class="cite-text">{highlight_passage(passage.text, highlight)}</blockquote>'
        "</article>"
    )


def _open_link(passage: Passage | Citation) -> str:
    """The file name, linked to the source opened at the passage (served by the app)."""
    href = html.escape(source_link(passage.source, passage.page, passage.start, passage.end), quote=True)
    where = f" at p. {passage.page}" if passage.page > 0 else " at the passage"
    return (f'<a class="cite-open" href="{href}" target="_blank" rel="noopener noreferrer" '
            f'title="Open {html.escape(passage.source, quote=True)}{where}">{html.escape(passage.source)}</a>')


def highlight_passage(text: str, highlight: str) -> str:
    """The escaped passage with the cited sentence wrapped in <mark> (whitespace may differ)."""
    span = _find(text, highlight)
    if span is None:
        cut = text if len(text) <= MAX_CARD_CHARS else text[:MAX_CARD_CHARS].rstrip() + " …"
        return html.escape(cut)
    start, end = span
    text, start, end = _window(text, start, end)
    return (html.escape(text[:start]) + "<mark>" + html.escape(text[start:end]) + "</mark>"
            + html.escape(text[end:]))


def render_documents(documents: dict, query: str = "") -> str:
    """The Documents tab table: one row per indexed file, from `Assistant.indexed_documents()`.

    `query` keeps the rows whose title, file name, date or language contain every of its words.
    """
    if not documents:
        return '<div class="doc-list"><p>No documents are indexed yet.</p></div>'
    words = query.lower().split()
    shown = [(source, entry) for source, entry in documents.items()
             if all(word in " ".join((entry.title, source, entry.date, entry.language)).lower()
                    for word in words)]
    shown.sort(key=lambda item: (item[1].title or item[0]).lower())
    total = len(documents)
    count = (f"{total} documents indexed" if not words
             else f"{len(shown)} of {total} documents match “{html.escape(query.strip())}”")
    if not shown:
        return f'<div class="doc-list"><p class="doc-count">{count}</p></div>'
    rows = "".join(
        f"<tr><td>{html.escape(entry.title or source)}{_document_flags(entry)}</td><td>{html.escape(entry.date)}</td>"
        f"<td>{html.escape(entry.language)}</td><td>{len(entry.chunk_ids)}</td>"
        f"<td><code>{html.escape(source)}</code></td></tr>"
        for source, entry in shown
    )
    return (f'<div class="doc-list"><p class="doc-count">{count}</p><div class="doc-scroll"><table>'
            '<thead><tr><th>Title</th><th>Date</th><th>Lang.</th><th>Chunks</th><th>File</th></tr>'
            f"</thead><tbody>{rows}</tbody></table></div></div>")


def render_failed(failed: dict) -> str:
    """Files the index could not use (from `Assistant.failed_files()`), each once with its
    reason, until it changes, is retried or deleted."""
    if not failed:
        return ""
    items = "".join(f"<li><code>{html.escape(source)}</code>: {html.escape(entry.reason)}</li>"
                    for source, entry in sorted(failed.items()))
    count = len(failed)
    return (f'<div class="report-failed doc-failed"><h4>{count} file{"s" if count != 1 else ""} in the corpus '
            f"folder could not be used</h4><ul>{items}</ul>"
            "<small>They are not tried again until they change; choose one below to retry or delete it.</small>"
            "</div>")


def _document_flags(entry) -> str:
    note = screening_note(entry.excluded_sentences, entry.withheld)
    flag = f' <span class="doc-flag" role="note">⚠ {html.escape(note)}</span>' if note else ""
    if entry.ocr_pages:  # a scan: its text is Tesseract's reading, which may hold misread words
        flag += f' <span class="doc-ocr" role="note">read by OCR: {html.escape(page_ranges(entry.ocr_pages))}</span>'
    return flag


REPORT_LABELS = {"added": "Added", "updated": "Updated", "renamed": "Renamed", "removed": "Removed"}


def render_report(report, uploads: Sequence = (), error: str = "") -> str:
    """The result of an upload and/or sync: rejected uploads and failed files first, then changes.

    `report` is an `IndexReport` (or None when the sync did not run), `uploads` the
    `SavedUpload`s of this action, `error` a message when the sync itself failed.
    """
    parts = []
    rejected = [u for u in uploads if not u.ok]
    failed = list(report.failed) if report is not None else []
    if error:
        parts.append(f'<p class="report-error" role="alert"><strong>Sync failed:</strong> '
                     f"{html.escape(error)}</p>")
    if rejected or failed:
        items = [f"<li><strong>{html.escape(u.original)}</strong>: not uploaded, "
                 f"{html.escape(u.reason)}</li>" for u in rejected]
        items += [f"<li><strong>{html.escape(o.source)}</strong>: {html.escape(o.reason)}</li>"
                  for o in failed]
        parts.append(f'<div class="report-failed" role="alert"><h4>{len(items)} file'
                     f'{"s" if len(items) != 1 else ""} could not be used</h4>'
                     f'<ul>{"".join(items)}</ul></div>')
    notes = [u for u in uploads if u.ok and u.reason]
    if notes:
        parts.append("<ul class=\"report-notes\">" + "".join(
            f"<li>{html.escape(u.original)}: {html.escape(u.reason)}</li>" for u in notes) + "</ul>")
    if report is not None:
        rows = []
        for status, label in REPORT_LABELS.items():
            for outcome in report.by_status(status):
                plural = "s" if outcome.chunks != 1 else ""
                detail = f"{outcome.chunks} chunk{plural}" if status != "removed" else ""
                if outcome.reason:
                    detail = f"{detail}, {outcome.reason}" if detail else outcome.reason
                rows.append(f'<li class="report-{status}"><span class="report-status">{label}</span> '
                            f"<code>{html.escape(outcome.source)}</code>"
                            + (f" <small>{html.escape(detail)}</small>" if detail else "") + "</li>")
        summary = html.escape(report.summary())
        parts.append(f'<p class="report-summary"><strong>Index updated:</strong> {summary}</p>')
        if rows:
            parts.append(f'<ul class="report-changes">{"".join(rows)}</ul>')
        else:
            parts.append("<p>No documents changed.</p>")
    return f'<section class="sync-report" aria-live="polite">{"".join(parts)}</section>' if parts else ""


def safe_url(url: str) -> bool:
    """An http(s) URL with a host and no spaces or quotes: the only kind a card links to."""
    url = (url or "").strip()
    if not SAFE_URL.match(url) or re.search(r"[\s\"'<>]", url):
        return False
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:  # a malformed port or IPv6 literal
        return False


def history_for_model(turns: Sequence[dict]) -> list[dict]:
    """Role/content dicts with plain text only, as `Assistant.ask_stream` expects."""
    return [{"role": t["role"], "content": t["content"]} for t in turns
            if t.get("role") in ("user", "assistant") and isinstance(t.get("content"), str)]


def _find(text: str, needle: str) -> tuple[int, int] | None:
    needle = needle.strip()
    if not needle:
        return None
    start = text.find(needle)
    if start >= 0:
        return start, start + len(needle)
    words = needle.split()
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return (match.start(), match.end()) if match else None


def _window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Cut a long passage to about MAX_CARD_CHARS around [start, end), keeping offsets valid."""
    if len(text) <= MAX_CARD_CHARS:
        return text, start, end
    room = max(MAX_CARD_CHARS - (end - start), 0) // 2
    left, right = max(start - room, 0), min(end + room, len(text))
    prefix = "… " if left > 0 else ""
    suffix = " …" if right < len(text) else ""
    return prefix + text[left:right] + suffix, start - left + len(prefix), end - left + len(prefix)
