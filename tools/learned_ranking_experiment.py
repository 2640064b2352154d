"""Experiment (not shipped): gradient-boosted rankers instead of the hand-made orders, leave-one-set-out.

Two places where a LambdaRank model (LightGBM) over general features may beat today's order:

- `evidence`: the sentences read for a question, against the linear score of `evidence.py`
  (answering sentence first / in the first two, as `fit_evidence_scorer.py` counts them);
- `retrieval`: the chunks of the dense, BM25 and language rankings, against their reciprocal
  rank fusion (an answering chunk, and an expected document, among the 5 passages retrieved).

Each labelled set is held out in turn: the trees are trained on the others and scored on it.
Features that name a sentence or chunk rather than describe it (its length, where it stands
in its passage or document) let the trees remember the chunks that answer questions other
writers also asked; `--without` drops them to see how much of a gain is that. Findings:
docs/evaluation.md, session 21.

    .venv/bin/pip install lightgbm==4.7.0
    .venv/bin/python tools/learned_ranking_experiment.py evidence [--without sentence_chars,place_in_passage]
    .venv/bin/python tools/learned_ranking_experiment.py retrieval [--without chunk_start,chunk_chars]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import assistant  # noqa: E402,F401 - the offline environment
from assistant.answer.evidence import Evidence, _each_sentence_once  # noqa: E402
from assistant.answer.params import TUNING  # noqa: E402
from assistant.language.normalise import content_terms  # noqa: E402
from fit_evidence_scorer import DEFAULT_SETS, HELD_OUT, _cached, hits, read_examples, supports  # noqa: E402

PARAMS = dict(objective="lambdarank", n_estimators=200, learning_rate=0.05, num_leaves=7, min_child_samples=20,
              lambdarank_truncation_level=5, subsample=0.8, subsample_freq=1, colsample_bytree=0.8,
              random_state=0, deterministic=True, force_row_wise=True, n_jobs=1, verbose=-1)
KINDS = ("why", "when", "where", "who", "name", "web")
EVIDENCE_FEATURES = (
    "linear_score", "linear_below_best", "linear_rank", "cosine", "cosine_below_best", "passage_cosine",
    "describes_source", "of_kind_asked", "states_quantity_asked", "lacks_years_asked", "in_edition_language",
    "overlap", "overlap_below_best", "overlap_within", "names_thing_asked", "from_source_named",
    "antecedent_lead", "passage_order", "document_order", "passage_fused_score", "passage_bm25",
    "place_in_passage", "sentence_chars", "in_question_language", "question_terms", "question_kind",
)
RETRIEVAL_FEATURES = (
    "fused_rank", "fused_score", "dense_rank", "cosine", "cosine_below_best", "bm25_rank", "bm25", "bm25_share_of_best",
    "language_rank", "in_question_language", "in_english", "title_overlap", "title_named", "chunk_start",
    "chunk_chars", "in_fused_top", "question_terms",
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


def retrieval_examples(bot, path: Path) -> list[dict]:
    """Each answerable question's candidate chunks (every chunk some ranker returned), their
    features, and which hold the support phrase."""
    from assistant.answer import retrieval
    from assistant.answer.question import analyse_question, with_index_names

    retriever, snapshot = bot.retriever, bot.retriever.current_snapshot()
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else {}
        if not record.get("answerable") or not record.get("support_phrase"):
            continue
        question = with_index_names(analyse_question(record["question"]), snapshot.vocabulary)
        vector = bot.embedder.encode_one(question.query)
        dense = retriever._dense_ranking(snapshot, vector)
        lexical = retriever._bm25_ranking(snapshot, question)
        languages = sorted(retrieval._languages_to_rank(question) & snapshot.vocabulary.languages)
        language = retriever._dense_ranking(snapshot, vector, languages) if languages else []
        rankings = [[c for c, _ in dense], [c for c, _ in lexical]] + ([[c for c, _ in language]] if languages else [])
        fused = retrieval._reciprocal_rank_fusion(rankings, TUNING.rrf_k)
        top = dict(retrieval._with_standout_lexical_match(fused[:5], dict(fused), lexical, TUNING.lexical_lead))
        chunk_ids = [cid for cid, _ in fused]
        cosines = dict(dense)
        cosines.update(retriever._cosines(snapshot, [c for c in chunk_ids if c not in cosines], vector))
        dense_rank = {c: i for i, (c, _) in enumerate(dense)}
        bm25_rank = {c: i for i, (c, _) in enumerate(lexical)}
        language_rank = {c: i for i, (c, _) in enumerate(language)}
        bm25, fused_score = dict(lexical), dict(fused)
        best_bm25 = max(bm25.values(), default=0.0) or 1.0
        best_cosine = max(cosines.values(), default=0.0)
        terms = set(question.query_terms)
        rows, labels, documents = [], [], []
        for rank, cid in enumerate(chunk_ids):
            chunk = snapshot.chunks[snapshot.position[cid]]
            rows.append([rank, fused_score[cid], dense_rank.get(cid, 99), cosines.get(cid, 0.0),
                         cosines.get(cid, 0.0) - best_cosine, bm25_rank.get(cid, 99), bm25.get(cid, 0.0),
                         bm25.get(cid, 0.0) / best_bm25, language_rank.get(cid, 99),
                         chunk.language == question.language, chunk.language == "en",
                         len(terms & set(content_terms(chunk.title))) / max(1, len(terms)),
                         question.names_document(chunk.title), chunk.start / 1000.0, len(chunk.text), cid in top,
                         len(terms)])
            labels.append(supports(chunk.text, record["support_phrase"]))
            documents.append(chunk.doc_id)
        examples.append({"x": np.array(rows, dtype=float), "labels": labels, "documents": documents,
                         "expected": set(record["expected_sources"]), "top": list(top), "chunks": chunk_ids})
    return examples


def _train(rows: list[np.ndarray], labels: list[list[bool]]):
    import lightgbm

    usable = [(x, y) for x, y in zip(rows, labels) if any(y) and not all(y)]
    model = lightgbm.LGBMRanker(**PARAMS)
    model.fit(np.vstack([x for x, _ in usable]), np.concatenate([np.array(y, dtype=int) for _, y in usable]),
              group=[len(y) for _, y in usable])
    return model.booster_


def compare_evidence(examples: dict[str, list[dict]], keep: list[int]) -> None:
    rows = {name: [evidence_features(e["question"], e["candidates"])[:, keep] for e in group]
            for name, group in examples.items()}
    print(f"{'held-out set':<26} {'n':>4} {'linear @1':>10} {'trees @1':>9} {'linear @2':>10} {'trees @2':>9}")
    totals = np.zeros(5, dtype=int)
    for name, group in examples.items():
        model = _train([x for other in examples if other != name for x in rows[other]],
                       [e["labels"] for other in examples if other != name for e in examples[other]])
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


def compare_retrieval(examples: dict[str, list[dict]], keep: list[int]) -> None:
    print(f"{'held-out set':<26} {'n':>4} {'chunk rrf':>10} {'trees':>6} {'document rrf':>13} {'trees':>6}")
    totals = np.zeros(5, dtype=int)
    for name, group in examples.items():
        others = [e for other, g in examples.items() if other != name for e in g]
        model = _train([e["x"][:, keep] for e in others], [e["labels"] for e in others])
        counts = np.zeros(4, dtype=int)
        for example in group:
            fused = [example["chunks"].index(cid) for cid in example["top"]]
            learned = list(np.argsort(-model.predict(example["x"][:, keep]), kind="stable")[:5])
            counts += [any(example["labels"][i] for i in picks) for picks in (fused, learned)] + \
                      [any(example["documents"][i] in example["expected"] for i in picks) for picks in (fused, learned)]
        totals += (len(group), *counts)
        print(f"{name:<26} {len(group):>4} {counts[0]:>10} {counts[1]:>6} {counts[2]:>13} {counts[3]:>6}")
    print(f"{'all (held out)':<26} {totals[0]:>4} {totals[1]:>10} {totals[2]:>6} {totals[3]:>13} {totals[4]:>6}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("stage", choices=("evidence", "retrieval"))
    parser.add_argument("--without", default="", help="comma-separated feature names to leave out")
    args = parser.parse_args()
    names = EVIDENCE_FEATURES if args.stage == "evidence" else RETRIEVAL_FEATURES
    dropped = [n for n in args.without.split(",") if n]
    unknown = [n for n in dropped if n not in names]
    if unknown:
        parser.error(f"unknown features {unknown}; the {args.stage} features are {', '.join(names)}")
    keep = [i for i, n in enumerate(names) if n not in dropped]

    from assistant import Assistant
    bot = Assistant(load_llm=False)
    sets = [path for path in DEFAULT_SETS if path.name not in HELD_OUT]
    if args.stage == "evidence":
        compare_evidence({p.stem: _cached(p, lambda p=p: read_examples(bot, p)) for p in sets}, keep)
    else:
        compare_retrieval({p.stem: retrieval_examples(bot, p) for p in sets}, keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
