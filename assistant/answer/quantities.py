"""Whether a sentence states the number a question asks for.

"How many people attended?" is answered by "about 250 participants", not by "in 2019" nor by
"250 rooms"; "which year" needs a year, "what percentage" a percentage, "how much … in euros"
a sum of money. What the question asks is read once, in `question_kinds.quantity_asked`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from assistant.language.months import is_month
from assistant.language.normalise import STOPWORDS, fold, numbers, stem, tokens

# Counts in words, folded, and the nouns of approximate counts ("une trentaine d'années",
# "dozens of cities", "Hunderte"); not "tres", which is also French "très".
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand million dozen dozens hundreds thousands millions "
    "deux trois quatre cinq sept huit neuf dix onze douze treize quatorze quinze seize vingt trente "
    "quarante cinquante soixante cent mille dizaine dizaines douzaine quinzaine vingtaine trentaine "
    "quarantaine cinquantaine soixantaine centaine centaines millier milliers "
    "zwei drei vier funf sechs sieben acht neun zehn zwolf zwanzig dreißig vierzig funfzig hundert "
    "tausend dutzend dutzende hunderte tausende".split())
YEAR = re.compile(r"^(1[5-9]|20)[0-9]{2}$")
YEAR_SPAN = re.compile(r"\b(?:1[5-9]|20)[0-9]{2}(?:\s?[-–/]\s?(?P<end>(?:1[5-9]|20)?[0-9]{2}))?\b")
# Words before a year that make it a date ("Since 2019", "Im Jahr 2019", "Year 2008").
DATE_LEADS = frozenset("since until from between by around circa ca year years seit bis von ab zwischen um jahr jahre "
                       "jahres jahren annee annees depuis jusqu ano anos desde ate rok roku od do".split())
# What opens a name that holds a year: "the 2017 Manifesto", "its 2005-2008 Action Plan".
LABEL_OPENERS = frozenset("the a an its their this that le la les du des sa son ses der die das den dem".split())
MONEY = re.compile(r"[€$£]|\b(euros?|eur(?!-lex)|dollars?|pounds?|francs?|kc|korun\w*|ecus?)\b")
PERCENT = re.compile(r"%|\b(percent|per cent|pour cent|prozent)\b")
# A count stands just before the thing it counts ("about 250 people", "eleven strategic
# priorities"), so a number in front of something else is no answer.
COUNT_REACH = 4  # words between a count and what it counts
# A count of the whole world ("more than 100 DCRs were operating worldwide"), folded.
WORLD_SCOPE = re.compile(r"\b(?:worldwide|world-wide|globally|(?:in|across|around) the world|"
                         r"(?:dans|a travers) le monde|au monde|weltweit|auf der welt|(?:em todo )?o mundo|"
                         r"ve svete|celosvetov\w*)\b")
# Units of time, folded, each under one name whatever the language or form: "deux ans après"
# counts years, not the people or rooms asked about; "trente ans" answers "combien d'années",
# "zwei Jahren" "how many years".
TIME_UNIT_NAMES = {unit: words.split() for unit, words in (
    ("year", "year years an ans annee annees jahr jahre jahren ano anos rok roky roku let"),
    ("month", "month months mois monat monate monaten mes meses mesic mesice mesicu"),
    ("week", "week weeks semaine semaines woche wochen semana semanas tyden tydny tydnu"),
    ("day", "day days jour jours tag tage tagen dia dias den dny dni"),
    ("hour", "hour hours heure heures stunde stunden hora horas hodina hodiny hodin"))}
TIME_UNITS = frozenset(word for words in TIME_UNIT_NAMES.values() for word in words)
TIME_UNIT_LINKS = frozenset("of d de".split())  # "dozens of years", "une dizaine d'années"
DECADES = frozenset("decade decades decennie decennies jahrzehnt jahrzehnte jahrzehnten decada decadas desetileti".split())
SameThing = Callable[[str, str], bool]
# What `tokens` splits off a number written as an ordinal: "30th", "1er", "2e", "3ème".
ORDINAL_ENDINGS = frozenset("st nd rd th er re e eme ieme".split())


@dataclass(frozen=True)
class QuantityAsked:
    """What a question says about the number that would answer it."""

    required: bool = False  # "how many", "which year", "how much": only a number can answer
    year: bool = False  # a year answers
    percent: bool = False  # a percentage answers
    money: bool = False  # a sum of money answers ("how much … in euros"; a count of funded things is a count)
    counted_terms: frozenset[str] = frozenset()  # what "how many X" / "the number of X" counts, as terms
    counted_phrase: str = ""  # the same, as words: "drug consumption rooms"
    numbers: frozenset[str] = frozenset()  # numbers the question itself holds
    years: frozenset[str] = frozenset()
    span_ends: frozenset[str] = frozenset()  # the last years of spans it names: "2020" of "2013-2020"
    in_places: bool = False  # asked of countries, cities or Europe, not of the world
    per: frozenset[str] = frozenset()  # what a sum asked is counted per: {"year"} for "each year" (`rates_of`)

    @property
    def subject_years(self) -> frozenset[str]:
        """The years that say what the question is about: of a span, the first ("2013" of "the
        Strategy 2013-2020"; a note on the 2021-2025 Strategy names 2020 too)."""
        return self.years - self.span_ends or self.years

    def names_none_of(self, document_years: frozenset[str]) -> bool:
        """The question names years ("the December 2024 resolution") and a document none of
        those it is about: the document is about something else."""
        return bool(self.subject_years) and not self.subject_years & document_years

    @property
    def kind(self) -> str:
        """How a refusal names what is missing: a year, a sum of money or a number."""
        return "year" if self.year else "money" if self.money else "number"


def states_quantity(sentence: str, asked: QuantityAsked, same_thing: SameThing | None = None,
                    other_language: bool = False) -> bool:
    """A number (in digits or words) that the question itself did not already contain; a year
    when it asks for one. A sentence dated to other years than the question's is about
    something else ("250 people attended in 2019" does not answer "how many in 2021"), and a
    count of the whole world does not answer one asked of a country, city or Europe.
    `same_thing` tells whether two short phrases name the same kind of thing, so that "about
    250 participants" can answer "how many people"; without it the words must match.

    A sentence in another language than the question's (`other_language`) can't be matched
    to what is counted, word for word nor by the English encoder ("250 Mitgliedsstädte" for
    "how many member cities": 0.18), so any count of a thing answers there: a number that is
    neither a year nor a day of a month, followed by a word."""
    new_numbers = numbers(sentence) - asked.numbers
    stated_years = years_in(sentence)
    if asked.years and stated_years and not asked.years & stated_years:
        return False
    if asked.in_places and WORLD_SCOPE.search(fold(sentence)):
        return False  # the world's count is not France's
    if asked.year:
        return bool(years_in(without_years_naming_things(sentence)) - asked.numbers)
    if asked.percent:
        return bool(new_numbers) and bool(PERCENT.search(fold(sentence)))
    if asked.counted_terms and other_language:
        words = tokens(sentence)
        time_asked = bool(asked.counted_terms & _time_unit_terms())
        shares = _shares(sentence)  # "la pureté atteint 68 %" counts nothing
        return any(_counts_a_thing(words, at, time_asked) for at in _count_positions(words, new_numbers - shares))
    if asked.counted_terms:
        words = tokens(sentence)
        counts = _count_positions(words, new_numbers)
        if not asked.counted_terms & _time_unit_terms():  # "une trentaine d'années des salles"
            counts = [at for at in counts if not counts_time(words, at)]
        wanted = _as_time_units(asked.counted_terms)
        if any(wanted & _as_time_units({stem(w) for w in words[i + 1:i + 1 + _reach(words[i])]}) for i in counts):
            return True
        counted = [phrase_at(words[i + 1:]) for i in counts]
        if any(_abbreviates(asked.counted_phrase, phrase) for phrase in counted):
            return True
        return same_thing is not None and any(phrase and same_thing(asked.counted_phrase, phrase)
                                              for phrase in counted)
    if asked.money:
        return bool(new_numbers) and bool(MONEY.search(fold(sentence)))
    return bool(new_numbers) or bool(NUMBER_WORDS & set(tokens(sentence)))


def years_in(text: str) -> frozenset[str]:
    return frozenset(n for n in numbers(text) if YEAR.match(n))


def span_ends_in(text: str) -> frozenset[str]:
    """The years that end a span ("2020" of "the Strategy 2013-2020", of "2013-20"): a document
    on the 2021-2025 Strategy names 2020 too, so only a span's first year tells them apart."""
    return frozenset(match["end"] if len(match["end"]) == 4 else match.group()[:2] + match["end"]
                     for match in YEAR_SPAN.finditer(text) if match["end"])


def without_years_naming_things(sentence: str) -> str:
    """The sentence without the years that are part of a name rather than a date: "the
    2005-2008 Action Plan", "the EU Drugs Strategy 2013-2020" say nothing of when a meeting was
    held; "in 2019", "Since 2019", "im Jahr 2019" stay."""
    return _without_years(sentence, lambda match: _names_a_thing(sentence, match))


def without_spans_asked(sentence: str, asked: QuantityAsked) -> str:
    """The sentence without the spans of years the question names ("…la stratégie antidrogue
    de l'Union européenne pour 2021-2025", or "2021-25"): they name the thing asked about, not
    when it happened."""
    named = asked.years | asked.span_ends
    return _without_years(sentence, lambda match: bool(match["end"])
                          and years_in(match.group()) | span_ends_in(match.group()) <= named)


def _without_years(sentence: str, dropped: Callable[[re.Match], bool]) -> str:
    return YEAR_SPAN.sub(lambda match: " " if dropped(match) else match.group(), sentence)


def _names_a_thing(sentence: str, year: re.Match) -> bool:
    """Whether a year (or span of years) stands in a name: after a capitalised word that is not
    a month nor a word that leads a date ("Lisbon, 2019" is a dateline), or between "the" and a
    capitalised word."""
    before, after = sentence[:year.start()].split()[-1:], sentence[year.end():].split()[:1]
    if before and before[0][:1].isupper() and before[0][-1].isalnum() and not is_month(fold(before[0])) \
            and fold(before[0]) not in STOPWORDS | DATE_LEADS:
        return True
    return (bool(after) and after[0][:1].isupper() and not is_month(fold(after[0].strip(".,;:")))
            and bool(before) and fold(before[0]) in LABEL_OPENERS)


def phrase_at(words: list[str]) -> str:
    """The words naming a thing, up to the first function word or number: "drug consumption rooms"."""
    phrase = []
    for word in words[:COUNT_REACH]:
        if word in STOPWORDS or word[0].isdigit():
            break
        phrase.append(word)
    return " ".join(phrase)


def _abbreviates(one: str, other: str) -> bool:
    """Whether one phrase is the other's acronym: "DCRs" for "drug consumption rooms" (either
    way round), so that "more than 100 DCRs" counts the rooms asked about."""
    for short, long in ((one, other), (other, one)):
        words = long.split()
        if len(words) >= 2 and " " not in short and short.removesuffix("s") == "".join(w[0] for w in words):
            return True
    return False


def _reach(count: str) -> int:
    """How far after a count the counted thing may stand: right after a year-like number ("2000
    participants"), since "the 2017 Security, Democracy and Cities Manifesto" counts nothing."""
    return 1 if YEAR.match(count) else COUNT_REACH


@lru_cache(maxsize=1)
def _time_unit_terms() -> frozenset[str]:
    return frozenset(stem(unit) for unit in TIME_UNITS)


@lru_cache(maxsize=1)
def _unit_of_term() -> dict[str, str]:
    return {stem(fold(word)): unit for unit, words in TIME_UNIT_NAMES.items() for word in words}


def _as_time_units(terms: set[str] | frozenset[str]) -> set[str]:
    """Search terms with each unit of time's term replaced by the unit's one name."""
    units = _unit_of_term()
    return {units.get(term, term) for term in terms}


def _counts_a_thing(words: list[str], at: int, time_asked: bool) -> bool:
    """Whether the number at `at` counts something: not a year, followed by a word that is not
    a function word ("5 et 6 décembre") nor, unless a length of time is asked, a unit of time
    ("deux ans après"), and no month beside it ("30. září", "December 5")."""
    after, beside = words[at + 1:at + 2], words[max(at - 1, 0):at] + words[at + 1:at + 3]
    return (not YEAR.match(words[at]) and bool(after) and after[0].isalpha() and after[0] not in STOPWORDS
            and (time_asked or after[0] not in TIME_UNITS) and not any(is_month(word) for word in beside))


def counts_time(words: list[str], at: int) -> bool:
    """Whether the number at `at` counts units of time ("thirty years", "une trentaine
    d'années", "three decades"): the things named after those are not what it counts."""
    after = [word for word in words[at + 1:at + 3] if word not in TIME_UNIT_LINKS][:1]
    return bool(after) and (after[0] in TIME_UNITS or after[0] in DECADES)


SHARE = re.compile(r"(\d+(?:[.,]\d+)?)\s?(?:%|percent\b|per cent\b|pour cent\b|prozent\b|por cento\b|procent\w*)")


def _shares(sentence: str) -> set[str]:
    """The numbers a sentence gives as percentages, as `numbers` spells them."""
    return {number for match in SHARE.finditer(fold(sentence)) for number in numbers(match.group(0))}


def _count_positions(words: list[str], new_numbers: set[str]) -> list[int]:
    """Where a sentence states a count: a new number, or a number word; not an ordinal ("the
    30th anniversary", "la 2e édition" count nothing)."""
    return [i for i, word in enumerate(words) if (word in new_numbers or word in NUMBER_WORDS)
            and not _is_ordinal(words, i)]


def _is_ordinal(words: list[str], at: int) -> bool:
    return at + 1 < len(words) and words[at + 1] in ORDINAL_ENDINGS


# What a sum of money is counted per: "£1,950 per participant", "an annual running cost", "1,4
# million d'euros par an". "What does the programme cost each year?" is not answered by a sum
# per participant, nor "what did each sample cost?" by a year's running cost.
YEARLY = frozenset("annual annually yearly annuel annuelle annuels annuelles jahrlich jahrliche jahrlichen "
                   "anual anuais rocni rocne".split())
YEAR_NOUNS = frozenset("year years annum an ans annee annees jahr jahre ano anos rok".split())
PER_WORDS = frozenset("per each every chaque pro je jede jedes jeden jeder cada".split())
YEAR_ONLY_PER_WORDS = frozenset("par por".split())  # also "by": "versée par la Ville"
RATE_FILLERS = frozenset("single individual average the".split())


def rates_of(text: str) -> frozenset[str]:
    """What the text's sums are counted per: "year", or the stems of the words after "per",
    "each" ("per nasal kit" → {"nasal", "kit"})."""
    words = tokens(text)
    found = {"year"} if YEARLY & set(words) else set()
    for at, word in enumerate(words[:-1]):
        if word == "a" and words[at + 1] in YEAR_NOUNS:  # "£2.3 million a year"
            found.add("year")
        elif word in PER_WORDS or (word in YEAR_ONLY_PER_WORDS and words[at + 1] in YEAR_NOUNS):
            found |= _unit_after(words[at + 1:at + 4])
    return frozenset(found)


def _unit_after(words: list[str]) -> set[str]:
    """The unit that "per"/"each" is followed by, up to a stop word: none for "each of the
    cities", "per cent", "every two years"."""
    words = [word for word in words if word not in RATE_FILLERS]
    if words and words[0] in YEAR_NOUNS:
        return {"year"}
    unit = set()
    for word in words:
        if not word.isalpha() or word in STOPWORDS or word in NUMBER_WORDS or word == "cent":
            break
        unit.add(stem(word))
    return unit


def counted_per_another_unit(sentence: str, asked_rates: frozenset[str]) -> bool:
    """Whether the sentence counts its sums per something else than the question asks ("per
    participant" for "each year"); False when either says per nothing."""
    if not asked_rates:
        return False
    stated = rates_of(sentence)
    return bool(stated) and not asked_rates & stated
