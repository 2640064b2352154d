"""Evidence selection: the sentences of the retrieved passages that best answer the question.

A 135M-parameter model copies well but reasons poorly, so the pipeline finds the supporting
sentences itself (embedding similarity plus term overlap) and hands the model only those.
The best sentence is also quoted in the answer, so the exact words are always shown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Mapping, NamedTuple, Sequence

import numpy as np

from assistant.answer.params import TUNING, Tuning
from assistant.answer.quantities import states_quantity, years_in
from assistant.answer.question import Question
from assistant.answer.sentence_kinds import (gives_name, names_the_thing, refers_back, states_date, states_reason,
                                             states_web_address)
from assistant.ingest.chunking import chunk_place
from assistant.language.cognates import cognates_among
from assistant.language.detection import in_another_language
from assistant.language.lexicon import Lexicon
from assistant.language.months import MONTH_OR_DAY
from assistant.language.normalise import content_terms, fold, proper_names
from assistant.language.person_names import load_first_names, names_another_person
from assistant.language.place_names import (is_listed_place, load_city_names, mentions_place, names_another_place,
                                             places_named)
from assistant.language.sentences import split_sentences
from assistant.models.embedder import Embedder
from assistant.schema import Passage

if TYPE_CHECKING:  # evidence_order builds on this module
    from assistant.answer.evidence_order import EvidenceOrder
    from assistant.answer.retrieval import IndexSnapshot

# A document's opening sentence that describes it ("This news item reports that…") matches almost
# any question about it but rarely holds the fact asked for. Further in, "This is to be done
# through…" refers back to content. ("These …" always does.)
SOURCE_DESCRIPTION_OPENINGS = ("this ", "cette ", "ce ", "cet ", "dieser ", "diese ", "dieses ",
                               "este ", "esta ", "tento ", "tato ", "toto ")


YearsOf = Callable[[str], frozenset[str]]  # a document's id → the years it names


@dataclass(frozen=True)
class Evidence:
    """One sentence of a passage read for the question, scored as an answer to it."""

    passage: Passage
    text: str
    start: int  # offsets into the source file, like the passage's
    end: int
    score: float

    @property
    def doc_id(self) -> str:
        return self.passage.doc_id


@dataclass(frozen=True)
class Candidate:
    """A sentence read for the question, with what its score is made of."""

    passage: Passage
    text: str
    start: int  # offsets into the source file
    end: int
    cosine: float  # with the question, calibrated across languages (float32, as the encoder gives it)
    describes_source: bool  # the document opens with it: "This news item reports that…"
    of_kind_asked: bool  # a reason for "why", a date for "when", a place for "where"…
    states_quantity_asked: bool  # a count for "how many", a sum for "how much", a percentage, beside a term asked
    lacks_years_asked: bool  # the question names years, and its document names none of them
    in_edition_language: bool  # from the edition the question asks for
    overlap: float  # share of the question's terms it holds beyond its document's title's
    overlap_within: float  # the same beyond the title's and the publisher's
    names_thing_asked: float = 0.0  # share of the words after "what"/"which" it holds ("what network")
    from_source_named: float = 0.0  # share of the words naming a source ("the EUR-Lex summary") its title holds
    antecedent_lead: float = 0.0  # how much closer to the question the sentence it refers back to is ("It…")
    # For a sentence in another language than the question's: how far above every document in
    # the question's language retrieval ranked its document (see `_foreign_document_leads`)
    foreign_document_lead: float = 0.0

    def shared_score(self, tuning: Tuning) -> float:
        return (self.cosine + tuning.context_weight * self.passage.dense_score
                - tuning.source_description_penalty * self.describes_source
                + tuning.answer_type_bonus * self.of_kind_asked
                + tuning.quantity_bonus * self.states_quantity_asked
                - tuning.other_years_penalty * self.lacks_years_asked
                + tuning.edition_bonus * self.in_edition_language
                + tuning.asked_thing_weight * self.names_thing_asked
                + tuning.named_source_weight * self.from_source_named
                + tuning.antecedent_weight * self.antecedent_lead
                + tuning.foreign_document_weight * self.foreign_document_lead)

    def linear_score(self, tuning: Tuning) -> float:
        """The hand-weighted score: `shared_score` and the share of the question's terms held."""
        return float(self.shared_score(tuning) + tuning.lexical_weight * self.overlap)

    def as_evidence(self, score: float) -> Evidence:
        return Evidence(self.passage, self.text, self.start, self.end, score)


