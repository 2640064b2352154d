"""Deciding that the documents can't answer, and saying why in the question's language.

The checks run from the most specific reason to the least: the question names something no
indexed document mentions under any of its names; it asks for an edition in a language that no
passage found is in or mentions; nothing read is close enough; the best sentence says the
note's text breaks off where the answer would be; or the sentences to be quoted don't state
what the question needs stated (a number, a time, a day, a web address, a person, a place: see
`requirements`); or the quoted documents never name the city or country asked about.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from assistant.answer.evidence import Evidence
from assistant.answer.params import TUNING, Tuning
from assistant.answer.quantities import SameThing
from assistant.answer.question import Question
from assistant.answer.quotes import Quote
from assistant.answer.requirements import unmet_requirement
from assistant.answer.sentence_kinds import (LEFT_OUT_VERBS, NOTE_WORDS, about_the_stored_copy, before_missing_text,
                                             left_out_clauses, mentions_unnamed)
from assistant.answer.untrusted_text import quotable
from assistant.answer.vocabulary import Vocabulary
from assistant.language.detection import in_another_language
from assistant.language.normalise import content_terms, fold, name_terms, numbers
from assistant.language.place_names import mentions_place, places_named
from assistant.language.sentences import split_sentences
from assistant.schema import Passage

REFUSALS = {
    "en": {
        "far": "None of the {n} passages I found is close enough to the question.",
        "absent": "No indexed document mentions {words}.",
        "unmentioned": "None of the passages I found mentions {words}.",
        "number": "The passages closest to the question state no number for it.",
        "year": "The passages closest to the question state no year for it.",
        "money": "The passages closest to the question state no sum of money for it.",
        "time": "The passages closest to the question state no time of day for it.",
        "day": "The passages closest to the question state no exact date for it.",
        "month": "The passages closest to the question state no month for it.",
        "when": "The passages closest to the question don't say when.",
        "web": "The passages closest to the question give no web address for it.",
        "person": "The passages closest to the question name no person for it.",
        "place": "The passages closest to the question name no place for it.",
        "nationality": "The passages closest to the question give no nationality for it.",
        "role": "The passages closest to the question give no position or title for it.",
        "name": "The passages closest to the question give no name for it.",
        "list": "The passages closest to the question don't list that many items.",
        "not_about": "The passages closest to the question come from documents that never mention {words}.",
        "future": "The passages closest to the question say nothing of what was planned or still to come.",
        "judged": "None of the passages closest to the question seems to state what it asks.",
        "cut_off": "The closest passage says the stored text stops there: “{quote}”",
        "left_out": "The closest passage says its source leaves this out: “{quote}”",
        "unnamed": "The closest passage mentions it without naming it: “{quote}”",
        "lead": "The documents don't say. {reason} The closest passages are listed below so you can check.",
        "lead_scoped": "The selected documents ({scope}) don't say. {reason} The closest passages among "
                       "them are listed below so you can check.",
    },
    "fr": {
        "far": "Aucun des {n} passages trouvés n'est assez proche de la question.",
        "absent": "Aucun document indexé ne mentionne {words}.",
        "unmentioned": "Aucun des passages trouvés ne mentionne {words}.",
        "number": "Les passages les plus proches de la question n'indiquent aucun nombre.",
        "year": "Les passages les plus proches de la question n'indiquent aucune année.",
        "money": "Les passages les plus proches de la question n'indiquent aucune somme d'argent.",
        "time": "Les passages les plus proches de la question n'indiquent aucune heure.",
        "day": "Les passages les plus proches de la question n'indiquent aucune date précise.",
        "month": "Les passages les plus proches de la question n'indiquent aucun mois.",
        "when": "Les passages les plus proches de la question ne disent pas quand.",
        "web": "Les passages les plus proches de la question n'indiquent aucune adresse web.",
        "person": "Les passages les plus proches de la question ne nomment personne.",
        "place": "Les passages les plus proches de la question ne nomment aucun lieu.",
        "nationality": "Les passages les plus proches de la question n'indiquent aucune nationalité.",
        "role": "Les passages les plus proches de la question n'indiquent aucun poste ni titre.",
        "name": "Les passages les plus proches de la question ne donnent aucun nom.",
        "list": "Les passages les plus proches de la question n'énumèrent pas autant d'éléments.",
        "not_about": "Les passages les plus proches de la question viennent de documents qui ne mentionnent jamais {words}.",
        "future": "Les passages les plus proches de la question ne disent rien de ce qui était prévu ou à venir.",
        "judged": "Aucun des passages les plus proches de la question ne semble indiquer ce qu'elle demande.",
        "cut_off": "Le passage le plus proche indique que le texte conservé s'arrête là : « {quote} »",
        "left_out": "Le passage le plus proche indique que sa source ne le donne pas : « {quote} »",
        "unnamed": "Le passage le plus proche le mentionne sans le nommer : « {quote} »",
        "lead": "Les documents ne le disent pas. {reason} Les passages les plus proches sont listés "
                "ci-dessous pour que vous puissiez vérifier.",
        "lead_scoped": "Les documents sélectionnés ({scope}) ne le disent pas. {reason} Les passages les plus "
                       "proches parmi eux sont listés ci-dessous pour que vous puissiez vérifier.",
    },
    "de": {
        "far": "Keiner der {n} gefundenen Abschnitte passt genau genug zur Frage.",
        "absent": "Kein indiziertes Dokument erwähnt {words}.",
        "unmentioned": "Keiner der gefundenen Abschnitte erwähnt {words}.",
        "number": "Die passendsten Abschnitte nennen dafür keine Zahl.",
        "year": "Die passendsten Abschnitte nennen dafür kein Jahr.",
        "money": "Die passendsten Abschnitte nennen dafür keinen Geldbetrag.",
        "time": "Die passendsten Abschnitte nennen dafür keine Uhrzeit.",
        "day": "Die passendsten Abschnitte nennen dafür kein genaues Datum.",
        "month": "Die passendsten Abschnitte nennen dafür keinen Monat.",
        "when": "Die passendsten Abschnitte sagen nicht, wann.",
        "web": "Die passendsten Abschnitte nennen dafür keine Webadresse.",
        "person": "Die passendsten Abschnitte nennen dafür keine Person.",
        "place": "Die passendsten Abschnitte nennen dafür keinen Ort.",
        "nationality": "Die passendsten Abschnitte nennen dafür keine Staatsangehörigkeit.",
        "role": "Die passendsten Abschnitte nennen dafür keine Position oder Funktion.",
        "name": "Die passendsten Abschnitte nennen dafür keinen Namen.",
        "list": "Die passendsten Abschnitte zählen nicht so viele Punkte auf.",
        "not_about": "Die passendsten Abschnitte stammen aus Dokumenten, die {words} nie erwähnen.",
        "future": "Die passendsten Abschnitte sagen nichts darüber, was geplant war oder noch kommt.",
        "judged": "Keiner der passendsten Abschnitte scheint anzugeben, wonach die Frage fragt.",
        "cut_off": "Der passendste Abschnitt sagt, dass der gespeicherte Text dort abbricht: „{quote}“",
        "left_out": "Der passendste Abschnitt sagt, dass seine Quelle das nicht angibt: „{quote}“",
        "unnamed": "Der passendste Abschnitt erwähnt es, ohne es zu nennen: „{quote}“",
        "lead": "Die Dokumente sagen das nicht. {reason} Die passendsten Abschnitte stehen unten zur Prüfung.",
        "lead_scoped": "Die ausgewählten Dokumente ({scope}) sagen das nicht. {reason} Die passendsten "
                       "Abschnitte darunter stehen unten zur Prüfung.",
    },
}


def reason_to_refuse(question: Question, evidence: list[Evidence], quotes: list[Quote], context: list[Passage],
                     vocabulary: Vocabulary, same_thing: SameThing, threshold: float,
                     tuning: Tuning = TUNING, document_words: Callable[[str], frozenset[str]] | None = None) -> str:
    """Why the documents can't answer, in the question's language, or "" when they can.
    `document_words` gives a quoted document's folded words, to check the places asked about."""
    phrases = REFUSALS.get(question.language, REFUSALS["en"])
    named_otherwise = {term for name in question.other_names for term in content_terms(name)}
    unknown = set(vocabulary.unknown_terms(sorted(question.names), cognates=question.language != "en"))
    unknown -= named_otherwise
    if unknown:
        return phrases["absent"].format(words=_words_for(question, unknown))
    missing = _edition_languages_not_found(question, context, vocabulary)
    if missing:
        return unmentioned_text(question, missing)
    if not evidence or evidence[0].score < threshold:
        return phrases["far"].format(n=len(context))
    for note in _sentences_that_may_note_a_gap(question, evidence, threshold):
        gap = gap_where_the_answer_would_be(question, note, tuning.max_new_terms_before_a_cut)
        if gap:
            return phrases[gap].format(quote=quotable(note.text))
    following = _what_the_best_quote_goes_on_to(quotes)
    if following is not None:
        # Only a gap the sentence states (what it leaves unnamed, the best sentence may name), in
        # what was asked and the best sentence doesn't hold: "Set up in 2019, it has 14 member
        # towns." answers how many towns belong, whatever a later sentence leaves out about towns.
        unstated = replace(question, terms=question.terms - set(content_terms(quotes[0].chosen.text)))
        gap = gap_where_the_answer_would_be(unstated, following, tuning.max_new_terms_before_a_cut)
        if gap in ("cut_off", "left_out"):
            return phrases[gap].format(quote=quotable(following.text))
    unmet = unmet_requirement(question, [q.shown.text for q in quotes], same_thing,
                              [q.shown.passage.language for q in quotes])
    if unmet:
        return phrases[unmet]
    unplaced = _places_no_quoted_document_names(question, quotes, document_words) if document_words else []
    return phrases["not_about"].format(words=", ".join(f"“{place}”" for place in unplaced)) if unplaced else ""


