"""The typed values that flow through the pipeline and out of the API."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Document:
    """One source file, parsed to plain text plus its descriptive metadata."""

    doc_id: str  # file name without extension
    source: str  # path relative to the corpus folder, with forward slashes
    title: str
    text: str
    content_hash: str
    url: str = ""
    author: str = ""
    publisher: str = ""
    date: str = ""
    language: str = ""
    kind: str = ""
    text_offset: int = 0  # where `text` starts in the file (front matter is skipped)
    # (start offset into text, page number) for formats with pages; empty otherwise.
    page_starts: tuple[tuple[int, int], ...] = ()
    ocr_pages: tuple[int, ...] = ()  # pages whose text Tesseract read (scans)
    ocr_note: str = ""  # what the sync report says about that ("read by OCR: pages 1-2, in fra ...")


@dataclass(frozen=True)
class Chunk:
    """A span of a document small enough to embed; offsets index the document's file text."""

    chunk_id: str
    doc_id: str
    source: str
    text: str
    start: int
    end: int
    title: str
    url: str = ""
    author: str = ""
    publisher: str = ""
    date: str = ""
    language: str = ""
    kind: str = ""
    heading: str = ""
    page: int = 0

    def embedding_text(self) -> str:
        """What the encoder and BM25 see: the title and heading give a bare paragraph its subject."""
        parts = [self.title, self.heading, self.text]
        return "\n".join(part for part in parts if part)


@dataclass
class Passage:
    """A retrieved chunk with the scores that ranked it."""

    chunk_id: str
    doc_id: str
    source: str
    title: str
    text: str
    start: int
    end: int
    url: str = ""
    author: str = ""
    publisher: str = ""
    date: str = ""
    language: str = ""
    page: int = 0
    heading: str = ""  # the section the passage comes from
    score: float = 0.0  # the fusion's score (reciprocal rank, or the fitted trees')
    dense_score: float = 0.0  # cosine similarity with the question
    lexical_score: float = 0.0  # BM25

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Citation:
    """A passage an answer cites: where it comes from, its text, and the words of it that
    support the answer (`highlight`). `Answer.citations[n - 1]` is the source of marker [n]."""

    chunk_id: str
    doc_id: str
    source: str
    title: str
    text: str
    start: int  # offsets of `text` in the source file
    end: int
    highlight: str
    url: str = ""
    author: str = ""
    publisher: str = ""
    date: str = ""
    language: str = ""
    page: int = 0
    heading: str = ""

    @classmethod
    def from_passage(cls, passage: Passage, highlight: str) -> "Citation":
        return cls(chunk_id=passage.chunk_id, doc_id=passage.doc_id, source=passage.source, title=passage.title,
                   text=passage.text, start=passage.start, end=passage.end, highlight=highlight,
                   url=passage.url, author=passage.author, publisher=passage.publisher, date=passage.date,
                   language=passage.language, page=passage.page, heading=passage.heading)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    question: str
    text: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)  # what retrieval found, best first
    # The model's sentences that no passage supported: dropped from `text`, kept for inspection.
    unsupported: list[str] = field(default_factory=list)
    generated: str = ""  # the model's raw output, before checking
    timings: dict[str, float] = field(default_factory=dict)
    scope: str = ""  # the filters the question was asked within ("language fr; since 2018"), if any

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "text": self.text,
            "refused": self.refused,
            "citations": [c.to_dict() for c in self.citations],
            "passages": [p.to_dict() for p in self.passages],
            "unsupported": self.unsupported,
            "generated": self.generated,
            "timings": self.timings,
            "scope": self.scope,
        }

    def to_markdown(self, heading_level: int = 2) -> str:
        """The question, the answer and its numbered sources (title, date, publisher, link,
        page, file and the quoted words), for pasting into a paper. A refusal lists the
        closest passages instead, marked as not an answer."""
        hashes = "#" * heading_level
        lines = [f"{hashes} {_one_line(self.question)}", ""]
        if self.scope:
            lines += [f"Asked within: {self.scope}", ""]
        lines += [self.text.strip(), ""]
        if self.citations:
            lines += ["Sources:", ""]
            lines += _source_lines(self.citations, lambda c: c.highlight or c.text)
        elif self.refused and self.passages:
            lines += ["Closest passages (not an answer):", ""]
            lines += _source_lines(self.passages[:3], lambda p: p.text)
        return "\n".join(lines).rstrip() + "\n"

    @classmethod
    def from_dict(cls, data: dict) -> "Answer":
        return cls(
            question=data["question"],
            text=data["text"],
            refused=data["refused"],
            citations=[Citation(**c) for c in data["citations"]],
            passages=[Passage(**p) for p in data["passages"]],
            unsupported=list(data.get("unsupported", [])),
            generated=data.get("generated", ""),
            timings=data.get("timings", {}),
            scope=data.get("scope", ""),
        )


@dataclass
class DocumentOutcome:
    source: str
    status: str  # added | updated | renamed | removed | unchanged | failed | known failure
    chunks: int = 0
    reason: str = ""


@dataclass
class IndexReport:
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    rebuilt: bool = False
    embedded_chunks: int = 0
    seconds: float = 0.0

    def by_status(self, status: str) -> list[DocumentOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def added(self) -> list[str]:
        return [o.source for o in self.by_status("added")]

    @property
    def updated(self) -> list[str]:
        return [o.source for o in self.by_status("updated")]

    @property
    def renamed(self) -> list[str]:
        return [o.source for o in self.by_status("renamed")]

    @property
    def removed(self) -> list[str]:
        return [o.source for o in self.by_status("removed")]

    @property
    def unchanged(self) -> list[str]:
        return [o.source for o in self.by_status("unchanged")]

    @property
    def failed(self) -> list[DocumentOutcome]:
        """Files that failed in this sync: new or changed since they last failed."""
        return self.by_status("failed")

    @property
    def known_failures(self) -> list[DocumentOutcome]:
        """Files that failed before and have not changed: not tried again."""
        return self.by_status("known failure")

    def summary(self) -> str:
        counts = ", ".join(
            f"{len(self.by_status(s))} {s}"
            for s in ("added", "updated", "renamed", "removed", "unchanged", "failed")
        )
        known = len(self.known_failures)
        if known:  # failed before and unchanged since: not tried again, listed in the Documents tab
            counts += f" ({known} unchanged file{'s' if known > 1 else ''} still unusable)"
        work = f"embedded {self.embedded_chunks} chunks" if self.embedded_chunks else "no embedding needed"
        rebuilt = " (full rebuild)" if self.rebuilt else ""
        return f"{counts}; {work}{rebuilt} in {self.seconds:.1f} s"

    def to_dict(self) -> dict:
        return {
            "rebuilt": self.rebuilt,
            "embedded_chunks": self.embedded_chunks,
            "seconds": round(self.seconds, 3),
            "summary": self.summary(),
            "documents": [asdict(o) for o in self.outcomes],
        }


def _source_lines(sources, quoted) -> list[str]:
    lines = []
    for number, source in enumerate(sources, start=1):
        facts = [source.date, source.author, source.publisher, source.url, f"p. {source.page}" if source.page else "",
                 f"file {source.source}"]
        lines.append(f"{number}. *{_one_line(source.title or source.source)}* — "
                     + ", ".join(_one_line(str(f)) for f in facts if f))
        words = _one_line(quoted(source))
        if len(words) > 600:
            words = words[:600].rsplit(" ", 1)[0] + " …"
        lines += [f"   > {words}", ""]
    return lines


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
