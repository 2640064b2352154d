"""The chat UI's HTML: citation cards, linked markers, the sync report and the documents table."""

from __future__ import annotations

import re

import pytest

from assistant.schema import Answer, Citation, Passage
from assistant.ui.render import answer_markdown, highlight_passage, render_sources


def passage(**fields) -> Passage:
    defaults = dict(chunk_id="c1", doc_id="d", source="d.md", title="A title", text="", start=0, end=0)
    return Passage(**{**defaults, **fields})



def citation(highlight: str, **fields) -> Citation:
    return Citation.from_passage(passage(**fields), highlight)


def test_cards_escape_hostile_passages_and_mark_the_cited_sentence():
    hostile = citation(
        "The council met in Vienna in 2011.",
        title="<img src=x onerror=alert(1)>Report", url="javascript:alert(1)", page=3,
        text="Intro <script>alert(1)</script>. The council met in Vienna in 2011. Other text.",
    )
    html = render_sources(Answer(question="q", text="It met in Vienna [1].", refused=False,
                                 citations=[hostile]))

    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert "javascript:" not in html  # only http(s) URLs become links
    assert "<mark>The council met in Vienna in 2011.</mark>" in html
    assert 'id="cite-1"' in html and "p. 3" in html


def test_a_card_links_to_the_documents_own_url_in_a_new_tab_and_shows_its_host():
    cited = citation("Only sentence.", url="https://example.org/a?b=1&c=2", text="Only sentence.")
    html = render_sources(Answer(question="q", text="x [1]", refused=False, citations=[cited]))
    assert 'href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow"' in html
    assert '<span class="cite-host">example.org</span>' in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/x",
                                 "http://", "https://exa mple.org", 'https://example.org/"onmouseover="x'])
def test_a_card_never_links_to_anything_but_an_http_url_with_a_host(url):
    cited = citation("Only sentence.", url=url, text="Only sentence.")
    html = render_sources(Answer(question="q", text="x [1]", refused=False, citations=[cited]))
    links = re.findall(r"<a [^>]*>", html)
    assert len(links) == 1 and 'class="cite-open" href="sources/view/' in links[0]  # the app's own view only


@pytest.mark.parametrize("source, page, start, end, link", [
    ("reports/dcr 2018.pdf", 4, 10, 20, "sources/file/reports/dcr%202018.pdf#page=4"),
    ("note.md", 0, 120, 340, "sources/view/note.md?start=120&amp;end=340#passage"),
    ('odd"<name>.txt', 0, 0, 5, "sources/view/odd%22%3Cname%3E.txt?start=0&amp;end=5#passage"),
])
def test_a_card_opens_its_source_at_the_page_or_the_passage(source, page, start, end, link):
    cited = citation("Only sentence.", text="Only sentence.", source=source, page=page, start=start, end=end)
    html = render_sources(Answer(question="q", text="x [1]", refused=False, citations=[cited]))
    assert f'class="cite-open" href="{link}" target="_blank"' in html


def test_a_url_quoted_from_a_document_is_shown_but_not_linkable_in_the_answer():
    text = "Details at http://phish.example/login, www.phish.example or help@phish.example [1]."
    markdown = answer_markdown(text, citation_count=1)
    for autolink_start in ("http://", "www.", "help@"):
        assert autolink_start not in markdown  # what a Markdown autolinker looks for
    assert "http:/\\/phish.example/login" in markdown and "www\\.phish" in markdown
    assert "[[1]](#cite-1)" in markdown


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



def test_sync_report_shows_failures_first_and_changes():
    from assistant.schema import DocumentOutcome, IndexReport
    from assistant.ui.render import render_report
    from assistant.ingest.uploads import SavedUpload

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
    from assistant.store.manifest import DocumentEntry
    from assistant.ui.render import render_documents

    docs = {"a.md": DocumentEntry("h1", "a", "Prague Declaration", ["c1", "c2"], "2010-11-10", "en"),
            "b.md": DocumentEntry("h2", "b", "Stratégie <drogues>", ["c3"], "2021", "fr")}
    everything = render_documents(docs)
    assert "2 documents indexed" in everything and "&lt;drogues&gt;" in everything
    assert "<td>2</td>" in everything  # chunk count
    filtered = render_documents(docs, "prague 2010")
    assert "Prague Declaration" in filtered and "Stratégie" not in filtered
    assert "1 of 2 documents match" in filtered
    assert "0 of 2" in render_documents(docs, "nothing")