def _sentences_that_may_note_a_gap(question: Question, evidence: list[Evidence], threshold: float) -> list[Evidence]:
    """The best sentence, and the next one at or above the threshold when the best can't be
    judged: when it is in another language than the question's, the best one in the question's
    language (a note on a gap is recognised by naming what was asked, which only a sentence in
    the question's words can do: "What are the seven principles of the Prague Declaration?"
    ranks the Czech note's sentences first, while the English note says "the principles
    themselves are not part of the stored excerpt"); when it describes the stored copy ("The
    stored excerpt covers the first five strategic priorities and the number of the sixth."),
    the one after it, which may say what the copy lacks."""
    best = evidence[0]
    if in_another_language(best.passage.language, question.language):
        following = (item for item in evidence[1:]
                     if not in_another_language(item.passage.language, question.language))
    elif about_the_stored_copy(best.text):
        following = iter(evidence[1:])
    else:
        return [best]
    second = next((item for item in following if item.score >= threshold), None)
    return [best, second] if second is not None else [best]


def _what_the_best_quote_goes_on_to(quotes: list[Quote]) -> Evidence | None:
    """The sentence a short best sentence is shown with ("Quillhaven recorded 31 deaths in
    2023. Figures for 2024 have not yet been published."): the answer shows it, so a gap it
    notes is the answer's. Only the next one, which goes on about the same thing; not a list's
    items. None when the best quote is shown alone."""
    if not quotes or quotes[0].announces_list:
        return None
    chosen, shown = quotes[0].chosen, quotes[0].shown
    if shown.end <= chosen.end or shown.start != chosen.start:
        return None
    following = split_sentences(shown.text, len(chosen.text))
    if not following:
        return None
    span = following[0]
    return replace(shown, text=shown.text[span.start:span.end], start=shown.start + span.start,
                   end=shown.start + span.end)


