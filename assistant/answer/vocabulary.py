"""The terms of the indexed chunks: what the index can answer about at all.

Refusal asks it whether a question's names occur anywhere; BM25 asks it how an English word
is spelled in the German or Portuguese notes.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.language.cognates import are_cognates, cognate_key
from assistant.language.normalise import content_terms


class Vocabulary:
    """The terms of the indexed chunks, stemmed and folded as BM25 indexes them, the languages
    the indexed documents are in, and which terms each language's documents use."""

    def __init__(self, by_language: dict[str, set[str]], short_forms: Mapping[str, frozenset[str]] | None = None):
        """`by_language`: the terms of each language's chunks ("" for chunks of no stated language);
        `short_forms`: the long forms each short form is defined with ("efus": {"european forum
        for urban security", …}; see `language.acronyms`)."""
        self._by_language = by_language
        # As search terms, worked out once per index rather than for every question: each
        # one-term short form -> its long forms' terms, in order ("efus": {("european", …)}).
        self.short_forms: dict[str, frozenset[tuple[str, ...]]] = {}
        for short, longs in (short_forms or {}).items():
            short_terms = content_terms(short)
            if len(short_terms) == 1:
                self.short_forms[short_terms[0]] = frozenset(tuple(content_terms(long)) for long in longs)
        self._terms = frozenset().union(*by_language.values())
        self.languages = frozenset(language for language in by_language if language)
        self._by_cognate_key: dict[str, set[str]] = {}
        for term in self._terms:
            key = cognate_key(term)
            if key:
                self._by_cognate_key.setdefault(key, set()).add(term)

    def foreign_cognates(self, terms: list[str], language: str) -> list[str]:
        """Indexed terms that only documents in other languages than `language` use and that
        are cognates of `terms` ("koalit" for "coalit"): how an English question's words are
        spelled in a German or Portuguese note."""
        own = self._by_language.get(language, set())
        found = {other for term in terms for other in self._by_cognate_key.get(cognate_key(term), ())
                 if are_cognates(term, other)}
        return sorted(found - own - set(terms))

    def unknown_terms(self, terms: list[str], cognates: bool = False) -> list[str]:
        """The terms that occur in no indexed chunk at all. With `cognates` (a question in another
        language than the documents), a term whose cognate key an indexed term shares is known
        too: "Université" asks about what the documents call a "University"."""
        return [t for t in terms
                if t not in self._terms and not (cognates and cognate_key(t) in self._by_cognate_key)]

    def knows(self, word: str) -> bool:
        """Whether some indexed chunk contains this word."""
        terms = content_terms(word)
        return bool(terms) and not self.unknown_terms(terms)
