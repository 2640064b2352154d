"""The answer pipeline: question -> retrieve -> select evidence -> prompt -> generate -> cite.

Each stage lives in its own module; this one only orders them, decides refusal, and streams
progress so a UI can show passages before the first token and tokens before the final answer.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Iterator, Literal, Sequence

from assistant.citations import compose_answer, quotable, quoted_evidence, verify_claims
from assistant.embedding import Embedder
from assistant.errors import AssistantError
from assistant.evidence import Evidence, select_evidence
from assistant.generation import Generator
from assistant.prompting import build_messages
from assistant.retrieval import HybridRetriever, Vocabulary
from assistant.schema import Answer, Passage
from assistant.settings import Settings
from assistant.place_names import unknown_names_with_alternatives
from assistant.text import (NOTE_WORDS, asked_languages, asks_for_money, asks_for_quantity, asks_for_year,
                            before_missing_text, content_terms, counted_terms, key_terms, question_language,
                            states_quantity)

PROMPT_SENTENCES = 4
COUNT_SEARCH_DEPTH = 12  # how far down the evidence a question for a count looks for one
DOCUMENTS_READ_AROUND = 2  # the first documents retrieved are also read around their passages
MAX_QUESTION_CHARS = 2000
MAX_NEW_TERMS_BEFORE_A_CUT = 1  # see _cut_off_where_the_answer_would_be
# all-MiniLM-L6-v2 cosines: people/participants 0.65, rooms/facilities 0.60, organisations/NGOs
# 0.68; but rooms/people 0.17, cities/people 0.43, countries/cities 0.57, members/people 0.57.
SAME_THING_SIMILARITY = 0.6
REFUSALS = {
    "en": {
        "far": "None of the {n} passages I found is close enough to the question.",
        "absent": "No indexed document mentions {words}.",
        "unmentioned": "None of the passages I found mentions {words}.",
        "number": "The passages closest to the question state no number for it.",
        "year": "The passages closest to the question state no year for it.",
        "money": "The passages closest to the question state no sum of money for it.",
        "cut_off": "The closest passage says the stored text stops there: “{quote}”",
        "lead": "The documents don't say. {reason} The closest passages are listed below so you can check.",
    },
    "fr": {
        "far": "Aucun des {n} passages trouvés n'est assez proche de la question.",
        "absent": "Aucun document indexé ne mentionne {words}.",
        "unmentioned": "Aucun des passages trouvés ne mentionne {words}.",
        "number": "Les passages les plus proches de la question n'indiquent aucun nombre.",
        "year": "Les passages les plus proches de la question n'indiquent aucune année.",
        "money": "Les passages les plus proches de la question n'indiquent aucune somme d'argent.",
        "cut_off": "Le passage le plus proche indique que le texte conservé s'arrête là : « {quote} »",
        "lead": "Les documents ne le disent pas. {reason} Les passages les plus proches sont listés "
                "ci-dessous pour que vous puissiez vérifier.",
    },
    "de": {
        "far": "Keiner der {n} gefundenen Abschnitte passt genau genug zur Frage.",
        "absent": "Kein indiziertes Dokument erwähnt {words}.",
        "unmentioned": "Keiner der gefundenen Abschnitte erwähnt {words}.",
        "number": "Die passendsten Abschnitte nennen dafür keine Zahl.",
        "year": "Die passendsten Abschnitte nennen dafür kein Jahr.",
        "money": "Die passendsten Abschnitte nennen dafür keinen Geldbetrag.",
        "cut_off": "Der passendste Abschnitt sagt, dass der gespeicherte Text dort abbricht: „{quote}“",
        "lead": "Die Dokumente sagen das nicht. {reason} Die passendsten Abschnitte stehen unten zur Prüfung.",
    },
}
History = Sequence[tuple[str, str]] | Sequence[dict] | None


@dataclass
class AnswerEvent:
    kind: Literal["passages", "token", "answer"]
    text: str = ""
    passages: list[Passage] | None = None
    answer: Answer | None = None


class Answerer:
    def __init__(self, settings: Settings, retriever: HybridRetriever, embedder: Embedder,
                 generator: Generator | None):
        self.settings = settings
        self.retriever = retriever
        self.embedder = embedder
        self.generator = generator

    def stream(self, question: str, history: History = None) -> Iterator[AnswerEvent]:
        question = _checked_question(question)
        timings: dict[str, float] = {}
        started = time.perf_counter()
        # One committed state for every step of this answer: a sync may commit meanwhile, and
        # with a Chroma server each check of the manifest is a request.
        snapshot = self.retriever.current_snapshot()
        vocabulary = snapshot.vocabulary
        renamed = unknown_names_with_alternatives(question, vocabulary.knows)
        query = with_alternative_names(retrieval_query(question, history), renamed)
        passages = self.retriever.retrieve_passages(query, self.settings.top_k, snapshot)
        timings["retrieve"] = _since(started)
        yield AnswerEvent("passages", passages=passages)

        best = passages[: self.settings.context_passages]
        around = self.retriever.neighbouring_passages(query, best, DOCUMENTS_READ_AROUND, snapshot)
        context = best + around
        evidence = self._with_count_first(question, select_evidence(query, context, self.embedder), context)
        timings["evidence"] = _since(started) - timings["retrieve"]
        language = question_language(question)
        reason = self._reason_to_refuse(question, evidence, vocabulary, renamed, context, language)
        if reason:
            timings["total"] = _since(started)
            yield AnswerEvent("answer", answer=_refusal(question, passages, reason, language, timings))
            return

        if self.generator is None:
            raise RuntimeError("Answerer needs a generator; Assistant provides one")  # a wiring bug
        generated = ""
        for piece in self.generator.stream(self._prompt(question, evidence), self.settings.max_answer_tokens):
            generated += piece
            yield AnswerEvent("token", text=piece)
        timings["generate"] = _since(started) - timings["retrieve"] - timings["evidence"]

        claims = verify_claims(generated, question, context)
        composed = compose_answer(question, claims, evidence, context, language)
        timings["total"] = _since(started)
        yield AnswerEvent("answer", answer=Answer(
            question=question, text=composed.text, refused=False, citations=composed.citations,
            passages=passages + around, verified_sentences=composed.verified_sentences,
            unsupported=composed.unsupported, generated=generated, timings=timings,
        ))

    def _reason_to_refuse(self, question: str, evidence: list[Evidence], vocabulary: Vocabulary,
                          renamed: dict[str, list[str]], context: list[Passage], language: str) -> str:
        """Why the documents can't answer, or "" when they can: the question names something
        (a place, an organisation, a number) that no indexed document mentions under any of its
        names; it asks for an edition in a language that no passage found is in or mentions;
        nothing is close enough; or it asks for a quantity and the sentences that would be
        quoted state none."""
        phrases = REFUSALS.get(language, REFUSALS["en"])
        named_otherwise = {term for name in renamed for term in content_terms(name)}
        unknown = set(vocabulary.unknown_terms(key_terms(question, language), cognates=language != "en"))
        unknown -= named_otherwise
        if unknown:  # the most specific reason, so it is checked first
            return phrases["absent"].format(words=_words_for(question, unknown))
        missing = _languages_not_found(question, context, vocabulary)
        if missing:
            return phrases["unmentioned"].format(words=_words_for(question, missing))
        if not evidence or evidence[0].score < self.settings.refusal_threshold:
            return phrases["far"].format(n=len(context))
        if _cut_off_where_the_answer_would_be(question, evidence[0]):
            return phrases["cut_off"].format(quote=quotable(evidence[0].text))
        if asks_for_quantity(question) and not any(states_quantity(e.text, question, self._same_thing)
                                                   for e in quoted_evidence(question, evidence, context)):
            kind = "year" if asks_for_year(question) else "money" if asks_for_money(question) else "number"
            return phrases[kind]
        return ""

    def _with_count_first(self, question: str, evidence: list[Evidence],
                          context: list[Passage]) -> list[Evidence]:
        """A question for a count ("how many X", "the number of X") whose quoted sentences state
        none is answered by the best sentence a little further down that does ("…spoke for 105
        cities and institutions", 6th). When none does, the refusal check decides as before."""
        if not counted_terms(question) or any(states_quantity(e.text, question, self._same_thing)
                                              for e in quoted_evidence(question, evidence, context)):
            return evidence
        for position, item in enumerate(evidence[:COUNT_SEARCH_DEPTH]):
            if states_quantity(item.text, question, self._same_thing):
                return [item] + evidence[:position] + evidence[position + 1:]
        return evidence

    def _same_thing(self, a: str, b: str) -> bool:
        """Whether two short phrases name the same kind of thing ("people", "participants")."""
        return self.embedder.similarity(a, b) >= SAME_THING_SIMILARITY

    def _prompt(self, question: str, evidence: list[Evidence]):
        chosen = evidence[:PROMPT_SENTENCES]
        numbers: dict[int, int] = {}
        for item in chosen:
            numbers.setdefault(item.passage_index, len(numbers) + 1)
        return build_messages(question, chosen, numbers)


def _cut_off_where_the_answer_would_be(question: str, best: Evidence) -> bool:
    """The best sentence says the note's text stops where the thing asked about would be, and
    says nothing else the question didn't: "What fax number did Efus print…?" → "A fax number
    is also printed, but it is cut off in the stored text." A sentence with facts before the
    cut ("…four national networks, of which France, Italy and Portugal are named before the list
    is cut off") still answers, and a bare "The stored text breaks off here." names nothing."""
    before = before_missing_text(best.text)
    if before is None:
        return False
    terms, asked = set(content_terms(before)) - NOTE_WORDS, set(content_terms(question))
    return bool(terms & asked) and len(terms - asked) <= MAX_NEW_TERMS_BEFORE_A_CUT


def with_alternative_names(query: str, renamed: dict[str, list[str]]) -> str:
    """Search for "Padova" too when the question says "Padua" and the documents don't."""
    return " ".join([query, *(name for names in renamed.values() for name in names)])


def retrieval_query(question: str, history: History) -> str:
    """Make a follow-up ("and when did it open?") searchable by adding the previous question."""
    previous = _last_user_turn(history)
    return f"{previous} {question}" if previous else question


def _last_user_turn(history: History) -> str:
    if not history:
        return ""
    for turn in reversed(list(history)):
        if isinstance(turn, dict):
            if turn.get("role") == "user" and isinstance(turn.get("content"), str):
                return turn["content"]
        elif isinstance(turn, (tuple, list)) and turn and isinstance(turn[0], str):
            return turn[0]
    return ""


def _languages_not_found(question: str, context: list[Passage], vocabulary: Vocabulary) -> set[str]:
    """"The Spanish edition of the guide": when no indexed document is in Spanish, one of the
    passages found (about the guide) should at least mention a Spanish edition. Returns the
    search terms of the language names that none does."""
    unindexed = [word for word, code in asked_languages(question).items() if code not in vocabulary.languages]
    if not unindexed:
        return set()
    mentioned = {term for p in context for term in content_terms(p.text)}
    return {term for word in unindexed for term in content_terms(word) if term not in mentioned}


def _words_for(question: str, terms: set[str]) -> str:
    """The question's own words behind some search terms, quoted: “Atlantis”, “2031”."""
    words = [w for w in re.findall(r"[^\W_]+", question) if set(content_terms(w)) & terms]
    return ", ".join(f"“{w}”" for w in dict.fromkeys(words))


def _refusal(question: str, passages: list[Passage], reason: str, language: str, timings: dict) -> Answer:
    text = REFUSALS.get(language, REFUSALS["en"])["lead"].format(reason=reason)
    return Answer(question=question, text=text, refused=True, citations=[], passages=passages,
                  timings=timings)


def _checked_question(question: str) -> str:
    if not isinstance(question, str) or not question.strip():
        raise AssistantError("the question is empty; type a question about the documents")
    if len(question) > MAX_QUESTION_CHARS:
        raise AssistantError(f"the question is {len(question)} characters long; "
                             f"keep it under {MAX_QUESTION_CHARS}")
    return " ".join(question.split())


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 4)
