"""Composing the cited answer: the chosen quotes first, then the model's verified sentences.

Every quote is verbatim, so it is always supported; a model sentence appears only when
`verification` found the passage it rests on. The answer is built so that it only grows: its
lead (the best quote of each part of the question) needs no model and is shown as soon as the
quotes are chosen, and what follows is added once the model's words are checked: the verified
sentences, or, when none is, the runner-up quotes. Markers are numbered in the order sources
are first cited and index `Answer.citations`.
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
from assistant.language.normalise import content_terms, fold, tokens
from assistant.language.sentences import LIST_ITEM_START
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


def compose_lead(question: Question, quotes: list[Quote], tuning: Tuning = TUNING) -> ComposedAnswer:
    """The start of the answer, known before the model writes: every answer begins with it."""
    sources = _Sources()
    parts = _lead(question, [q for q in quotes if _in_lead(q)], sources, tuning)
    return ComposedAnswer(" ".join(parts), sources.citations(_markers(parts)), [])


def compose_answer(question: Question, claims: list[Claim], quotes: list[Quote],
                   tuning: Tuning = TUNING) -> ComposedAnswer:
    sources = _Sources()
    lead_quotes = [q for q in quotes if _in_lead(q)]
    parts = _lead(question, lead_quotes, sources, tuning)
    supported = claims_shown(claims, quotes, tuning)
    if supported:  # the model's verified sentences say what the lead quotes show
        more = [f"{_with_period(claim.text)} [{sources.cite(claim.passage, claim.support)}]" for claim in supported]
    else:  # no checked sentence of the model's: the runner-up quotes say more
        more = _quote_parts(question, [q for q in quotes if not _in_lead(q)], sources, tuning,
                            _with_antecedents(lead_quotes))
    parts += _fitting(more, tuning.max_answer_chars - sum(len(text) + 1 for text in parts))
    return ComposedAnswer(" ".join(parts), sources.citations(_markers(parts)),
                          [c.text for c in claims if c.passage is None])


def claims_shown(claims: list[Claim], quotes: list[Quote], tuning: Tuning = TUNING) -> list[Claim]:
    """The model's claims an answer shows: supported by a passage, not repeating the best quote,
    each said once, at most `max_claims`."""
    supported = [c for c in claims if c.passage is not None
                 and not _repeats(c, quotes[0].shown if quotes else None, tuning.repeat_share)]
    return _said_once(supported)[:tuning.max_claims]


def model_has_said_enough(claims: list[Claim], quotes: list[Quote], tuning: Tuning = TUNING) -> bool:
    """Whether the model's finished sentences, checked (`claims`), already hold every claim the
    answer can show, or one that no passage supports: a small model that has begun to invent
    goes on inventing, and its later sentences would only cost time."""
    invented = any(claim.passage is None for claim in claims)
    return invented or len(claims_shown(claims, quotes, tuning)) >= tuning.max_claims


def _lead(question: Question, lead_quotes: list[Quote], sources: "_Sources", tuning: Tuning) -> list[str]:
    """The lead quotes, each with the sentence it points back to; as many as fit, at least one."""
    parts = _quote_parts(question, lead_quotes, sources, tuning, [])
    return parts[:1] + _fitting(parts[1:], tuning.max_answer_chars - len(parts[0]) - 1) if parts else []


def _in_lead(quote: Quote) -> bool:
    """The best quote of each part, and a quote announcing a list (the model rarely copies a
    list whole)."""
    return quote.first_of_part or quote.announces_list


def _quote_parts(question: Question, quotes: list[Quote], sources: "_Sources", tuning: Tuning,
                 already_shown: list[Evidence]) -> list[str]:
    phrase = PHRASES.get(question.language, PHRASES["en"])
    parts = []
    for sentence in _with_antecedents(quotes):
        if sentence in already_shown:
            continue
        parts.append(phrase.format(quote=_shorten(sentence.text, tuning, set(question.query_terms)),
                                   n=sources.cite(sentence.passage, sentence.text)))
    return parts


def _markers(parts: list[str]) -> set[int]:
    return {int(m) for text in parts for m in re.findall(r"\[(\d+)\]", text)}


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


def _fitting(parts: list[str], room: int) -> list[str]:
    """The leading parts that fit in `room` characters: an answer is read at a glance."""
    kept = []
    for text in parts:
        room -= len(text) + 1
        if room < 0:
            break
        kept.append(text)
    return kept


def _shorten(text: str, tuning: Tuning, wanted: set[str]) -> str:
    """A long quote keeps its opening and its end, cut at words: the end of a long sentence
    is often the last item of a list or the clause that answers. When a later clause holds
    more of the `wanted` terms (the question's) than the opening, it is kept instead of the
    opening: "… the legislative package on new psychoactive substances, which the Commission
    tabled in August 2016, …" must not fall in the cut."""
    is_list = sum(bool(LIST_ITEM_START.match(line)) for line in text.split("\n")) >= 2
    limit = tuning.max_list_quote_chars if is_list else tuning.max_quote_chars
    if is_list:  # a list's items are shortened only as much as it takes for all to fit
        for words in tuning.list_item_words:
            shown = quotable(_with_short_items(text, words))
            if len(shown) <= limit:
                break
        text = shown
    else:
        text = quotable(text)
    if len(text) <= limit:
        return text
    head_length = int(limit * tuning.quote_head_share)
    start = 0 if is_list else _start_of_stretch_most_wanted(text, head_length, wanted)
    if start + head_length >= len(text) - (limit - head_length):  # the stretch runs into the end
        return "… " + text[-limit:].split(" ", 1)[-1]
    head = text[start:start + head_length].rsplit(" ", 1)[0]
    tail = text[-(limit - len(head)):].split(" ", 1)[-1]
    return f"{'… ' if start else ''}{head} … {tail}"


CLAUSE_START = re.compile(r"(?<=[,;:.)]) (?=\S)")


def _start_of_stretch_most_wanted(text: str, length: int, wanted: set[str]) -> int:
    """Where the stretch of `length` characters opening a clause holds the most wanted terms;
    the opening (0) unless a later one holds strictly more."""
    best, most = 0, len(wanted & set(content_terms(text[:length])))
    for match in CLAUSE_START.finditer(text):
        held = len(wanted & set(content_terms(text[match.end():match.end() + length])))
        if held > most:
            best, most = match.end(), held
    return best


def _with_short_items(text: str, words: int) -> str:
    """A quoted list shows each item's opening words ("1. policies meeting the particular
    needs of …;"): every item asked for fits in the answer, and items open with what they are."""
    shown = []
    for line in text.split("\n"):
        item = LIST_ITEM_START.match(line)
        parts = line.split()
        if item and len(parts) > words + 1:
            line = " ".join(parts[:words + 1]) + " …" + (line.rstrip()[-1] if line.rstrip()[-1] in ";," else "")
        shown.append(line)
    return "\n".join(shown)


def _with_period(sentence: str) -> str:
    sentence = sentence.rstrip(" ;:,")  # a copied list item ends "…overview;"
    return sentence if sentence[-1:] in ".!?" else sentence + "."
