"""Checking the model's sentences against the passages they could rest on.

A generated sentence is kept only when one run of consecutive passage sentences supports it:
most of its content terms and all of its numbers and names occur there, many of its words as
one unbroken run, it adds something the question did not already say, and it takes no word
from the question that the passage lacks. It is then cited to that passage, whatever number
the model wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from difflib import SequenceMatcher

from assistant.answer.params import TUNING, Tuning
from assistant.answer.question import Question
from assistant.answer.untrusted_text import MARKER
from assistant.language.normalise import content_terms, fold, name_terms, numbers, tokens
from assistant.language.sentences import split_sentences
from assistant.schema import Passage

NON_ANSWERS = ("not mention", "no information", "does not say", "don't know", "do not know",
               "cannot answer", "not provided", "not specified", "unknown", "no mention")
# "The item states:", "According to the source,": a model's lead-in to the words it copies.
PREAMBLE = re.compile(r"^(?:[\w'’]+\s+){0,4}(?:states|says|reads|notes|reports|indique|dit)\s*:\s*(?=[\"“«])",
                      re.IGNORECASE)
PAIRED_MARK = {"“": "”", "”": "“", "«": "»", "»": "«"}
# Ordinals name one item of a series ("the sixth priority"): a claim may only give the one its
# copied words stand beside.
ORDINALS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth premier premiere deuxieme "
    "seconde troisieme quatrieme cinquieme sixieme septieme huitieme neuvieme dixieme erste zweite dritte vierte "
    "funfte sechste siebte achte neunte zehnte".split())


@dataclass(frozen=True)
class Claim:
    text: str
    passage: Passage | None  # the passage that supports it; None when none does
    support: str = ""  # the passage's own words that support it, highlighted on the card


def verify_claims(generated: str, question: Question, passages: list[Passage],
                  tuning: Tuning = TUNING) -> list[Claim]:
    """Each sentence of the model's output, with the passage that supports it (if any)."""
    return ClaimCheck(question, passages, tuning).claims(generated)


class ClaimCheck:
    """The check of one answer's model output against its passages. The growing output is
    checked again and again, so the passages are analysed once (the costly part) and each
    sentence is judged once."""

    def __init__(self, question: Question, passages: list[Passage], tuning: Tuning = TUNING):
        self.question = question
        self.passages = passages
        self.tuning = tuning
        self._judged: dict[str, Claim | None] = {}

    @cached_property
    def windows(self) -> list[_Window]:
        return _support_windows(self.passages, self.tuning.support_window)

    def claims(self, generated: str) -> list[Claim]:
        """Each sentence of `generated`, with the passage that supports it (if any)."""
        # A line break ends a sentence too: "The answer is:\n[4] The Forum is…" is two.
        sentences = (line[s.start:s.end] for line in generated.splitlines() for s in split_sentences(line))
        return [claim for sentence in sentences if (claim := self._claim(sentence)) is not None]

    def _claim(self, written: str) -> Claim | None:
        """One sentence as the model wrote it, judged; None when it claims nothing checkable."""
        if written not in self._judged:
            sentence = _without_preamble(MARKER.sub("", written).strip())
            sentence = re.sub(r"\s+([.,;:!?])", r"\1", sentence)
            if (len(content_terms(sentence)) < self.tuning.min_claim_terms or sentence.rstrip(" .").endswith(":")
                    or any(phrase in fold(sentence) for phrase in NON_ANSWERS)):
                self._judged[written] = None
            else:
                self._judged[written] = Claim(sentence, *_supporting_passage(sentence, self.question.terms,
                                                                             self.windows, self.tuning))
        return self._judged[written]


def finished_sentences(generated: str) -> str:
    """The text the model has written up to the end of its last finished sentence: a sentence is
    finished once a line break or the next sentence follows it."""
    *done, writing = generated.split("\n")
    spans = split_sentences(writing)
    return "\n".join([*done, writing[:spans[-1].start] if spans else ""]).rstrip()


