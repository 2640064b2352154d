"""People's names in a sentence: what answers "who".

A person is a known first name followed by a capitalised word ("Anne Coppel", "Nathalie
Bourgeois"). The first names are the lists the Faker package ships for European locales
(about 6,500 names, no network). A first name that is also a city ("Paris") or that follows an
article or preposition ("the Forum for Urban Security") is taken for part of another name.
An author cited by family name alone ("Hedrich and colleagues", "Coppel et al.") is a person too,
and so is a name after a title ("Dr. Priya Lanchester").
"""

from __future__ import annotations

import importlib
import logging
import re
from functools import lru_cache

from assistant.language.place_names import is_city_name
from assistant.language.normalise import fold

# Faker locales for the languages of European documents and of the people they name.
LOCALES = ("en_US", "en_GB", "en_IE", "en_IN", "fr_FR", "de_DE", "it_IT", "es_ES", "pt_PT", "pt_BR", "cs_CZ",
           "sk_SK", "nl_NL", "pl_PL", "sv_SE", "da_DK", "el_GR", "hu_HU", "ro_RO", "sl_SI", "hr_HR", "fi_FI",
           "no_NO", "et_EE", "lt_LT", "lv_LV", "tr_TR")
NOT_BEFORE_A_PERSON = frozenset("the for of de du des la le les pour fur der die das in on at".split())
WORD = re.compile(r"[^\W\d_][\w'’-]*")
# French elision before a name: "la signature d'Alexandre Feltz".
ELIDED_ARTICLE = re.compile(r"^(?:[dlDL]|[Qq]u)['’](?=[A-ZÀ-Ý])")
# A title before a family name makes a person whatever the first name: "Dr. Priya Lanchester",
# "Mme Okafor", "Councillor Henrike Salvesen".
TITLED = re.compile(r"(?<![\w-])(?:Dr|Prof|Mr|Mrs|Ms|Mx|Mme|Mlle|Herr|Frau|Sir|Dame|Councillor|Cllr|Senator|"
                    r"Inspector|Superintendent|Commissioner|Professor|Doctor|Docteur|Maître)\.? "
                    r"((?:[A-ZÀ-Ý][^\W\d_]*[.]? )*[A-ZÀ-Ý][^\W\d_'’-]*(?:-[A-ZÀ-Ý][^\W\d_]+)?)")
# How a study is cited by its first author's family name, in the corpus languages.
CITED_AUTHOR = re.compile(r"(?<![\w-])([A-ZÀ-Ý][^\W\d_]+)(?: et al\b| and (?:colleagues|co-?authors)\b| et (?:collègues|"
                          r"coll\.|ses collègues)| und (?:Kollegen|Kolleginnen)\b| e (?:colegas|colaboradores)\b| a kolegové\b)")


def load_first_names() -> None:
    """Read the name lists now (~0.3 s) rather than during the first question that needs them."""
    _first_names()


def names_another_person(sentence: str, question: str) -> bool:
    """Whether the sentence names a person that the question doesn't."""
    asked = fold(question)
    family_names = ([last for _, last in _people(sentence)] + CITED_AUTHOR.findall(sentence)
                    + [titled.split()[-1] for titled in TITLED.findall(sentence)])
    return any(fold(last) not in asked for last in family_names)


def _people(sentence: str) -> list[tuple[str, str]]:
    """(first name, family name) pairs: two capitalised words, the first a known first name."""
    words = [ELIDED_ARTICLE.sub("", word) for word in WORD.findall(sentence)]
    return [(first, last) for i, (first, last) in enumerate(zip(words, words[1:]))
            if first[0].isupper() and last[0].isupper() and fold(first) in _first_names()
            and not is_city_name(first) and (i == 0 or fold(words[i - 1]) not in NOT_BEFORE_A_PERSON)]


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    names: set[str] = set()
    for locale in LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError as error:  # a broken install costs only this help
            logging.getLogger(__name__).warning("first names for %s unavailable: %s", locale, error)
            continue
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            names.update(fold(name) for name in getattr(provider, attribute, ()))
    return frozenset(names)
