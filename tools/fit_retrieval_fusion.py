"""Fit the retrieval fusion's trees on the labelled question sets, validated leave-one-set-out.

Every answerable question of the repo's question sets marks the sentence that answers it
(`support_phrase`). For each, this reads what the shipped rankers return (dense, BM25, dense
within the languages named), the `fusion.FEATURES` of every chunk returned, and which chunks
hold the support phrase. Each set is held out in turn: trees trained on the others choose its
5 passages, against reciprocal rank fusion. Then the trees are fitted on all sets and written
to `assistant/answer/retrieval_fusion.txt` (LightGBM's text format; the same sets give the
same file, up to the float noise of the encoder under load: three fits here gave 626-631
answering chunks held out), with the question languages they saw in `retrieval_fusion.json`. The
sealed set and the newest blind sets (`fit_evidence_scorer.HELD_OUT`) are never read.

    .venv/bin/python tools/fit_retrieval_fusion.py [--held-out-models DIR] [--no-write]

`--held-out-models DIR` also writes, for each set, the trees trained without it
(`DIR/<set>.txt`): an answer run over a set with its own file measures the fusion end to end
on questions its trees never saw. Takes about a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import assistant  # noqa: E402,F401 - the offline environment
from assistant.answer.fusion import FEATURES, MODEL_FILE, ReciprocalRankFusion, fusion_features  # noqa: E402
from assistant.answer.params import TUNING  # noqa: E402
from assistant.answer.question import analyse_question, with_index_names  # noqa: E402
from fit_evidence_scorer import DEFAULT_SETS, HELD_OUT, supports  # noqa: E402

PASSAGES = 5  # as Settings.top_k
# Small trees, shrunk hard: ~900 questions of ~60 candidates each, few of them answering. 15 leaves
# rather than 7: held out by set, 817 answering chunks among the 5 passages rather than 810 (session 32).
PARAMS = dict(objective="lambdarank", n_estimators=200, learning_rate=0.05, num_leaves=15, min_child_samples=20,
              lambdarank_truncation_level=PASSAGES, subsample=0.8, subsample_freq=1, colsample_bytree=0.8,
              random_state=0, deterministic=True, force_row_wise=True, n_jobs=1, verbose=-1)


def read_examples(bot, path: Path) -> list[dict]:
    """Each answerable question's candidate chunks, their features, and which answer it."""
    retriever, snapshot = bot.retriever, bot.retriever.current_snapshot()
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else {}
        if not record.get("answerable") or not record.get("support_phrase"):
            continue
        question = with_index_names(analyse_question(record["question"]), snapshot.vocabulary)
        vector = bot.embedder.encode_one(question.query)
        rankings = retriever.rankings(question, vector, snapshot)
        chunks = snapshot.chunks_by_id(rankings)
        cosines = retriever.candidate_cosines(rankings, vector, snapshot)
        ids, rows = fusion_features(question, rankings, chunks, cosines, PASSAGES)
        reciprocal = ReciprocalRankFusion().top(question, rankings, chunks, cosines, PASSAGES)
        examples.append({
            "ids": ids, "x": rows, "labels": [supports(chunks[cid].text, record["support_phrase"]) for cid in ids],
            "documents": [chunks[cid].doc_id for cid in ids], "expected": set(record["expected_sources"]),
            "reciprocal": [ids.index(cid) for cid, _ in reciprocal if cid in ids], "language": question.language,
        })
    return examples


def train(examples: list[dict], features: Sequence[str] = FEATURES, **params):
    """LambdaRank trees over the questions that have both answering and other candidates
    (each example: its rows of `features`, "x", and which candidates answer, "labels");
    `params` override `PARAMS`."""
    import lightgbm

    usable = [e for e in examples if any(e["labels"]) and not all(e["labels"])]
    model = lightgbm.LGBMRanker(**{**PARAMS, **params})
    model.fit(np.vstack([e["x"] for e in usable]), np.concatenate([np.array(e["labels"], dtype=int) for e in usable]),
              group=[len(e["labels"]) for e in usable], feature_name=list(features))
    return model.booster_