def select_evidence(question: Question, passages: list[Passage], embedder: Embedder,
                    tuning: Tuning = TUNING, years_of: YearsOf | None = None,
                    retrieved: Sequence[Passage] = (), scoped: bool = False,
                    order: EvidenceOrder | None = None) -> list[Evidence]:
    """All sentences of the passages, best first, in the `order` given (by default the linear
    score).

    A sentence scores by its cosine with the question, part of its passage's, the share of the
    question's terms it holds beyond those its document's title explains, and a bonus when it
    is of the kind asked for (a reason for "why", a date for "when", a place the question
    doesn't name for "where", a person for "who", a name for "what other name"), states the
    kind of number asked for, or is from the edition asked for; a sentence in another language
    than the question's, also by how far above the question's language's documents retrieval
    ranked its document among the `retrieved` passages (best first); `scoped` when the
    question was limited to chosen documents.
    """
    candidates = read_candidates(question, passages, embedder, tuning, years_of, retrieved, scoped)
    return order.rank(question, candidates) if order is not None else rank_candidates(candidates, tuning)


def rank_candidates(candidates: list[Candidate], tuning: Tuning = TUNING) -> list[Evidence]:
    scored = [candidate.as_evidence(candidate.linear_score(tuning)) for candidate in candidates]
    within = [float(candidate.shared_score(tuning) + tuning.lexical_weight * candidate.overlap_within)
              for candidate in candidates]
    ranked = sorted(_ordered_within_documents(scored, within), key=lambda e: -e.score)
    return each_sentence_once(ranked)


def read_candidates(question: Question, passages: list[Passage], embedder: Embedder, tuning: Tuning = TUNING,
                    years_of: YearsOf | None = None, retrieved: Sequence[Passage] = (),
                    scoped: bool = False) -> list[Candidate]:
    """Every sentence of the passages with three content terms or more, measured against the
    question. `years_of` gives the years a whole document names (else those its passages here do);
    `retrieved`, the passages retrieval ranked, best first."""
    question_terms = set(question.query_terms)
    as_cognates = _matched_as_cognates(question.language, passages)
    sentences: list[_Sentence] = []
    for passage, other_language in zip(passages, as_cognates):
        opens_document = chunk_place(passage.chunk_id)[1] == 0
        antecedent = None
        for number, span in enumerate(split_sentences(passage.text)):
            text = passage.text[span.start:span.end]
            terms = content_terms(text)
            if len(terms) >= 3:
                matchable = _matchable(question.with_long_forms(set(terms)), question_terms, other_language,
                                       question.translations)
                sentences.append(_Sentence(passage, text, passage.start + span.start, passage.start + span.end,
                                           matchable, opens_document and number == 0,
                                           antecedent if refers_back(text) else None))
                antecedent = len(sentences) - 1
    sentences = sentences[:tuning.max_sentences]
    if not sentences:
        return []
    # The title gives a sentence its subject ("It was adopted in 2011" - what was?).
    vectors = embedder.encode_cached([f"{s.passage.title}. {s.text}" for s in sentences])
    question_vector = embedder.encode_one(question.query)
    languages = [s.passage.language for s in sentences]
    cosines = np.atleast_1d(_calibrated_across_languages(vectors @ question_vector, languages, question.language))
    of_kind_asked = _test_for_kind_asked(question)
    edition_languages = set(question.edition_languages.values())
    # What the title explains says which document, not which sentence; so, within a document,
    # do the publisher's name and the words naming the source ("according to the 2016 analysis").
    titled = {p.chunk_id: _matchable(set(content_terms(p.title)), question_terms, other, question.translations)
              for p, other in zip(passages, as_cognates)}
    identified = {p.chunk_id: titled[p.chunk_id] | question.source_terms
                  | _matchable(set(content_terms(p.publisher)), question_terms, other, question.translations)
                  for p, other in zip(passages, as_cognates)}
    # "What does the 2006 Saragossa Manifesto reject?": when a document's title holds all the
    # question's names, another document's "…Naples (2000), Saragossa (2006)…" only mentions it.
    named = {p.doc_id for p in passages if question.names_document(p.title)}
    # "…, according to the EUR-Lex summary?": the document whose title and publisher say so.
    from_source = {p.chunk_id: _share_named(question.source_terms,
                                            _matchable(set(content_terms(f"{p.title} {p.publisher}")),
                                                       question.source_terms, other, question.translations))
                   for p, other in zip(passages, as_cognates)}
    years_of = years_of or _years_read(passages)
    foreign_lead = _foreign_document_leads(retrieved, question.language, scoped)
    candidates = []
    for (passage, text, start, end, terms, opens_document, antecedent), cosine in zip(sentences, cosines):
        if named and passage.doc_id not in named:
            terms = terms - question.names
        overlap = _specific_overlap(question_terms, titled[passage.chunk_id], terms, tuning.min_specific_terms)
        candidates.append(Candidate(
            passage, text, start, end, cosine, opens_document and _describes_source(text),
            bool(of_kind_asked and of_kind_asked(text)),
            overlap > 0 and _states_quantity_asked(question, text),
            question.quantity.names_none_of(years_of(passage.doc_id)),
            passage.language in edition_languages, overlap,
            _specific_overlap(question_terms, identified[passage.chunk_id], terms, tuning.min_specific_terms),
            _share_named(question.asked_thing, terms), from_source[passage.chunk_id],
            0.0 if antecedent is None else max(0.0, float(cosines[antecedent] - cosine)),
            foreign_lead.get(passage.doc_id, 0.0)))
    return candidates


