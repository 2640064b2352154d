"""Composing the cited answer: the model's verified sentences, then the chosen quotes.

Every quote is verbatim, so it is always supported; a model sentence appears only when
`verification` found the passage it rests on. Markers are numbered in the order sources are
first cited and index `Answer.citations`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.evidence import Evidence
from assistant.answer.params import TUNING, Tuning
from assistant.answer.question import Question
from assistant.answer.quotes import Quote
from assistant.answer.untrusted_text import quotable
from assistant.answer.verification import Claim, longest_common_run
from assistant.language.normalise import fold, tokens
from assistant.schema import Citation, Passage

PHRASES = {
    "en": "The source says: “{quote}” [{n}]",
    "fr": "Le document indique : « {quote} » [{n}]",
    "de": "Das Dokument sagt: „{quote}“ [{n}]",
}


@dataclass
class ComposedAnswer:
    text: str
    citations: list[Citation]
    unsupported: list[str]  # the model's sentences that no passage supported


def compose_answer(question: Question, claims: list[Claim], quotes: list[Quote],
                   tuning: Tuning = TUNING) -> ComposedAnswer:
    quote_phrase = PHRASES.get(question.language, PHRASES["en"])
    sources = _Sources()
    supported = [c for c in claims if c.passage is not None
                 and not _repeats(c, quotes[0].shown if quotes else None, tuning.repeat_share)]
    supported = _said_once(supported)
    if supported:  # the model's verified sentence is the answer; the best quote (of each part) shows its source
        # ...but a list that a quote announces ("…to discuss three topics:") is kept, since
        # the model rarely copies a list whole
        quotes = [quote for quote in quotes if quote.first_of_part or quote.announces_list]
    parts: list[str] = []
    for sentence in _with_antecedents(quotes):
        number = sources.cite(sentence.passage, sentence.text)
        parts.append(quote_phrase.format(quote=_shorten(sentence.text, tuning), n=number))
    for claim in reversed(supported[:tuning.max_claims]):
        number = sources.cite(claim.passage, claim.support)
        parts.insert(0, f"{_with_period(claim.text)} [{number}]")
    parts = _fit(parts, tuning.max_answer_chars)
    used = {int(m) for text in parts for m in re.findall(r"\[(\d+)\]", text)}
    return ComposedAnswer(" ".join(parts), sources.citations(used), [c.text for c in claims if c.passage is None])


class _Sources:
    """The passages cited so far, numbered in order of first citation, each with the words of
    it that were first cited (highlighted on its card)."""

    def __init__(self):
        self._numbered: dict[str, tuple[int, Passage, str]] = {}

    def cite(self, passage: Passage, highlight: str) -> int:
        entry = self._numbered.setdefault(passage.chunk_id, (len(self._numbered) + 1, passage, highlight))
        return entry[0]

    def citations(self, used: set[int]) -> list[Citation]:
        return [Citation.from_passage(passage, highlight)
                for number, passage, highlight in sorted(self._numbered.values(), key=lambda e: e[0])
                if number in used]


def _with_antecedents(quotes: list[Quote]) -> list[Evidence]:
    """The evidence to show, in order: each quote that points back ("For this reason…") is
    preceded by the sentence it points to, unless that sentence is shown already."""
    shown = []
    for quote in quotes:
        if quote.antecedent and quote.antecedent not in shown:
            shown.append(quote.antecedent)
        shown.append(quote.shown)
    return shown


def _said_once(claims: list[Claim]) -> list[Claim]:
    """The model sometimes repeats a sentence word for word; the answer says it once."""
    first: dict[str, Claim] = {}
    for claim in claims:
        first.setdefault(fold(claim.text).rstrip(" ."), claim)
    return list(first.values())


def _repeats(claim: Claim, quoted: Evidence | None, share: float) -> bool:
    """A claim copied from the sentence quoted first would say the same thing twice."""
    if quoted is None:
        return False
    words = tokens(claim.text)
    return longest_common_run(words, tokens(quoted.text)) >= share * len(words)


def _fit(parts: list[str], max_chars: int) -> list[str]:
    """Drop trailing parts until the answer is short enough to read at a glance."""
    while len(parts) > 1 and sum(len(text) + 1 for text in parts) > max_chars:
        parts = parts[:-1]
    return parts


def _shorten(text: str, tuning: Tuning) -> str:
    """A long quote keeps its opening and its end, cut at words: the end of a long sentence
    is often the last item of a list or the clause that answers."""
    text = quotable(text)
    limit = tuning.max_quote_chars
    if len(text) <= limit:
        return text
    head = text[:int(limit * tuning.quote_head_share)].rsplit(" ", 1)[0]
    tail = text[-(limit - len(head)):].split(" ", 1)[-1]
    return f"{head} … {tail}"


def _with_period(sentence: str) -> str:
    sentence = sentence.rstrip(" ;:,")  # a copied list item ends "…overview;"
    return sentence if sentence[-1:] in ".!?" else sentence + "."
