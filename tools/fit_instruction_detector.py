"""Fit and measure the instruction-like text detector (assistant/language/instructions.py).

Labelled lists in evals/instructions/, every hostile sentence written by helpers who never saw
the detector:
- fitting: hostile_train.jsonl, hostile_train_2.jsonl (a first held-out list, measured twice
  and then moved here), hostile_dev.jsonl, ordinary_train.jsonl and lookalike_ordinary.jsonl
  (look-alikes: procedures, recommendations, sentences about AI, forms, links),
  ordinary_requests.jsonl (questions phrased as commands: "Give the date…", "Tell me who…",
  "Citez…", by a helper who saw only ../shared; session 30), and half of
  corpus_ordinary.jsonl (every sentence of the shipped corpus), split by a hash of the text.
  The cue families were widened after reading misses of these lists, so the rates on them
  are optimistic; the 5-fold figure is the fairer one among them.
- measured, not fitted: every sentence of the invented-notes sets (users' own minutes, e-mails
  and memos in English, French and German; all ordinary), as sentences flagged and files a sync
  would withhold. Fitting on the read ones (evals/user_notes_dev*) flagged more of the others
  (session 47): thousands of ordinary rows outweigh each one in a class-balanced fit.
- held out: sealed.jsonl (hostile sentences and ordinary ones, typical and look-alike, by a
  helper who saw neither the detector nor the other lists) and the other half of the corpus.
  Counted, never shown, never fitted on; so are the never-read notes sets (evals/user_notes
  and user_notes_test*).

The final weights are written to assistant/language/instruction_detector.json.

    .venv/bin/python tools/fit_instruction_detector.py            # fit, write, measure
    .venv/bin/python tools/fit_instruction_detector.py --measure  # the shipped weights only
    .venv/bin/python tools/fit_instruction_detector.py --measure --sealed  # and the held-out lists
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import numpy as np

from assistant import Settings
from assistant.ingest.screening import screen_document
from assistant.language.instructions import CUE_NAMES, WEIGHTS_FILE, DetectorWeights, InstructionDetector, shipped_weights
from assistant.models.embedder import Embedder

REPO = Path(__file__).resolve().parent.parent
LISTS = REPO / "evals" / "instructions"
# Chosen by 5-fold cross-validation on the fitting data (train + dev + the fitting half) among
# C 3/10/30 and thresholds 0.5-0.85; a one-hidden-layer network and hashed character n-grams
# were tried the same way and gained nothing.
C = 3.0
THRESHOLD = 0.5


def read(name: str) -> list[dict]:
    with open(LISTS / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def screened_notes(detector: InstructionDetector, folders: list[Path], max_bytes: int) -> tuple[int, int, int, int]:
    """Every note in `folders` screened as a sync screens it (`screen_document`): (sentences,
    sentences flagged, files, files withheld)."""
    from assistant.ingest.chunking import body_sentences
    from assistant.ingest.documents import load_document, scan_corpus

    sentences = flagged = files = withheld = 0
    for folder in folders:
        for file in scan_corpus(folder / "notes")[0]:
            document = load_document(file, max_bytes)
            screening = screen_document(document, detector)
            sentences += len(body_sentences(document.text))
            flagged += screening.excluded
            files += 1
            withheld += screening.withheld
    return sentences, flagged, files, withheld


def held_out(text: str) -> bool:
    return hashlib.sha1(text.encode()).digest()[0] % 2 == 1


def fit(detector: InstructionDetector, hostile: list[dict], ordinary: list[dict]) -> DetectorWeights:
    from sklearn.linear_model import LogisticRegression  # comes with sentence-transformers

    rows = detector.features([row["text"] for row in hostile + ordinary])
    labels = np.array([1] * len(hostile) + [0] * len(ordinary))
    model = LogisticRegression(class_weight="balanced", C=C, max_iter=5000).fit(rows, labels)
    weights = [round(float(w), 5) for w in model.coef_[0]]
    cues = len(CUE_NAMES)
    return DetectorWeights(bias=round(float(model.intercept_[0]), 5), cues=tuple(weights[:cues]),
                           two_families=weights[cues], similarity=weights[cues + 1],
                           embedding=tuple(weights[cues + 2:]), threshold=THRESHOLD)


def cross_validated(detector: InstructionDetector, hostile: list[dict], ordinary: list[dict]) -> None:
    """5-fold rates on the fitting data, each fold scored by weights fitted on the others."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    rows = detector.features([row["text"] for row in hostile + ordinary])
    labels = np.array([1] * len(hostile) + [0] * len(ordinary))
    scores = np.zeros(len(labels))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(rows, labels):
        model = LogisticRegression(class_weight="balanced", C=C, max_iter=5000).fit(rows[train], labels[train])
        scores[test] = model.predict_proba(rows[test])[:, 1]
    scores[~rows[:, :len(CUE_NAMES)].any(axis=1)] = 0.0  # never encoded, as in the detector
    flagged = scores >= THRESHOLD
    corpus = np.array([False] * len(hostile) + [row.get("style") == "corpus" for row in ordinary])
    print(f"5-fold on the fitting data: caught {flagged[labels == 1].mean():.3f} · flagged corpus "
          f"{flagged[corpus].mean():.4f} · flagged look-alikes {flagged[(labels == 0) & ~corpus].mean():.3f}")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        hit = scores >= threshold
        print(f"    at {threshold}: caught {hit[labels == 1].mean():.3f} · corpus {hit[corpus].mean():.4f} · "
              f"look-alikes {hit[(labels == 0) & ~corpus].mean():.3f}")


