"""Would a classifier fitted on labelled questions refuse the unanswerable questions the refusal
rules let through? Issue 17, item 3; an experiment, not shipped code.

For every one-part question of the read sets (the sealed and blind sets, `HELD_OUT`, are never
read) the shipped pipeline reads the documents as the answerer does and applies its refusal
rules. For those no rule refuses, it measures what a classifier could go on: the best
sentence's score and its lead over the second and fifth, the best sentence's measures
(cosine, terms held, the kind of thing asked, the passage's dense and BM25 scores, its
language), the share of the question's terms in the best sentence, the quotes and everything
read, the terms found nowhere, the kind of question, whether the thing asked about ("which
venue") is quoted or read at all. LightGBM trees (binary, unanswerable = 1) are fitted with
each set held out in turn; the report gives the held-out AUC and, for thresholds on the
held-out probability, the unanswerable questions it would refuse against the answerable ones.

    .venv/bin/python tools/answerability_experiment.py [--rounds 150]

Session 36: 1176 questions pass the rules, 45 of them unanswerable; held-out AUC 0.74. At 0.3
it would refuse 6 unanswerable and 9 answerable questions, at 0.4 5 and 3, at 0.5 3 and 2: a
few refusals out of 399 unanswerable questions, each bought with about as many false ones.
What the rules let through looks, by these measures, like an answer. Not shipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_read_sets import SilentModel  # noqa: E402
from fit_evidence_scorer import DEFAULT_SETS, HELD_OUT, candidates_read  # noqa: E402

from assistant import Assistant, Settings  # noqa: E402
from assistant.answer.evidence_order import KINDS  # noqa: E402
from assistant.answer.question import analyse_question, split_parts  # noqa: E402
from assistant.language.normalise import content_terms  # noqa: E402

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)


def measured_questions(bot, with_texts: bool = False) -> list[dict]:
    """Each one-part read question no refusal rule refuses, with its measures; `with_texts`
    adds the question and its evidence sentences, best first, for a model to read."""
    snapshot = bot.retriever.current_snapshot()
    rows = []
    for path in (p for p in DEFAULT_SETS if p.name not in HELD_OUT):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            parts = [bot.answerer.prepared(p, snapshot) for p in split_parts(analyse_question(record["question"]))]
            if len(parts) == 1:
                read = _measures(bot, parts[0], snapshot)
                if read is not None:
                    measures, evidence = read
                    rows.append({"set": path.stem, "unanswerable": not record["answerable"], "measures": measures,
                                 **({"question": record["question"], "evidence": evidence} if with_texts else {})})
    return rows


def _measures(bot, part, snapshot) -> tuple[dict, list[str]] | None:
    """The question's measures and its first evidence sentences, or None when a rule refuses it."""
    found = bot.retriever.retrieve_passages(part, bot.settings.top_k, snapshot)
    reading = bot.answerer._read(part, found, snapshot, bot.retriever.other_language_passages(part, found, snapshot))
    if reading.reason:
        return None
    candidates = {(c.passage.doc_id, c.start): c for c in candidates_read(bot, part, snapshot)}
    evidence, context = reading.evidence, reading.context
    best = candidates[(evidence[0].doc_id, evidence[0].start)]
    scores = [e.score for e in evidence] + [0.0] * 5
    asked = set(part.terms)
    quoted = {t for quote in reading.quotes for t in content_terms(quote.shown.text)}
    read = {t for p in context for t in content_terms(p.text)}
    thing = set(part.asked_thing)
    return {
        "score": scores[0], "lead_over_second": scores[0] - scores[1], "lead_over_fifth": scores[0] - scores[4],
        "cosine": float(best.cosine), "overlap": best.overlap, "overlap_within": best.overlap_within,
        "of_kind_asked": float(best.of_kind_asked), "states_quantity_asked": float(best.states_quantity_asked),
        "names_thing_asked": best.names_thing_asked, "dense": best.passage.dense_score,
        "bm25": best.passage.lexical_score, "in_question_language": float(best.passage.language == part.language),
        "terms_in_best": _share(asked, set(content_terms(evidence[0].text))), "terms_quoted": _share(asked, quoted),
        "terms_read": _share(asked, read), "terms_read_nowhere": len(asked - read), "terms": len(asked),
        "kind": KINDS.index(part.kind) if part.kind in KINDS else len(KINDS),
        "thing_quoted": float(bool(thing & quoted)), "thing_read": float(bool(thing & read)),
        "asks_thing": float(bool(thing)), "quotes": len(reading.quotes),
        "documents_in_best_five": len({e.doc_id for e in evidence[:5]}), "french": float(part.language == "fr"),
    }, [e.text for e in evidence[:8]]


def _share(terms: set[str], found: set[str]) -> float:
    return len(terms & found) / max(len(terms), 1)


def held_out_probabilities(rows: list[dict], rounds: int) -> np.ndarray:
    import lightgbm

    names = list(rows[0]["measures"])
    x = np.array([[row["measures"][n] for n in names] for row in rows])
    y = np.array([row["unanswerable"] for row in rows], dtype=float)
    sets = np.array([row["set"] for row in rows])
    params = {"objective": "binary", "learning_rate": 0.05, "num_leaves": 7, "min_data_in_leaf": 20,
              "lambda_l2": 1.0, "verbose": -1, "num_threads": 1}
    predicted = np.zeros(len(rows))
    for held in sorted(set(sets)):
        train = sets != held
        booster = lightgbm.train(params, lightgbm.Dataset(x[train], y[train]), rounds)
        predicted[~train] = booster.predict(x[~train])
    return predicted


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """The chance that a random unanswerable question scores above a random answerable one."""
    ranks = np.argsort(np.argsort(scores)) + 1
    positives = labels.sum()
    return float((ranks[labels].sum() - positives * (positives + 1) / 2) / (positives * (len(labels) - positives)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=150)
    args = parser.parse_args()
    rules_alone = Settings.load().model_copy(update={"answer_judge": "off"})
    rows = measured_questions(Assistant(settings=rules_alone, generator=SilentModel()))
    labels = np.array([row["unanswerable"] for row in rows])
    predicted = held_out_probabilities(rows, args.rounds)
    print(f"{len(rows)} one-part questions pass every refusal rule, {labels.sum()} of them unanswerable; "
          f"held-out AUC {auc(labels, predicted):.2f}")
    for threshold in THRESHOLDS:
        refused = predicted >= threshold
        print(f"refuse at {threshold}: {(refused & labels).sum()} unanswerable, {(refused & ~labels).sum()} answerable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
