"""The chat UI: served in-process and called through its `/ask` endpoint, plus its HTML rendering."""

from __future__ import annotations


import pytest

from assistant.schema import Answer, Passage
from assistant.ui_render import answer_markdown, highlight_passage, render_sources
from servers import free_port

FRANKFURT = "Which four cities backed the Frankfurt Resolution in the early 1990s?"



@pytest.fixture
def served(bot, settings):
    """The app on a free loopback port, closed after the test."""
    from assistant.ui import launch_app

    local = settings.model_copy(update={"host": "127.0.0.1", "port": free_port(),
                                        "auth_username": "", "auth_password": ""})
    demo = launch_app(bot, local, prevent_thread_lock=True)
    try:
        yield f"http://127.0.0.1:{local.port}/"
    finally:
        demo.close()


def passage(**fields) -> Passage:
    defaults = dict(chunk_id="c1", doc_id="d", source="d.md", title="A title", text="", start=0, end=0)
    return Passage(**{**defaults, **fields})


def test_ask_endpoint_answers_with_a_citation(served):
    from gradio_client import Client

    client = Client(served, verbose=False)
    result = client.predict(question=FRANKFURT, api_name="/ask")

    assert result["refused"] is False
    assert "[1]" in result["text"]
    assert any(c["source"] == "prague-declaration-2010-druglawreform-en.md" or "Prague" in c["title"]
               for c in result["citations"])


def test_cards_escape_hostile_passages_and_mark_the_cited_sentence():
    hostile = passage(
        title="<img src=x onerror=alert(1)>Report", url="javascript:alert(1)", page=3,
        text="Intro <script>alert(1)</script>. The council met in Vienna in 2011. Other text.",
        highlight="The council met in Vienna in 2011.",
    )
    html = render_sources(Answer(question="q", text="It met in Vienna [1].", refused=False,
                                 citations=[hostile]))

    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert "javascript:" not in html  # only http(s) URLs become links
    assert "<mark>The council met in Vienna in 2011.</mark>" in html
    assert 'id="cite-1"' in html and "p. 3" in html


def test_safe_links_open_in_a_new_tab():
    cited = passage(url="https://example.org/a?b=1&c=2", text="Only sentence.", highlight="Only sentence.")
    html = render_sources(Answer(question="q", text="x [1]", refused=False, citations=[cited]))
    assert 'href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer"' in html


def test_refusals_show_the_closest_passages_as_non_answers():
    closest = [passage(chunk_id=f"c{i}", title=f"Doc {i}", text=f"Text {i}.") for i in range(5)]
    html = render_sources(Answer(question="q", text="The documents don't say.", refused=True,
                                 passages=closest))
    assert "Closest passages (not an answer)" in html
    assert html.count('class="cite-card"') == 3


def test_markers_link_to_cards_and_answer_markup_is_inert():
    text = answer_markdown("Vienna <b>2011</b> [1], see also [2] and [7].", citation_count=2)
    assert "[[1]](#cite-1)" in text and "[[2]](#cite-2)" in text
    assert "(#cite-7)" not in text  # a marker with no citation stays plain
    assert "<b>" not in text


def test_highlight_tolerates_different_whitespace():
    marked = highlight_passage("One.\nThe cited\n sentence here. Two.", "The cited sentence here.")
    assert "<mark>The cited\n sentence here.</mark>" in marked


class ScriptedAssistant:
    """Stands in for `Assistant` where only the UI's handling of the event stream is under test."""

    def __init__(self, answer: Answer):
        self.answer = answer
        self.histories = []

    def ask_stream(self, question, history=None):
        from assistant.answering import AnswerEvent, _checked_question

        self.histories.append(history)
        _checked_question(question)
        yield AnswerEvent("passages", passages=self.answer.passages)
        yield AnswerEvent("token", text="Vienna <i>")
        yield AnswerEvent("token", text="in 2011 [1].")
        yield AnswerEvent("answer", answer=self.answer)


def test_chat_streams_searching_then_tokens_then_the_checked_answer():
    from assistant.ui import SEARCHING, ChatSession

    cited = passage(text="It met in Vienna in 2011.", highlight="It met in Vienna in 2011.")
    stub = ScriptedAssistant(Answer(question="q", text="It met in Vienna in 2011 [1].",
                                    refused=False, citations=[cited], passages=[cited]))
    earlier = [{"role": "user", "content": "Who met?"}, {"role": "assistant", "content": "The council [1]."}]
    updates = list(ChatSession(stub).respond("Where and when?", earlier))

    assert updates[0][1][-1]["content"] == SEARCHING
    assert "Vienna &lt;i&gt;" in updates[1][1][-1]["content"]
    textbox, chat, turns, cards = updates[-1]
    assert chat[-1]["content"] == "It met in Vienna in 2011 [[1]](#cite-1)."
    assert chat[1]["content"] == "The council \\[1\\]."  # older answers keep plain markers
    assert turns[-1] == {"role": "assistant", "content": "It met in Vienna in 2011 [1]."}
    assert 'id="cite-1"' in cards
    assert stub.histories == [earlier]  # plain role/content dicts go to the model


def test_chat_shows_user_errors_as_a_warning_and_keeps_the_question():
    from assistant.ui import ChatSession

    session = ChatSession(ScriptedAssistant(Answer(question="q", text="", refused=True)))
    with pytest.warns(UserWarning, match="question is empty"):
        updates = list(session.respond("   ", []))
    assert updates[-1] == ("   ", [], [], "")


