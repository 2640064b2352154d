"""A citation card opens its source: a PDF at the cited page, other formats as a view with the
passage marked. Served only from inside the corpus, only to logged-in users when a login is set."""

from __future__ import annotations

import re
from html import unescape

import httpx
import pytest

from assistant.ui.render import render_sources
from servers import free_port
from test_formats import PDF_PAGE_1, PDF_PAGE_2, make_pdf

NOTE = """---
title: Eastbridge naloxone note
language: en
---
# Eastbridge

The council discussed several harm-reduction measures.

Eastbridge city council set aside 480,000 euros for naloxone distribution in its 2026 budget.
"""
PAGE = """<html><head><title>Westport outreach</title></head><body><article><h1>Westport outreach</h1>
<p>The Westport outreach bus stops at the harbour every Tuesday evening.</p>
<script>document.title = "ran"</script></article></body></html>"""
USER, PASSWORD = "reader", "correct horse"


@pytest.fixture(scope="module")
def site(make_assistant, settings, tmp_path_factory):
    """A small corpus (a PDF, a Markdown note, a web page) indexed and served with a login."""
    from assistant.ui.app import launch_app

    root = tmp_path_factory.mktemp("sources")
    corpus = root / "corpus"
    (corpus / "reports").mkdir(parents=True)
    (corpus / "reports" / "northport report.pdf").write_bytes(
        make_pdf([PDF_PAGE_1 * 3, PDF_PAGE_2], title="Northport Outreach Report 2023"))
    (corpus / "eastbridge.md").write_text(NOTE, encoding="utf-8")
    (corpus / "westport.html").write_text(PAGE, encoding="utf-8")
    (root / "secret.md").write_text("# Not for the app\n\nThe password is swordfish.\n", encoding="utf-8")
    bot = make_assistant(corpus, root / "index")
    assert not bot.sync_index().failed
    local = settings.model_copy(update={"host": "127.0.0.1", "port": free_port(), "auth_username": USER,
                                        "auth_password": PASSWORD, "api_token": ""})
    app = launch_app(bot, local, prevent_thread_lock=True)
    with httpx.Client(base_url=app.url.rstrip("/"), timeout=300, auth=(USER, PASSWORD)) as client:
        yield bot, client, root
    app.close()


def card_link(bot, question: str) -> str:
    answer = bot.ask(question)
    assert not answer.refused, answer.text
    link = re.search(r'class="cite-open" href="([^"]+)"', render_sources(answer)).group(1)
    return "/" + unescape(link)


def test_a_pdf_citation_opens_the_original_at_its_page(site):
    bot, client, _ = site
    link = card_link(bot, "How many sterile syringes did the Marrowfield clinic distribute in 2023?")
    assert link == "/sources/file/reports/northport%20report.pdf#page=2"
    response = client.get(link.split("#")[0])
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")


def test_a_markdown_citation_opens_a_view_with_the_passage_marked(site):
    bot, client, _ = site
    link = card_link(bot, "How much did Eastbridge set aside for naloxone distribution?")
    assert link.startswith("/sources/view/eastbridge.md?start=") and link.endswith("#passage")
    response = client.get(link.split("#")[0])
    assert response.status_code == 200
    assert "script-src" not in response.headers["content-security-policy"]  # default-src 'none': no script
    marked = re.search(r'<mark id="passage">(.*?)</mark>', response.text, re.DOTALL).group(1)
    assert "480,000 euros for naloxone" in marked and "title: Eastbridge" not in response.text


def test_a_web_page_is_viewed_as_text_and_its_original_only_downloaded(site):
    bot, client, _ = site
    view = client.get(card_link(bot, "When does the Westport outreach bus stop at the harbour?").split("#")[0])
    assert view.status_code == 200 and "<script" not in view.text and "every Tuesday evening" in view.text
    original = client.get("/sources/file/westport.html")
    assert original.status_code == 200 and original.headers["content-disposition"].startswith("attachment")
    assert original.headers["content-type"] == "application/octet-stream"


@pytest.mark.parametrize("path", [
    "/sources/file/..%2Fsecret.md", "/sources/view/%2E%2E/secret.md", "/sources/file/%2Fetc%2Fpasswd",
    "/sources/file/reports/..%2F..%2Fsecret.md", "/sources/file/not-indexed.md",
])
def test_nothing_outside_the_indexed_documents_is_served(site, path):
    _, client, _ = site
    response = client.get(path)
    assert response.status_code == 404 and "swordfish" not in response.text
    assert set(response.json()) == {"error"}


def test_a_symlink_leading_out_of_the_corpus_is_not_followed(site):
    bot, client, root = site
    note = root / "corpus" / "eastbridge.md"
    kept = note.read_bytes()
    note.unlink()
    note.symlink_to(root / "secret.md")  # swapped in after the sync
    try:
        response = client.get("/sources/view/eastbridge.md")
        assert response.status_code == 404 and "outside the corpus" in response.json()["error"]
        assert "swordfish" not in client.get("/sources/file/eastbridge.md").text
    finally:
        note.unlink()
        note.write_bytes(kept)


def test_sources_need_the_login_and_the_chat_login_opens_them(site):
    _, client, _ = site
    base = str(client.base_url)
    assert httpx.get(f"{base}/sources/file/eastbridge.md").status_code == 401
    with httpx.Client(base_url=base) as browser:  # logs in through the chat's login form
        assert browser.post("/login", data={"username": USER, "password": PASSWORD}).status_code == 200
        response = browser.get("/sources/file/eastbridge.md")
        assert response.status_code == 200 and "480,000 euros" in response.text
