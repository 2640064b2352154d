"""Scoped questions with the real models: only the allowed documents are read and cited, and
a question they don't answer is refused as such (from Python, the CLI and the HTTP API)."""

from __future__ import annotations

import json

from assistant import Answer
from test_cli import run_cli

FRANKFURT = "Which four cities backed the Frankfurt Resolution in the early 1990s?"
PRAGUE = "prague-declaration-2010-druglawreform-en"


def test_a_language_scope_answers_from_documents_in_that_language_only(bot):
    answer = bot.ask("Where and when did Efus adopt its resolution on local drug policy?",
                     filters={"languages": ["fr"]})
    assert not answer.refused and "Amiens" in answer.text
    assert answer.citations and {p.language for p in answer.passages + answer.citations} == {"fr"}
    assert answer.scope == "language fr"


def test_a_document_scope_refuses_what_the_chosen_documents_dont_say(bot):
    assert not bot.ask(FRANKFURT).refused  # the Prague Declaration answers it…
    strategy = "eu-drugs-strategy-2021-2025-eurlex-en"
    answer = bot.ask(FRANKFURT, filters={"documents": [strategy]})  # …the 2021-2025 strategy doesn't
    assert answer.refused and answer.text.startswith(f"The selected documents (document {strategy}) don't say.")
    assert answer.passages and {p.doc_id for p in answer.passages} == {strategy}
    assert answer.to_markdown().count(f"Asked within: document {strategy}") == 1


def test_a_date_and_publisher_scope_keeps_every_passage_inside_it(bot):
    answer = bot.ask("What does the EU drugs strategy say about harm reduction?",
                     filters={"since": "2021", "until": "2025"})
    assert answer.passages and not answer.refused
    assert all("2021" <= p.date[:4] <= "2025" for p in answer.passages + answer.citations)
    efus = bot.ask("Where and when did Efus adopt its resolution on local drug policy?",
                   filters={"publishers": ["EMCDDA"]})
    assert all("EMCDDA" in p.publisher for p in efus.passages)


def test_cli_scope_flags(bot):
    result = run_cli("ask", FRANKFURT, "--json", "--doc", PRAGUE, "--lang", "en", "--since", "2010",
                     "--index", str(bot.settings.index_dir))
    assert result.returncode == 0, result.stderr
    answer = Answer.from_dict(json.loads(result.stdout))
    assert not answer.refused and {c.doc_id for c in answer.citations} == {PRAGUE}
    assert answer.scope == f"document {PRAGUE}; language en; since 2010"

    typo = run_cli("ask", FRANKFURT, "--doc", PRAGUE[:-2], "--index", str(bot.settings.index_dir))
    assert typo.returncode == 2 and typo.stdout == ""
    assert typo.stderr.startswith(f"error: filters.documents: no indexed document {PRAGUE[:-2]!r}; "
                                  f"did you mean {PRAGUE}, ")
    assert typo.stderr.count("\n") == 1  # one line, no traceback


def test_api_filters(api):
    scoped = api.post("/api/ask", json={"question": FRANKFURT, "filters": {"languages": ["fr"]}})
    assert scoped.status_code == 200 and scoped.json()["refused"] is True
    assert scoped.json()["scope"] == "language fr"
    for filters, message in (({"since": "soon"}, "filters.since: 'soon' is not a date"),
                             ({"language": ["fr"]}, "filters.language: Extra inputs are not permitted"),
                             ({"languages": ["es"]}, "filters.languages: no indexed document in 'es'")):
        response = api.post("/api/ask", json={"question": FRANKFURT, "filters": filters})
        assert response.status_code == 400 and response.json()["error"].startswith(message), response.text
