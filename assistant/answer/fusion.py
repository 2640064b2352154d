"""Fusing the rankers' lists into one order of chunks.

Retrieval ranks chunks several ways: by meaning (dense), by terms (BM25), and by meaning within
the languages a question names. Two fusions choose the passages from them:

- `ReciprocalRankFusion`: each list's 1/(k + rank) summed, plus a standout BM25 match (the
  hand-made order);
- `LearnedFusion`: gradient-boosted trees (LightGBM LambdaRank) over what the rankers say of each
  chunk (ranks, scores, their distance to the best, language, title match), of its document
  (its best rank, score and cosine among the candidates, how many of its chunks are there),
  whether the chunk opens its document, and what its words hold of the question (names,
  years, terms), fitted on the labelled question sets by
  `tools/fit_retrieval_fusion.py`, for questions in the languages of those sets (English and
  French); others keep reciprocal rank fusion. Nothing names a chunk, so the trees carry to
  documents a user adds. Held out by question set, they put a chunk holding the answer among
  the 5 passages for 838 of 895 questions, against 663 for rank fusion and 780 for the trees
  of the rankers' features alone (docs/evaluation.md, session 32).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

from assistant.answer.params import TUNING, Tuning
from assistant.answer.quantities import years_in
from assistant.answer.question import Question
from assistant.answer.trees import FittedTrees, load_trees
from assistant.ingest.chunking import chunk_place
from assistant.language.normalise import content_terms
from assistant.schema import Chunk
from assistant.settings import Settings

MODEL_FILE = Path(__file__).with_name("retrieval_fusion.txt")
ChunkTerms = Callable[[Chunk], frozenset[str]]
NOT_RANKED = 99  # the rank given a chunk a ranker did not return (rankers look 30 deep)
# A chunk's place in its document counts up to here: the opening chunks hold a document's
# title, date, publisher and summary, while a later place would describe one chunk of one
# document. Held out by set: 817-820 answering chunks among the passages, 824 uncapped, 813 at 1.
LAST_PLACE = 3
FEATURES = (
    "fused_rank", "fused_score", "dense_rank", "cosine", "cosine_below_best", "bm25_rank", "bm25",
    "bm25_share_of_best", "language_rank", "in_question_language", "in_english", "title_overlap",
    "title_named", "in_fused_top", "question_terms",
    "document_best_rank", "document_candidates", "document_best_cosine", "document_best_bm25", "chunk_position",
    "names_share", "heading_overlap", "years_asked_named", "other_years_only", "terms_share",
)


def chunk_terms(chunk: Chunk) -> frozenset[str]:
    """A chunk's search terms, as BM25 indexes them (title, heading and text)."""
    return frozenset(content_terms(chunk.embedding_text()))


@dataclass
class Rankings:
    """What each ranker returned for a question: (chunk id, score), best first."""

    dense: list[tuple[str, float]]
    lexical: list[tuple[str, float]]
    language: list[tuple[str, float]] = field(default_factory=list)  # dense, within the languages named

    def fused(self, k: int) -> list[tuple[str, float]]:
        """Reciprocal rank fusion of the lists: every chunk any ranker returned, best first."""
        lists = [self.dense, self.lexical] + ([self.language] if self.language else [])
        scores: dict[str, float] = {}
        for ranking in lists:
            for rank, (cid, _) in enumerate(ranking):
                scores[cid] = scores.get(cid, 0.0) + 1.0 / (k + rank + 1)
        return sorted(scores.items(), key=lambda item: -item[1])


class Fusion(Protocol):
    def fitted_for(self, question: Question) -> bool:
        """Whether `top` orders this question's chunks by a model fitted on labelled questions in
        its language. Such an order needs the cosine of every candidate, not only the dense
        ranker's, and tells which note in another language answers (the evidence stage then
        trusts it across languages)."""

    def top(self, question: Question, rankings: Rankings, chunks: dict[str, Chunk], cosines: dict[str, float],
            count: int, terms_of: ChunkTerms = chunk_terms) -> list[tuple[str, float]]:
        """The `count` chunks to retrieve, with the score that placed them; `terms_of` gives a
        chunk's search terms (the snapshot's, worked out once, at answer time)."""


