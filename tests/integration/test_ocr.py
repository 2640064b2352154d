"""Scanned PDFs: read by Tesseract at sync, marked in the report, cited by page, read only once,
and reported (not a traceback) when Tesseract is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.ocr import with_language  # the benchmark declares languages the same way
from scans import scanned_pdf

PAGE_1 = ("Kestrelford outreach report 2022. The city council funded two vans for the night "
          "outreach service, which visit the station square and the river quays.")
PAGE_2 = ("The Kestrelford night shelter opened 38 new beds in March 2022. The shelter is run by "
          "the Quarrington Trust and admits guests without referral.")
QUESTION = "How many new beds did the Kestrelford night shelter open in March 2022?"
FRENCH_PAGE = ("Le conseil municipal de Valmoret a financé deux camionnettes pour le service de nuit. "
               "Elles sont ouvertes aux usagers dans les quartiers du centre et de la gare.")
GERMAN_PAGE = ("Der Stadtrat von Lindenau hat im Jahr 2021 ein Drogenkonsumraum eröffnet. Er ist an "
               "sieben Tagen in der Woche geöffnet und wird von der Stadt finanziert.")
MISSING_TESSERACT = "/nonexistent/bin/tesseract"

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="needs Debian's tesseract-ocr (run `make ocr`)")


def outcome(report, source: str):
    return next(o for o in report.outcomes if o.source == source)


@pytest.fixture
def scan_corpus(small_corpus: Path) -> Path:
    (small_corpus / "kestrelford-scan.pdf").write_bytes(scanned_pdf([PAGE_1, PAGE_2]))
    return small_corpus


@needs_tesseract
def test_a_scan_is_read_by_ocr_and_a_fact_on_its_page_two_is_cited_with_page_two(make_assistant, scan_corpus,
                                                                                   tmp_path):
    bot = make_assistant(scan_corpus, tmp_path / "index")
    report = bot.sync_index()
    assert not report.failed, report.failed
    scan = outcome(report, "kestrelford-scan.pdf")
    assert scan.status == "added" and scan.chunks >= 1
    assert "read by OCR: pages 1-2, in eng (detected)" in scan.reason
    entry = bot.indexed_documents()["kestrelford-scan.pdf"]
    assert entry.ocr_pages == [1, 2] and entry.language == "en"

    answer = bot.ask(QUESTION)
    assert not answer.refused, answer
    citation = answer.citations[0]
    assert (citation.source, citation.page) == ("kestrelford-scan.pdf", 2)
    assert "38" in citation.text


@needs_tesseract
def test_a_resync_or_a_rebuild_does_not_read_the_scan_again(make_assistant, scan_corpus, tmp_path):
    index = tmp_path / "index"
    make_assistant(scan_corpus, index).sync_index()
    note = scan_corpus / "efus-2018-resolution-drugs-news-en.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")

    # Without Tesseract, the scan can only come from the OCR cache.
    bot = make_assistant(scan_corpus, index, tesseract_cmd=MISSING_TESSERACT)
    resync = bot.sync_index()
    assert resync.updated == ["efus-2018-resolution-drugs-news-en.md"]
    assert "kestrelford-scan.pdf" in resync.unchanged
    rebuild = bot.sync_index(rebuild=True)
    assert not rebuild.failed, rebuild.failed
    scan = outcome(rebuild, "kestrelford-scan.pdf")
    assert scan.status == "added"
    assert scan.reason == "read by OCR: pages 1-2, in eng (detected), from the OCR cache"
    assert [p.name.split("-")[0] for p in (index / "ocr-cache").iterdir()] == [
        bot.indexed_documents()["kestrelford-scan.pdf"].content_hash]


def test_without_tesseract_a_scan_is_reported_with_the_reason_and_the_rest_is_indexed(make_assistant,
                                                                                       scan_corpus, tmp_path):
    bot = make_assistant(scan_corpus, tmp_path / "index", tesseract_cmd=MISSING_TESSERACT)
    report = bot.sync_index()
    assert [o.source for o in report.failed] == ["kestrelford-scan.pdf"]
    reason = report.failed[0].reason
    assert reason.startswith("pages 1-2 have no text layer and need OCR, but Tesseract was not found")
    assert MISSING_TESSERACT in reason and "make ocr" in reason and "Traceback" not in reason
    assert len(report.added) == 3
    assert "kestrelford-scan.pdf" not in bot.indexed_documents()


@needs_tesseract
def test_a_scan_is_read_in_the_language_it_declares_or_else_the_one_its_words_tell(make_assistant, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # A title page says too little: the language is told by the next page, then both are read in it.
    (corpus / "valmoret-scan.pdf").write_bytes(scanned_pdf(["Valmoret 2021", FRENCH_PAGE]))
    (corpus / "lindenau-scan.pdf").write_bytes(with_language(scanned_pdf([GERMAN_PAGE]), "de-DE"))
    bot = make_assistant(corpus, tmp_path / "index")
    report = bot.sync_index()
    assert not report.failed, report.failed
    assert outcome(report, "valmoret-scan.pdf").reason == "read by OCR: pages 1-2, in fra (detected)"
    assert outcome(report, "lindenau-scan.pdf").reason == "read by OCR: page 1, in deu (declared)"
    documents = bot.indexed_documents()
    assert (documents["valmoret-scan.pdf"].language, documents["lindenau-scan.pdf"].language) == ("fr", "de")
