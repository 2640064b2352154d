"""Exported answers and chats: every citation with its title, date, publisher, link, page and quote."""

from __future__ import annotations

import json

from assistant.export import conversation_json, conversation_markdown, export_name
from assistant.schema import Answer, Citation, Passage


def cited(n: int, **fields) -> Citation:
    base = dict(chunk_id=f"c{n}", doc_id=f"d{n}", source=f"d{n}.pdf", title=f"Report {n}", text=f"Passage {n}.",
                start=0, end=10, highlight=f"The cited words of report {n}.", url=f"https://example.org/{n}",
                publisher=f"Publisher {n}", date=f"20{n:02d}", page=n)
    return Citation(**{**base, **fields})


def test_an_answer_in_markdown_lists_every_citation_with_what_a_reader_needs():
    answer = Answer(question="What do the reports say?", text="They agree [1]. They differ [2].", refused=False,
                    citations=[cited(1), cited(2, url="", page=0)])
    markdown = answer.to_markdown()
    assert markdown.startswith("## What do the reports say?\n\nThey agree [1]. They differ [2].\n")
    assert ("1. *Report 1* — 2001, Publisher 1, https://example.org/1, p. 1, file d1.pdf\n"
            "   > The cited words of report 1.") in markdown
    assert "2. *Report 2* — 2002, Publisher 2, file d2.pdf\n   > The cited words of report 2." in markdown


def test_a_refusal_in_markdown_lists_the_closest_passages_as_not_an_answer():
    closest = Passage(chunk_id="p", doc_id="d", source="d.md", title="Close note", text="Nearby text.", start=0, end=1)
    markdown = Answer(question="Who chairs it?", text="The documents don't say.", refused=True,
                      passages=[closest]).to_markdown()
    assert "Closest passages (not an answer):" in markdown and "> Nearby text." in markdown


def test_a_chat_exports_every_answer_as_markdown_and_as_json_that_reads_back():
    answers = [Answer(question=f"Q{n}?", text=f"A{n} [1].", refused=False, citations=[cited(n)]) for n in (1, 2)]
    markdown = conversation_markdown("Budget questions", answers)
    assert markdown.startswith("# Budget questions\n\n## Q1?") and "## Q2?" in markdown
    assert all(f"https://example.org/{n}" in markdown for n in (1, 2))
    data = json.loads(conversation_json("Budget questions", answers))
    assert [Answer.from_dict(a) for a in data["answers"]] == answers
    assert export_name("Budget questions: 2021/2025!") == "budget-questions-2021-2025"
