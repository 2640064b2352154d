"""Would a cross-encoder fine-tuned on the labelled questions tell the unanswerable questions the
refusal rules let through from the answerable ones? Issue 17, items 2 and 3; an experiment,
not shipped code.

Session 10 fine-tuned all-MiniLM-L6-v2 as a cross-encoder on 221 labelled questions, to rank
the answering sentence first; it lost to the shipped score. The read sets now hold ~1100
answerable and ~350 unanswerable questions (the sealed and blind sets, `HELD_OUT`, are never
read). Here the cross-encoder (the MiniLM encoder, mean-pooled, a linear head) scores each
(question, sentence) pair, and is trained against a fixed "no sentence answers" score of 0:
for an answerable question the answering sentence should beat its hardest other candidates
and 0, for an unanswerable one every candidate should fall below 0. So its best score over
what the answerer reads is an answerability measure on an absolute scale.

The read sets are split into folds by set; each fold is held out in turn, the model trained
on the others from the same start. For the one-part questions no refusal rule refuses
(`answerability_experiment.measured_questions`), the held-out report gives: the AUC of the
best cross-encoder score over the first five evidence sentences, unanswerable against
answerable; how many of each a threshold would refuse; the same with that score added to the
24 measures of `answerability_experiment` (LightGBM, held out by fold); and the answering
sentence first (hit@1) among the shipped ranking's first `--top` candidates, shipped order
against the cross-encoder's.

    .venv/bin/python tools/answerability_cross_encoder.py [--folds 3] [--epochs 2] [--negatives 7]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import answerability_experiment as rules_passed  # noqa: E402
from compare_read_sets import SilentModel  # noqa: E402
from fit_evidence_scorer import DEFAULT_SETS, HELD_OUT, _cached, read_examples, supports  # noqa: E402
from train_answer_judge import answerable_groups, unanswerable_groups  # noqa: E402

from assistant import Assistant, Settings  # noqa: E402
from assistant.models.answer_judge import AnswerJudge  # noqa: E402
from assistant.models.embedder import default_embedding_model_path  # noqa: E402

THRESHOLDS = (-2.0, -1.0, 0.0, 1.0)


def hit_at_one(bot, model: AnswerJudge, examples: list[dict], top: int) -> tuple[int, int, int]:
    """(questions, shipped order's first answers, cross-encoder's first among the same `top` answers)."""
    shipped = ce = 0
    for example in examples:
        ranked = bot.answerer.evidence_order.rank(example["question"], example["candidates"])[:top]
        if not ranked:
            continue
        labels = [supports(e.text, example["phrase"]) for e in ranked]
        scores = model.scores(example["question"].text, [e.text for e in ranked])
        shipped += labels[0]
        ce += labels[int(np.argmax(scores))]
    return len(examples), shipped, ce


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--negatives", type=int, default=7)
    parser.add_argument("--rate", type=float, default=2e-4)
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=150)
    parser.add_argument("--dump", type=Path, help="write each question's held-out score here (JSON)")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(2)
    started = time.perf_counter()
    # The rules alone decide what the judge is trained and measured on.
    bot = Assistant(settings=Settings.load().model_copy(update={"answer_judge": "off"}), generator=SilentModel())
    sets = [path for path in DEFAULT_SETS if path.name not in HELD_OUT]
    examples = {path.stem: _cached(path, lambda path=path: read_examples(bot, path)) for path in sets}
    refused_none = {path.stem: unanswerable_groups(bot, path, args.negatives) for path in sets}
    rows = rules_passed.measured_questions(bot, with_texts=True)
    print(f"read {sum(map(len, examples.values()))} answerable and {sum(map(len, refused_none.values()))} "
          f"unanswerable questions, {len(rows)} one-part questions pass the rules, in "
          f"{time.perf_counter() - started:.0f} s", flush=True)

    names = sorted(examples)
    fold_of = {name: i % args.folds for i, name in enumerate(names)}
    best = np.zeros(len(rows))
    hits = np.zeros(3)
    for fold in range(args.folds):
        training = [g for name in names if fold_of[name] != fold
                    for g in answerable_groups(bot, examples[name], args.negatives) + refused_none[name]]
        model = AnswerJudge(default_embedding_model_path(), weights=None)
        began = time.perf_counter()
        model.train(training, args.epochs, args.rate)
        trained = time.perf_counter() - began
        for i, row in enumerate(rows):
            if fold_of[row["set"]] == fold:
                best[i] = model.scores(row["question"], row["evidence"][:5]).max(initial=-10.0)
        fold_hits = hit_at_one(bot, model, [e for n in names if fold_of[n] == fold for e in examples[n]], args.top)
        hits += fold_hits
        print(f"fold {fold}: {len(training)} training questions, {trained:.0f} s; held-out hit@1 among the first "
              f"{args.top}: shipped {fold_hits[1]}/{fold_hits[0]}, cross-encoder {fold_hits[2]}", flush=True)

    labels = np.array([row["unanswerable"] for row in rows])
    if args.dump:
        args.dump.write_text(json.dumps([{"set": row["set"], "unanswerable": row["unanswerable"],
                                          "french": row["measures"]["french"], "kind": row["measures"]["kind"],
                                          "asks_thing": row["measures"]["asks_thing"], "best": float(score)}
                                         for row, score in zip(rows, best)]))
    print(f"\nhit@1 held out: shipped {hits[1] / hits[0]:.3f}, cross-encoder {hits[2] / hits[0]:.3f} ({hits[0]:.0f})")
    print(f"{len(rows)} questions pass the rules, {labels.sum()} unanswerable; held-out AUC of the best "
          f"cross-encoder score {rules_passed.auc(labels, -best):.2f}")
    for threshold in THRESHOLDS:
        refused = best < threshold
        print(f"refuse below {threshold}: {(refused & labels).sum()} unanswerable, {(refused & ~labels).sum()} answerable")
    for row, score in zip(rows, best):
        row["measures"]["cross_encoder"] = float(score)
        row["set"] = str(fold_of[row["set"]])  # the trees are held out by the same folds
    predicted = rules_passed.held_out_probabilities(rows, args.rounds)
    print(f"with the 24 measures: held-out AUC {rules_passed.auc(labels, predicted):.2f}")
    for threshold in rules_passed.THRESHOLDS:
        refused = predicted >= threshold
        print(f"refuse at {threshold}: {(refused & labels).sum()} unanswerable, {(refused & ~labels).sum()} answerable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
