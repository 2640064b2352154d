"""Cognates across the corpus languages: "coalition" / "Koalition", "estratégias" / "strategies".

One English stemmer serves every language, so words of a German or Portuguese note are matched
to an English question's words by respelling both until cognates begin alike.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Spellings that differ between the corpus languages for the same sound, so that cognates
# ("coalition" / "Koalition", "estratégias" / "strategies", "Konferenz" / "conference") are
# spelled alike. A "c" before e/i is an "s", elsewhere a "k"; doubled letters count once;
# Spanish and Portuguese put an "e" before "s" + consonant.
COGNATE_SPELLINGS = (("ph", "f"), ("th", "t"), ("qu", "k"), ("ck", "k"), ("ce", "se"), ("ci", "si"),
                     ("cy", "si"), ("c", "k"), ("y", "i"), ("z", "s"), ("w", "v"))
PROTHETIC_E = re.compile(r"^e(?=s[bcdfgklmnpqrtv])")
COGNATE_KEY_LENGTH = 6  # shorter stems ("drog", "citi") say too little to match across languages
# Cognates differ in their endings by a few letters ("strategi" / "estrategia"); a longer
# difference is a compound ("Projektpartner" is not "project"). The English stemmer leaves
# other languages' endings on, so these are set aside first ("konferensia" -> "konfer").
COGNATE_ENDING_DIFFERENCE = 3
FOREIGN_ENDING = re.compile(r"(ensia|ansia|sion|sao|kao|ens|ans|ien|en|ia|ie|es|as|os|a|e|o|i|s)$")


@lru_cache(maxsize=200_000)
def cognate_spelling(term: str) -> str:
    """A stemmed term respelled so that its cognates in the corpus languages begin alike."""
    spelled = PROTHETIC_E.sub("", term)
    for spelling, sound in COGNATE_SPELLINGS:
        spelled = spelled.replace(spelling, sound)
    return re.sub(r"(.)\1+", r"\1", spelled)


def cognate_key(term: str) -> str:
    """The opening that cognates share; "" for a term too short (or not a word) to match so."""
    spelled = cognate_spelling(term)
    return spelled[:COGNATE_KEY_LENGTH] if len(spelled) >= COGNATE_KEY_LENGTH and spelled.isalpha() else ""


def are_cognates(a: str, b: str) -> bool:
    """Whether two stemmed terms begin alike once respelled and end within a few letters."""
    key = cognate_key(a)
    return bool(key) and key == cognate_key(b) and \
        abs(_length_without_ending(a) - _length_without_ending(b)) <= COGNATE_ENDING_DIFFERENCE


def _length_without_ending(term: str) -> int:
    return len(FOREIGN_ENDING.sub("", cognate_spelling(term)))


def cognates_among(terms: set[str], others: set[str]) -> set[str]:
    """The `terms` that have a cognate among `others` (or occur there as they are)."""
    by_key: dict[str, list[str]] = {}
    for other in others:
        by_key.setdefault(cognate_key(other), []).append(other)
    return {term for term in terms
            if term in others or any(are_cognates(term, other) for other in by_key.get(cognate_key(term), ()))}
