"""Fusing the rankers' lists: reciprocal rank fusion, the fitted trees, and their model file."""

import pytest

from assistant.answer.fusion import (
    FEATURES, LearnedFusion, Rankings, ReciprocalRankFusion, fusion_features, make_fusion,
)
from assistant.answer.question import analyse_question
from assistant.schema import Chunk
from assistant.settings import Settings


def _chunk(cid: str, language: str = "en", title: str = "A note") -> Chunk:
    return Chunk(chunk_id=cid, doc_id=cid.split("-")[0], source=f"{cid}.md", title=title, text=f"text of {cid}",
                 start=0, end=10, language=language)


RANKINGS = Rankings(dense=[("a-1", 0.7), ("b-1", 0.6), ("c-1", 0.5)],
                    lexical=[("c-1", 9.0), ("a-1", 2.0), ("d-1", 1.0)])
CHUNKS = {cid: _chunk(cid, "de" if cid == "d-1" else "en") for cid in ("a-1", "b-1", "c-1", "d-1")}
COSINES = {"a-1": 0.7, "b-1": 0.6, "c-1": 0.5, "d-1": 0.2}
QUESTION = analyse_question("Which cities signed the resolution?")


def test_reciprocal_fusion_sums_each_lists_reciprocal_ranks():
    fused = dict(RANKINGS.fused(60))
    assert fused["a-1"] == pytest.approx(1 / 61 + 1 / 62)
    assert fused["d-1"] == pytest.approx(1 / 63)
    assert list(fused) == ["a-1", "c-1", "b-1", "d-1"]


def test_a_standout_bm25_match_takes_the_last_place_fusion_left_it_out_of():
    rankings = Rankings(dense=[("a-1", 0.7), ("b-1", 0.6)], lexical=[("d-1", 9.0), ("c-1", 2.0)])
    top = ReciprocalRankFusion().top(QUESTION, rankings, CHUNKS, COSINES, 1)
    assert [cid for cid, _ in top] == ["d-1"]


def test_features_describe_every_candidate_in_fused_order():
    ids, rows = fusion_features(QUESTION, RANKINGS, CHUNKS, COSINES, 2)
    assert ids == ["a-1", "c-1", "b-1", "d-1"]
    assert rows.shape == (4, len(FEATURES))
    row = dict(zip(FEATURES, rows[ids.index("d-1")]))
    assert row["dense_rank"] == 99 and row["bm25_rank"] == 2
    assert row["in_question_language"] == 0 and row["in_fused_top"] == 0
    assert row["cosine_below_best"] == pytest.approx(0.2 - 0.7)


def test_the_shipped_trees_load_and_choose_among_the_candidates():
    fusion = make_fusion(Settings(retrieval_fusion="learned"))
    assert isinstance(fusion, LearnedFusion)
    top = fusion.top(QUESTION, RANKINGS, CHUNKS, COSINES, 3)
    assert len(top) == 3 and {cid for cid, _ in top} <= set(CHUNKS)
    assert top == fusion.top(QUESTION, RANKINGS, CHUNKS, COSINES, 3)  # no randomness at answer time
    scores = [score for _, score in top]
    assert scores == sorted(scores, reverse=True)


def test_the_fusion_is_a_setting():
    assert isinstance(make_fusion(Settings(retrieval_fusion="reciprocal")), ReciprocalRankFusion)
    assert isinstance(make_fusion(Settings(retrieval_fusion="learned")), LearnedFusion)


def test_a_question_in_a_language_no_labelled_question_was_in_keeps_rank_fusion():
    fusion = make_fusion(Settings(retrieval_fusion="learned"))
    german = analyse_question("Welche Städte haben die Resolution unterzeichnet?")
    assert german.language not in fusion.question_languages
    assert fusion.top(german, RANKINGS, CHUNKS, COSINES, 3) == ReciprocalRankFusion().top(
        german, RANKINGS, CHUNKS, COSINES, 3)


def test_only_the_fitted_trees_are_trusted_to_judge_notes_across_languages():
    learned = make_fusion(Settings(retrieval_fusion="learned"))
    english = analyse_question("Which cities signed the resolution?")
    german = analyse_question("Welche Städte haben die Resolution unterzeichnet?")
    assert learned.fitted_for(english) and not learned.fitted_for(german)
    assert not ReciprocalRankFusion().fitted_for(english)


