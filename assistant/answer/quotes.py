"""Which sentences the answer quotes, chosen from the evidence before the model writes anything.

The best sentence is always quoted, word for word, so an answer shows its source's own words
even when the model's sentence fails its check. A runner-up nearly as good is quoted too (the
scorer often ranks the answer second; two-part questions need two sentences), and a quote is
extended where it would not stand alone: a lead-in with the list it announces, a consequence
after the reason it points back to, a scene-setting sentence with the one that goes on about it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

from assistant.answer.evidence import Evidence
from assistant.answer.params import TUNING, Tuning
from assistant.answer.quantities import SameThing, states_quantity
from assistant.answer.question import Question
from assistant.answer.question_kinds import (asks_for_people, asks_for_reference, asks_for_several, asks_frequency,
                                             asks_how_long, asks_publication_date)
from assistant.answer.requirements import unmet_requirement
from assistant.answer.sentence_kinds import (points_back, refers_back, states_duration, states_frequency,
                                             states_publication_date, states_reason, states_reference,
                                             states_web_address)
from assistant.ingest.chunking import chunk_place
from assistant.language.detection import in_another_language
from assistant.language.normalise import content_terms, name_terms
from assistant.language.person_names import names_another_person
from assistant.language.sentences import LIST_ITEM_START, Span, split_sentences
from assistant.schema import Passage



@dataclass(frozen=True)
class Quote:
    chosen: Evidence  # the sentence as chosen (with the sentence that goes on about it)
    shown: Evidence  # what is shown: a lead-in or a short sentence goes on to what follows it
    antecedent: Evidence | None  # the sentence a consequence points back to, shown before it
    first_of_part: bool = False  # the best quote of (a part of) the question: always shown

    @property
    def announces_list(self) -> bool:
        return self.chosen.text.rstrip().endswith(":")


def choose_quotes(question: Question, evidence: list[Evidence], context: list[Passage],
                  tuning: Tuning = TUNING) -> list[Quote]:
    """The quotes of the answer, best first, read from the passages in `context`. Each source a
    comparison sets side by side leads, like the best quote: the model's sentences must not
    take the place of the second source's figure."""
    quotes = []
    for chosen in quoted_evidence(question, evidence, context, tuning):
        shown = _whole_list(chosen, tuning, asks_for_several(question.text)) or _with_continuation(chosen, tuning)
        antecedent = _reason_before(shown, context, tuning.reason_before_chars) if points_back(shown.text) else None
        quotes.append(Quote(chosen, shown, antecedent, first_of_part=not quotes or question.compares))
    return quotes


def quotes_of_parts(quotes_by_part: list[list[Quote]]) -> list[Quote]:
    """The quotes of a question's parts, each sentence once: first each part's own best (its
    runner-up when an earlier part's best is the same sentence, so that the second part's
    answer is shown too), then the others by rank."""
    merged: dict[tuple[str, int], Quote] = {}
    for quotes in quotes_by_part:
        own = next((quote for quote in quotes if _place(quote) not in merged), None)
        if own is not None:
            merged[_place(own)] = replace(own, first_of_part=True)
    for rank in range(max((len(quotes) for quotes in quotes_by_part), default=0)):
        for quotes in quotes_by_part:
            if rank < len(quotes):
                merged.setdefault(_place(quotes[rank]), quotes[rank])
    return list(merged.values())


def _place(quote: Quote) -> tuple[str, int]:
    return quote.chosen.doc_id, quote.chosen.start


def quoted_evidence(question: Question, evidence: list[Evidence], context: list[Passage],
                    tuning: Tuning = TUNING) -> list[Evidence]:
    """The best sentence, plus the runner-up when it is nearly as good and either from the same
    document or answering a part of the question the best one's document leaves open. What is
    left open is judged by the question's words, so only between sentences in its language: a
    best sentence in another language shares none of them, so every part would look open, and a
    runner-up in another language matches a word only as a cognate ("Forum für Urbane
    Sicherheit" beside the sentence dating Efus's founding)."""
    if not evidence:
        return []
    if question.compares:
        return _one_per_document(question, evidence, tuning.comparison_margin)
    best, follow_on = _with_follow_on(question, evidence, tuning.follow_on_depth)
    quotes = [best]
    runner_up = next((item for item in evidence[1:] if item is not follow_on), None)
    if runner_up is not None and runner_up.score >= best.score - tuning.second_quote_margin:
        if runner_up.doc_id == best.doc_id or (
                not in_another_language(best.passage.language, question.language)
                and not in_another_language(runner_up.passage.language, question.language)
                and _covers_more(question, best, runner_up, context)):
            quotes.append(runner_up)
    return quotes


