"""What a sentence must state before it can answer a question at all.

"How many rooms…" needs a count of rooms, "which year" a year, "how much… in euros" a sum,
"opening hours" a time of day, "on which exact date" a day, "when…" a date or span of time,
"which website" a web address, "who chairs…" a person named with that office, any "who…",
"where…", "which organisation…" or "what is the name of…" a name the question doesn't already
hold ("which cities…" two places), "what nationality…" a country or nationality, and "what
are the seven principles…" room for seven items. The answer is refused when no quote states
one of them (the documents don't say).
"""

from __future__ import annotations

import re
from typing import Callable

from assistant.answer.quantities import SameThing, counted_per_another_unit, states_quantity, without_spans_asked
from assistant.answer.question import Question
from assistant.answer.question_kinds import (asks_for_a_city_or_country, asks_for_a_proper_name, asks_for_people,
                                             asks_for_places, asks_nationality, asks_role, asks_when, office_asked,
                                             office_places, offices_named)
from assistant.answer.sentence_kinds import (OF_WORDS, states_day, states_month, states_role, states_time,
                                             states_web_address, states_what_is_to_come, states_when)
from assistant.language.cognates import cognates_among
from assistant.language.detection import in_another_language
from assistant.language.months import MONTH_OR_DAY
from assistant.language.normalise import content_terms, fold, tokens
from assistant.language.person_names import names_another_person
from assistant.language.place_names import (is_city_name, is_people_adjective, mentions_place, names_a_nationality,
                                             names_another_place, places_named)
from assistant.language.sentences import clauses

# The kinds of question only a name answers, and what the refusal says is missing.
NAMED_ANSWERS = {"who": "person", "where": "place"}
Test = Callable[[str, bool], bool]  # (a quoted sentence, whether it is in another language) -> passes
LIST_SEPARATOR = re.compile(r"[,;•]|(?:^|\s)[-*](?=\s)|\b\d+[.)](?=\s)|\b(?:and|or|et|ou|und|oder)\b")
# "DCRs", "NGOs": an acronym in the plural shortens a common noun (rooms, organisations), so it
# names no one: a proper name is not counted.
PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")


def _requirements(question: Question, same_thing: SameThing | None = None) -> list[tuple[str, Test]]:
    """Each thing an answer must state, as (what a refusal says is missing, the test a sentence
    passes): "number", "year" or "money"; "time", "day", "web" or "person"; "person" or "place"."""
    found: list[tuple[str, Test]] = []
    asked = question.quantity
    if asked.required:
        found.append((asked.kind, lambda text, foreign: states_quantity(text, asked, same_thing, foreign)
                      and not (asked.year and _about_another_city(question, text))
                      and not counted_per_another_unit(text, asked.per)))
    if question.must_state:
        found.append((question.must_state, lambda text, _: _states(question, text)
                      and not (question.must_state in ("day", "month") and _about_another_city(question, text))))
    if asks_when(question.text) and not (asked.required or question.must_state):
        found.append(("when", lambda text, _: states_when(without_spans_asked(text, asked))
                      and not _about_another_city(question, text)))
    if asks_for_people(question.text) and question.must_state != "person":
        found.append(("person", lambda text, _: names_another_person(text, question.query)))
    if asks_role(question.text):
        found.append(("role", lambda text, _: states_role(text)))
    if asks_nationality(question.text):
        found.append(("nationality", lambda text, _: names_a_nationality(text, question.query)))
    if question.kind in NAMED_ANSWERS:
        found.append((NAMED_ANSWERS[question.kind], lambda text, _: _names_something_new(question, text)))
    elif asks_for_a_proper_name(question.text, question.kind):
        found.append(("name", lambda text, _: _names_something_new(question, text)))
    if asks_for_a_city_or_country(question.text):
        found.append(("place", lambda text, _: bool(_places_not_asked(question, text))))
    if question.kind == "where" and asks_for_places(question.text):
        found.append(("place", lambda text, _: len(_places_not_asked(question, text)) >= 2))
    if question.items:
        found.append(("list", lambda text, _: _could_list(text, question.items)))
    return found


def _could_list(text: str, items: int) -> bool:
    """Whether a quote has room for as many items as "the seven principles" asks for: as many
    separators (commas, semicolons, list marks, "and") as items but one. Generous, since
    "and" and commas also join words within an item; a sentence that only names the list
    ("the twelve areas are not named") has far fewer."""
    return len(LIST_SEPARATOR.findall(text)) >= items - 1


def unmet_requirement(question: Question, texts: list[str], same_thing: SameThing | None = None,
                      languages: list[str] | None = None) -> str:
    """The first thing the question needs stated that none of `texts` states; "" when none.
    `languages` gives each text's language when it may differ from the question's."""
    foreign = [in_another_language(language, question.language) for language in languages or [""] * len(texts)]
    return next((missing for missing, test in _requirements(question, same_thing)
                 if not any(test(text, other) for text, other in zip(texts, foreign))), "")


