"""The question of one turn, analysed once: every later stage reads this value, not the raw text.

What the question asks for (its kind, a number, an edition's language), its names and terms, and
the text retrieval searches (with the previous turn, for follow-ups) are all worked out here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from assistant.answer.quantities import QuantityAsked
from assistant.answer.question_kinds import (answer_kind, asked_thing_head, asked_thing_terms, cities_before_an_office,
                                             compares_sources, items_asked, must_state, office_places, quantity_asked,
                                             source_phrase)
from assistant.errors import AssistantError
from assistant.language.detection import question_language
from assistant.language.language_names import DEMONYM_ENDINGS, LANGUAGE_NAMES, asked_languages, named_languages
from assistant.language.normalise import content_terms, fold, proper_names, tokens
from assistant.language.place_names import unknown_names_with_alternatives

if TYPE_CHECKING:
    from assistant.answer.vocabulary import Vocabulary
    from assistant.language.lexicon import Lexicon

MAX_QUESTION_CHARS = 2000
# "<first question>, and <question word> …": a second question joined to the first.
QUESTION_WORDS = (r"what|which|who|whom|whose|when|where|why|how|(?:in|on|at|from|to|under|through|for|by|since|until|"
                  r"with|about|of|after|before|during|into|among|between) (?:which|what|whom|how)|"
                  r"(?:by|until|till|since|from) when|"
                  r"quel|quelle|quels|quelles|qui|quand|où|combien|comment|pourquoi|"
                  r"(?:dans|en|à|a|sous|par|depuis|avec|pour|de|après|avant|pendant) "
                  r"(?:quel|quelle|quels|quelles|quand|qui|combien)|welche[rsmn]?|wer|wann|wo|wie|warum|"
                  r"(?:seit|in|an|mit|von|für|bei|nach|vor) (?:wann|welche[rsmn]?|wem)")
TWO_PARTS = re.compile(rf"^(?P<first>.+?),?\s+(?:and|et|und)\s+(?P<second>(?:{QUESTION_WORDS})\b.+)$", re.IGNORECASE)
# What frames a whole question, before its first question word: "At the 2024 Riverlight Festival,
# how many…", "Selon l'accord de Lindworth, …", "By April 2024, …".
SETTING = re.compile(rf"^(?P<setting>(?:(?!\b(?:{QUESTION_WORDS})\b)[^,?])+),\s+(?=(?:{QUESTION_WORDS})\b)", re.IGNORECASE)
MIN_PART_TERMS = 3  # "In which issue and on what date…" asks one thing
MAX_SECOND_THING_WORDS = 10  # longer, the question goes on about both ("… and the X page give for…")
# One question asked of two named things: "…the references of the 2021 Strategy and of its Action
# Plan?", "…supported SOLIDIFY on the one hand and the DC&D projects on the other?". The second
# thing opens with a determiner after "and"; the first is the nearest one opening with one before.
DETERMINER = (r"(?:the|its|their|this|that|these|those|le|la|les|l'|du|des|au|aux|sa|son|ses|leur|leurs|"
              r"der|die|das|den|dem|ihre?)")
SECOND_THING = re.compile(rf"\s+(?:and|et|und)\s+(?:(?:of|de|von)\s+)?(?={DETERMINER}\b)", re.IGNORECASE)
FIRST_THING = re.compile(rf"(?<![\w'])(?={DETERMINER}\b)", re.IGNORECASE)
END_OF_SECOND_THING = re.compile(r"(?=\?)|$")
# Words that only say that each thing gets its own answer.
EACH_THING = re.compile(r",?\s+(?:on (?:the )?one hand|on the other(?: hand)?|respectively|d'une part|d'autre part|"
                        r"respectivement|einerseits|andererseits|jeweils)\b", re.IGNORECASE)
# "…did Lanvale and Dunmarrow each record…", "…ont-elles chacune…": each name gets its own answer.
EACH_NAMED = re.compile(r"\s+(?:each|chacune?|jeweils)\b|,?\s+(?:respectively|respectivement)\b", re.IGNORECASE)
NAME_WORDS = r"[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*)*"
NAMED_PAIR = re.compile(rf"(?<![\w'’-])(?P<first>{NAME_WORDS}) (?:and|et|und) (?:de |d'|of |von )?(?P<second>{NAME_WORDS})")
BOTH = re.compile(r"\b(?:both|à la fois)\s+$", re.IGNORECASE)
BETWEEN = re.compile(r"\b(?:between|entre|zwischen)\s*$", re.IGNORECASE)
# Words by which a follow-up leans on the question before ("and when…?", "who chaired it?",
# "that visit", "qui l'a adoptée ?", "wer hat sie beschlossen?"), in folded form.
FOLLOW_UP_OPENINGS = frozenset("and but also so then et mais puis und aber auch e mas".split())
# (Not French "en" and "y": mostly "in" and "il y a". Hyphenated forms are split into words.)
REFERRING_WORDS = frozenset("it its they them their theirs he him his she her this that these those there same "
                            "former latter ceci cela ca celui celle ceux celles lui leur "
                            "dort dabei dazu davon dieser diese dieses er sie es ihn ihm ihr ihre isso isto ele ela".split())
# A conversation: the earlier turns, oldest first, as {"role": "user" | "assistant", "content": text}.
History = Sequence[Mapping[str, str]]


@dataclass(frozen=True)
class Question:
    text: str  # as asked, on one line
    query: str  # what retrieval searches: the previous question, this one, other names of its places
    language: str  # "en", "fr" or "de": the answer's phrasing
    terms: frozenset[str]  # content terms of this turn
    query_terms: tuple[str, ...]  # content terms of the query, in order (BM25, sentence overlap)
    names: frozenset[str]  # names and numbers, stemmed: no passage can answer without them
    kind: str | None  # "web", "why", "when", "where", "who", "name" or None (see question_kinds)
    quantity: QuantityAsked  # the number that would answer, if any
    must_state: str | None  # "time", "day", "month", "web", "person" or "future": only a sentence stating one answers
    edition_languages: Mapping[str, str]  # "the German edition": {"german": "de"}
    named_languages: frozenset[str]  # codes of languages named in any sense ("which German city")
    compares: bool = False  # sets sources side by side ("how do X and Y differ…"): quote each
    office_of: frozenset[str] = frozenset()  # "the mayor of Lisbon": {"lisbon"}, whose office is asked
    # Terms only the words naming the source hold ("according to the EMCDDA's 2016 analysis"):
    # they say which document answers, not which of its sentences.
    source_terms: frozenset[str] = frozenset()
    items: int = 0  # "what are the seven principles…": a list of this many items answers
    asked_thing: frozenset[str] = frozenset()  # "what network…": {"network"}, which the answer names
    asked_head: str | None = None  # "which consultancy carried out…": "consultancy", one thing to be named
    # Names the index doesn't know, with the other names of the same place it does ("Padua": ["padova"]).
    other_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Short forms the documents define for long forms the question names, with the long form's
    # terms ("efus": {"european", "forum", "urban", "secur"}): a sentence saying "Efus" holds them.
    short_forms: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # English words for the query's words, when it is in another language ("imprim": {"print",
    # "printer"}): how the English notes say what it asks (`language.lexicon`).
    translations: Mapping[str, frozenset[str]] = field(default_factory=dict)
    gloss: str = ""  # the query word for word in English, for the English encoder ("" in English)
    # Searched with the question before, as it refers back to it ("…, and in which town?").
    leans_back: bool = False

    def with_long_forms(self, terms: set[str]) -> set[str]:
        """A sentence's terms, with the long form's for each short form it uses."""
        extra = [long for short, long in self.short_forms.items() if short in terms]
        return terms.union(*extra) if extra else terms

    @property
    def asks_which_thing(self) -> bool:
        """Whether it asks which thing of some kind ("which venue…", "what is the name of…"):
        something the refusal rules can't check the quotes for, as they check that a "where…"
        is answered by a place, a "when…" by a date or a "how many…" by a number."""
        return bool(self.asked_thing) or self.kind == "name"

    def names_document(self, title: str) -> bool:
        """Whether a document's title holds all the question's names and numbers, two at least:
        the question then names that document ("the 2006 Saragossa Manifesto"), not just a
        project that many documents are about ("SOLIDIFY")."""
        return len(self.names) >= 2 and self.names <= set(content_terms(title))


def analyse_question(text: str, history: History | None = None) -> Question:
    """Read a turn once. Raises `AssistantError` for an empty or overlong question."""
    text = _checked(text)
    language = question_language(text)
    query = _with_previous_question(text, history)
    needed = must_state(text) or _tense_carried_over(text, query)
    return Question(
        text=text,
        query=query,
        language=language,
        terms=frozenset(content_terms(text)),
        query_terms=tuple(content_terms(query)),
        names=frozenset(key_terms(text, language)),
        kind=answer_kind(text),
        quantity=quantity_asked(text, language),
        must_state=needed,
        edition_languages=asked_languages(text),
        named_languages=frozenset(named_languages(text)),
        compares=compares_sources(text),
        office_of=_whose_office(text) if needed == "person" else frozenset(),
        source_terms=_terms_naming_the_source(text),
        items=items_asked(text),
        asked_thing=asked_thing_terms(text),
        asked_head=asked_thing_head(text),
        leans_back=query != text,
    )


def split_parts(question: Question) -> list[Question]:
    """A question that asks two things ("Where was it adopted, and how many cities signed it?"),
    or one thing of two named things ("…the references of the Strategy and of its Action Plan?"),
    as two questions, each retrieved and answered on its own; the second leans on the first when
    it refers back ("…and what ISBN does it carry?"). One question when it asks one thing, or
    sets sources side by side ("How many cities according to the database, and how many
    according to the brochure?"): a part alone doesn't say what the other source counts, and a
    comparison quotes each source's figure."""
    if question.compares:
        return [question]
    match = TWO_PARTS.match(question.text)
    if match and len(content_terms(match["first"])) >= MIN_PART_TERMS:
        texts = [match["first"].rstrip(" ,;") + "?", _in_the_same_setting(match["second"], match["first"])]
    else:
        texts = _asked_of_each(question.text) or _asked_of_each_named(question.text)
    if not texts:
        return [question]
    first = analyse_question(texts[0])
    second = analyse_question(texts[1], [{"role": "user", "content": first.text}])
    for inherit in (_counting_what_the_first_counts, _dated_as_the_first, _timed_as_the_first):
        second = inherit(second, first)  # what the second part leaves unsaid, the first part says
    return [first, second]


def _in_the_same_setting(second: str, first: str) -> str:
    """"At the 2024 Riverlight Festival, how many samples were tested, and what proportion was not
    what people expected?": a phrase set before the first question word, with a comma, frames
    both parts, so the second is asked in it too."""
    setting = SETTING.match(first)
    if not setting or not content_terms(setting["setting"]):
        return second
    return f"{setting['setting']}, {second}"


def _timed_as_the_first(second: Question, first: Question) -> Question:
    """"At what time did the colloquium begin, and when did it finish?": a second part asking
    "when" after a first asking a time of day asks a time of day too; the event's date answers
    neither."""
    if first.must_state != "time" or second.kind != "when" or second.must_state or second.quantity.required:
        return second
    return replace(second, must_state="time")


def _dated_as_the_first(second: Question, first: Question) -> Question:
    """"On what date did the Council approve the Strategy 2021-2025, and under which reference
    was the accompanying Action Plan published?": a second part that names no year is about the
    first part's years, whether or not it refers back, so that a note on the 2017-2020 plan
    doesn't answer it. Not when it asks for a year ("…, and since what year has it been a
    member?"), another one."""
    if second.quantity.years or second.quantity.year or not first.quantity.years:
        return second
    return replace(second, quantity=replace(second.quantity, years=first.quantity.years,
                                             span_ends=first.quantity.span_ends))


def _counting_what_the_first_counts(second: Question, first: Question) -> Question:
    """"How many cities does the brochure give, and how many the database?": a second part
    that counts nothing it names counts what the first part counts, so that its answer must
    state a count of cities too."""
    asked, counted_first = second.quantity, first.quantity
    counts_nothing = asked.required and not (asked.year or asked.money or asked.percent or asked.counted_phrase)
    if not (counts_nothing and counted_first.counted_terms):
        return second
    return replace(second, quantity=replace(asked, counted_terms=counted_first.counted_terms,
                                             counted_phrase=counted_first.counted_phrase))


def _asked_of_each(text: str) -> list[str]:
    """"Which programmes supported the DC&D project and the SOLIDIFY project respectively?" as
    the same question of each: ["Which programmes supported the DC&D project?", "Which
    programmes supported the SOLIDIFY project?"]; [] unless both things hold a name or number
    ("the police and the courts" are not split), the question isn't asked "between" them, is one
    sentence, and ends with the second thing (without a parser, where a thing ends is unknown)."""
    text = EACH_THING.sub("", text)
    if re.search(r"[.:;!]\s", text):
        return []
    seconds = list(SECOND_THING.finditer(text))
    firsts = list(FIRST_THING.finditer(text, 0, seconds[-1].start())) if seconds else []
    if not firsts:
        return []
    second, start = seconds[-1], firsts[-1].start()
    prefix, first = BOTH.sub("", text[:start]), text[start:second.start()]
    other = text[second.end():END_OF_SECOND_THING.search(text, second.end()).start()]
    if BETWEEN.search(prefix) or len(other.split()) > MAX_SECOND_THING_WORDS:
        return []
    if not (key_terms(first) and key_terms(other)):
        return []
    # "les références de la Stratégie et du Plan": "de" + "du" is "du".
    prefix_of_other = re.sub(r"\b(?:de|d')\s*$", "", prefix) if re.match(r"(?:du|des|aux?)\b", other) else prefix
    return [f"{prefix}{first.rstrip()}?", f"{prefix_of_other}{other.rstrip()}?"]


def _asked_of_each_named(text: str) -> list[str]:
    """"How many needle finds did Lanvale and Dunmarrow each record in 2024?" as the same
    question of each name: ["How many needle finds did Lanvale record in 2024?", "…did
    Dunmarrow record…"]; [] unless a word says each gets its own answer and two names are joined
    by "and" ("Health and Wellbeing Board" alone is one name)."""
    each = EACH_NAMED.search(text)
    pair = NAMED_PAIR.search(text)
    if not (each and pair) or pair.start() == 0:
        return []
    if each.group().strip().lower() == "each" and each.start() != pair.end():
        return []  # "each" right after the names ("Lanvale and Dunmarrow each…"), not "each year"
    text = text[:each.start()] + text[each.end():]
    pair = NAMED_PAIR.search(text)
    if pair is None:
        return []
    return [text[:pair.start()] + pair[name] + text[pair.end():] for name in ("first", "second")]


def with_index_names(question: Question, vocabulary: Vocabulary) -> Question:
    """The question as the index spells what it names: other names of places the index doesn't
    know ("Padova" for "Padua") and the short forms its documents define ("Efus")."""
    return with_short_forms(with_other_names(question, vocabulary.knows), vocabulary.short_forms)


def with_translations(question: Question, lexicon: Lexicon) -> Question:
    """The question with the English words for its own when it is in another language."""
    found, gloss = lexicon.translated(question.query, question.language)
    return replace(question, translations=found, gloss=gloss) if found or gloss else question


def with_other_names(question: Question, is_known: Callable[[str], bool]) -> Question:
    """Search for "Padova" too when the question says "Padua" and the index doesn't: `is_known`
    tells whether some indexed chunk has a word."""
    renamed = unknown_names_with_alternatives(question.text, is_known)
    if not renamed:
        return question
    query = " ".join([question.query, *(name for names in renamed.values() for name in names)])
    return replace(question, query=query, query_terms=tuple(content_terms(query)),
                   other_names={name: tuple(names) for name, names in renamed.items()})


def with_short_forms(question: Question, short_forms: Mapping[str, frozenset[tuple[str, ...]]]) -> Question:
    """"When was the European Forum for Urban Security founded?" is answered by "Efus … was
    founded in 1987": the short forms the documents define (`Vocabulary.short_forms`: each
    one's long forms, as terms) for the long forms the question names become equivalents of
    those words. They stand for the long form, adding nothing to it: a sentence naming both
    counts once."""
    asked = content_terms(question.text)
    found = {short: frozenset(long) for short, longs in short_forms.items() if short not in asked
             for long in longs if _holds_run(asked, list(long))}
    return replace(question, short_forms=found) if found else question


def _holds_run(terms: list[str], run: list[str]) -> bool:
    """Whether `run` occurs in `terms` as consecutive items."""
    return bool(run) and any(terms[i:i + len(run)] == run for i in range(len(terms) - len(run) + 1))


def key_terms(text: str, language: str = "en") -> list[str]:
    """Names and numbers in a question (capitalised words after the first, digits), stemmed.
    German capitalises every noun, so there only acronyms ("EU", "SOLIDIFY") count as names."""
    words = re.findall(r"[^\W_]+", text)
    keys = [term for word in words if word[0].isdigit() for term in content_terms(word)]
    names = proper_names(text)
    if language == "de":
        names = [name for name in names if name.isupper()]
    for name in names:
        # "The Czech presentation of the Declaration" names the note's language, which the
        # note itself never writes; whether an edition exists is checked separately.
        if not fold(name).endswith(DEMONYM_ENDINGS) and fold(name) not in LANGUAGE_NAMES:
            keys.extend(content_terms(name))
    return keys


def _tense_carried_over(text: str, query: str) -> str | None:
    """"Which city will host the next symposium, and when?": a bare "when?" asks when it will
    be, so a sentence about what was planned must answer it too."""
    return "future" if not content_terms(text) and must_state(query) == "future" else None


def _terms_naming_the_source(text: str) -> frozenset[str]:
    phrase = source_phrase(text)
    if not phrase:
        return frozenset()
    rest = fold(text).replace("\u2019", "'").replace(phrase, " ")
    return frozenset(content_terms(phrase)) - set(content_terms(rest))


def _whose_office(text: str) -> frozenset[str]:
    """The terms of whose office a question asks the holder of ("the mayor of Lisbon", "which
    Strasbourg mayor")."""
    places = office_places(text) or [(city,) for city in cities_before_an_office(text)]
    return frozenset(term for name in places[0] for term in content_terms(name)) if places else frozenset()


def _with_previous_question(text: str, history: History | None) -> str:
    """A follow-up ("and when did it open?") is searched together with the previous question;
    a question that doesn't refer back is searched on its own, so it doesn't inherit an old topic."""
    previous = next((turn["content"] for turn in reversed(list(history or []))
                     if turn.get("role") == "user" and isinstance(turn.get("content"), str)), "")
    return f"{previous} {text}" if previous and refers_back(text) else text


def refers_back(text: str) -> bool:
    """Whether a question leans on the one before: it opens with "and"/"et"/"und", points back
    ("it", "that visit", "celle-ci", "dort"), or is too short to name its own subject ("When?")."""
    words = tokens(text)
    return bool(words) and (words[0] in FOLLOW_UP_OPENINGS or bool(REFERRING_WORDS & set(words))
                            or len(content_terms(text)) <= 1)


def _checked(text: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise AssistantError("the question is empty; type a question about the documents")
    if len(text) > MAX_QUESTION_CHARS:
        raise AssistantError(f"the question is {len(text)} characters long; keep it under {MAX_QUESTION_CHARS}")
    return " ".join(text.split())
