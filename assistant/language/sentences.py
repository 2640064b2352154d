"""Sentence boundaries with character offsets, for the five corpus languages.

Chunking keeps sentences whole, evidence selection scores them one by one, and claim checks
compare the model's sentences with runs of them: all of them split text here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ITEM_NUMBER = re.compile(r"\d{1,2}[.)]")
LIST_MARKER = rf"(?:[-*•]|{ITEM_NUMBER.pattern})"
LIST_ITEM = re.compile(rf"\n(?=[ \t]*{LIST_MARKER}[ \t])")  # where an item starts, after its line break
LIST_ITEM_START = re.compile(rf"[ \t]*{LIST_MARKER}[ \t]")  # an item's opening, matched where a line starts
# A list's last item ends at a blank line, whatever ends it: "- 9 referred to the scheme" and the
# paragraph after it are two sentences. (Other paragraphs keep running on where no full stop
# ends them: a label line such as "Evaluation by Dr X" reads with the paragraph it heads.)
# Chunking splits a section into blocks at the same lines.
BLANK_LINES = re.compile(r"\n[ \t]*\n+")
# A sentence ends at . ! ? or … (plus closing quotes/brackets) before whitespace and a capital,
# digit or opening quote. Abbreviations are filtered afterwards.
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-ZÀ-ÖØ-ÞČŠŽŘĎŤŇ0-9])")
CLAUSE_BREAK = re.compile(r"[,;:()]")
ABBREVIATIONS = {"e.g", "i.e", "dr", "mr", "mrs", "ms", "st", "no", "art", "p", "pp", "vol", "cf",
                 "mme", "m", "nr", "bzw", "z.b", "vs", "approx", "etc", "inc", "ltd", "co", "jr", "prof"}
# German and Czech write a date's day as an ordinal: "am 5. Dezember 2024", "5. prosince 2010".
ORDINAL_MONTHS = ("januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
                  "oktober", "november", "dezember", "ledna", "února", "března", "dubna", "května", "června",
                  "července", "srpna", "září", "října", "listopadu", "prosince")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of text[start:end], trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for item in _list_items_ended(text, split_on(LIST_ITEM, text, start, end)):
        cursor = item.start
        for match in SENTENCE_END.finditer(text, item.start, item.end):
            if _is_abbreviation(text, match.start()) or _is_item_number(text, cursor, match.start()):
                continue
            _append_trimmed(spans, text, cursor, match.start() + 1)
            cursor = match.end()
        _append_trimmed(spans, text, cursor, item.end)
    return spans


def _list_items_ended(text: str, pieces: list[Span]) -> list[Span]:
    """The pieces, each list item cut at its first blank line."""
    ended: list[Span] = []
    for piece in pieces:
        blank = BLANK_LINES.search(text, piece.start, piece.end) if LIST_ITEM_START.match(text, piece.start) else None
        ended += [Span(piece.start, blank.start()), Span(blank.end(), piece.end)] if blank else [piece]
    return [span for span in ended if text[span.start:span.end].strip()]


def clauses(text: str) -> list[tuple[str, bool]]:
    """Each clause of each sentence (split at , ; : and brackets), with whether it opens its
    sentence: what reads names and titles clause by clause, where a capital may start a sentence."""
    return [(text[clause.start:clause.end].strip(), number == 0)
            for sentence in split_sentences(text)
            for number, clause in enumerate(split_on(CLAUSE_BREAK, text, sentence.start, sentence.end))]


def split_on(pattern: re.Pattern, text: str, start: int, end: int) -> list[Span]:
    spans, cursor = [], start
    for match in pattern.finditer(text, start, end):
        spans.append(Span(cursor, match.start()))
        cursor = match.end()
    spans.append(Span(cursor, end))
    return [s for s in spans if text[s.start:s.end].strip()]


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append(Span(start + lead, start + lead + len(stripped)))


def _is_item_number(text: str, start: int, dot: int) -> bool:
    """Whether the sentence begun at `start` is so far only a numbered item's number: "1." in
    "1. More frequent street cleaning" ends nothing."""
    return bool(ITEM_NUMBER.fullmatch(text[start:dot + 1].strip()))


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12):dot])
    if not word:
        return False
    token = word.group(1).lower()
    if token.isdigit() and len(token) <= 2:  # a day before its month, not the end of a sentence
        return text[dot + 1:dot + 16].lstrip().lower().startswith(ORDINAL_MONTHS)
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha() and text[dot - 1].isupper())