def _foreign_document_leads(retrieved: Sequence[Passage], language: str, scoped: bool = False) -> dict[str, float]:
    """For each retrieved document in another language than the question's, how far above the
    best one in the question's language retrieval ranked it, each document counting 1 / (1 +
    its rank) by its best passage. Across languages the English encoder's cosine says little (a
    German note ranked first for an English question holds the answer, yet its sentences score
    below an English page's on the same subject), while the fusion also weighs BM25's names,
    numbers and cognates; but a note in the question's language ranked about as high (often the
    same text's other edition) is as good, and reads better to the one who asked. With none
    retrieved in the question's language, each leads by its own rank: a French question whose
    five passages are all from an English note is answered from it, not refused for the low
    cosines across languages. But not in a scope, which may leave out every document in the
    question's language (French notes only, for an English question): there the order says
    which notes the scope kept, not which answers, and the cosines decide."""
    ranks: dict[str, float] = {}
    foreign: set[str] = set()
    for passage in retrieved:
        ranks.setdefault(passage.doc_id, 1.0 / (1 + len(ranks)))
        if in_another_language(passage.language, language):
            foreign.add(passage.doc_id)
    own = [rank for doc_id, rank in ranks.items() if doc_id not in foreign]
    if not own and scoped:
        return {}
    return {doc_id: max(0.0, ranks[doc_id] - max(own, default=0.0)) for doc_id in foreign}


class _Sentence(NamedTuple):
    passage: Passage
    text: str
    start: int
    end: int
    terms: set[str]  # as the question's terms can match them
    opens_document: bool
    antecedent: int | None  # the sentence before, in `sentences`, when this one opens by referring back


def _share_named(wanted: frozenset[str], terms: set[str]) -> float:
    """The share of `wanted` among `terms`; 0 when nothing is wanted."""
    return len(wanted & terms) / len(wanted) if wanted else 0.0


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


def _ordered_within_documents(scored: list[Evidence], within: list[float]) -> list[Evidence]:
    """A document keeps the score of its best sentence, which may owe something to the question
    naming the document's publisher ("according to Efus"): that says which document answers. Its
    sentences are then ordered by `within`, which gives the publisher's name no credit, since
    it says nothing about which sentence answers ("Efus published this item…"). The document's
    best sentence by `within` takes the document's score; each other sentence trails it by
    as much as it trails in `within`."""
    best_score: dict[str, float] = {}
    best_within: dict[str, float] = {}
    for evidence, score_within in zip(scored, within):
        document = evidence.doc_id
        best_score[document] = max(best_score.get(document, evidence.score), evidence.score)
        best_within[document] = max(best_within.get(document, score_within), score_within)
    return [replace(evidence, score=best_score[document] - (best_within[document] - score_within))
            for evidence, score_within in zip(scored, within)
            for document in [evidence.doc_id]]


def rare_names(question: Question, snapshot: "IndexSnapshot", lexicon: Lexicon,
               share: float) -> dict[str, frozenset[str]]:
    """The question's names that the index holds in at most `share` of its documents, each with
    the documents holding it: "Wexbridge", "Glenhollow", "Kirchwalden" name one town's
    documents, "Efus" most of them. Only names every language spells alike: not a listed city
    or country ("Bruxelles" is "Brussels" in an English note), an acronym ("UE" is "EU"), a
    month, nor a word of the dictionary ("Declaration" is "Deklarace" in the Czech note) or
    one the documents also write as a common word ("Street", "Team"). None for a comparison,
    whose sources may be named by common words."""
    if question.compares:
        return {}
    documents = len(snapshot.by_document)
    found = {}
    for word in proper_names(question.text):
        terms = set(content_terms(word))
        if not terms <= question.names or word.isupper() or is_listed_place(word) \
                or MONTH_OR_DAY.fullmatch(fold(word)) or lexicon.is_dictionary_word(word):
            continue  # not a name (a language, a people, any German noun), or spelled otherwise elsewhere
        for term in terms:
            held = snapshot.documents_holding(term)
            if held and len(held) <= share * documents and not snapshot.written_in_lowercase(term):
                found[term] = held
    return found


