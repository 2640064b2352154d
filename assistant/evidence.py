"""Evidence selection: the sentences of the retrieved passages that best answer the question.

A 135M-parameter model copies well but reasons poorly, so the pipeline finds the supporting
sentences itself (embedding similarity plus term overlap) and hands the model only those.
The best sentence is also quoted in the answer, so the exact words are always shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.chunking import split_sentences
from assistant.embedding import Embedder
from assistant.schema import Passage
from assistant.text import asks_when, asks_why, content_terms, fold, states_date, states_reason

LEXICAL_WEIGHT = 0.5  # share of the question's terms, beyond the title's, found in the sentence
# When the title explains all but one or two of the question's terms, that one word would swing
# the whole lexical weight ("adopted" in a sentence about another resolution), so the share is
# taken of at least this many terms.
MIN_SPECIFIC_TERMS = 3
CONTEXT_WEIGHT = 0.25  # a sentence inherits some of its passage's similarity (headings, subject)
# Sentences that describe the source ("This news item reports that…") match almost any question
# about that document but rarely hold the fact asked for. ("These …" refers back to content.)
SOURCE_DESCRIPTION_PENALTY = 0.1
SOURCE_DESCRIPTION_OPENINGS = ("this ", "cette ", "ce ", "cet ", "dieser ", "diese ", "dieses ",
                               "este ", "esta ", "tento ", "tato ", "toto ")
# A why-question is answered by a sentence that gives a reason ("…, since they feed stigma"),
# a when-question by one that states a date; either wins a near-tie with one that doesn't.
ANSWER_TYPE_BONUS = 0.15
MAX_SENTENCES = 80


@dataclass(frozen=True)
class Evidence:
    passage_index: int  # index into the retrieved passages
    text: str
    start: int  # offsets into the source file, like the passage's
    end: int
    score: float


def select_evidence(question: str, passages: list[Passage], embedder: Embedder) -> list[Evidence]:
    """All sentences of the passages, best first."""
    candidates = []
    for index, passage in enumerate(passages):
        for span in split_sentences(passage.text):
            text = passage.text[span.start:span.end]
            if len(content_terms(text)) >= 3:
                candidates.append((index, text, passage.start + span.start, passage.start + span.end))
    candidates = candidates[:MAX_SENTENCES]
    if not candidates:
        return []
    # The title gives a sentence its subject ("It was adopted in 2011" - what was?).
    vectors = embedder.encode_cached([f"{passages[index].title}. {text}" for index, text, _, _ in candidates])
    question_vector = embedder.encode_one(question)
    cosines = vectors @ question_vector
    question_terms = set(content_terms(question))
    answer_type = _answer_type(question)
    scored = [
        Evidence(index, text, start, end,
                 float(cosine + CONTEXT_WEIGHT * passages[index].dense_score
                       + LEXICAL_WEIGHT * _specific_overlap(question_terms, passages[index].title, text)
                       - SOURCE_DESCRIPTION_PENALTY * _describes_source(text)
                       + ANSWER_TYPE_BONUS * bool(answer_type and answer_type(text))))
        for (index, text, start, end), cosine in zip(candidates, np.atleast_1d(cosines))
    ]
    return sorted(scored, key=lambda e: -e.score)


def _answer_type(question: str):
    """The test a sentence of the expected kind passes, for the question words that expect one."""
    if asks_why(question):
        return states_reason
    if asks_when(question):
        return states_date
    return None


def _describes_source(sentence: str) -> bool:
    return fold(sentence).startswith(SOURCE_DESCRIPTION_OPENINGS)


def _specific_overlap(question_terms: set[str], title: str, sentence: str) -> float:
    """Share of the question's terms found in the sentence, not counting those the document's
    title already explains (they say which document, not which sentence); of at least
    MIN_SPECIFIC_TERMS terms."""
    specific = question_terms - set(content_terms(title))
    if not specific:
        return 0.0
    return len(specific & set(content_terms(sentence))) / max(len(specific), MIN_SPECIFIC_TERMS)