def _states(question: Question, sentence: str) -> bool:
    """Whether the sentence states the time, day, web address or office holder the question must
    be answered with."""
    if question.must_state == "time":
        return states_time(sentence)
    if question.must_state == "day":
        return states_day(sentence)
    if question.must_state == "month":
        return states_month(sentence)
    if question.must_state == "web":
        return states_web_address(sentence)
    if question.must_state == "future":
        return states_what_is_to_come(sentence)
    # The holder of an office: a person named with an office ("Willy Demeyer, Mayor of Liège"),
    # not staff or speakers named without one, nor the holder of the same office elsewhere
    # ("the mayor of Lisbon" is not "Bernard Rivaillé, maire de Lormont").
    return (names_another_person(sentence, question.query) and _states_office_asked(question, sentence)
            and not _office_of_another(question, sentence))


def _states_office_asked(question: Question, sentence: str) -> bool:
    """Whether the sentence names the office asked about, or any office when the question names
    none it can tell ("who heads…"): a body's Secretary General doesn't answer who its
    president was."""
    asked, stated = office_asked(question.text), offices_named(sentence)
    if asked in (None, "any") or "any" in stated:
        return bool(stated)
    return asked in stated


def _about_another_city(question: Question, sentence: str) -> bool:
    """Whether a sentence dating something names other cities and none the question asks about:
    "In what year did Liège open its room?" is not answered by "…a May 2022 news item on
    Brussels opening a room". A sentence naming no city may still be about the one asked."""
    asked = [place for place in places_named(question.text) if is_city_name(place)]
    stated = [place for place in places_named(sentence) if is_city_name(place)] if asked else []
    if not stated:
        return False
    words = frozenset(tokens(sentence))
    return not any(mentions_place(words, place) for place in asked)


def _office_of_another(question: Question, sentence: str) -> bool:
    """Whether every office the sentence says whose it is belongs to someone else than the
    question's ("Mayor of Lormont" for "the mayor of Lisbon"); False when it says of none."""
    places = [set(content_terms(" ".join(names))) for names in office_places(sentence)]
    return bool(question.office_of and places) and not any(cognates_among(set(question.office_of), terms)
                                                           for terms in places)


def _names_something_new(question: Question, text: str) -> bool:
    """Whether a quote can answer "who…?" or "where…?" at all: it names a person, a place or a
    body (a capitalised name) that the question doesn't. "Who were the speakers at the
    webinar?" is not answered by "16 October 2025: Efus-PiOC webinar on youth recruitment",
    nor "Which cities have signed up?" by "…is where local authorities matter most"."""
    asked = set(content_terms(question.query))
    if question.kind == "who" and names_another_person(text, question.query):
        return True
    if question.kind == "where" and names_another_place(text, question.query):
        return True
    return any(not set(content_terms(name)) <= asked for name in _names_not_describing(text, asked))


def _places_not_asked(question: Question, text: str) -> set[str]:
    """The cities and countries a quote names that the question doesn't: "Which cities have
    joined?" is not answered by a sentence on the meeting held in Köln, which names one."""
    asked = fold(question.query)
    return {fold(place) for place in places_named(text) if fold(place) not in asked}


def _names_not_describing(text: str, asked: set[str]) -> list[str]:
    """The sentence's names, but for those that only describe a thing the question asks about
    ("Efus-PiOC" in "the Efus-PiOC webinar" says whose webinar, not who spoke at it) and the
    names of months and days and acronyms in the plural, which name no one and nowhere."""
    return [name for clause, opens_sentence in clauses(text)
            for name in _names_in_clause(clause, asked, opens_sentence)]


def _names_in_clause(clause: str, asked: set[str], opens_sentence: bool) -> list[str]:
    """A clause's runs of capitalised words (but a sentence's first word), each kept unless the
    word after it is one the question asks about ("the Efus-PiOC webinar"), or it is joined by
    "of" to a name the question holds: "the City of Brussels" and "the Mayor of Liège" name the
    question's place or its office, not something new."""
    words = re.findall(r"[^\W\d_]+", clause)
    names, run = [], []
    for at, word in enumerate(words):
        if (at or not opens_sentence) and word[0].isupper() and len(word) > 1 \
                and not MONTH_OR_DAY.fullmatch(fold(word)) and not PLURAL_ACRONYM.fullmatch(word):
            run.append(word)
            continue
        if run and not set(content_terms(word)) & asked and not _of_a_name_asked(words, at, asked):
            names += _unless_a_people_adjective(run)
        run = []
    return names + _unless_a_people_adjective(run)


def _unless_a_people_adjective(run: list[str]) -> list[str]:
    """A run of capitalised words, but none when it is one adjective of a people or a continent:
    "a selection of European cities" names no one who could have translated a guide."""
    return [] if len(run) == 1 and is_people_adjective(run[0]) else run


def _of_a_name_asked(words: list[str], at: int, asked: set[str]) -> bool:
    """Whether words[at] is "of" ("de", "du", "von"…) followed by a capitalised name the question holds."""
    if fold(words[at]) not in OF_WORDS:
        return False
    following = words[at + 1:at + 3]
    following = following[1:] if following and fold(following[0]) in ("the", "la", "le", "der") else following
    if not following or not following[0][0].isupper():
        return False
    terms = set(content_terms(following[0]))
    return bool(terms) and terms <= asked
