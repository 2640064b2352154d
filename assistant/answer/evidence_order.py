"""Ordering the evidence sentences: by the linear score, or by trees fitted on labelled questions.

`evidence.read_candidates` measures each sentence against the question (cosine, terms held, the
kind of thing asked present…). Two orders rank them from those measures:

- `LinearOrder`: the hand-weighted sum of `Candidate.shared_score` plus the lexical share,
  weights in `params.py` (refitted by `tools/fit_evidence_scorer.py`);
- `LearnedOrder`: gradient-boosted trees (LightGBM LambdaRank) over the same measures, each
  also relative to the question's best candidate, with the order of the sentence's passage
  and document, fitted on the labelled questions' answering sentences (each part of a
  question on its own, read through `Answerer.context_of` as it is served, bridged passages
  included) by `tools/fit_evidence_order.py --parts`, and blended with the linear score
  (`Tuning.evidence_trees_weight`). Nothing names a sentence (not its length, not its place in
  its passage), so the trees carry to documents a user adds. Held out by question set, they
  rank the answering sentence first for 1087 of 1570 question parts, against 908 for the
  linear score (docs/evaluation.md, sessions 33-34).

The trees decide the order only. The scores keep the linear scale (`_on_the_linear_scale`):
the refusal threshold, the runner-up margins and the searches further down the evidence were
all set on it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.answer.evidence import Candidate, Evidence, each_sentence_once, rank_candidates
from assistant.answer.params import TUNING, Tuning
from assistant.answer.question import Question
from assistant.answer.trees import FittedTrees, load_trees
from assistant.settings import Settings

MODEL_FILE = Path(__file__).with_name("evidence_order.txt")
KINDS = ("why", "when", "where", "who", "name", "web")
FEATURES = (
    "cosine", "cosine_below_best", "passage_cosine", "describes_source", "of_kind_asked", "states_quantity_asked",
    "lacks_years_asked", "in_edition_language", "overlap", "overlap_below_best", "overlap_within",
    "names_thing_asked", "from_source_named", "antecedent_lead", "foreign_document_lead", "passage_order",
    "document_order", "passage_bm25", "in_question_language", "question_terms", "question_kind",
)
# How the trees' score may move with each feature (1 up, -1 down, 0 either way): more of the
# question's words or meaning, or the kind of thing asked, never counts against a sentence. The
# labelled questions share words with their answers; unconstrained, the trees learned quirks of
# that sample (a user's paraphrased note, a French question over an English note lost out).
MONOTONE = {
    "cosine": 1, "cosine_below_best": 1, "passage_cosine": 1, "describes_source": -1, "of_kind_asked": 1,
    "states_quantity_asked": 1, "lacks_years_asked": -1, "in_edition_language": 1, "overlap": 1,
    "overlap_below_best": 1, "overlap_within": 1, "names_thing_asked": 1, "from_source_named": 1,
    "antecedent_lead": 1, "foreign_document_lead": 1, "passage_order": -1, "document_order": -1,
}


class EvidenceOrder(Protocol):
    def rank(self, question: Question, candidates: list[Candidate]) -> list[Evidence]:
        """The candidates as evidence, best first, each sentence once."""


class LinearOrder:
    def __init__(self, tuning: Tuning = TUNING):
        self.tuning = tuning

    def rank(self, question: Question, candidates: list[Candidate]) -> list[Evidence]:
        return rank_candidates(candidates, self.tuning)


class LearnedOrder(FittedTrees):
    def __init__(self, booster, question_languages: frozenset[str], tuning: Tuning = TUNING):
        super().__init__(booster, question_languages)
        self.tuning = tuning

    @classmethod
    def load(cls, path: Path | str = MODEL_FILE, tuning: Tuning = TUNING) -> LearnedOrder:
        booster, languages = load_trees(path, FEATURES, "evidence order model", "evidence_order_model",
                                        "tools/fit_evidence_order.py")
        return cls(booster, languages, tuning)

    def rank(self, question: Question, candidates: list[Candidate]) -> list[Evidence]:
        """Ordered by the linear score plus `evidence_trees_weight` times the trees', scored on
        the linear scale (`_on_the_linear_scale`). Questions in languages no labelled question
        is in keep the linear order."""
        linear = rank_candidates(candidates, self.tuning)
        if not candidates or not self.fitted_for(question):
            return linear
        trees = self.booster.predict(evidence_features(question, candidates), num_threads=1)
        scores = (np.array([c.linear_score(self.tuning) for c in candidates])
                  + self.tuning.evidence_trees_weight * trees)
        learned = each_sentence_once([candidates[i].as_evidence(float(scores[i]))
                                      for i in np.argsort(-scores, kind="stable")])
        return _on_the_linear_scale(learned, linear)


def make_evidence_order(settings: Settings, tuning: Tuning = TUNING) -> EvidenceOrder:
    """The order the settings name: "learned" (from `evidence_order_model`, else the shipped
    trees) or "linear"."""
    if settings.evidence_order == "linear":
        return LinearOrder(tuning)
    return LearnedOrder.load(settings.evidence_order_model or MODEL_FILE, tuning)


def evidence_features(question: Question, candidates: list[Candidate]) -> np.ndarray:
    """One row of `FEATURES` per candidate; some relative to the question's best candidate."""
    cosines = np.array([float(c.cosine) for c in candidates])
    overlaps = np.array([c.overlap for c in candidates])
    passages: dict[str, int] = {}
    documents: dict[str, int] = {}
    for candidate in candidates:  # in reading order: retrieval's, then the passages read around them
        passages.setdefault(candidate.passage.chunk_id, len(passages))
        documents.setdefault(candidate.passage.doc_id, len(documents))
    kind = KINDS.index(question.kind) if question.kind in KINDS else len(KINDS)
    rows = [[cosines[i], cosines[i] - cosines.max(), c.passage.dense_score, c.describes_source, c.of_kind_asked,
             c.states_quantity_asked, c.lacks_years_asked, c.in_edition_language, c.overlap,
             overlaps[i] - overlaps.max(), c.overlap_within, c.names_thing_asked, c.from_source_named,
             c.antecedent_lead, c.foreign_document_lead, passages[c.passage.chunk_id], documents[c.passage.doc_id],
             c.passage.lexical_score, c.passage.language == question.language, len(question.query_terms), kind]
            for i, c in enumerate(candidates)]
    return np.array(rows, dtype=float).reshape(len(candidates), len(FEATURES))


def _on_the_linear_scale(learned: list[Evidence], linear: list[Evidence]) -> list[Evidence]:
    """The trees' order with linear scores: the first sentence takes the best linear score (so
    the refusal threshold reads as before), each other its own, capped by the one above it (so
    scores fall down the order, and a weak sentence the trees lifted is no nearer the best for
    the margins that choose what is quoted and what the model reads)."""
    own = {(e.doc_id, e.start): e.score for e in linear}
    ranked: list[Evidence] = []
    for evidence in learned:
        score = min(own[(evidence.doc_id, evidence.start)], ranked[-1].score) if ranked else linear[0].score
        ranked.append(replace(evidence, score=score))
    return ranked
