"""A document's title, author, date and language from what its file says about itself.

Real files carry metadata of every quality: a PDF titled "Microsoft Word - draft3.doc", a web
page titled "about:blank", a date as "D:20180315093000+01'00'", a language as "fr-FR" or none at
all. Everything here turns that into what a citation card can show, and falls back (first
heading or line, then the file name) when the file's own value is junk.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from pathlib import PurePosixPath

# Titles that name no document: editors' placeholders, file names, blank pages.
JUNK_TITLE = re.compile(
    r"^(about:blank|untitled\b.*|sans titre\b.*|unbenannt\b.*|bez názvu\b.*|sem título\b.*|new document\b.*"
    r"|document\s*\d*|doc\d*|title|microsoft (word|powerpoint|excel)\b.*|.*\.(docx?|pdf|rtf|odt|html?|txt|md)"
    r"|[\W\d_]*)$", re.IGNORECASE)
PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")
ISO_DATE = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?")
LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)
# The languages the corpus is written in, plus neighbours a user's documents are likely to be in;
# restricting the identifier to these makes short texts far less often mistaken.
LANGUAGES = ("en", "fr", "de", "cs", "pt", "es", "it", "nl", "pl", "sk")
MIN_LETTERS_TO_DETECT = 40
MAX_TITLE_CHARS = 160


def clean_title(title: str | None) -> str:
    """The file's own title, or "" when it is a placeholder rather than a title."""
    title = " ".join((title or "").split())
    if not title or len(title) > MAX_TITLE_CHARS or JUNK_TITLE.match(title):
        return ""
    return title


def title_from_text(text: str) -> str:
    """The first line of the text when it reads like a heading: short, not a sentence."""
    for line in text.splitlines():
        line = " ".join(line.strip().lstrip("#").split())
        if line:
            heading = len(line) <= 120 and len(line.split()) <= 15 and not line.endswith((".", ",", ";", ":", "?", "!"))
            return clean_title(line) if heading else ""
    return ""


def title_from_file_name(source: str) -> str:
    return PurePosixPath(source).stem.replace("-", " ").replace("_", " ").strip() or source


def clean_date(value: object) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD from a PDF date, an ISO string or a datetime; "" otherwise."""
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    text = str(value or "").strip()
    match = PDF_DATE.match(text) or ISO_DATE.match(text)
    if not match:
        return ""
    year, month, day = match.group(1), (match.group(2) or "").lstrip("-"), (match.group(3) or "").lstrip("-")
    if not 1000 <= int(year) <= 2999 or (month and not 1 <= int(month) <= 12) or (day and not 1 <= int(day) <= 31):
        return ""
    return "-".join(part for part in (year, month, day if month else "") if part)


def clean_language(tag: str | None) -> str:
    """"fr-FR" → "fr"; "" for what is not a language tag."""
    match = LANGUAGE_TAG.match((tag or "").strip())
    return match.group(1).lower() if match else ""


def clean_author(author: str | None) -> str:
    author = " ".join((author or "").split())
    return "" if not author or len(author) > 200 or not re.search(r"[^\W\d_]", author) else author


def detect_language(text: str) -> str:
    """The language of a document's text (py3langid, restricted to `LANGUAGES`); "" when the
    text is too short to tell. Measured on the shipped corpus: 63 of 63 notes right from
    their first 200 characters, against 61 for the question-language word lists."""
    sample = text[:3000]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS_TO_DETECT:
        return ""
    return _identifier().classify(sample)[0]


@functools.cache
def _identifier():
    """Loaded once per process (~0.3 s), on the first document that needs it."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(LANGUAGES))
    return identifier
