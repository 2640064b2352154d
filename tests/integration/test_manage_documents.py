"""Managing documents: a failed file is listed once with its reason, and can be retried or
deleted; an indexed document can be deleted (file and chunks), from the UI and the HTTP API."""

from __future__ import annotations

import httpx
import pytest

from servers import serve_app

BROKEN_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa"


@pytest.fixture
def managed(make_assistant, small_corpus, tmp_path):
    (small_corpus / "broken.pdf").write_bytes(BROKEN_PDF)
    bot = make_assistant(small_corpus, tmp_path / "index")
    report = bot.sync_index()
    assert [o.source for o in report.failed] == ["broken.pdf"]
    return bot, small_corpus


def no_progress(*args, **kwargs) -> None:
    """Stands in for gr.Progress when a handler is called outside a Gradio event."""


def test_documents_tab_lists_a_failed_file_once_and_retries_or_deletes_it(managed):
    from assistant.ui.app import DocumentsSession

    bot, corpus = managed
    docs = DocumentsSession(bot)
    assert "broken.pdf</code>: not a readable PDF" in docs.failed()
    choices = [value for _, value in docs.file_choices()["choices"]]
    assert choices[0] == "broken.pdf" and "prague-declaration-2010-druglawreform-en.md" in choices

    report, _ = docs.sync("", no_progress)  # an ordinary sync: not tried, not reported again
    assert "broken.pdf" not in report and "1 unchanged file still unusable" in report
    report, _ = docs.retry("broken.pdf", "", no_progress)  # asked for: reported again
    assert "broken.pdf" in report and "could not be used" in report

    report, table = docs.delete("broken.pdf", "", no_progress)
    assert not (corpus / "broken.pdf").exists() and docs.failed() == ""
    assert all(isinstance(update, dict) for update in docs.delete(None, "", no_progress))  # cancelled: no change

    report, table = docs.delete("prague-declaration-2010-druglawreform-en.md", "", no_progress)
    assert "Removed" in report and "prague-declaration-2010-druglawreform-en.md" not in table
    assert bot.ask("Which four cities backed the Frankfurt Resolution in the early 1990s?").refused


def test_api_lists_failed_files_and_deletes_documents(managed, settings):
    bot, corpus = managed
    app = serve_app(bot, settings)
    try:
        with httpx.Client(base_url=app.url.rstrip("/"), timeout=300) as api:
            listed = api.get("/api/documents").json()
            assert listed["failed"] == [{"source": "broken.pdf", "reason": listed["failed"][0]["reason"]}]
            statuses = {d["source"]: d["status"] for d in api.post("/api/sync").json()["documents"]}
            assert statuses["broken.pdf"] == "known failure"
            retried = api.post("/api/sync", params={"retry_failed": "true"}).json()
            assert [d["source"] for d in retried["documents"] if d["status"] == "failed"] == ["broken.pdf"]

            removed = api.delete("/api/documents/euda-miniguide-drug-consumption-rooms-en.md")
            assert removed.status_code == 200 and removed.json()["documents"]
            assert "euda-miniguide-drug-consumption-rooms-en.md" not in {
                d["source"] for d in api.get("/api/documents").json()["documents"]}
            for bad in ("..%2Fsecret.md", "never-there.md"):
                response = api.delete(f"/api/documents/{bad}")
                assert response.status_code == 400 and "nothing deleted" in response.json()["error"]
    finally:
        app.close()
