"""Sentence-aware chunking with character offsets, so a citation can point at an exact span.

A chunk never splits a sentence and never spans two sections: a heading starts a new chunk,
which keeps each passage about one thing (that is what makes a citation precise).
"""

from __future__ import annotations

import bisect
import hashlib
import itertools

from assistant.ingest.parsers import MARKDOWN_HEADING
from assistant.language.sentences import BLANK_LINES, Span, split_on, split_sentences
from assistant.schema import Chunk, Document

# Bump when chunking, or what a chunk carries from its file's metadata, changes: old indexes
# then rebuild themselves (4: authors, titles and languages read from PDF/DOCX/HTML/text files;
# 5: a numbered item's number no longer ends a sentence, so no chunk ends on the next "2.").
CHUNKING_VERSION = 5


def chunk_document(document: Document, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    """Cut a document into chunks of whole sentences, about `chunk_size` characters each."""
    text = document.text
    chunks: list[Chunk] = []
    key = chunk_key(document)
    for heading, section in _sections(text):
        sentences = section_sentences(text, section)
        # A chunk never spans a page break either, so a PDF citation names the right page.
        for _, page in itertools.groupby(sentences, key=lambda s: page_at(document, s.start)):
            for group in _group_sentences(list(page), chunk_size, chunk_overlap):
                chunks.append(_make_chunk(document, key, len(chunks), heading, group))
    return chunks


def section_sentences(text: str, section: Span) -> list[Span]:
    """The sentences of one section, never across a blank line."""
    return [s for block in split_on(BLANK_LINES, text, section.start, section.end)
            for s in split_sentences(text, block.start, block.end)]


def body_sentences(text: str) -> list[Span]:
    """Every sentence of a document's body as chunking sees it: headings are not sentences."""
    return [s for _, section in _sections(text) for s in section_sentences(text, section)]


def chunk_key(document: Document) -> str:
    """Chunk ids change when the content, the file name or the chunking algorithm changes."""
    seed = f"{CHUNKING_VERSION}|{document.source}|{document.content_hash}"
    return hashlib.sha1(seed.encode()).hexdigest()[:16]


def page_at(document: Document, offset: int) -> int:
    if not document.page_starts:
        return 0
    starts = [start for start, _ in document.page_starts]
    return document.page_starts[max(0, bisect.bisect_right(starts, offset) - 1)][1]


def _sections(text: str) -> list[tuple[str, Span]]:
    """(heading, span of body) pairs; text before the first heading has an empty heading."""
    sections, heading, cursor = [], "", 0
    for match in MARKDOWN_HEADING.finditer(text):
        sections.append((heading, Span(cursor, match.start())))
        heading, cursor = match.group(1).strip(), match.end()
    sections.append((heading, Span(cursor, len(text))))
    return [(h, s) for h, s in sections if text[s.start:s.end].strip()]


def _group_sentences(sentences: list[Span], size: int, overlap: int) -> list[list[Span]]:
    groups: list[list[Span]] = []
    current: list[Span] = []
    for sentence in sentences:
        if current and sentence.end - current[0].start > size:
            groups.append(current)
            current = _overlap_tail(current, overlap)
        current.append(sentence)
    if current and (not groups or current[-1] != groups[-1][-1]):
        groups.append(current)
    return groups


def _overlap_tail(group: list[Span], overlap: int) -> list[Span]:
    """The last sentences of a full chunk, repeated at the start of the next for context."""
    tail: list[Span] = []
    for sentence in reversed(group[1:]):
        if group[-1].end - sentence.start > overlap:
            break
        tail.insert(0, sentence)
    return tail


def chunk_id_at(key: str, index: int) -> str:
    """The id of a document's `index`-th chunk: "c04062dee8dfcdc9-00002"."""
    return f"{key}-{index:05d}"


def chunk_place(chunk_id: str) -> tuple[str, int]:
    """The document key and the chunk's place in the document, read back from its id."""
    key, _, index = chunk_id.rpartition("-")
    return key, int(index) if index.isdigit() else -1


def _make_chunk(document: Document, key: str, index: int, heading: str, group: list[Span]) -> Chunk:
    start, end = group[0].start, group[-1].end
    offset = document.text_offset
    return Chunk(
        chunk_id=chunk_id_at(key, index),
        doc_id=document.doc_id,
        source=document.source,
        text=document.text[start:end],
        start=offset + start,
        end=offset + end,
        title=document.title,
        url=document.url,
        author=document.author,
        publisher=document.publisher,
        date=document.date,
        language=document.language,
        kind=document.kind,
        heading=heading,
        page=page_at(document, start),
    )
