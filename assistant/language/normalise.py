"""Language-light normalisation shared by BM25, evidence selection and claim checks.

The corpus mixes English, French, German, Czech and Portuguese: accents are folded so that
"Athènes" matches "Athenes", and one stemmer is applied to both questions and passages, which
matters more for matching than being linguistically right for each language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TOKEN = re.compile(r"[0-9]+(?:[.,/-][0-9]+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_STOPWORD_LIST = """
a an and are as at be been being but by can could did do does for from had has have how i if in
into is it its itself may might more most much must no not of on or our over should so such than
that the their them then there these they this those through to under up was we were what when
where which while who whom whose why will with would you your according also about after again
against all am any because before between both during each few further here just only other own
same some too very s t yes le la les de des du un une et est en au aux pour par sur dans qui que
quoi quel quelle quels quelles ou où ce cet cette ces son sa ses leur leurs il elle ils elles
on ne pas plus a été d l qu n s se y été être avoir der die das und ist im in den dem des ein
eine einer zu mit von für auf als auch sich nicht wie zum zur je se na v ve z do o e os as um
uma para com por que ao combien pourquoi quand lequel laquelle lesquels lesquelles selon après ont sont
"""


def fold(text: str) -> str:
    """Lower-case and strip accents (NFKD), as the eval harness does for keyword matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


STOPWORDS = frozenset(fold(word) for word in _STOPWORD_LIST.split())  # compared with folded tokens


def tokens(text: str) -> list[str]:
    """Folded word and number tokens, split at apostrophes and hyphens (l'Efus -> l, efus;
    2013-2020 -> 2013, 2020) so that a part can match on its own."""
    out = []
    for token in TOKEN.findall(fold(text)):
        out.extend(part for part in re.split(r"['’/-]", token) if part)
    return out


def content_terms(text: str) -> list[str]:
    """Stemmed tokens minus stopwords: what must match for two texts to say the same thing."""
    return [stem(t) for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


def numbers(text: str) -> set[str]:
    return {t for t in tokens(text) if t[0].isdigit()}


FEMININE_PARTICIPLE = re.compile(r"(?<=\w{4})ee(s?)$")  # folded: adoptée -> adoptee; not "agree", "three"
# French participles in -uit share their noun's stem: traduit/traduction, réduit/réduction,
# produit/production (and so the English "reduction", "product").
UIT_PARTICIPLE = re.compile(r"(?<=\w{3})uite?s?$")


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """English Snowball stems, and French participles agree: "adoptée(s)" stems like "adopté",
    "traduit" like "traduction"."""
    return _stemmer().stemWord(UIT_PARTICIPLE.sub("uct", FEMININE_PARTICIPLE.sub(r"e\1", token)))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


# Where a question's next sentence starts ("…summary? Name several."); not at a full stop,
# which also ends abbreviations ("St. Denis").
QUESTION_END = re.compile(r"(?<=[?!])\s+")


def proper_names(text: str) -> list[str]:
    """Capitalised words but the first, and the first after a question mark: the names a
    question or sentence mentions ("…the EUR-Lex summary? Name several." names EUR and Lex)."""
    return [word for sentence in QUESTION_END.split(text) for word in re.findall(r"[^\W\d_]+", sentence)[1:]
            if word[0].isupper() and len(word) > 1]


def name_terms(text: str) -> set[str]:
    """The search terms of the names a text mentions (`proper_names`): "the Commission's own
    description" → {"commiss"}. Only the text's first word is passed over, so a question's
    later part ("and how does that compare with the Commission's…") keeps its first name."""
    return {term for name in proper_names(text) for term in content_terms(name)}
