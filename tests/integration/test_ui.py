"""The chat UI with the real assistant: its chat handler, and the app served in-process."""

from __future__ import annotations

import pytest

from servers import free_port

FRANKFURT = "Which four cities backed the Frankfurt Resolution in the early 1990s?"


@pytest.fixture
def served(bot, settings):
    """The app on a free loopback port, closed after the test."""
    from assistant.ui.app import launch_app

    local = settings.model_copy(update={"host": "127.0.0.1", "port": free_port(),
                                        "auth_username": "", "auth_password": ""})
    app = launch_app(bot, local, prevent_thread_lock=True)
    try:
        yield f"http://127.0.0.1:{local.port}/"
    finally:
        app.close()


def test_ask_endpoint_answers_with_a_citation(served):
    from gradio_client import Client

    client = Client(served, verbose=False)
    result = client.predict(question=FRANKFURT, api_name="/ask")

    assert result["refused"] is False
    assert "[1]" in result["text"]
    assert any(c["source"] == "prague-declaration-2010-druglawreform-en.md" or "Prague" in c["title"]
               for c in result["citations"])


@pytest.fixture
def chat(bot, tmp_path):
    from assistant.chats import ChatStore
    from assistant.ui.app import ChatSession

    store = ChatStore(tmp_path / "chats.sqlite3")
    yield ChatSession(bot, store, tmp_path / "exports")
    store.close()


def test_chat_answer_only_grows_from_searching_to_the_checked_answer_and_is_saved(chat):
    from assistant.ui.app import CHECKING, SEARCHING
    from assistant.ui.render import plain_markdown

    earlier = [{"role": "user", "content": "Who met?"}, {"role": "assistant", "content": "The council [1]."}]
    updates = list(chat.respond(FRANKFURT, earlier, [], None, None))

    assert updates[0][1][-1]["content"] == SEARCHING
    assert updates[0][0]["interactive"] is False  # no second question while this one streams
    growing = [u[1][-1]["content"].removesuffix("\n\n" + CHECKING) for u in updates[1:-1]]
    assert growing and all(later.startswith(earlier) for earlier, later in zip(growing, growing[1:]))
    textbox, shown, turns, cards, answers, chat_id, saved, markdown, data = updates[-1]
    assert plain_markdown(turns[-1]["content"]).startswith(growing[-1])  # nothing shown was taken back
    assert "Hamburg" in turns[-1]["content"] and turns[-2] == {"role": "user", "content": FRANKFURT}
    assert "](#cite-1)" in shown[-1]["content"]  # the latest answer's markers link to its cards
    assert shown[1]["content"] == "The council \\[1\\]."  # older answers keep plain markers
    assert 'id="cite-1"' in cards and textbox["interactive"] is True
    # Saved, listed and exported with every citation.
    assert [title for title, _ in saved["choices"]] == [FRANKFURT]
    assert chat.chats.turns("", chat_id)[-1].answer.to_dict() == answers[-1]
    exported = open(markdown, encoding="utf-8").read()
    for citation in answers[-1]["citations"]:
        assert citation["title"] in exported and " ".join(citation["highlight"].split())[:60] in exported


def test_chat_shows_user_errors_as_a_warning_and_keeps_the_question(chat):
    with pytest.warns(UserWarning, match="question is empty"):
        updates = list(chat.respond("   ", [], [], None, None))
    textbox, shown, turns, cards, *rest = updates[-1]
    assert textbox["value"] == "   " and (shown, turns, cards) == ([], [], "")


def test_served_app_serves_no_corpus_or_system_files(served, settings):
    import urllib.error
    import urllib.request

    for path in (settings.corpus_dir / "prague-declaration-2010-druglawreform-en.md",
                 __file__, "/etc/passwd"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{served}gradio_api/file={path}", timeout=10)
        assert refused.value.code == 403


def test_chat_limit_to_pickers_scope_the_answer(chat):
    from assistant.ui.app import DocumentsSession

    documents, languages = DocumentsSession(chat.assistant).scope_choices()
    assert "fr" in languages["choices"] and ("The Prague Declaration" in str(documents["choices"]))
    updates = list(chat.respond(FRANKFURT, [], [], None, None, None, ["fr"], "", "", ""))
    *_, turns, cards, answers, chat_id, saved, markdown, data = updates[-1]
    assert answers[-1]["refused"] and answers[-1]["scope"] == "language fr"
    assert turns[-1]["content"].startswith("The selected documents (language fr) don't say.")
    assert "Asked within: language fr" in open(markdown, encoding="utf-8").read()
