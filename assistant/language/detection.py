"""Which language a question is in: enough to pick the answer's phrasing and matching rules."""

from __future__ import annotations

import re

FRENCH_MARKERS = frozenset("le la les des du une est qui quel quelle quels quelles pourquoi comment "
                           "combien quand où ou d'après selon dans sur pour avec été".split())
ENGLISH_MARKERS = frozenset("the which what who why how when where did does is are was were of in "
                            "for with to".split())
GERMAN_MARKERS = frozenset("der die das den dem des und ist sind war wurde wurden welche welcher welches was "
                           "wer wie wann warum wo hat haben mit von für auf im zu ein eine einer nicht".split())


def in_another_language(language: str, asked: str) -> bool:
    """Whether a passage's language differs from the question's; one not known ("") counts as
    the question's."""
    return language not in ("", asked)


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
