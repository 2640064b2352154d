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
    demo = launch_app(bot, local, prevent_thread_lock=True)
    try:
        yield f"http://127.0.0.1:{local.port}/"
    finally:
        demo.close()


def test_ask_endpoint_answers_with_a_citation(served):
    from gradio_client import Client

    client = Client(served, verbose=False)
    result = client.predict(question=FRANKFURT, api_name="/ask")

    assert result["refused"] is False
    assert "[1]" in result["text"]
    assert any(c["source"] == "prague-declaration-2010-druglawreform-en.md" or "Prague" in c["title"]
               for c in result["citations"])


def test_chat_streams_searching_then_tokens_then_the_checked_answer(bot):
    from assistant.ui.app import SEARCHING, WRITING, ChatSession

    earlier = [{"role": "user", "content": "Who met?"}, {"role": "assistant", "content": "The council [1]."}]
    updates = list(ChatSession(bot).respond(FRANKFURT, earlier))

    assert updates[0][1][-1]["content"] == SEARCHING
    assert any(update[1][-1]["content"].endswith(WRITING) for update in updates[1:-1])  # tokens as they come
    textbox, chat, turns, cards = updates[-1]
    assert "Hamburg" in turns[-1]["content"] and turns[-2] == {"role": "user", "content": FRANKFURT}
    assert "](#cite-1)" in chat[-1]["content"]  # the latest answer's markers link to its cards
    assert chat[1]["content"] == "The council \\[1\\]."  # older answers keep plain markers
    assert 'id="cite-1"' in cards


def test_chat_shows_user_errors_as_a_warning_and_keeps_the_question(bot):
    from assistant.ui.app import ChatSession

    with pytest.warns(UserWarning, match="question is empty"):
        updates = list(ChatSession(bot).respond("   ", []))
    assert updates[-1] == ("   ", [], [], "")


def test_served_app_serves_no_corpus_or_system_files(served, settings):
    import urllib.error
    import urllib.request

    for path in (settings.corpus_dir / "prague-declaration-2010-druglawreform-en.md",
                 __file__, "/etc/passwd"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{served}gradio_api/file={path}", timeout=10)
        assert refused.value.code == 403