def from_documents_naming(question: Question, evidence: list[Evidence], snapshot: "IndexSnapshot",
                          names: dict[str, frozenset[str]]) -> list[Evidence]:
    """The sentences of the documents holding one of the question's rare `names` (`rare_names`;
    all sentences, when it names nothing rare), or naming a listed city or country the question
    names under any of its names: a question on Wexbridge's outreach team is not answered by
    the budget of a consumption room in another town, nor a count asked of Kirchwalden by
    Bréval's figures, while "…au Parlement européen à Strasbourg" is answered by an English
    note on the Strasbourg symposium, which says "Parliament". Only the evidence's own
    documents are looked up."""
    if not names:
        return evidence
    places = [place for place in places_named(question.text) if is_listed_place(place)]
    holding = frozenset().union(*names.values())
    naming = {doc_id for doc_id in {item.doc_id for item in evidence}
              if doc_id in holding or any(mentions_place(snapshot.words_of(doc_id), place) for place in places)}
    return [item for item in evidence if item.doc_id in naming]


def each_sentence_once(ranked: list[Evidence]) -> list[Evidence]:
    """Overlapping chunks hold some sentences twice; each is kept once, at its better rank, so
    that a duplicate never takes a second quote's place."""
    first: dict[tuple[str, int], Evidence] = {}
    for evidence in ranked:
        first.setdefault((evidence.doc_id, evidence.start), evidence)
    return list(first.values())


def _matched_as_cognates(language: str, passages: list[Passage]) -> list[bool]:
    """Which passages the words of a question in `language` can match only as cognates: those
    in another language, and any not in English, whose words the English stemmer leaves
    inflected ("übersetzt" / "Übersetzung")."""
    return [bool(p.language) and not p.language == language == "en" for p in passages]


def _matchable(terms: set[str], question_terms: set[str], as_cognates: bool,
               translations: Mapping[str, frozenset[str]]) -> set[str]:
    """A sentence's terms as the question's terms can match them: a cognate ("estratégias" for
    "strategies") or a translation ("printed" for "imprimé") stands for the question's word
    where `as_cognates`."""
    if not as_cognates:
        return terms
    translated = {term for term in question_terms if translations.get(term, frozenset()) & terms}
    return terms | cognates_among(question_terms, terms) | translated


def load_answer_type_lists() -> None:
    """The city and first-name lists that where- and who-questions need."""
    load_city_names()
    load_first_names()


def _test_for_kind_asked(question: Question):
    """The test a sentence of the kind the question asks for passes; None for other questions.
    A place or person already named in the query is not an answer to "where" or "who"."""
    if question.kind == "why":
        return states_reason
    if question.kind == "when":
        return states_date
    if question.kind == "where":
        return lambda sentence: names_another_place(sentence, question.query)
    if question.kind == "who":
        return lambda sentence: names_another_person(sentence, question.query)
    if question.kind == "name":
        return gives_name
    if question.kind == "web":
        return states_web_address
    if question.asked_head:  # "which prison…": "leaving Caskmoor Prison"
        asked = fold(question.text)
        return lambda sentence: names_the_thing(sentence, question.asked_head, asked)
    return None


def _years_read(passages: list[Passage]) -> YearsOf:
    """The years each document's passages here (and its title) name."""
    years: dict[str, frozenset[str]] = {}
    for passage in passages:
        years[passage.doc_id] = years.get(passage.doc_id, frozenset()) | years_in(f"{passage.title} {passage.text}")
    return lambda doc_id: years.get(doc_id, frozenset())


def _states_quantity_asked(question: Question, sentence: str) -> bool:
    """A count, sum or percentage of the kind asked for. Not a year: nearly every sentence
    dates something, so "in which year…" already prefers dates (`of_kind_asked`), and a bonus
    for any year made unanswerable year questions quote another event's year. (The caller
    also wants a term of the question in the sentence: a number alone must not lift a
    sentence on another subject past the refusal threshold.)"""
    asked = question.quantity
    return asked.required and not asked.year and states_quantity(sentence, asked)


def _describes_source(sentence: str) -> bool:
    return fold(sentence).startswith(SOURCE_DESCRIPTION_OPENINGS)


def _specific_overlap(question_terms: set[str], explained: set[str], sentence_terms: set[str],
                      min_terms: int) -> float:
    """Share of the question's terms found in the sentence, not counting those the document's
    title (its `explained` terms) already accounts for; of at least `min_terms` terms, so that
    when the title explains all but one word, that word can't swing the whole lexical weight."""
    specific = question_terms - explained
    if not specific:
        return 0.0
    return len(specific & sentence_terms) / max(len(specific), min_terms)