def stated_first(question: Question, evidence: list[Evidence], context: list[Passage],
                 same_thing: SameThing, tuning: Tuning = TUNING, later_part: bool = False) -> list[Evidence]:
    """A question for a count ("how many X", "the number of X"), a web address ("on which
    website…") or people by name ("which researchers…") whose quoted sentences state none is
    answered by the best sentence a little further down that does ("…spoke for 105 cities and
    institutions", 6th). A later part of a question whose earlier part was answered ("…, and on
    what date did it appear in the Official Journal?") looks as far for whatever it must
    state: its words are mostly the first part's, which rank the sentences on the first part's
    subject first. Any other question needing a place, a year or a date looks only at
    sentences scoring nearly as well as the best (looking further answered 9 of 33
    unanswerable questions with another event's date or person, for 1 gained), and not for the
    holder of an office, where the runner-up is often the holder at another time. When none
    states it, the refusal check decides."""
    if not evidence:
        return evidence
    states = _what_must_be_found(question, same_thing, later_part)
    floor = -math.inf
    if states is None and question.must_state != "person":
        states = _meets_requirements(question, same_thing)
        floor = evidence[0].score - tuning.near_requirement_margin
    if states is None or any(states(e) for e in quoted_evidence(question, evidence, context, tuning)):
        return evidence
    for position, item in enumerate(evidence[:tuning.count_search_depth]):
        if item.score < floor:
            break
        if states(item):
            return [item] + evidence[:position] + evidence[position + 1:]
    return evidence


def _what_must_be_found(question: Question, same_thing: SameThing,
                        later_part: bool = False) -> Callable[[Evidence], bool] | None:
    """The test of a sentence worth looking further down the evidence for, or None."""
    asked = question.quantity
    if asked.counted_terms:
        return lambda item: states_quantity(item.text, asked, same_thing,
                                            in_another_language(item.passage.language, question.language))
    if question.must_state == "web":
        return lambda item: states_web_address(item.text)
    if asks_for_people(question.text):
        return lambda item: names_another_person(item.text, question.query)
    if asks_frequency(question.text):
        return lambda item: states_frequency(item.text)
    if asks_for_reference(question.text):
        return lambda item: states_reference(item.text)
    if asks_publication_date(question.text):
        return lambda item: states_publication_date(item.text)
    if later_part and (question.must_state or asked.required):
        return _meets_requirements(question, same_thing)
    return None


def _meets_requirements(question: Question, same_thing: SameThing) -> Callable[[Evidence], bool]:
    return lambda item: not unmet_requirement(question, [item.text], same_thing, [item.passage.language])


def _one_per_document(question: Question, evidence: list[Evidence], margin: float) -> list[Evidence]:
    """For a question setting sources side by side: the best sentence, and the best of another
    document scoring within `margin` of it. When a number is asked for, only sentences stating
    one count (if any does): each source's figure, wherever it stands in the ranking (a
    figure is often stated in a sentence of few question words: "Participants came from 130
    cities…", 21st, for "…how many cities were represented at the 2017 Barcelona conference").
    So for how often and how long ("près de trente ans" against "more than 30 years"), asked
    in this question or, for a follow-up ("And how does that compare with the Commission's
    call?"), in the one it refers back to (its query holds it)."""
    asked = question.quantity
    if asked.required or asked.counted_terms:
        stating = [e for e in evidence if states_quantity(e.text, asked)]
    elif asks_frequency(question.query):
        stating = [e for e in evidence if states_frequency(e.text)]
    elif asks_how_long(question.query):
        stating = [e for e in evidence if states_duration(e.text)]
    else:
        stating = []
    candidates = stating or evidence
    first = candidates[0]
    margin = math.inf if stating else margin
    other = next((e for e in candidates[1:] if e.doc_id != first.doc_id and _another_source_named(question, first, e)),
                 None)
    other = other or next((e for e in candidates[1:] if e.doc_id != first.doc_id and e.score >= first.score - margin),
                          None)
    return [first, other] if other else [first]


def _another_source_named(question: Question, first: Evidence, other: Evidence) -> bool:
    """Whether the question names the other sentence's publisher, by a capitalised word that the
    first one's publisher lacks: "…according to Efus's item, compared with the Commission's own
    description" wants the Commission's sentence, wherever it ranks."""
    publisher_terms = set(content_terms(other.passage.publisher)) - set(content_terms(first.passage.publisher))
    return bool(name_terms(question.text) & publisher_terms)


def _with_follow_on(question: Question, evidence: list[Evidence], depth: int) -> tuple[Evidence, Evidence | None]:
    """The best sentence, continued by the one right after it when that one goes on about the
    same subject (it opens by referring back: "The Forum's next assembly was scheduled for
    November. It was to coincide with…") and also ranks among the best few: a question's opening
    clause often matches the sentence that sets the scene while the next one answers. When a
    why-question's best sentence states no reason, it restates what is asked about, and the
    explanation follows ("The item describes drugs as the most disputed subject. The topic
    brings ideological positions to a head…"): the next sentence is quoted wherever it ranks."""
    best = evidence[0]
    explains = question.kind == "why" and not states_reason(best.text)
    depth = len(evidence) if explains else depth
    passage = best.passage
    following = split_sentences(passage.text, best.end - passage.start)
    if not following:
        return best, None
    start, end = passage.start + following[0].start, passage.start + following[0].end
    for item in evidence[1:depth]:
        if item.start == start and item.doc_id == passage.doc_id and (
                explains or refers_back(item.text)):
            if best.text.rstrip().endswith(":"):  # a lead-in is shown with its whole list
                return best, item
            text = passage.text[best.start - passage.start:end - passage.start]
            return replace(best, text=text, end=end), item
    return best, None


