"""Short forms the documents define ("the European Forum for Urban Security (Efus)"), so that a
question naming one form finds sentences that use the other: "When was the European Forum for
Urban Security founded?" is answered by "Efus recalls that, since it was founded in 1987, …".

A definition counts only when the short form's letters are, in order, the initials of the long
form's words, skipping small words ("for", "de", "für"): the check of Schwartz and Hearst's
abbreviation finder, kept strict since a wrong pair would search for an unrelated name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.language.normalise import fold

# Words a long form may hold without giving the short form a letter.
SMALL_WORDS = frozenset(fold(word) for word in (
    "a an and for in of on the to à au aux d de des du en et l la le les pour sur dem den der des "
    "die für und von zur zum da das de do dos e em na no").split())
# A short form: a capital, then letters (one more capital at least, or the "Efus" shape), an
# optional plural "s": "EMCDDA", "DCRs", "Efus", "DC&D".
SHORT = re.compile(r"[A-Z][A-Za-z&]{1,9}")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Found by their brackets or comma first, so that a long text is read once.
PARENS = re.compile(r"\(([^()]{2,160})\)")
APPOSITION = re.compile(r"\b([A-Z][A-Za-z&]{1,9}),\s+(?i:the|le|la|l'|dem|der|die|o|a)\s+")
ELISION = re.compile(r"^(?:[ldLD]|qu|Qu)['’]")
MAX_WORDS = 12


def definitions(text: str) -> set[tuple[str, str]]:
    """(short, long) pairs a text defines, both folded: {("efus", "european forum for urban security")}."""
    found = set()
    for match in PARENS.finditer(text):
        inside = match.group(1).strip()
        before = _words_ending_at(text, match.start())
        if SHORT.fullmatch(inside):  # "the European Forum for Urban Security (Efus)"
            long = _long_form_ending_here(inside, before)
            if long:
                found.add((fold(inside), long))
        elif before and SHORT.fullmatch(short := ELISION.sub("", before[-1])):
            # "FFSU (Forum français pour la sécurité urbaine)", "l'ARS (agence régionale de santé)"
            words = inside.split()
            if 2 <= len(words) <= MAX_WORDS and all(WORD.fullmatch(w) for w in words) and _spells(short, words):
                found.add((fold(short), _folded(words)))
    for match in APPOSITION.finditer(text):  # "Efus, the European Forum for Urban Security, …"
        long = _long_form_starting_here(match.group(1), _words_starting_at(text, match.end()))
        if long:
            found.add((fold(match.group(1)), long))
    return found


def _words_ending_at(text: str, end: int) -> list[str]:
    """The words just before `end`, up to the first token that is not a bare word."""
    words = []
    for token in reversed(text[max(0, end - 200):end].split()):
        if len(words) == MAX_WORDS or not WORD.fullmatch(token):
            break
        words.append(token)
    return words[::-1]


def _words_starting_at(text: str, start: int) -> list[str]:
    """The words from `start` on, up to the first token that is not a bare word or that ends a
    phrase ("Security," is the last)."""
    words = []
    for token in text[start:start + 200].split():
        word = token.rstrip(",.;:)")
        if len(words) == MAX_WORDS or not WORD.fullmatch(word):
            break
        words.append(word)
        if word != token:
            break
    return words


def defined_pairs(texts: Iterable[str]) -> dict[str, frozenset[str]]:
    """Every long form each short form is defined with, over many texts."""
    pairs: dict[str, set[str]] = {}
    for text in texts:
        for short, long in definitions(text):
            pairs.setdefault(short, set()).add(long)
    return {short: frozenset(longs) for short, longs in pairs.items()}


def _long_form_ending_here(short: str, words: list[str]) -> str | None:
    """The fewest words before "(EMCDDA)" that spell it."""
    for count in range(1, min(len(words), MAX_WORDS) + 1):
        if _spells(short, words[-count:]):
            return _folded(words[-count:])
    return None


def _long_form_starting_here(short: str, words: list[str]) -> str | None:
    """The fewest words after "Efus, the" that spell it."""
    for count in range(2, min(len(words), MAX_WORDS) + 1):
        if _spells(short, words[:count]):
            return _folded(words[:count])
    return None


def _spells(short: str, words: list[str]) -> bool:
    """Whether the short form's letters are the initials of the words, in order, every word
    but small ones giving one, the first and last word giving one ("Deutsch-Europäisches"
    gives two, and a capitalised word such as "EU" gives all its letters)."""
    letters = [c for c in fold(short) if c.isalpha()]
    if len(letters) > 2 and letters[-1] == "s" and short[-1] == "s" and short[:-1].isupper():
        letters = letters[:-1]  # "DCRs": drug consumption rooms
    parts = [part for word in words for part in re.split(r"[-'’]", word) if part]
    if not parts or fold(parts[0]) in SMALL_WORDS or fold(parts[-1]) in SMALL_WORDS:
        return False
    position = 0
    for part in parts:
        folded = fold(part)
        if len(part) > 1 and part.isupper() and letters[position:position + len(part)] == list(folded):
            position += len(part)
        elif position < len(letters) and folded[0] == letters[position]:
            position += 1
        elif folded not in SMALL_WORDS:
            return False
    return position == len(letters) and len(letters) >= 2


def _folded(words: list[str]) -> str:
    return " ".join(fold(word) for word in words)