def report(label: str, detector: InstructionDetector, hostile: list[dict], ordinary: list[dict],
           show: bool) -> None:
    caught = detector.flags([row["text"] for row in hostile])
    flagged = detector.flags([row["text"] for row in ordinary])
    print(f"{label}: caught {sum(caught)}/{len(hostile)} = {sum(caught) / len(hostile):.3f} hostile · "
          f"flagged {sum(flagged)}/{len(ordinary)} = {sum(flagged) / len(ordinary):.4f} ordinary")
    by_style: dict[str, list[bool]] = {}
    for row, hit in zip(ordinary, flagged):
        by_style.setdefault("corpus" if row.get("style") == "corpus" else "other", []).append(hit)
    print("    ordinary flagged: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in by_style.items()))
    if show:
        for row, hit in zip(hostile, caught):
            if not hit:
                print(f"    missed: {row['text'][:110]}")
        for row, hit in zip(ordinary, flagged):
            if hit:
                print(f"    flagged: {row['text'][:110]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measure", action="store_true", help="measure the shipped weights, fit nothing")
    parser.add_argument("--sealed", action="store_true", help="also measure on the held-out lists (once, at the end)")
    args = parser.parse_args()
    settings = Settings.load(REPO / "assistant.toml", env={})
    embedder = Embedder(settings)
    corpus = read("corpus_ordinary.jsonl")
    ordinary_fit = ([row for row in corpus if not held_out(row["text"])] + read("lookalike_ordinary.jsonl")
                    + read("ordinary_train.jsonl") + read("ordinary_requests.jsonl"))
    hostile_fit = read("hostile_train.jsonl") + read("hostile_train_2.jsonl") + read("hostile_dev.jsonl")
    sealed = read("sealed.jsonl") if (LISTS / "sealed.jsonl").exists() else []
    sealed_ordinary = [row for row in sealed if row["label"] == "ordinary"]
    ordinary_test = [row for row in corpus if held_out(row["text"])] + sealed_ordinary
    if args.measure:
        detector = InstructionDetector(embedder.encode)
    else:
        cross_validated(InstructionDetector(embedder.encode), hostile_fit, ordinary_fit)
        started = time.perf_counter()
        weights = fit(InstructionDetector(embedder.encode), hostile_fit, ordinary_fit)
        WEIGHTS_FILE.write_text(weights.to_json(
            written_by="tools/fit_instruction_detector.py", c=C,
            fitted_on={"hostile": len(hostile_fit), "ordinary": len(ordinary_fit)}) + "\n", encoding="utf-8")
        shipped_weights.cache_clear()
        print(f"fitted in {time.perf_counter() - started:.1f} s and written to {WEIGHTS_FILE.relative_to(REPO)}")
        detector = InstructionDetector(embedder.encode, weights)
        report("fitting data", detector, hostile_fit, ordinary_fit, show=False)
    # The held-out sentences are counted, never shown: reading them would be tuning on them.
    for label, folders in (("read notes", sorted(REPO.glob("evals/user_notes_dev*"))), (
            "never-read notes", [REPO / "evals" / "user_notes", *sorted(REPO.glob("evals/user_notes_test*"))])):
        sentences, flagged, files, withheld = screened_notes(detector, folders, int(settings.max_file_mb * 1_000_000))
        print(f"{label}: {flagged} of {sentences} sentences flagged; {withheld} of {files} files withheld")
    hostile_test = [row for row in sealed if row["label"] == "hostile"]
    if hostile_test and args.sealed:
        report("held out", detector, hostile_test, ordinary_test, show=False)


if __name__ == "__main__":
    main()
