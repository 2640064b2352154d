"""Month names in the corpus languages, folded (no accents, lower case)."""

from __future__ import annotations

import re

# English, French, German, Portuguese, and Czech in the forms dates use ("30. září", "v listopadu").
MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|janvier|"
         r"fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|januar|februar|marz|"
         r"juni|juli|oktober|dezember|janeiro|fevereiro|marco|abril|maio|junho|julho|agosto|setembro|outubro|"
         r"novembro|dezembro|ledna|lednu|leden|unora|unoru|unor|brezna|breznu|brezen|dubna|dubnu|duben|kvetna|"
         r"kvetnu|kveten|cervence|cervenci|cervenec|cervna|cervnu|cerven|srpna|srpnu|srpen|zari|rijna|rijnu|"
         r"rijen|listopadu|listopad|prosince|prosinci|prosinec)")
MONTH_WORD = re.compile(MONTH)
WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|"
           r"samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)")
MONTH_OR_DAY = re.compile(rf"{MONTH}|{WEEKDAY}")  # a folded word naming a month or a day: capitalised, yet no name


def is_month(word: str) -> bool:
    """Whether a folded word names a month."""
    return bool(MONTH_WORD.fullmatch(word))
