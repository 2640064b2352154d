"""The pure parts of OCR: which pages need it, pages split and joined, the cache, the page language,
and a missing Tesseract. No Tesseract run, no model."""

from __future__ import annotations

from pathlib import Path

import pytest
from scans import scanned_pdf

from assistant import Settings
from assistant.errors import DocumentError, SettingsError
from assistant.ingest import ocr
from assistant.ingest.ocr import ScanReader, join_pages, split_pages
from assistant.ingest.ocr_cache import CacheEntry, OcrCache
from assistant.ingest.parsers import ParsedText, parse_pdf
from assistant.language.detection import document_language

HASH = "ab" * 32


def test_a_page_with_only_a_page_number_needs_ocr_and_a_page_of_text_does_not():
    pages = ["Annual report on outreach services in Kestrelford.", "  3  ", ""]
    assert ocr.pages_needing_ocr(pages, min_chars=20) == [2, 3]
    assert ocr.pages_needing_ocr(pages, min_chars=0) == []  # 0 turns OCR off


def test_pages_split_and_join_back_as_parse_pdf_made_them():
    texts = ["First page.", "", "Third page ends with a blank line.\n\n", "Last."]
    parsed = join_pages(ParsedText(text="", metadata={"title": "T"}), texts)
    assert parsed.page_starts == ((0, 1), (13, 2), (15, 3), (53, 4))
    assert split_pages(parsed) == texts
    assert parsed.metadata == {"title": "T"}


def test_a_scanned_pdf_parses_to_empty_pages_that_all_need_ocr():
    parsed = parse_pdf(scanned_pdf(["First page of the scan.", "Second page of the scan."]))
    assert split_pages(parsed) == ["", ""]
    assert ocr.pages_needing_ocr(split_pages(parsed), min_chars=20) == [1, 2]


def test_page_ranges_read_as_the_report_says_them():
    assert ocr.page_ranges((1, 2, 3, 5)) == "pages 1-3, 5"
    assert ocr.page_ranges((4,)) == "page 4"


def test_the_cache_gives_back_what_was_saved_and_leaves_no_temporary_file(tmp_path):
    cache = OcrCache(tmp_path / "ocr-cache", "key1")
    cache.save(HASH, CacheEntry("fra", "detected", {"1": "Première page.", "2": "Deuxième page."}))
    assert cache.load(HASH) == CacheEntry("fra", "detected", {"1": "Première page.", "2": "Deuxième page."})
    assert [p.name for p in (tmp_path / "ocr-cache").iterdir()] == [f"{HASH}-key1.json"]
    assert OcrCache(tmp_path / "ocr-cache", "other-settings").load(HASH) == CacheEntry()


def test_a_damaged_cache_entry_is_read_as_empty_so_the_pages_are_read_again(tmp_path):
    cache = OcrCache(tmp_path, "key1")
    cache.path(HASH).write_text('{"tesseract_languages": "eng", "pag', encoding="utf-8")
    assert cache.load(HASH) == CacheEntry()


def test_pruning_keeps_only_indexed_files_under_the_current_settings(tmp_path):
    cache = OcrCache(tmp_path, "key1")
    other = "cd" * 32
    cache.save(HASH, CacheEntry("eng", "declared", {"1": "kept"}))
    cache.save(other, CacheEntry("eng", "declared", {"1": "file no longer indexed"}))
    OcrCache(tmp_path, "key0").save(HASH, CacheEntry("eng", "declared", {"1": "older settings"}))
    (tmp_path / ".tmpabc.tmp").write_text("left by a killed sync")
    cache.prune({HASH})
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{HASH}-key1.json"]


PAGES_BY_LANGUAGE = {
    "en": "The city council funded two vans for the night service, and the clinic is open on Sundays.",
    "fr": "Le conseil municipal a financé deux camionnettes pour le service de nuit, qui sont ouvertes "
          "aux usagers dans la ville.",
    "de": "Der Stadtrat hat zwei Busse für den Nachtdienst finanziert, die auch am Sonntag mit dem Team "
          "unterwegs sind.",
    "pt": "O conselho municipal financiou duas carrinhas para o serviço nocturno, que não param aos "
          "domingos e são geridas pela cidade.",
    "cs": "Městská rada financovala dvě dodávky pro noční službu, které jsou v provozu také v neděli a "
          "jsou pro všechny.",
}


@pytest.mark.parametrize("language, text", PAGES_BY_LANGUAGE.items())
def test_the_language_of_a_scanned_page_is_told_by_its_function_words(language, text):
    assert document_language(text) == language


def test_a_page_too_short_to_tell_has_no_language():
    assert document_language("Annex 3") == ""


def test_a_missing_tesseract_is_a_document_error_naming_it(tmp_path):
    settings = Settings(tesseract_cmd=str(tmp_path / "no-such-tesseract"))
    reader = ScanReader(settings, tmp_path / "ocr-cache")
    data = scanned_pdf(["A scanned page.", "Another scanned page."])
    with pytest.raises(DocumentError, match=r"pages 1-2 have no text layer and need OCR, but Tesseract "
                                            r"was not found .*no-such-tesseract.*make ocr"):
        reader.read_scanned_pages(parse_pdf(data), data, HASH)


def test_ocr_languages_are_tesseract_codes_joined_by_plus():
    with pytest.raises(SettingsError, match="ocr_languages"):
        Settings.load(env={"ASSISTANT_OCR_LANGUAGES": "eng, fra"})
    assert Settings.load(env={"ASSISTANT_OCR_LANGUAGES": "eng+chi_sim"}).ocr_languages == "eng+chi_sim"


def test_a_pdf_with_a_text_layer_is_not_read_by_ocr(tmp_path):
    reader = ScanReader(Settings(tesseract_cmd=str(tmp_path / "no-such-tesseract")), tmp_path)
    parsed = join_pages(ParsedText(text=""), ["A page with plenty of text on it.", "And a second page, with text too."])
    assert reader.read_scanned_pages(parsed, b"%PDF-", HASH) == (parsed, None)
    assert not Path(tmp_path / "ocr-cache").exists()
