"""Regression: answers to known questions, with the real models over the shipped corpus.

Each line of `pinned_answers.jsonl` is one case: the question (and history, for a follow-up),
whether it is refused, and what the answer must or must not show. These pin behaviour that
was once wrong (a `why` says how); they are a regression net, not a quality measure — that is
`assistant eval` on question sets the pipeline was not tuned on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = [json.loads(line) for line in (Path(__file__).parent / "pinned_answers.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_pinned_answer(bot, case):
    answer = bot.ask(case["question"], history=case.get("history"))
    assert answer.refused == case["refused"], answer.text
    for words in case.get("contains", []):
        assert words in answer.text, answer.text
    for words in case.get("excludes", []):
        assert words not in answer.text, answer.text
    if "starts_with" in case:
        assert answer.text.startswith(case["starts_with"]), answer.text
    retrieved = [p.doc_id for p in answer.passages[:bot.settings.top_k]]
    for doc_id in case.get("retrieved", []):
        assert doc_id in retrieved
    if "first_retrieved" in case:
        assert retrieved[0] == case["first_retrieved"]
    cited = [c.doc_id for c in answer.citations]
    assert set(case.get("cited", [])) <= set(cited), cited
    for editions in case.get("cited_any", []):  # one document, in any of its editions
        assert set(editions) & set(cited), cited
    if "first_cited" in case:
        assert cited and cited[0] in case["first_cited"], cited
    if "first_highlight_contains" in case:
        assert case["first_highlight_contains"] in answer.citations[0].highlight
    if "first_highlight_excludes" in case:
        assert case["first_highlight_excludes"] not in answer.citations[0].highlight
