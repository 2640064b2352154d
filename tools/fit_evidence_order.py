"""Fit the evidence order's trees on the labelled question sets, validated leave-one-set-out.

Every answerable question of the repo's question sets marks the sentence that answers it
(`support_phrase`). For each, this reads the candidate sentences the shipped pipeline measures
(`fit_evidence_scorer.read_examples`: retrieval, the chunks around the best documents, every
sentence's `Candidate` measures) and which hold the support phrase. Each set is held out in
turn: trees trained on the others order its sentences (`evidence_order.LearnedOrder`, as the
assistant does), against the linear score. Then the trees are fitted on all sets and written
to `assistant/answer/evidence_order.txt` (LightGBM's text format), with the question languages
they saw in `evidence_order.json`. The sealed set and the newest blind sets
(`fit_evidence_scorer.HELD_OUT`) are never read.

    .venv/bin/python tools/fit_evidence_order.py --parts [--held-out-models DIR] [--no-write]
                                                 [--without FEATURE ...]

`--parts` (the shipped trees) learns from each part of a two-part question as the assistant
reads it (`read_part_examples`); without it, from whole questions and their support phrase.

`--without` holds features at 0, so that the held-out figures show what they add.
`--held-out-models DIR` also writes, for each set, the trees trained without it
(`DIR/<set>.txt`): `tools/compare_read_sets.py run --evidence-models DIR` then answers each set
with trees that never saw it. Reading the sets takes a few minutes the first time (cached in
benchmarks/out/fit-cache; delete it after retrieval changes), the fits about a minute.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import assistant  # noqa: E402,F401 - the offline environment
from assistant.answer.evidence_order import FEATURES, MODEL_FILE, MONOTONE, LearnedOrder, evidence_features  # noqa: E402
from assistant.answer.evidence import rank_candidates  # noqa: E402
from assistant.answer.params import TUNING  # noqa: E402
from assistant.answer.question import analyse_question, split_parts  # noqa: E402
from assistant.language.normalise import fold  # noqa: E402
from fit_evidence_scorer import _cached, candidates_read, read_examples, supports  # noqa: E402
from fit_retrieval_fusion import _describe, fit_arguments, train  # noqa: E402 - the same trees, parameters and training


def read_part_examples(bot, path: Path) -> list[dict]:
    """The candidates of each part of each answerable question, as the assistant reads them:
    a question asking two things is answered part by part. A part's answering sentences: the
    support phrase's for the first (or a one-part question); for a later part, the sentences of
    an expected document holding one of its answer keywords (the keyword groups follow the
    parts), since only the first part's sentence is marked."""
    examples = []
    snapshot = bot.retriever.current_snapshot()
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line) if line.strip() else {}
        if not record.get("answerable") or not record.get("support_phrase"):
            continue
        parts = [bot.answerer.prepared(part, snapshot) for part in split_parts(analyse_question(record["question"]))]
        groups = record.get("answer_keywords") or []
        for number, part in enumerate(parts):
            if number and len(groups) != len(parts):
                break
            candidates = candidates_read(bot, part, snapshot)
            if number == 0:
                labels = [supports(c.text, record["support_phrase"]) for c in candidates]
            else:
                keywords = [fold(word) for word in groups[number]]
                labels = [c.passage.doc_id in record["expected_sources"] and any(k in fold(c.text) for k in keywords)
                          for c in candidates]
            examples.append({"id": f"{record['id']}/{number}", "candidates": candidates, "labels": labels,
                             "question": part})
    return examples


def fitted(examples: list[dict]):
    """The trees, each feature's effect held to its `MONOTONE` direction."""
    return train(examples, FEATURES, monotone_constraints=[MONOTONE.get(name, 0) for name in FEATURES],
                 monotone_constraints_method="advanced")


def with_rows(examples: list[dict], without: Sequence[str] = ()) -> list[dict]:
    """Training examples: each question's rows of `FEATURES` and which sentences answer it; the
    features `without` names held at 0, so the trees can't use them (to measure what they add)."""
    unused = [FEATURES.index(name) for name in without]
    rows = []
    for e in examples:
        x = evidence_features(e["question"], e["candidates"])
        x[:, unused] = 0.0
        rows.append({"x": x, "labels": e["labels"], "language": e["question"].language})
    return rows


def held_out_report(examples: dict[str, list[dict]], models_dir: Path | None, without: Sequence[str] = ()) -> None:
    """Per set, with trees trained on the others: an answering sentence first, and in the
    first two (an answer quotes up to two), for the linear score and for the trees."""
    print(f"{'held-out set':<26} {'n':>4} {'linear @1':>10} {'trees @1':>9} {'linear @2':>10} {'trees @2':>9}")
    rows = {name: with_rows(group, without) for name, group in examples.items()}
    totals = np.zeros(5, dtype=int)
    for name, group in examples.items():
        training = [row for other in examples if other != name for row in rows[other]]
        booster = fitted(training)
        if models_dir:
            booster.save_model(str(models_dir / f"{name}.txt"))
            _describe(models_dir / f"{name}.json", training)
        order = LearnedOrder(booster, frozenset({e["question"].language for e in group}), TUNING)
        counts = np.zeros(4, dtype=int)
        for example in group:
            linear = rank_candidates(example["candidates"], TUNING)
            counts += np.concatenate([_answering_first(linear, example), _answering_first(
                order.rank(example["question"], example["candidates"]), example)])
        totals += (len(group), *counts[[0, 2, 1, 3]])
        print(f"{name:<26} {len(group):>4} {counts[0]:>10} {counts[2]:>9} {counts[1]:>10} {counts[3]:>9}")
    print(f"{'all (held out)':<26} {totals[0]:>4} {totals[1]:>10} {totals[2]:>9} {totals[3]:>10} {totals[4]:>9}")


def _answering_first(ranked: list, example: dict) -> np.ndarray:
    """Whether an answering sentence is first, and whether one is in the first two."""
    answering = {(c.passage.doc_id, c.start) for c, label in zip(example["candidates"], example["labels"]) if label}
    found = [(e.doc_id, e.start) in answering for e in ranked[:2]]
    return np.array([bool(found[:1] and found[0]), any(found)], dtype=int)


def main() -> int:
    args, sets = fit_arguments(__doc__.split("\n")[0], MODEL_FILE, [(
        "--parts", {"action": "store_true", "help": "learn from each part of a two-part question, not the whole"}), (
        "--without", {"nargs": "*", "default": [], "choices": FEATURES, "metavar": "FEATURE",
                      "help": "features to leave out (held at 0), to measure what they add"})])

    from assistant import Assistant
    from assistant.settings import Settings

    # The candidates are measured before any order; the linear one needs no model file.
    bot = Assistant(settings=Settings.load().model_copy(update={"evidence_order": "linear"}), load_llm=False)
    if args.parts:
        examples = {p.stem: _cached(p, lambda p=p: read_part_examples(bot, p), "-parts") for p in sets}
    else:
        examples = {p.stem: _cached(p, lambda p=p: read_examples(bot, p)) for p in sets}
    print(f"{sum(map(len, examples.values()))} questions from {len(sets)} sets; {len(FEATURES)} features")
    if args.held_out_models:
        args.held_out_models.mkdir(parents=True, exist_ok=True)
    held_out_report(examples, args.held_out_models, args.without)
    if not args.no_write:
        every = [row for group in examples.values() for row in with_rows(group, args.without)]
        fitted(every).save_model(str(MODEL_FILE))
        _describe(MODEL_FILE.with_suffix(".json"), every, sorted(examples))
        print(f"wrote {MODEL_FILE.relative_to(MODEL_FILE.parents[2])} and its .json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
