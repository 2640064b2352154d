"""Which language a question is in: enough to pick the answer's phrasing and matching rules."""

from __future__ import annotations

import re

FRENCH_MARKERS = frozenset("le la les des du une est qui quel quelle quels quelles pourquoi comment "
                           "combien quand où ou d'après selon dans sur pour avec été".split())
ENGLISH_MARKERS = frozenset("the which what who why how when where did does is are was were of in "
                            "for with to".split())
GERMAN_MARKERS = frozenset("der die das den dem des und ist sind war wurde wurden welche welcher welches was "
                           "wer wie wann warum wo hat haben mit von für auf im zu ein eine einer nicht".split())


def question_language(text: str) -> str:
    """'fr', 'de' or 'en', from common function words: enough to pick the answer's phrasing."""
    lowered = text.lower()
    words = re.findall(r"[^\W\d_]+", lowered)
    scores = {
        "fr": sum(w in FRENCH_MARKERS for w in words) + 2 * bool(re.search(r"[àâçéèêëîïôûù]", lowered)),
        "de": sum(w in GERMAN_MARKERS for w in words) + 2 * bool(re.search(r"[äöüß]", lowered)),
        "en": sum(w in ENGLISH_MARKERS for w in words),
    }
    best = max(scores, key=scores.get)
    return best if scores[best] > scores["en"] else "en"


# The most frequent function words of each language a document may be in (the languages of the
# OCR data the Makefile installs). A word common to two of these lists tells nothing, so each
# language keeps only its own.
_DOCUMENT_WORDS = {
    "en": "the of and to in is that for are with as by this be on was it from which or have has not an",
    "fr": "le la les des du et est une dans pour que qui sur par pas avec au aux ces sont il elle ont "
          "leur cette été",
    "de": "der die das und ist nicht mit von den für auf dem sich eine ein zu im werden des wird auch "
          "sind bei",
    "pt": "o a e se da do das dos que não uma para com em os as por são ao na no mais pela pelo como foi",
    "cs": "a je se na že v to s z do jsou pro jako by ve k o není které také jsme bylo nebo",
}
DOCUMENT_MARKERS = {
    language: frozenset(words.split()) - frozenset(
        word for other, text in _DOCUMENT_WORDS.items() if other != language for word in text.split())
    for language, words in _DOCUMENT_WORDS.items()
}
MIN_MARKERS = 5  # below this many function words a page says too little to tell its language


def document_language(text: str) -> str:
    """'en', 'fr', 'de', 'pt' or 'cs' for a page of running text; '' when it is too short or
    mixed to tell (the winner needs twice the runner-up's function words)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    scores = sorted(((sum(w in markers for w in words), language)
                     for language, markers in DOCUMENT_MARKERS.items()), reverse=True)
    (best, language), (second, _) = scores[0], scores[1]
    return language if best >= MIN_MARKERS and best >= 2 * second else ""