class ReciprocalRankFusion:
    def __init__(self, tuning: Tuning = TUNING):
        self.tuning = tuning

    def fitted_for(self, question: Question) -> bool:
        return False

    def top(self, question: Question, rankings: Rankings, chunks: dict[str, Chunk], cosines: dict[str, float],
            count: int, terms_of: ChunkTerms = chunk_terms) -> list[tuple[str, float]]:
        fused = rankings.fused(self.tuning.rrf_k)
        return with_standout_lexical_match(fused[:count], dict(fused), rankings.lexical, self.tuning.lexical_lead)


class LearnedFusion(FittedTrees):
    def __init__(self, booster, question_languages: frozenset[str], tuning: Tuning = TUNING):
        super().__init__(booster, question_languages)
        self.reciprocal = ReciprocalRankFusion(tuning)
        self.tuning = tuning

    @classmethod
    def load(cls, path: Path | str = MODEL_FILE, tuning: Tuning = TUNING) -> LearnedFusion:
        booster, languages = load_trees(path, FEATURES, "retrieval fusion model", "retrieval_fusion_model",
                                        "tools/fit_retrieval_fusion.py")
        return cls(booster, languages, tuning)

    def top(self, question: Question, rankings: Rankings, chunks: dict[str, Chunk], cosines: dict[str, float],
            count: int, terms_of: ChunkTerms = chunk_terms) -> list[tuple[str, float]]:
        if not self.fitted_for(question):
            return self.reciprocal.top(question, rankings, chunks, cosines, count)
        ids, rows = fusion_features(question, rankings, chunks, cosines, count, self.tuning, terms_of)
        if not ids:
            return []
        scores = self.booster.predict(rows, num_threads=1)
        order = np.argsort(-scores, kind="stable")[:count]
        return with_the_encoders_first_choice([(ids[i], float(scores[i])) for i in order], rankings.dense,
                                              dict(zip(ids, scores.tolist())))


def make_fusion(settings: Settings, tuning: Tuning = TUNING) -> Fusion:
    """The fusion the settings name: "learned" (from `retrieval_fusion_model`, else the shipped
    trees) or "reciprocal"."""
    if settings.retrieval_fusion == "reciprocal":
        return ReciprocalRankFusion(tuning)
    return LearnedFusion.load(settings.retrieval_fusion_model or MODEL_FILE, tuning)


def fusion_features(question: Question, rankings: Rankings, chunks: dict[str, Chunk], cosines: dict[str, float],
                    count: int, tuning: Tuning = TUNING,
                    terms_of: ChunkTerms = chunk_terms) -> tuple[list[str], np.ndarray]:
    """Every chunk a ranker returned, in fused order, and a row of `FEATURES` for each."""
    fused = rankings.fused(tuning.rrf_k)
    ids = [cid for cid, _ in fused if cid in chunks]
    if not ids:
        return [], np.zeros((0, len(FEATURES)))
    fused_score = dict(fused)
    in_fused_top = dict(with_standout_lexical_match(fused[:count], fused_score, rankings.lexical, tuning.lexical_lead))
    dense_rank = _ranks(rankings.dense)
    bm25_rank = _ranks(rankings.lexical)
    language_rank = _ranks(rankings.language)
    bm25 = dict(rankings.lexical)
    best_bm25 = max(bm25.values(), default=0.0) or 1.0
    best_cosine = max((cosines.get(cid, 0.0) for cid in ids), default=0.0)
    terms = set(question.query_terms)
    documents = _documents_of(ids, chunks, cosines, bm25)
    rows = []
    for rank, cid in enumerate(ids):
        chunk = chunks[cid]
        cosine = cosines.get(cid, 0.0)
        rows.append([
            rank, fused_score[cid], dense_rank.get(cid, NOT_RANKED), cosine, cosine - best_cosine,
            bm25_rank.get(cid, NOT_RANKED), bm25.get(cid, 0.0), bm25.get(cid, 0.0) / best_bm25,
            language_rank.get(cid, NOT_RANKED), chunk.language == question.language, chunk.language == "en",
            len(terms & set(content_terms(chunk.title))) / max(1, len(terms)), question.names_document(chunk.title),
            cid in in_fused_top, len(terms), *documents[chunk.doc_id], min(chunk_place(cid)[1], LAST_PLACE),
            *_what_the_chunk_holds(question, chunk, terms, terms_of(chunk)),
        ])
    return ids, np.array(rows, dtype=float)


