"""Builds the answer judge's weights (`assistant/models/answer_judge.pt`) from the labelled questions.

Every read set (the sealed and blind sets, `HELD_OUT`, are never read) gives training groups,
read through the shipped pipeline as the answerer reads them: each answerable question's
answering sentences (`support_phrase`) with its hardest other candidates in the shipped order,
and each unanswerable question's first candidates, none answering. `AnswerJudge.train` fine-tunes
all-MiniLM-L6-v2 on them from the same seed, so the same sets and code give the same weights
(up to float rounding across machines).

    .venv/bin/python tools/train_answer_judge.py [--epochs 2] [--negatives 7] [--out PATH]

Session 38 (low-rank changes, rank 16): 1734 groups, 2 epochs, 1448 s on this 2-core CPU (busy);
the weights file is 1.35 MB.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_read_sets import SilentModel  # noqa: E402
from fit_evidence_scorer import (DEFAULT_SETS, HELD_OUT, REPO, _cached, candidates_read, read_examples,  # noqa: E402
                                 supports)

from assistant import Assistant, Settings  # noqa: E402
from assistant.answer.question import analyse_question  # noqa: E402
from assistant.models.answer_judge import WEIGHTS_FILE, AnswerJudge, Group  # noqa: E402
from assistant.models.embedder import default_embedding_model_path  # noqa: E402


def answerable_groups(bot, examples: list[dict], negatives: int) -> list[Group]:
    """Each answerable question's answering sentences (two at most) and its hardest others."""
    groups = []
    for example in examples:
        ranked = bot.answerer.evidence_order.rank(example["question"], example["candidates"])
        labels = [supports(e.text, example["phrase"]) for e in ranked]
        if any(labels):
            positives = [e.text for e, label in zip(ranked, labels) if label][:2]
            others = [e.text for e, label in zip(ranked, labels) if not label][:negatives]
            groups.append((example["question"].text, positives + others,
                           [True] * len(positives) + [False] * len(others)))
    return groups


def without_answers(groups: list[Group]) -> list[Group]:
    """Each answerable question again with its answering sentences taken out, so none answers:
    the same question is then answered or not by what its sentences say, and its wording alone
    ("what is the name of…") can't tell the judge which."""
    return [(question, [s for s, label in zip(sentences, labels) if not label],
             [False] * labels.count(False)) for question, sentences, labels in groups if False in labels]


def unanswerable_groups(bot, path: Path, negatives: int) -> list[Group]:
    """Each unanswerable question of a set with its first candidates in the shipped order."""
    snapshot = bot.retriever.current_snapshot()

    def read() -> list[Group]:
        groups = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not (record := json.loads(line))["answerable"]:
                question = bot.answerer.prepared(analyse_question(record["question"]), snapshot)
                ranked = bot.answerer.evidence_order.rank(question, candidates_read(bot, question, snapshot))
                sentences = [e.text for e in ranked[: negatives + 1]]
                if sentences:
                    groups.append((record["question"], sentences, [False] * len(sentences)))
        return groups

    return _cached(path, read, "-unanswerable")


def groups_by_set(bot, negatives: int, with_answers_removed: bool = False) -> dict[str, list[Group]]:
    """The training groups of every read set, by set name (`with_answers_removed`: each
    answerable question also without its answering sentences)."""
    sets = [path for path in DEFAULT_SETS if path.name not in HELD_OUT]
    groups = {}
    for path in sets:
        answerable = answerable_groups(bot, _cached(path, lambda path=path: read_examples(bot, path)), negatives)
        removed = without_answers(answerable) if with_answers_removed else []
        groups[path.stem] = answerable + removed + unanswerable_groups(bot, path, negatives)
    return groups


def note_set_groups(folder: Path, negatives: int, index_root: Path) -> list[Group]:
    """The training groups of a set of invented user notes (a folder holding notes/ and
    questions.jsonl), read on an index of its own notes: the documents users upload are not
    this corpus, and a judge trained on this corpus alone learned its sentences, not answers."""
    settings = Settings.load().model_copy(update={"answer_judge": "off", "corpus_dir": folder / "notes",
                                                  "index_dir": index_root / folder.name})
    bot = Assistant(settings=settings, generator=SilentModel())
    bot.sync_index()
    questions = folder / "questions.jsonl"
    examples = _cached(questions, lambda: read_examples(bot, questions), f"-{folder.name}")
    return answerable_groups(bot, examples, negatives) + unanswerable_groups(bot, questions, negatives)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--negatives", type=int, default=7)
    parser.add_argument("--rate", type=float, default=2e-4)
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    parser.add_argument("--without-answers", action="store_true",
                        help="also train on each answerable question with its answering sentences taken out")
    parser.add_argument("--notes", type=Path, nargs="*", default=[],
                        help="sets of invented user notes to train on too (folders with notes/ and questions.jsonl)")
    parser.add_argument("--notes-repeat", type=int, default=1,
                        help="how many times each note-set question is seen per epoch")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(2)
    # The rules alone decide what the judge is trained and measured on.
    bot = Assistant(settings=Settings.load().model_copy(update={"answer_judge": "off"}), generator=SilentModel())
    groups = [group for groups in groups_by_set(bot, args.negatives, args.without_answers).values() for group in groups]
    index_root = REPO / "benchmarks" / "out" / "note-indexes"
    for folder in args.notes:
        groups += note_set_groups(folder, args.negatives, index_root) * args.notes_repeat
    judge = AnswerJudge(default_embedding_model_path(), weights=None)
    began = time.perf_counter()
    judge.train(groups, args.epochs, args.rate)
    judge.save(args.out)
    print(f"trained on {len(groups)} questions in {time.perf_counter() - began:.0f} s; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