def _covers_more(question: Question, best: Evidence, runner_up: Evidence, context: list[Passage]) -> bool:
    """Whether the runner-up matches a question term that the best sentence's document doesn't
    (as far as it was read) and that the runner-up's title doesn't account for: a second part of
    the question, answered elsewhere."""
    read = {t for p in context if p.doc_id == best.doc_id for t in content_terms(f"{p.title} {p.text}")}
    title_terms = set(content_terms(runner_up.passage.title))
    uncovered = set(question.terms) - read - title_terms
    return bool(uncovered & set(content_terms(runner_up.text)))


def _whole_list(quote: Evidence, tuning: Tuning, several: bool) -> Evidence | None:
    """A list item chosen alone ("- basic medical care, and referral…") is shown with the lead
    that announces its list ("Drug consumption rooms usually offer:") and the other items, when
    they fit in a quote whole: the item that matched best is seldom the whole answer. A longer
    list shows each item's opening words only, and may lose what matched in the item; so only
    for a question asking for `several` things ("which new developments…"), which one item
    can't answer."""
    passage = quote.passage
    offset = quote.start - passage.start
    if not LIST_ITEM_START.match(passage.text, offset):
        return None
    for span in reversed([span for span in split_sentences(passage.text) if span.end <= offset]):
        if passage.text[span.start:span.end].rstrip().endswith(":"):
            lead = Evidence(passage, passage.text[span.start:span.end], passage.start + span.start,
                            passage.start + span.end, quote.score)
            listed = _with_continuation(lead, tuning)
            fits = several or len(listed.text) <= tuning.max_quote_chars
            return listed if listed.end >= quote.end and fits else None
        if not LIST_ITEM_START.match(passage.text, span.start):
            return None
    return None


def _with_continuation(quote: Evidence, tuning: Tuning) -> Evidence:
    """A lead-in ("Two main ways of operating are identified:") is quoted with the sentences
    that follow it in its passage, since they hold what it announces; one that ends with a
    colon, with every list item after it (the answer shows each item's opening words)."""
    passage = quote.passage
    announces_list = quote.text.rstrip().endswith(":")
    if not (announces_list or len(quote.text.split()) < tuning.lead_in_words):
        return quote
    limit = tuning.max_list_chars if announces_list else tuning.max_quote_chars
    end = quote.end
    for span in split_sentences(passage.text, quote.end - passage.start):
        if span.end + passage.start - quote.start > limit:
            break
        if announces_list and end > quote.end and not LIST_ITEM_START.match(passage.text, span.start):
            break  # the list is over
        end = passage.start + span.end
    text = passage.text[quote.start - passage.start:end - passage.start]
    return replace(quote, text=text, end=end)


def _reason_before(quote: Evidence, context: list[Passage], budget: int = 0) -> Evidence | None:
    """What the quote points back to: the sentence just before it in its document, with the
    sentences before that one in the same paragraph while they fit in `budget` characters: a
    reason often takes a few sentences ("Local authorities face them first, yet lack the means…
    Cooperation is often weak; national laws limit their options. They should therefore help
    shape policy…")."""
    found = _sentences_before(quote, context)
    if found is None:
        return None
    passage, before = found
    first = len(before) - 1
    while first > 0 and "\n\n" not in passage.text[before[first - 1].start:before[first].start] \
            and before[-1].end - before[first - 1].start <= budget:
        first -= 1
    span_start, span_end = before[first].start, before[-1].end
    return Evidence(passage, passage.text[span_start:span_end], passage.start + span_start, passage.start + span_end,
                    quote.score)


def _sentences_before(quote: Evidence, context: list[Passage]) -> tuple[Passage, list[Span]] | None:
    """The passage read that holds the sentence just before the quote (the quote's own passage,
    or the chunk before it, across a heading, which is no sentence), with its sentences up to
    that one."""
    document, number = chunk_place(quote.passage.chunk_id)
    candidates = []
    for passage in context:
        if chunk_place(passage.chunk_id) in {(document, number), (document, number - 1)}:
            before = [span for span in split_sentences(passage.text) if passage.start + span.end <= quote.start]
            if before:
                candidates.append((passage, before))
    return max(candidates, key=lambda found: found[0].start + found[1][-1].end, default=None)