def held_out_report(examples: dict[str, list[dict]], models_dir: Path | None) -> None:
    """Per set, with trees trained on the others: questions whose answering chunk, and whose
    expected document, is among the passages, for reciprocal rank fusion and for the trees."""
    print(f"{'held-out set':<26} {'n':>4} {'chunk rrf':>10} {'trees':>6} {'document rrf':>13} {'trees':>6}")
    totals = np.zeros(5, dtype=int)
    for name, group in examples.items():
        booster = train([e for other, g in examples.items() if other != name for e in g])
        if models_dir:
            booster.save_model(str(models_dir / f"{name}.txt"))
            _describe(models_dir / f"{name}.json", [e for other, g in examples.items() if other != name for e in g])
        counts = np.zeros(4, dtype=int)
        for example in group:
            learned = list(np.argsort(-booster.predict(example["x"]), kind="stable")[:PASSAGES])
            picks = (example["reciprocal"], learned)
            counts += [any(example["labels"][i] for i in p) for p in picks] + \
                      [any(example["documents"][i] in example["expected"] for i in p) for p in picks]
        totals += (len(group), *counts)
        print(f"{name:<26} {len(group):>4} {counts[0]:>10} {counts[1]:>6} {counts[2]:>13} {counts[3]:>6}")
    print(f"{'all (held out)':<26} {totals[0]:>4} {totals[1]:>10} {totals[2]:>6} {totals[3]:>13} {totals[4]:>6}")


def _describe(path: Path, examples: list[dict], sets: list[str] | None = None) -> None:
    """What trees were fitted on, beside them: the question languages they saw (questions in
    others keep reciprocal rank fusion), how many questions, and from which sets."""
    about = {"question_languages": sorted({e["language"] for e in examples}), "questions": len(examples)}
    if sets:
        about["sets"] = sets
    path.write_text(json.dumps(about, indent=1) + "\n", encoding="utf-8")


def fit_arguments(description: str, model_file: Path,
                  more: Sequence[tuple[str, dict]] = ()) -> tuple[argparse.Namespace, list[Path]]:
    """The options a fitting tool takes (`more`: its own, as add_argument's arguments), and the
    question sets it may read (never `HELD_OUT`)."""
    parser = argparse.ArgumentParser(description=description)
    for flag, options in more:
        parser.add_argument(flag, **options)
    parser.add_argument("--sets", nargs="*", type=Path, default=DEFAULT_SETS)
    parser.add_argument("--held-out-models", type=Path, metavar="DIR",
                        help="also write each set's trees trained without it, as DIR/<set>.txt")
    parser.add_argument("--no-write", action="store_true", help=f"only report; leave {model_file.name} as it is")
    args = parser.parse_args()
    return args, [path for path in args.sets if path.name not in HELD_OUT]


def main() -> int:
    args, sets = fit_arguments(__doc__.split("\n")[0], MODEL_FILE)

    from assistant import Assistant
    from assistant.settings import Settings

    started = time.perf_counter()
    # The examples come from the rankers, whichever fusion the settings choose.
    bot = Assistant(settings=Settings.load().model_copy(update={"retrieval_fusion": "reciprocal"}), load_llm=False)
    examples = {path.stem: read_examples(bot, path) for path in sets}
    print(f"{sum(map(len, examples.values()))} questions from {len(sets)} sets read in "
          f"{time.perf_counter() - started:.0f} s; rrf_k {TUNING.rrf_k}, {len(FEATURES)} features")
    if args.held_out_models:
        args.held_out_models.mkdir(parents=True, exist_ok=True)
    held_out_report(examples, args.held_out_models)
    if not args.no_write:
        every = [e for group in examples.values() for e in group]
        train(every).save_model(str(MODEL_FILE))
        _describe(MODEL_FILE.with_suffix(".json"), every, sorted(examples))
        print(f"wrote {MODEL_FILE.relative_to(MODEL_FILE.parents[2])} and its .json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