def _without_preamble(sentence: str) -> str:
    """The copied words of 'The item states: "This news item reports…' without the lead-in the
    model put before them, and without a quotation mark left unmatched."""
    sentence = PREAMBLE.sub("", sentence)
    if enclosed := re.fullmatch(r'["“«]\s*(.*?)\s*["”»]\s*', sentence):
        sentence = enclosed.group(1)
    if sentence.count('"') % 2:
        sentence = sentence.replace('"', "", 1)
    for mark, pair in PAIRED_MARK.items():
        if mark in sentence and pair not in sentence:
            sentence = sentence.replace(mark, "")
    return sentence.strip()


@dataclass(frozen=True)
class _Window:
    """Consecutive passage sentences a claim may rest on, with what the checks compare."""

    passage: Passage
    text: str
    terms: frozenset[str]
    numbers: frozenset[str]
    words: list[str]
    sentence_starts: tuple[int, ...]  # where each sentence's words start in `words`


def _support_windows(passages: list[Passage], size: int) -> list[_Window]:
    """Every window of every passage, analysed once for all the claims of an answer."""
    return [_window(passage, text) for passage in passages for text in _sentence_windows(passage.text, size)]


def _window(passage: Passage, text: str) -> _Window:
    sentences = [tokens(text[span.start:span.end]) for span in split_sentences(text)]
    starts = tuple(accumulate((len(words) for words in sentences[:-1]), initial=0))
    return _Window(passage, text, frozenset(content_terms(text)), frozenset(numbers(text)),
                   [word for words in sentences for word in words], starts)


def _supporting_passage(sentence: str, question_terms: frozenset[str], windows: list[_Window],
                        tuning: Tuning) -> tuple[Passage | None, str]:
    """The passage that supports the sentence, and the span of it that does."""
    terms = content_terms(sentence)
    if not terms:
        return None, ""
    sentence_numbers = numbers(sentence)
    names = name_terms(sentence)
    words = tokens(sentence)
    best, best_span, best_coverage = None, "", 0.0
    for window in windows:
        coverage = sum(t in window.terms for t in terms) / len(terms)
        adds_information = bool((set(terms) & window.terms) - question_terms)
        # A word the passage lacks but the question holds is how the model bends a passage into
        # an answer: "It carries forward … earlier manifestos" became "The 2006 Saragossa
        # Manifesto rejects … earlier manifestos" for "What does the Saragossa Manifesto reject?".
        borrowed = bool((set(terms) - window.terms) & question_terms)
        if not (coverage >= tuning.min_term_coverage and adds_information and not borrowed
                and coverage > best_coverage and sentence_numbers <= window.numbers
                and names <= window.terms):  # names exact
            continue
        run = _longest_match(words, window.words)
        if (run.size >= tuning.min_copied_share * len(words)
                and _ordinals(words) <= _ordinals(_sentence_at(window, run.b))):
            # Many of its words must stand in the passage as one unbroken run: a sentence stitched
            # from words found here and there has every term in the passage but says something else.
            # So must its ordinals, beside that run: "The sixth priority is to prevent drug use" is
            # not the fifth priority's sentence followed by one on the sixth.
            best, best_span, best_coverage = window.passage, window.text, coverage
    return best, best_span


def _ordinals(words: list[str]) -> set[str]:
    return set(words) & ORDINALS  # tokens are folded


def _sentence_at(window: _Window, position: int) -> list[str]:
    """The words of the window's sentence holding its word at `position`."""
    number = bisect_right(window.sentence_starts, position) - 1
    end = window.sentence_starts[number + 1] if number + 1 < len(window.sentence_starts) else len(window.words)
    return window.words[window.sentence_starts[number]:end]


def _longest_match(a: list[str], b: list[str]):
    """The longest sequence of consecutive words that occurs in both (size, and where in each)."""
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))


def longest_common_run(a: list[str], b: list[str]) -> int:
    """The length of the longest sequence of consecutive words that occurs in both."""
    return _longest_match(a, b).size


def _sentence_windows(text: str, size: int) -> list[str]:
    """Runs of consecutive sentences, as they stand in the text: words scattered over a whole
    passage don't support a claim."""
    spans = split_sentences(text)
    if len(spans) <= size:
        return [text[spans[0].start:spans[-1].end]] if spans else []
    starts = range(len(spans) - size + 1)
    return [text[spans[i].start:spans[i + size - 1].end] for i in starts]
