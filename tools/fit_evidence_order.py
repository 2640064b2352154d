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

    .venv/bin/python tools/fit_evidence_order.py [--held-out-models DIR] [--no-write]

`--held-out-models DIR` also writes, for each set, the trees trained without it
(`DIR/<set>.txt`): `tools/compare_read_sets.py run --evidence-models DIR` then answers each set
with trees that never saw it. Reading the sets takes a few minutes the first time (cached in
benchmarks/out/fit-cache; delete it after retrieval changes), the fits about a minute.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import assistant  # noqa: E402,F401 - the offline environment
from assistant.answer.evidence_order import FEATURES, MODEL_FILE, MONOTONE, LearnedOrder, evidence_features  # noqa: E402
from assistant.answer.params import TUNING  # noqa: E402
from fit_evidence_scorer import _cached, hits, read_examples, supports  # noqa: E402
from fit_retrieval_fusion import _describe, fit_arguments, train  # noqa: E402 - the same trees, parameters and training


def fitted(examples: list[dict]):
    """The trees, each feature's effect held to its `MONOTONE` direction."""
    return train(examples, FEATURES, monotone_constraints=[MONOTONE.get(name, 0) for name in FEATURES],
                 monotone_constraints_method="advanced")


def with_rows(examples: list[dict]) -> list[dict]:
    """Training examples: each question's rows of `FEATURES` and which sentences answer it."""
    return [{"x": evidence_features(e["question"], e["candidates"]), "labels": e["labels"],
             "language": e["question"].language} for e in examples]


def held_out_report(examples: dict[str, list[dict]], models_dir: Path | None) -> None:
    """Per set, with trees trained on the others: the answering sentence first, and in the
    first two (an answer quotes up to two), for the linear score and for the trees."""
    print(f"{'held-out set':<26} {'n':>4} {'linear @1':>10} {'trees @1':>9} {'linear @2':>10} {'trees @2':>9}")
    rows = {name: with_rows(group) for name, group in examples.items()}
    totals = np.zeros(5, dtype=int)
    for name, group in examples.items():
        training = [row for other in examples if other != name for row in rows[other]]
        booster = fitted(training)
        if models_dir:
            booster.save_model(str(models_dir / f"{name}.txt"))
            _describe(models_dir / f"{name}.json", training)
        order = LearnedOrder(booster, frozenset({e["question"].language for e in group}), TUNING)
        n, linear1, linear2 = hits(group, TUNING)
        trees1 = trees2 = 0
        for example in group:
            found = [supports(e.text, example["phrase"]) for e in order.rank(example["question"],
                                                                             example["candidates"])[:2]]
            trees1 += bool(found[:1] and found[0])
            trees2 += any(found)
        totals += (n, linear1, trees1, linear2, trees2)
        print(f"{name:<26} {n:>4} {linear1:>10} {trees1:>9} {linear2:>10} {trees2:>9}")
    print(f"{'all (held out)':<26} {totals[0]:>4} {totals[1]:>10} {totals[2]:>9} {totals[3]:>10} {totals[4]:>9}")


def main() -> int:
    args, sets = fit_arguments(__doc__.split("\n")[0], MODEL_FILE)

    from assistant import Assistant
    from assistant.settings import Settings

    # The candidates are measured before any order; the linear one needs no model file.
    bot = Assistant(settings=Settings.load().model_copy(update={"evidence_order": "linear"}), load_llm=False)
    examples = {p.stem: _cached(p, lambda p=p: read_examples(bot, p)) for p in sets}
    print(f"{sum(map(len, examples.values()))} questions from {len(sets)} sets; {len(FEATURES)} features")
    if args.held_out_models:
        args.held_out_models.mkdir(parents=True, exist_ok=True)
    held_out_report(examples, args.held_out_models)
    if not args.no_write:
        every = [row for group in examples.values() for row in with_rows(group)]
        fitted(every).save_model(str(MODEL_FILE))
        _describe(MODEL_FILE.with_suffix(".json"), every, sorted(examples))
        print(f"wrote {MODEL_FILE.relative_to(MODEL_FILE.parents[2])} and its .json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