def test_each_candidate_carries_what_the_candidates_say_of_its_document():
    chunks = {cid: _chunk(cid) for cid in ("a-00000", "a-00003", "b-00002")}
    rankings = Rankings(dense=[("a-00003", 0.7), ("b-00002", 0.6)], lexical=[("a-00000", 5.0), ("b-00002", 1.0)])
    cosines = {"a-00003": 0.7, "b-00002": 0.6, "a-00000": 0.3}
    ids, rows = fusion_features(QUESTION, rankings, chunks, cosines, 2)
    first, later, other = (dict(zip(FEATURES, rows[ids.index(cid)])) for cid in ("a-00000", "a-00003", "b-00002"))
    assert first["document_candidates"] == later["document_candidates"] == 2 and other["document_candidates"] == 1
    assert first["document_best_cosine"] == later["document_best_cosine"] == pytest.approx(0.7)
    assert first["document_best_bm25"] == later["document_best_bm25"] == 5.0
    assert first["document_best_rank"] == later["document_best_rank"] == min(ids.index("a-00000"), ids.index("a-00003"))
    assert (first["chunk_position"], later["chunk_position"], other["chunk_position"]) == (0, 3, 2)
    far = fusion_features(QUESTION, Rankings(dense=[("a-00042", 0.5)], lexical=[]), {"a-00042": _chunk("a-00042")},
                          {"a-00042": 0.5}, 1)[1]
    assert dict(zip(FEATURES, far[0]))["chunk_position"] == 3  # later places count as the last one kept


def test_each_candidate_carries_what_its_words_hold_of_the_question():
    question = analyse_question("When did Strasbourg open its consumption room in 2016?")
    chunks = {"a-00001": Chunk(chunk_id="a-00001", doc_id="a", source="a.md", title="Argos", start=0, end=10,
                               text="Strasbourg opened its consumption room in 2016.", heading="Consumption room"),
              "b-00001": Chunk(chunk_id="b-00001", doc_id="b", source="b.md", title="Other", start=0, end=10,
                               text="Paris opened a room in 2015 and another in 2018.")}
    rankings = Rankings(dense=[("a-00001", 0.7), ("b-00001", 0.6)], lexical=[])
    ids, rows = fusion_features(question, rankings, chunks, {"a-00001": 0.7, "b-00001": 0.6}, 2)
    holds, lacks = (dict(zip(FEATURES, rows[ids.index(cid)])) for cid in ("a-00001", "b-00001"))
    assert holds["names_share"] == 1.0 and lacks["names_share"] == 0.0  # "Strasbourg", "2016"
    assert holds["years_asked_named"] == 1 and holds["other_years_only"] == 0
    assert lacks["years_asked_named"] == 0 and lacks["other_years_only"] == 1
    assert holds["heading_overlap"] > 0 == lacks["heading_overlap"]
    assert holds["terms_share"] > lacks["terms_share"]


def test_the_chunk_closest_in_meaning_is_always_among_the_passages():
    from assistant.answer.fusion import with_the_encoders_first_choice

    top = [("a-1", 2.0), ("b-1", 1.0)]
    scores = {"a-1": 2.0, "b-1": 1.0, "c-1": -1.0}
    assert with_the_encoders_first_choice(top, [("c-1", 0.9), ("a-1", 0.5)], scores) == [("a-1", 2.0), ("c-1", -1.0)]
    assert with_the_encoders_first_choice(top, [("a-1", 0.9)], scores) == top


def test_the_chunks_terms_come_from_the_caller_when_it_has_them():
    from assistant.answer.fusion import chunk_terms

    chunk = _chunk("a-00001")
    asked = []
    ids, rows = fusion_features(QUESTION, Rankings(dense=[("a-00001", 0.5)], lexical=[]), {"a-00001": chunk},
                                {"a-00001": 0.5}, 1, terms_of=lambda c: asked.append(c.chunk_id) or chunk_terms(c))
    assert asked == ["a-00001"]
    assert rows.tolist() == fusion_features(QUESTION, Rankings(dense=[("a-00001", 0.5)], lexical=[]),
                                            {"a-00001": chunk}, {"a-00001": 0.5}, 1)[1].tolist()
