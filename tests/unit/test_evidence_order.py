"""Ordering the evidence: the linear score, the fitted trees, their blend and their model file."""

import pytest

from assistant.answer.evidence import Candidate, rank_candidates
from assistant.answer.evidence_order import (
    FEATURES, MONOTONE, LearnedOrder, LinearOrder, evidence_features, make_evidence_order,
)
from assistant.answer.params import TUNING
from assistant.answer.question import analyse_question
from assistant.schema import Passage
from assistant.settings import Settings

QUESTION = analyse_question("Where did the Executive Committee meet in 2018?")


def _passage(cid: str, text: str, language: str = "en", rank: int = 0) -> Passage:
    return Passage(chunk_id=f"{cid}::0000", doc_id=cid, source=f"{cid}.md", title="A note", text=text, start=0,
                   end=len(text), language=language, dense_score=0.5 - 0.1 * rank, lexical_score=3.0 - rank)


def _candidate(passage: Passage, text: str, cosine: float, **measures) -> Candidate:
    start = passage.text.index(text)
    defaults = dict(describes_source=False, of_kind_asked=False, states_quantity_asked=False,
                    lacks_years_asked=False, in_edition_language=False, overlap=0.0, overlap_within=0.0)
    return Candidate(passage, text, start, start + len(text), cosine, **{**defaults, **measures})


NOTE = _passage("note", "The committee met in Amiens in November 2018. It adopted a resolution. Efus wrote it.")
OTHER = _passage("other", "Cities back consumption rooms across Europe.", rank=1)
CANDIDATES = [
    _candidate(NOTE, "The committee met in Amiens in November 2018.", 0.62, of_kind_asked=True, overlap=0.5,
               overlap_within=0.5),
    _candidate(NOTE, "It adopted a resolution.", 0.55, overlap=0.25, overlap_within=0.25),
    _candidate(NOTE, "Efus wrote it.", 0.30),
    _candidate(OTHER, "Cities back consumption rooms across Europe.", 0.40),
]


def test_features_describe_every_candidate_relative_to_the_best():
    rows = evidence_features(QUESTION, CANDIDATES)
    assert rows.shape == (4, len(FEATURES))
    last = dict(zip(FEATURES, rows[3]))
    assert last["cosine_below_best"] == pytest.approx(0.40 - 0.62)
    assert last["overlap_below_best"] == pytest.approx(-0.5)
    assert last["passage_order"] == 1 and last["document_order"] == 1 and last["in_question_language"] == 1
    assert dict(zip(FEATURES, rows[0]))["of_kind_asked"] == 1


def test_every_constrained_feature_is_a_feature():
    assert set(MONOTONE) <= set(FEATURES)
    assert set(MONOTONE.values()) <= {-1, 1}


def test_the_shipped_trees_order_the_candidates_with_scores_on_the_linear_scale():
    order = make_evidence_order(Settings(evidence_order="learned"))
    assert isinstance(order, LearnedOrder)
    ranked = order.rank(QUESTION, CANDIDATES)
    linear = rank_candidates(CANDIDATES, TUNING)
    assert sorted(e.text for e in ranked) == sorted(e.text for e in linear)
    assert ranked == order.rank(QUESTION, CANDIDATES)  # no randomness at answer time
    # The best sentence takes the best linear score, so the refusal threshold reads as before;
    # every other keeps its own linear score or less, falling down the order.
    own = {e.text: e.score for e in linear}
    assert ranked[0].score == pytest.approx(linear[0].score)
    assert all(later.score <= earlier.score for earlier, later in zip(ranked, ranked[1:]))
    assert all(e.score <= own[e.text] + 1e-6 for e in ranked[1:])
    assert ranked[0].text == "The committee met in Amiens in November 2018."


def test_the_order_is_a_setting():
    assert isinstance(make_evidence_order(Settings(evidence_order="linear")), LinearOrder)
    assert LinearOrder().rank(QUESTION, CANDIDATES) == rank_candidates(CANDIDATES, TUNING)


def test_a_question_in_a_language_no_labelled_question_was_in_keeps_the_linear_order():
    order = make_evidence_order(Settings(evidence_order="learned"))
    german = analyse_question("Wo hat sich der Vorstand 2018 getroffen?")
    assert german.language not in order.question_languages
    assert order.rank(german, CANDIDATES) == rank_candidates(CANDIDATES, TUNING)


def test_no_candidates_give_no_evidence():
    assert make_evidence_order(Settings(evidence_order="learned")).rank(QUESTION, []) == []