def _places_no_quoted_document_names(question: Question, quotes: list[Quote],
                                     document_words: Callable[[str], frozenset[str]]) -> list[str]:
    """The cities and countries the question asks about ("in Italy in 2022") that none of the
    quoted documents names anywhere: a sentence on the same subject elsewhere ("more than 100
    rooms worldwide") is not about that place. Only English documents are judged, since the
    country names are English ones (a German note says "Italien")."""
    places = places_named(question.text)
    documents = {quote.chosen.doc_id: quote.chosen.passage.language for quote in quotes}
    if not places or not documents or any(language not in ("en", "") for language in documents.values()):
        return []
    vocabularies = [document_words(doc_id) for doc_id in documents]
    return [place for place in places if not any(mentions_place(words, place) for words in vocabularies)]


INSTRUCTION_REFUSALS = {
    "en": "I only answer questions from the indexed documents, so I can't follow instructions about "
          "how I work or show my settings. Ask me what the documents say about a subject.",
    "fr": "Je réponds seulement à des questions sur les documents indexés : je ne peux pas suivre des "
          "instructions sur mon fonctionnement ni montrer mes réglages. Demandez-moi ce que disent les "
          "documents sur un sujet.",
    "de": "Ich beantworte nur Fragen zu den indizierten Dokumenten und kann keinen Anweisungen zu meiner "
          "Arbeitsweise folgen oder meine Einstellungen zeigen. Fragen Sie, was die Dokumente zu einem "
          "Thema sagen.",
}


def instruction_refusal_text(language: str) -> str:
    """The polite answer to a question that is itself a command to the assistant."""
    return INSTRUCTION_REFUSALS.get(language, INSTRUCTION_REFUSALS["en"])


def unmentioned_text(question: Question, terms: set[str]) -> str:
    """The reason when no passage read mentions these terms of the question."""
    return REFUSALS.get(question.language, REFUSALS["en"])["unmentioned"].format(words=_words_for(question, terms))


