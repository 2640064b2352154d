"""The eval harness: run questions through an `Assistant` and score them.

Metrics follow ../shared/eval/README.md exactly, so figures are comparable between versions.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.errors import AssistantError
from assistant.schema import Answer
from assistant.language.normalise import fold

MAX_ANSWER_CHARS = 700
RECALL_AT = 5


@dataclass
class EvalQuestion:
    id: str
    question: str
    answerable: bool
    expected_sources: list[str]
    answer_keywords: list[list[str]]
    type: str = ""
    language: str = ""
    support_phrase: str = ""


@dataclass
class EvalRow:
    id: str
    type: str
    answerable: bool
    refused: bool
    retrieved_expected: bool
    answer_correct: bool
    citation_hit: bool
    citation_precision: float | None
    seconds: float
    answer: str
    cited: list[str]  # the document of each citation, in answer order


def load_questions(path: Path) -> list[EvalQuestion]:
    if not path.is_file():
        raise AssistantError(f"eval file {path} does not exist")
    questions = []
    fields = set(EvalQuestion.__dataclass_fields__)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            questions.append(EvalQuestion(**{k: v for k, v in data.items() if k in fields}))
        except (ValueError, TypeError) as error:
            raise AssistantError(f"{path}, line {number}: not a valid question record ({error})") from None
    return questions


def score_answer(question: EvalQuestion, answer: Answer, seconds: float) -> EvalRow:
    expected = set(question.expected_sources)
    retrieved = [p.doc_id for p in answer.passages[:RECALL_AT]]
    cited = [c.doc_id for c in answer.citations]
    precision = sum(doc in expected for doc in cited) / len(cited) if cited else None
    correct = (question.answerable and not answer.refused and len(answer.text) <= MAX_ANSWER_CHARS
               and all(_matches_group(answer.text, group) for group in question.answer_keywords))
    return EvalRow(
        id=question.id, type=question.type, answerable=question.answerable, refused=answer.refused,
        retrieved_expected=bool(expected & set(retrieved)), answer_correct=correct,
        citation_hit=bool(expected & set(cited)), citation_precision=precision,
        seconds=round(seconds, 3), answer=answer.text, cited=cited,
    )


def summarize(rows: list[EvalRow], load_seconds: float) -> dict:
    answerable = [r for r in rows if r.answerable]
    unanswerable = [r for r in rows if not r.answerable]
    with_citations = [r for r in answerable if r.citation_precision is not None]
    latencies = [r.seconds for r in rows]
    summary = {
        "questions": len(rows),
        "retrieval_recall@5": _share(answerable, lambda r: r.retrieved_expected),
        "answer_correct": _share(answerable, lambda r: r.answer_correct),
        "citation_hit": _share(answerable, lambda r: r.citation_hit),
        "citation_precision": (round(statistics.mean(r.citation_precision for r in with_citations), 3)
                               if with_citations else None),
        "false_refusal": _share(answerable, lambda r: r.refused),
        "correct_refusal": _share(unanswerable, lambda r: r.refused),
        "latency_p50_s": round(statistics.median(latencies), 3) if latencies else None,
        "latency_max_s": round(max(latencies), 3) if latencies else None,
        "load_s": round(load_seconds, 3),
    }
    summary["by_type"] = {
        kind: {
            "n": len(group),
            "answer_correct": _share([r for r in group if r.answerable], lambda r: r.answer_correct),
            "refused": _share(group, lambda r: r.refused),
        }
        for kind in sorted({r.type for r in rows}) for group in [[r for r in rows if r.type == kind]]
    }
    return summary


def summarize_by_type(rows: list[EvalRow]) -> dict[str, dict]:
    """The metrics of `summarize`, for each question type on its own."""
    return {kind: summarize([r for r in rows if r.type == kind], 0.0) for kind in sorted({r.type for r in rows})}


def run_eval(assistant, questions: list[EvalQuestion], load_seconds: float = 0.0) -> tuple[list[EvalRow], dict]:
    rows = []
    for question in questions:
        started = time.perf_counter()
        answer = assistant.ask(question.question)
        rows.append(score_answer(question, answer, time.perf_counter() - started))
    return rows, summarize(rows, load_seconds)


def rows_as_dicts(rows: list[EvalRow]) -> list[dict]:
    return [asdict(r) for r in rows]


def _matches_group(text: str, group: list[str]) -> bool:
    folded = fold(text)
    return any(fold(alternative) in folded for alternative in group)


def _share(rows: list[EvalRow], predicate) -> float | None:
    return round(sum(bool(predicate(r)) for r in rows) / len(rows), 3) if rows else None
