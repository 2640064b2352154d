"""What a file says about itself, cleaned for the citation cards."""

import pytest

from assistant.ingest.metadata import (clean_date, clean_language, clean_title, detect_language,
                                       title_from_file_name, title_from_text)


@pytest.mark.parametrize("junk", ["about:blank", "Untitled", "Untitled document", "Document1", "Microsoft Word - x.doc",
                                  "rapport_final.pdf", "Sans titre", "---", "2019", "", None, "x" * 200])
def test_placeholder_titles_are_not_titles(junk):
    assert clean_title(junk) == ""


def test_real_titles_keep_their_words_with_whitespace_tidied():
    assert clean_title("  Annual   report\n2018 ") == "Annual report 2018"
    assert clean_title("Document strategy for 2021-2025") == "Document strategy for 2021-2025"


@pytest.mark.parametrize("value, expected", [
    ("D:20180315093000+01'00'", "2018-03-15"), ("D:2018", "2018"), ("2021-07", "2021-07"),
    ("2018-11-15T10:00:00", "2018-11-15"), ("yesterday", ""), ("2018-13-01", ""), (None, ""),
])
def test_dates_become_year_month_day_prefixes(value, expected):
    assert clean_date(value) == expected


def test_language_tags_and_detection():
    assert (clean_language("fr-FR"), clean_language("pt_BR"), clean_language("English")) == ("fr", "pt", "")
    assert detect_language("Die Stadt Köln hat eine Resolution zur kommunalen Drogenpolitik beschlossen.") == "de"
    assert detect_language("O Manifesto de Saragoça foi adotado pelas cidades europeias em 2006.") == "pt"
    assert detect_language("Too short") == ""


def test_title_fallbacks():
    assert title_from_text("\n\n# Harm reduction in Brno\n\nText.") == "Harm reduction in Brno"
    assert title_from_text("The council met on Monday and adopted the plan.\nMore.") == ""  # a sentence
    assert title_from_file_name("reports/opioid_substitution-overview.txt") == "opioid substitution overview"
