"""Experiment (not shipped): gradient-boosted trees ordering the evidence sentences, leave-one-set-out.

A LambdaRank model (LightGBM) over general features against the linear score of `evidence.py`
(answering sentence first / in the first two, as `fit_evidence_scorer.py` counts them). Each
labelled set is held out in turn: the trees are trained on the others and scored on it.
Features that name a sentence rather than describe it (its length, where it stands in its
passage) let the trees remember the sentences that answer questions other writers also asked;
`--without` drops them to see how much of a gain is that. Findings: docs/evaluation.md,
session 21. The same trees over the retrieval rankings shipped: `tools/fit_retrieval_fusion.py`.

    .venv/bin/python tools/learned_ranking_experiment.py [--without sentence_chars,place_in_passage]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import assistant  # noqa: E402,F401 - the offline environment
from assistant.answer.evidence import Evidence, _each_sentence_once  # noqa: E402
from assistant.answer.params import TUNING  # noqa: E402
from fit_evidence_scorer import DEFAULT_SETS, HELD_OUT, _cached, hits, read_examples, supports  # noqa: E402
from fit_retrieval_fusion import train  # noqa: E402 - the same trees, parameters and training

KINDS = ("why", "when", "where", "who", "name", "web")
EVIDENCE_FEATURES = (
    "linear_score", "linear_below_best", "linear_rank", "cosine", "cosine_below_best", "passage_cosine",
    "describes_source", "of_kind_asked", "states_quantity_asked", "lacks_years_asked", "in_edition_language",
    "overlap", "overlap_below_best", "overlap_within", "names_thing_asked", "from_source_named",
    "antecedent_lead", "passage_order", "document_order", "passage_fused_score", "passage_bm25",
    "place_in_passage", "sentence_chars", "in_question_language", "question_terms", "question_kind",
)


def evidence_features(question, candidates) -> np.ndarray:
    """One row per candidate sentence; several relative to the question's other candidates."""
    linear = np.array([c.shared_score(TUNING) + TUNING.lexical_weight * c.overlap for c in candidates])
    cosine = np.array([float(c.cosine) for c in candidates])
    overlap = np.array([c.overlap for c in candidates])
    linear_rank = np.argsort(np.argsort(-linear, kind="stable"), kind="stable")
    passages: dict[str, int] = {}
    documents: dict[str, int] = {}
    for c in candidates:
        passages.setdefault(c.passage.chunk_id, len(passages))
        documents.setdefault(c.passage.doc_id, len(documents))
    kind = KINDS.index(question.kind) if question.kind in KINDS else len(KINDS)
    rows = [[linear[i], linear[i] - linear.max(), linear_rank[i], cosine[i], cosine[i] - cosine.max(),
             c.passage.dense_score, c.describes_source, c.of_kind_asked, c.states_quantity_asked,
             c.lacks_years_asked, c.in_edition_language, c.overlap, overlap[i] - overlap.max(), c.overlap_within,
             c.names_thing_asked, c.from_source_named, c.antecedent_lead, passages[c.passage.chunk_id],
             documents[c.passage.doc_id], c.passage.score, c.passage.lexical_score,
             (c.start - c.passage.start) / max(1, len(c.passage.text)), len(c.text),
             c.passage.language == question.language, len(question.query_terms), kind]
            for i, c in enumerate(candidates)]
    return np.array(rows, dtype=float).reshape(len(candidates), len(EVIDENCE_FEATURES))


def compare_evidence(examples: dict[str, list[dict]], keep: list[int]) -> None:
    names = [EVIDENCE_FEATURES[i] for i in keep]
    rows = {name: [evidence_features(e["question"], e["candidates"])[:, keep] for e in group]
            for name, group in examples.items()}
    print(f"{'held-out set':<26} {'n':>4} {'linear @1':>10} {'trees @1':>9} {'linear @2':>10} {'trees @2':>9}")
    totals = np.zeros(5, dtype=int)
    for name, group in examples.items():
        model = train([{"x": x, "labels": e["labels"]} for other in examples if other != name
                       for x, e in zip(rows[other], examples[other])], names)
        n, linear1, linear2 = hits(group, TUNING)
        trees1 = trees2 = 0
        for x, example in zip(rows[name], group):
            learned = [Evidence(c.passage, c.text, c.start, c.end, float(score))
                       for c, score in zip(example["candidates"], model.predict(x))]
            learned = _each_sentence_once(sorted(learned, key=lambda e: -e.score))[:2]
            found = [supports(e.text, example["phrase"]) for e in learned]
            trees1 += bool(found[:1] and found[0])
            trees2 += any(found)
        totals += (n, linear1, trees1, linear2, trees2)
        print(f"{name:<26} {n:>4} {linear1:>10} {trees1:>9} {linear2:>10} {trees2:>9}")
    print(f"{'all (held out)':<26} {totals[0]:>4} {totals[1]:>10} {totals[2]:>9} {totals[3]:>10} {totals[4]:>9}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--without", default="", help="comma-separated feature names to leave out")
    args = parser.parse_args()
    names = EVIDENCE_FEATURES
    dropped = [n for n in args.without.split(",") if n]
    unknown = [n for n in dropped if n not in names]
    if unknown:
        parser.error(f"unknown features {unknown}; the features are {', '.join(names)}")
    keep = [i for i, n in enumerate(names) if n not in dropped]

    from assistant import Assistant
    bot = Assistant(load_llm=False)
    sets = [path for path in DEFAULT_SETS if path.name not in HELD_OUT]
    compare_evidence({p.stem: _cached(p, lambda p=p: read_examples(bot, p)) for p in sets}, keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