# --- uploads: saving files into the corpus safely ---------------------------------------------

@pytest.mark.parametrize("given, expected", [
    ("note.md", "note.md"),
    ("../../etc/passwd.md", "passwd.md"),
    ("..\\..\\Windows\\evil.TXT", "evil.txt"),
    ("/abs/path/Report 2024 (final).PDF", "Report-2024-final.pdf"),
    (".hidden.md", "hidden.md"),
    ("...md", "document.md"),
    ("..", ""),
    ("noextension", ""),
    ("Stratégie drogues.docx", "Stratégie-drogues.docx"),
    ("a\x00b\nc.html", "abc.html"),
    ("con.txt", "document-con.txt"),
    ("README.md", "uploaded-README.md"),
    ("x" * 300 + ".md", "x" * 100 + ".md"),
])
def test_safe_filename_strips_directories_and_hidden_names(given, expected):
    from assistant.uploads import safe_filename

    assert safe_filename(given) == expected


def test_uploads_are_saved_without_overwriting_a_different_file(tmp_path):
    from assistant.uploads import save_upload

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.md").write_text("original")
    incoming = tmp_path / "in"
    incoming.mkdir()
    (incoming / "note.md").write_text("a different note")

    saved = save_upload(incoming / "note.md", "note.md", corpus, 1_000_000)
    again = save_upload(incoming / "note.md", "note.md", corpus, 1_000_000)

    assert (saved.status, saved.source) == ("saved", "note-2.md")
    assert (corpus / "note.md").read_text() == "original"
    assert (corpus / "note-2.md").read_text() == "a different note"
    assert (again.status, again.source) == ("unchanged", "note-2.md")  # identical: not duplicated
    assert sorted(p.name for p in corpus.iterdir()) == ["note-2.md", "note.md"]  # no temp files left


def test_uploads_cannot_escape_the_corpus_folder(tmp_path):
    from assistant.uploads import save_upload

    corpus = tmp_path / "corpus"
    upload = tmp_path / "upload.md"
    upload.write_text("# Hi\n\nText.")

    saved = save_upload(upload, "../../../outside.md", corpus, 1_000_000)

    assert saved.status == "saved" and saved.source == "outside.md"
    assert (corpus / "outside.md").is_file() and not (tmp_path / "outside.md").exists()


@pytest.mark.parametrize("name, content, limit, reason", [
    ("tool.exe", b"MZ", 1_000_000, "unsupported file type .exe"),
    ("noext", b"text", 1_000_000, "unsupported file type (none)"),
    ("big.pdf", b"x" * 2_000, 1_000, "the limit is 0.001 MB"),
    ("empty.txt", b"", 1_000_000, "file is empty"),
])
def test_uploads_of_the_wrong_type_or_size_are_refused_with_a_reason(tmp_path, name, content, limit, reason):
    from assistant.uploads import save_upload

    upload = tmp_path / "upload"
    upload.write_bytes(content)
    saved = save_upload(upload, name, tmp_path / "corpus", limit)

    assert saved.status == "rejected" and reason in saved.reason
    assert not (tmp_path / "corpus").exists() or not any((tmp_path / "corpus").iterdir())


def test_sync_report_shows_failures_first_and_changes():
    from assistant.schema import DocumentOutcome, IndexReport
    from assistant.ui_render import render_report
    from assistant.uploads import SavedUpload

    report = IndexReport(outcomes=[DocumentOutcome("new.md", "added", 2),
                                   DocumentOutcome("bad.pdf", "failed", 0, "no text <layer>"),
                                   DocumentOutcome("old.md", "removed", 3),
                                   DocumentOutcome("same.md", "unchanged", 4)])
    html = render_report(report, [SavedUpload("x.exe", "rejected", reason="unsupported file type .exe")])

    assert html.index("report-failed") < html.index("report-changes")
    assert "2 files could not be used" in html and "no text &lt;layer&gt;" in html
    assert "x.exe" in html and "unsupported file type .exe" in html
    assert "Added</span> <code>new.md</code>" in html and "Removed</span> <code>old.md</code>" in html
    assert "same.md" not in html  # unchanged files are only counted


def test_document_table_filters_by_every_word():
    from assistant.manifest import DocumentEntry
    from assistant.ui_render import render_documents

    docs = {"a.md": DocumentEntry("h1", "a", "Prague Declaration", ["c1", "c2"], "2010-11-10", "en"),
            "b.md": DocumentEntry("h2", "b", "Stratégie <drogues>", ["c3"], "2021", "fr")}
    everything = render_documents(docs)
    assert "2 documents indexed" in everything and "&lt;drogues&gt;" in everything
    assert "<td>2</td>" in everything  # chunk count
    filtered = render_documents(docs, "prague 2010")
    assert "Prague Declaration" in filtered and "Stratégie" not in filtered
    assert "1 of 2 documents match" in filtered
    assert "0 of 2" in render_documents(docs, "nothing")


def test_served_app_serves_no_corpus_or_system_files(served, settings):
    import urllib.error
    import urllib.request

    for path in (settings.corpus_dir / "prague-declaration-2010-druglawreform-en.md",
                 __file__, "/etc/passwd"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{served}gradio_api/file={path}", timeout=10)
        assert refused.value.code == 403
