"""Answer every read question quotes-only and compare two runs, answer by answer.

A rule is kept when it gains on the read sets and loses nothing there; this is how that is
measured. The read sets are the dev set and every set under `evals/` but those held out
(`fit_evidence_scorer.HELD_OUT`, never read). Answers are the shipped pipeline's with a silent
model, so only the quotes speak: a run takes about 90 s here, not the 40 min the model would.

    .venv/bin/python tools/compare_read_sets.py run before.json        # on the code as it is
    .venv/bin/python tools/compare_read_sets.py run after.json --code /tmp/copy   # another copy's assistant/
    .venv/bin/python tools/compare_read_sets.py diff before.json after.json [--changed]

`--model` answers with the shipped model instead (about 2 s a question: use `--only` for a sample).

`--fusion-models DIR` answers each set with the retrieval trees fitted without it
(`tools/fit_retrieval_fusion.py --held-out-models DIR`): the fusion judged on questions it never saw.

`--evidence-models DIR` does the same for the evidence order's trees
(`tools/fit_evidence_order.py --held-out-models DIR`).

`run` prints right answers, citations, correct and false refusals; `diff` the questions one run
got right and the other didn't (and, with `--changed`, every other answer that changed).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent


class SilentModel:
    """A generator that says nothing: the answer is its verified quotes alone."""

    def stream(self, messages, max_tokens):
        return iter(())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="answer every read question and save the answers")
    run.add_argument("out", type=Path)
    run.add_argument("--code", type=Path, help="a folder holding the assistant/ package to run (default: this repo)")
    run.add_argument("--only", default="", help="only the sets whose file name this regular expression finds")
    run.add_argument("--model", action="store_true",
                     help="answer with the shipped model, as users are (about 2 s a question), not quotes only")
    run.add_argument("--fusion-models", type=Path, help="answer each set with DIR/<set>.txt, trees fitted without it")
    run.add_argument("--evidence-models", type=Path, help="the same for the evidence order's trees")
    diff = commands.add_parser("diff", help="the questions two runs disagree on")
    diff.add_argument("before", type=Path)
    diff.add_argument("after", type=Path)
    diff.add_argument("--changed", action="store_true", help="also every other answer that changed")
    args = parser.parse_args()
    if args.command == "run":
        return run_sets(args.out, args.code, args.only, args.fusion_models, args.evidence_models, args.model)
    return compare(json.loads(args.before.read_text()), json.loads(args.after.read_text()), args.changed)


def run_sets(out: Path, code: Path | None, only: str, fusion_models: Path | None = None,
             evidence_models: Path | None = None, model: bool = False) -> int:
    # The package to run goes first on the path, before anything imports the installed one.
    sys.path[:0] = [str((code or REPO).resolve()), str(TOOLS)]
    from assistant import Assistant
    from assistant.answer.fusion import LearnedFusion
    if evidence_models:
        from assistant.answer.evidence_order import LearnedOrder
    from assistant.evaluation import load_questions, run_eval
    from fit_evidence_scorer import DEFAULT_SETS, HELD_OUT

    bot = Assistant(corpus_dir=REPO / "corpus", index_dir=REPO / "index", generator=None if model else SilentModel())
    answers, started = {}, time.perf_counter()
    for path in (p for p in DEFAULT_SETS if p.name not in HELD_OUT and re.search(only, p.name)):
        questions = load_questions(path)
        if fusion_models:
            bot.retriever.fusion = LearnedFusion.load(fusion_models / f"{path.stem}.txt")
        if evidence_models:
            bot.answerer.evidence_order = LearnedOrder.load(evidence_models / f"{path.stem}.txt")
        rows, _ = run_eval(bot, questions)
        for question, row in zip(questions, rows):
            answers[f"{path.stem}:{row.id}"] = {
                "question": question.question, "answerable": row.answerable, "refused": row.refused,
                "correct": row.answer_correct, "cited": row.citation_hit, "precision": row.citation_precision,
                "sources": row.cited, "answer": row.answer, "seconds": row.seconds}
    out.write_text(json.dumps(answers, ensure_ascii=False, indent=0))
    answerable = [a for a in answers.values() if a["answerable"]]
    unanswerable = [a for a in answers.values() if not a["answerable"]]
    precisions = [a["precision"] for a in answerable if a["precision"] is not None]
    print(f"right {sum(a['correct'] for a in answerable)}/{len(answerable)} · cited {sum(a['cited'] for a in answerable)}"
          f" · precision {sum(precisions) / max(len(precisions), 1):.3f}"
          f" · refused right {sum(a['refused'] for a in unanswerable)}/{len(unanswerable)}"
          f" · refused wrongly {sum(a['refused'] for a in answerable)}"
          f" · answer p50 {statistics.median(a['seconds'] for a in answers.values()):.2f} s"
          f" ({time.perf_counter() - started:.0f} s)")
    return 0


def compare(before: dict, after: dict, changed: bool) -> int:
    shared = [key for key in after if key in before]
    gained = [key for key in shared if _right(after[key]) and not _right(before[key])]
    lost = [key for key in shared if _right(before[key]) and not _right(after[key])]
    other = [key for key in shared if changed and before[key]["answer"] != after[key]["answer"]
             and key not in gained and key not in lost]
    for label, keys in (("GAINED", gained), ("LOST", lost), ("CHANGED", other)):
        for key in keys:
            print(f"{label} {key} {after[key]['question']}\n   before: {_line(before[key])}\n   after:  {_line(after[key])}")
    moved = sum(before[key]["answer"] != after[key]["answer"] for key in shared)
    print(f"gained {len(gained)} · lost {len(lost)} · answers changed {moved} of {len(shared)}")
    return 1 if lost else 0


def _right(answer: dict) -> bool:
    """Right: an answerable question answered correctly, an unanswerable one refused."""
    return answer["correct"] if answer["answerable"] else answer["refused"]


def _line(answer: dict) -> str:
    return answer["answer"][:300].replace("\n", " ")


if __name__ == "__main__":
    sys.exit(main())
