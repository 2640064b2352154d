"""Scoped questions: limit an answer to chosen documents, languages, publishers or dates.

`Filters` is what a caller asks for (Python, CLI flags, the API's `filters` field, the UI's
picker); `Scope` is what it means in one committed index: the documents allowed. Retrieval
applies the same set to BM25 and to the dense ranking (`HybridRetriever._restricted_dense_ranking`),
so nothing outside the scope can be read, quoted or cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Iterable, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.errors import AssistantError
from assistant.schema import Chunk

# A year, a month or a day: how the corpus dates documents ("2018", "2021-07", "2018-11-15").
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class FilterError(AssistantError):
    """A filter is malformed or matches no indexed document."""


class Filters(BaseModel):
    """Which documents a question may be answered from. Empty fields do not restrict."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    documents: tuple[str, ...] = Field((), description="document ids (file names without extension) or "
                                                       "paths relative to the corpus folder")
    languages: tuple[str, ...] = Field((), description="language codes: en, fr, de, cs, pt")
    publishers: tuple[str, ...] = Field((), description="words of the publisher's name, e.g. Efus, EMCDDA")
    since: str = Field("", description="earliest date, YYYY, YYYY-MM or YYYY-MM-DD")
    until: str = Field("", description="latest date, YYYY, YYYY-MM or YYYY-MM-DD")

    @field_validator("documents", "languages", "publishers", mode="before")
    @classmethod
    def _listed(cls, value: object) -> object:
        values = [value] if isinstance(value, str) else value
        if isinstance(values, (list, tuple)):
            return tuple(str(v).strip() for v in values if str(v).strip())
        return value

    @field_validator("languages")
    @classmethod
    def _lower(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.lower() for v in value)

    @field_validator("since", "until", mode="before")
    @classmethod
    def _date(cls, value: object) -> str:
        text = "" if value is None else str(value).strip()
        if text and not DATE.match(text):
            raise ValueError(f"{text!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
        return text

    @classmethod
    def coerce(cls, value: "Filters | Mapping | None") -> "Filters":
        """From what a Python caller passes: a `Filters`, a dict of its fields, or None."""
        if value is None:
            return cls()
        if isinstance(value, Filters):
            return value
        if not isinstance(value, Mapping):
            raise FilterError(f"filters must be a mapping of {', '.join(cls.model_fields)}, not {type(value).__name__}")
        try:
            return cls.model_validate(dict(value))
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or "filters"
            message = first["msg"].removeprefix("Value error, ")
            raise FilterError(f"filters.{field}: {message}") from None

    @property
    def empty(self) -> bool:
        return not (self.documents or self.languages or self.publishers or self.since or self.until)

    def describe(self) -> str:
        """For refusals and exports: "documents efus-2018-…; language fr; since 2018"."""
        parts = []
        for name, values in (("document", self.documents), ("language", self.languages),
                             ("publisher", self.publishers)):
            if values:
                parts.append(f"{name}{'s' if len(values) > 1 else ''} {', '.join(values)}")
        if self.since:
            parts.append(f"since {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        return "; ".join(parts)

    def admits(self, chunk: Chunk, documents: frozenset[str] | None = None) -> bool:
        """Whether the document this chunk belongs to is inside the filters (all chunks of a
        document share its metadata). `documents`: `self.documents` as a set, when checking many."""
        documents = frozenset(self.documents) if documents is None else documents
        if documents and chunk.doc_id not in documents and chunk.source not in documents:
            return False
        if self.languages and chunk.language.lower() not in self.languages:
            return False
        if self.publishers and not any(_words_in(p, chunk.publisher) for p in self.publishers):
            return False
        return self._dated_within(chunk.date)

    def _dated_within(self, date: str) -> bool:
        if not (self.since or self.until):
            return True
        date = date.strip()
        if not DATE.match(date):
            return False  # an undated document can't be shown to fall in the range
        # Compared at the coarser of the two precisions: a document dated "2018" is within
        # "since 2018-06", since it may be from later that year.
        if self.since and _at_precision(date, self.since) < _at_precision(self.since, date):
            return False
        return not (self.until and _at_precision(date, self.until) > _at_precision(self.until, date))


@dataclass(frozen=True)
class Scope:
    """The documents one question may be answered from, in one committed index."""

    filters: Filters
    doc_ids: frozenset[str]

    def label(self) -> str:
        return self.filters.describe()


def resolve_scope(filters: Filters, chunks: Iterable[Chunk]) -> Scope | None:
    """The allowed documents, or None when the filters are empty (everything is allowed).
    Raises `FilterError` naming the field when a filter matches nothing, so a typo in a
    document id is reported rather than answered with "the documents don't say"."""
    if filters.empty:
        return None
    chunks = list(chunks)
    doc_ids = {c.doc_id for c in chunks}
    known = doc_ids | {c.source for c in chunks}
    for wanted in filters.documents:
        if wanted not in known:
            close = get_close_matches(wanted, sorted(doc_ids), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise FilterError(f"filters.documents: no indexed document {wanted!r}{hint}")
    known_languages = {c.language.lower() for c in chunks if c.language}
    for language in filters.languages:
        if language not in known_languages:
            raise FilterError(f"filters.languages: no indexed document in {language!r}; "
                              f"indexed: {', '.join(sorted(known_languages))}")
    wanted = frozenset(filters.documents)
    allowed = frozenset(c.doc_id for c in chunks if filters.admits(c, wanted))
    if not allowed:
        raise FilterError(f"filters: no indexed document matches {filters.describe()}")
    return Scope(filters, allowed)


def _words_in(wanted: str, publisher: str) -> bool:
    """"efus" matches "European Forum for Urban Security (Efus)"; every word must appear."""
    have = set(re.findall(r"\w+", publisher.casefold()))
    return all(word in have for word in re.findall(r"\w+", wanted.casefold()))


def _at_precision(date: str, other: str) -> str:
    return date[:min(len(date), len(other))]
