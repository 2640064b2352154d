"""The pure parts of OCR: which pages need it, pages split and joined, the cache, the page language,
and a missing Tesseract. No Tesseract run, no model."""

from __future__ import annotations

from pathlib import Path

import pytest
from scans import scanned_pdf

from assistant import Settings
from assistant.errors import DocumentError, SettingsError
from assistant.ingest import ocr
from assistant.ingest.ocr import OcrReading, ScanReader, join_pages, split_pages
from assistant.ingest.ocr_cache import CacheEntry, OcrCache
from assistant.ingest.parsers import ParsedText, parse_pdf
from assistant.ingest.metadata import detect_language

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
def test_the_language_of_a_scanned_page_is_detected(language, text):
    assert detect_language(text) == language


def test_a_page_too_short_to_tell_has_no_language():
    assert detect_language("Annex 3") == ""


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


STUB_TESSERACT = """#!/bin/sh
# Stands in for tesseract: lists the five languages, logs each reading, prints an English page.
if [ "$1" = "--list-langs" ]; then
    printf 'List of available languages in "/stub/" (5):\\neng\\nfra\\ndeu\\npor\\nces\\n'; exit 0
fi
cat > /dev/null
echo "$4 OMP_THREAD_LIMIT=$OMP_THREAD_LIMIT" >> "$(dirname "$0")/readings.log"
echo "The text of this page is read by the stub, and it is in English for the test."
"""


@pytest.fixture
def stub_tesseract(tmp_path) -> Path:
    path = tmp_path / "tesseract"
    path.write_text(STUB_TESSERACT)
    path.chmod(0o755)
    return path


def readings(stub: Path) -> list[str]:
    log = stub.parent / "readings.log"
    return log.read_text().splitlines() if log.exists() else []


def test_pages_are_read_one_thread_each_then_from_the_cache_only(stub_tesseract, tmp_path):
    reader = ScanReader(Settings(tesseract_cmd=str(stub_tesseract)), tmp_path / "ocr-cache")
    data = scanned_pdf(["First scanned page.", "Second scanned page."])
    parsed, reading = reader.read_scanned_pages(parse_pdf(data), data, HASH)
    # Page 1 with every language, its words say English, then pages 1 and 2 in English.
    assert readings(stub_tesseract) == ["eng+fra+deu+por+ces OMP_THREAD_LIMIT=1"] + ["eng OMP_THREAD_LIMIT=1"] * 2
    assert (reading.pages, reading.note) == ((1, 2), "read by OCR: pages 1-2, in eng (detected)")
    assert parsed.metadata["language"] == "en" and [page for _, page in parsed.page_starts] == [1, 2]

    again = ScanReader(Settings(tesseract_cmd=str(stub_tesseract)), tmp_path / "ocr-cache")
    assert again.read_scanned_pages(parse_pdf(data), data, HASH) == (
        parsed, OcrReading((1, 2), "eng", "detected", from_cache=True))
    assert len(readings(stub_tesseract)) == 3  # nothing read again


def test_a_sync_killed_after_page_one_reads_only_page_two_next_time(stub_tesseract, tmp_path):
    cache = OcrCache(tmp_path / "ocr-cache", ocr.cache_key(Settings()))
    cache.save(HASH, CacheEntry("fra", "detected", {"1": "Première page, lue avant l'arrêt."}))
    reader = ScanReader(Settings(tesseract_cmd=str(stub_tesseract)), tmp_path / "ocr-cache")
    data = scanned_pdf(["Première page.", "Deuxième page."])
    parsed, reading = reader.read_scanned_pages(parse_pdf(data), data, HASH)
    assert readings(stub_tesseract) == ["fra OMP_THREAD_LIMIT=1"]
    assert parsed.text.startswith("Première page, lue avant l'arrêt.\n\n")
    assert reading.note == "read by OCR: pages 1-2, in fra (detected)"