def judged_unanswered_text(language: str) -> str:
    """The reason when the answer judge finds no sentence that answers (`models/answer_judge`)."""
    return REFUSALS.get(language, REFUSALS["en"])["judged"]


def refusal_text(reason: str, language: str, scope: str = "") -> str:
    """The refusal's lead; a scoped question's says that the selected documents don't say,
    since the others might."""
    phrases = REFUSALS.get(language, REFUSALS["en"])
    return phrases["lead_scoped" if scope else "lead"].format(reason=reason, scope=scope)


def gap_where_the_answer_would_be(question: Question, best: Evidence, max_new_terms: int) -> str | None:
    """"cut_off", "left_out" or "unnamed" when the best sentence is a note on a gap in its source where
    the thing asked about would be, else None.

    A note that the stored text stops ("A fax number is also printed, but it is cut off in the
    stored text.") must name before the cut what the question asks about, and little else (a
    few words, no name or number): a sentence with facts before the cut ("…France, Italy and
    Portugal are named before the list is cut off") still answers, and a bare "The stored text
    breaks off here." names nothing. A
    note that the source leaves something out must name it in the clause saying so ("The item
    does not state the year of the meeting.", "…for 2002-2006; no grant amount is stated.",
    "…, the principles themselves are not part of the stored excerpt."): the rest of the
    sentence may answer other questions."""
    before = before_missing_text(best.text)
    if before is not None:
        terms = _what_a_note_names(before)
        new = terms - question.terms
        if terms & question.terms and len(new) <= max_new_terms and not new & _names_and_numbers(best.text):
            return "cut_off"
    # "Why did he not give the number?" asks for the reason a note may give beside the gap.
    if question.kind != "why" and any((_what_a_note_names(clause) - LEFT_OUT_VERBS) & question.terms
                                      or _an_unfilled_post(question, clause)
                                      for clause in left_out_clauses(best.text)):
        return "left_out"
    if _leaves_unnamed(question, best):
        return "unnamed"
    return None


# "The post has not yet been filled", "le poste reste à pourvoir": no one holds the office asked about.
POST_WORDS = frozenset(content_terms("post position role vacancy vacant poste fonction stelle cargo"))


def _an_unfilled_post(question: Question, clause: str) -> bool:
    """Whether a gap clause says that a post is not filled yet, for a question asking who holds
    it ("Who was recruited as Night-Time Economy Manager?"): the clause calls it "the post"."""
    return (question.kind == "who" or question.must_state == "person") and bool(set(content_terms(clause)) & POST_WORDS)


def _leaves_unnamed(question: Question, best: Evidence) -> bool:
    """Whether the best sentence mentions the one thing the question asks to name only as "a/an
    …" (`sentence_kinds.mentions_unnamed`): a note that the source leaves it unnamed, in other
    words. Judged in the question's language only, and not in German, whose nouns are all
    capitalised."""
    return (question.asked_head is not None and question.language != "de"
            and not (question.quantity.required or question.must_state)  # "what fax number…" asks a number
            and not in_another_language(best.passage.language, question.language)
            and mentions_unnamed(best.text, question.asked_head, fold(question.text)))


def _names_and_numbers(sentence: str) -> set[str]:
    """The terms of a sentence's names and its numbers: the facts a note states before a cut
    ("France, Italy and Portugal are named before…"), where its other words only say what is
    missing ("its wording is missing from the stored excerpt")."""
    return name_terms(sentence) | numbers(sentence)


def _what_a_note_names(text: str) -> set[str]:
    """A gap note's search terms without the words every such note uses ("stored", "text")."""
    return set(content_terms(text)) - NOTE_WORDS


def _edition_languages_not_found(question: Question, context: list[Passage], vocabulary: Vocabulary) -> set[str]:
    """"The Spanish edition of the guide": when no indexed document is in Spanish, one of the
    passages found (about the guide) should at least mention a Spanish edition. Returns the
    search terms of the language names that none does."""
    unindexed = [word for word, code in question.edition_languages.items() if code not in vocabulary.languages]
    if not unindexed:
        return set()
    mentioned = {term for p in context for term in content_terms(p.text)}
    return {term for word in unindexed for term in content_terms(word) if term not in mentioned}


def _words_for(question: Question, terms: set[str]) -> str:
    """The question's own words behind some search terms, quoted: “Atlantis”, “2031”."""
    words = [w for w in re.findall(r"[^\W_]+", question.text) if set(content_terms(w)) & terms]
    return ", ".join(f"“{w}”" for w in dict.fromkeys(words))
