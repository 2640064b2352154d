"""Evidence selection: the sentences of the retrieved passages that best answer the question.

A 135M-parameter model copies well but reasons poorly, so the pipeline finds the supporting
sentences itself (embedding similarity plus term overlap) and hands the model only those.
The best sentence is also quoted in the answer, so the exact words are always shown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from assistant.chunking import split_sentences
from assistant.embedding import Embedder
from assistant.schema import Passage
from assistant.person_names import load_first_names, names_another_person
from assistant.place_names import load_city_names, names_another_place
from assistant.text import (asked_languages, asks_for_name, asks_when, asks_where, asks_who, asks_why, cognates_among,
                            content_terms, fold, gives_name, key_terms, names_document, question_language,
                            states_date, states_reason)

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
# a when-question by one that states a date, a where-question by one that names a city the
# question doesn't, a who-question by one that names a person it doesn't ("The author is Anne
# Coppel"), a question about "the French edition" by a sentence of the French note; each wins a
# near-tie with one that doesn't.
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
    question_terms = set(content_terms(question))
    language = question_language(question)
    as_cognates = _matched_as_cognates(language, passages)
    candidates = []
    for index, passage in enumerate(passages):
        for span in split_sentences(passage.text):
            text = passage.text[span.start:span.end]
            terms = content_terms(text)
            if len(terms) >= 3:
                matchable = _matchable(set(terms), question_terms, as_cognates[index])
                candidates.append((index, text, passage.start + span.start, passage.start + span.end, matchable))
    candidates = candidates[:MAX_SENTENCES]
    if not candidates:
        return []
    # The title gives a sentence its subject ("It was adopted in 2011" - what was?).
    vectors = embedder.encode_cached([f"{passages[index].title}. {text}" for index, text, *_ in candidates])
    question_vector = embedder.encode_one(question)
    languages = [passages[index].language for index, *_ in candidates]
    cosines = _calibrated_across_languages(vectors @ question_vector, languages, language)
    answer_type = _answer_type(question)
    edition_languages = set(asked_languages(question).values())
    # What the title explains says which document, not which sentence; so, within a document,
    # does the publisher's name.
    titled = [_matchable(set(content_terms(p.title)), question_terms, other)
              for p, other in zip(passages, as_cognates)]
    identified = [terms | _matchable(set(content_terms(p.publisher)), question_terms, other)
                  for terms, p, other in zip(titled, passages, as_cognates)]
    # "What does the 2006 Saragossa Manifesto reject?": when a document's title holds all the
    # question's names, another document's "…Naples (2000), Saragossa (2006)…" only mentions it.
    names = set(key_terms(question, language))
    named = {p.doc_id for p in passages if names_document(names, p.title)}
    scored, within = [], []
    for (index, text, start, end, terms), cosine in zip(candidates, np.atleast_1d(cosines)):
        if named and passages[index].doc_id not in named:
            terms = terms - names
        shared = (cosine + CONTEXT_WEIGHT * passages[index].dense_score
                  - SOURCE_DESCRIPTION_PENALTY * _describes_source(text)
                  + ANSWER_TYPE_BONUS * bool(answer_type and answer_type(text))
                  + ANSWER_TYPE_BONUS * (passages[index].language in edition_languages))
        overlap = _specific_overlap(question_terms, titled[index], terms)
        scored.append(Evidence(index, text, start, end, float(shared + LEXICAL_WEIGHT * overlap)))
        overlap = _specific_overlap(question_terms, identified[index], terms)
        within.append(float(shared + LEXICAL_WEIGHT * overlap))
    ranked = sorted(_ordered_within_documents(scored, within, passages), key=lambda e: -e.score)
    return _each_sentence_once(ranked, passages)


def _calibrated_across_languages(cosines: np.ndarray, languages: list[str], own: str) -> np.ndarray:
    """The English encoder gives sentences in other languages lower cosines across the board
    (a German sentence that answers scored 0.31, English ones that don't 0.72-0.80). Each
    other language's cosines are raised so that their median meets the median of the
    sentences in the question's own language: a sentence then competes on how well it matches
    among those of its language. Never lowered; nothing to calibrate against without
    sentences in the question's language."""
    languages = np.array([language or own for language in languages])
    reference = cosines[languages == own]
    if not reference.size:
        return cosines
    target = float(np.median(reference))
    calibrated = cosines.copy()
    for language in set(languages) - {own}:
        same = languages == language
        calibrated[same] += max(0.0, target - float(np.median(cosines[same])))
    return calibrated


def _ordered_within_documents(scored: list[Evidence], within: list[float],
                              passages: list[Passage]) -> list[Evidence]:
    """A document keeps the score of its best sentence, which may owe something to the question
    naming the document's publisher ("according to Efus"): that says which document answers. Its
    sentences are then ordered by `within`, which gives the publisher's name no credit, since
    it says nothing about which sentence answers ("Efus published this item…"). The document's
    best sentence by `within` takes the document's score; each other sentence trails it by
    as much as it trails in `within`."""
    best_score: dict[str, float] = {}
    best_within: dict[str, float] = {}
    for evidence, score_within in zip(scored, within):
        document = passages[evidence.passage_index].doc_id
        best_score[document] = max(best_score.get(document, evidence.score), evidence.score)
        best_within[document] = max(best_within.get(document, score_within), score_within)
    return [replace(evidence, score=best_score[document] - (best_within[document] - score_within))
            for evidence, score_within in zip(scored, within)
            for document in [passages[evidence.passage_index].doc_id]]


def _each_sentence_once(ranked: list[Evidence], passages: list[Passage]) -> list[Evidence]:
    """Overlapping chunks hold some sentences twice; each is kept once, at its better rank, so
    that a duplicate never takes a second quote's place."""
    first: dict[tuple[str, int], Evidence] = {}
    for evidence in ranked:
        first.setdefault((passages[evidence.passage_index].doc_id, evidence.start), evidence)
    return list(first.values())


def _matched_as_cognates(language: str, passages: list[Passage]) -> list[bool]:
    """Which passages the words of a question in `language` can match only as cognates: those
    in another language, and any not in English, whose words the English stemmer leaves
    inflected ("übersetzt" / "Übersetzung")."""
    return [bool(p.language) and not p.language == language == "en" for p in passages]


def _matchable(terms: set[str], question_terms: set[str], as_cognates: bool) -> set[str]:
    """A sentence's terms as the question's terms can match them: a cognate ("estratégias" for
    "strategies") stands for the question's word where `as_cognates`."""
    return terms | cognates_among(question_terms, terms) if as_cognates else terms


def load_answer_type_lists() -> None:
    """The city and first-name lists that where- and who-questions need."""
    load_city_names()
    load_first_names()


def _answer_type(question: str):
    """The test a sentence of the expected kind passes, for the question words that expect one."""
    if asks_why(question):
        return states_reason
    if asks_when(question):
        return states_date
    if asks_where(question):
        return lambda sentence: names_another_place(sentence, question)
    if asks_who(question):
        return lambda sentence: names_another_person(sentence, question)
    if asks_for_name(question):
        return gives_name
    return None


def _describes_source(sentence: str) -> bool:
    return fold(sentence).startswith(SOURCE_DESCRIPTION_OPENINGS)


def _specific_overlap(question_terms: set[str], explained: set[str], sentence_terms: set[str]) -> float:
    """Share of the question's terms found in the sentence, not counting those the document's
    title (its `explained` terms) already accounts for; of at least MIN_SPECIFIC_TERMS terms."""
    specific = question_terms - explained
    if not specific:
        return 0.0
    return len(specific & sentence_terms) / max(len(specific), MIN_SPECIFIC_TERMS)