def _what_the_chunk_holds(question: Question, chunk: Chunk, terms: set[str],
                          held: frozenset[str]) -> tuple[float, ...]:
    """Of the question, what a chunk's own words hold: the share of its names and numbers, the
    share of its terms its heading holds, whether it names a year the question does, whether
    it names only other years, and the share of its terms. BM25 weighs each term by rarity in
    the whole index; these say what this question needs. `held`: the chunk's search terms."""
    names = question.names
    asked_years, stated_years = question.quantity.years, years_in(chunk.text)
    return (len(names & held) / max(1, len(names)),
            len(terms & set(content_terms(chunk.heading))) / max(1, len(terms)),
            float(bool(asked_years & stated_years)),
            float(bool(asked_years) and bool(stated_years) and not asked_years & stated_years),
            len(terms & held) / max(1, len(terms)))


def _documents_of(ids: list[str], chunks: dict[str, Chunk], cosines: dict[str, float],
                  bm25: dict[str, float]) -> dict[str, tuple[int, int, float, float]]:
    """What the candidates say of each one's document: its best fused rank, how many of its
    chunks are candidates, their best cosine and best BM25 score. A chunk of a document that
    answers elsewhere too is more likely to answer (fitted: docs/evaluation.md, session 32)."""
    found: dict[str, tuple[int, int, float, float]] = {}
    for rank, cid in enumerate(ids):
        doc_id = chunks[cid].doc_id
        best_rank, count, cosine, lexical = found.get(doc_id, (rank, 0, 0.0, 0.0))
        found[doc_id] = (best_rank, count + 1, max(cosine, cosines.get(cid, 0.0)), max(lexical, bm25.get(cid, 0.0)))
    return found


def with_the_encoders_first_choice(top: list[tuple[str, float]], dense: list[tuple[str, float]],
                                  scores: dict[str, float]) -> list[tuple[str, float]]:
    """The chunk closest in meaning is always among the passages, in the last place if the
    trees left it out. The labelled questions share words with the notes answering them, so
    the trees learned to trust shared words; a note a user adds that says the same thing in
    other words ("syringe swap scheme" for "needle exchange") shares none, and only the
    encoder finds it."""
    if not dense or not top or dense[0][0] in dict(top) or dense[0][0] not in scores:
        return top
    return top[:-1] + [(dense[0][0], scores[dense[0][0]])]


def with_standout_lexical_match(top: list[tuple[str, float]], fused: dict[str, float],
                                lexical: list[tuple[str, float]], lead: float) -> list[tuple[str, float]]:
    """Rank fusion ignores by how much a ranker's first choice leads. A chunk whose BM25 score
    is `lead` times the next one's holds the question's rare words as no other chunk
    does (a German question's words are only in the German note, which the English encoder
    ranks low); it takes the last place when fusion left it out."""
    if len(lexical) < 2 or not top:
        return top
    (best, score), (_, runner_up) = lexical[0], lexical[1]
    if score < lead * runner_up or best in dict(top):
        return top
    return top[:-1] + [(best, fused[best])]


def _ranks(ranking: list[tuple[str, float]]) -> dict[str, int]:
    return {cid: rank for rank, (cid, _) in enumerate(ranking)}
