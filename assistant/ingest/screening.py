"""Screening a document before it is chunked: instruction-like text is kept out of the index.

One instruction-like sentence is blanked out: replaced by spaces of the same length, so every
offset (chunk spans, PDF page starts, highlights) still points at the same place in the file,
while retrieval, quotes and the prompt never see it. A file with several is withheld whole:
it was written to steer an assistant, so its other sentences (often false answers placed
after copies of likely questions) are not evidence either. The manifest keeps the count, so
the sync report and the Documents tab say why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.language.instructions import InstructionDetector
from assistant.ingest.chunking import body_sentences
from assistant.schema import Document

# Two planted commands are a pattern, not a quotation; one may be a report quoting an attack.
WITHHOLD_AT = 2


@dataclass(frozen=True)
class Screening:
    document: Document  # the document with its instruction-like sentences blanked out
    excluded: int  # how many there were
    withheld: bool  # whether the whole file stays out of the index

    @property
    def note(self) -> str:
        return screening_note(self.excluded, self.withheld)


def screen_document(document: Document, detector: InstructionDetector) -> Screening:
    text = document.text
    spans = body_sentences(text)
    flags = detector.flags([text[span.start:span.end] for span in spans])
    excluded = [span for span, flagged in zip(spans, flags) if flagged]
    if not excluded:
        return Screening(document, 0, False)
    pieces, cursor = [], 0
    for span in excluded:
        pieces += [text[cursor:span.start], " " * (span.end - span.start)]
        cursor = span.end
    pieces.append(text[cursor:])
    title = document.title
    if detector.flags([title])[0]:
        title = document.doc_id  # a hostile title would be shown on every card
    screened = replace(document, text="".join(pieces), title=title)
    return Screening(screened, len(excluded), len(excluded) >= WITHHOLD_AT)


def screening_note(excluded: int, withheld: bool) -> str:
    """What the sync report and the Documents tab say about a screened file."""
    if not excluded:
        return ""
    plural = "s" if excluded != 1 else ""
    if withheld:
        return f"withheld: contains instruction-like text ({excluded} sentences), so nothing in it is used"
    return f"contains instruction-like text, {excluded} sentence{plural} excluded"
