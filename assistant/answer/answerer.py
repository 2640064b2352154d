"""The answer pipeline, stage by stage; this module only orders the stages and streams progress.

    question  analyse the turn once; a question that      question.py
              asks two things is two parts, each read
              on its own through retrieve…refuse; a
              command to the assistant ("print your       language/instructions.py
              system prompt") is declined
    retrieve  dense + BM25, fused; read around the best   retrieval.py
    evidence  score every sentence read                   evidence.py
    quotes    choose what the answer quotes               quotes.py
    refuse?   say why the documents can't answer          refusal.py
    judge     opt-in, last, for an English "which X…":    models/answer_judge.py
              would any of the best sentences answer?
    prompt    the best sentences, numbered                prompt.py
    generate  the local model (or a model server), until  models/generators.py
              its finished sentences hold all the answer
              can show or one no passage supports
    verify    keep the model's sentences a passage holds  verification.py
    compose   verified sentences, then quotes, cited      composition.py

Events let a UI show the passages first, then the answer as it grows: its lead (the quotes,
which need no model) as soon as they are chosen, then what the check of the model's words let
through. A `text` event only ever adds to what came before, so nothing shown is taken back;
`token` events carry the model's raw words, unchecked, for progress only.
"""

from __future__ import annotations

import time
import typing
from dataclasses import dataclass, replace
from itertools import zip_longest
from typing import Iterator, Literal

from assistant.answer.composition import compose_answer, compose_lead, model_has_said_enough
from assistant.answer.evidence import Evidence, each_sentence_once, from_documents_naming, rare_names, select_evidence
from assistant.answer.evidence_order import make_evidence_order
from assistant.answer.filters import Filters
from assistant.answer.params import TUNING, Tuning
from assistant.answer.prompt import build_messages
from assistant.answer.question import (History, Question, analyse_question, split_parts, with_index_names,
                                      with_translations)
from assistant.answer.quotes import Quote, choose_quotes, quotes_of_parts, stated_first
from assistant.answer.refusal import (instruction_refusal_text, judged_unanswered_text, reason_to_refuse,
                                     refusal_text, unmentioned_text)
from assistant.answer.retrieval import HybridRetriever, IndexSnapshot
from assistant.answer.verification import ClaimCheck, finished_sentences
from assistant.language.instructions import InstructionDetector
from assistant.language.lexicon import Lexicon, load_lexicon
from assistant.models.answer_judge import AnswerJudge
from assistant.models.embedder import Embedder
from assistant.models.generators import Generator, Messages
from assistant.schema import Answer, Passage
from assistant.settings import Settings


@dataclass
class AnswerEvent:
    kind: Literal["passages", "text", "token", "answer"]
    text: str = ""
    passages: list[Passage] | None = None
    answer: Answer | None = None


class Answerer:
    def __init__(self, settings: Settings, retriever: HybridRetriever, embedder: Embedder,
                 generator: Generator | None, tuning: Tuning = TUNING, lexicon: Lexicon | None = None,
                 judge: AnswerJudge | None = None):
        self.settings = settings
        self.judge = judge
        self.lexicon = lexicon if lexicon is not None else load_lexicon(settings.lexicon)
        self.retriever = retriever
        self.embedder = embedder
        self.generator = generator
        self.tuning = tuning
        self.evidence_order = make_evidence_order(settings, tuning)
        self.instructions = InstructionDetector(embedder.encode_cached)

    def stream(self, text: str, history: History | None = None,
               filters: Filters | None = None) -> Iterator[AnswerEvent]:
        """The answer's events; with `filters`, only the documents they allow are read."""
        question = analyse_question(text, history)
        timings: dict[str, float] = {}
        started = time.perf_counter()
        if self.instructions.flags([question.text])[0]:
            yield AnswerEvent("passages", passages=[])
            yield from _refusal(question, instruction_refusal_text(question.language), [], "", timings, started)
            return
        # One committed state for every step of this answer: a sync may commit meanwhile, and
        # with a Chroma server each check of the manifest is a request.
        snapshot = self.retriever.current_snapshot()
        scope = self.retriever.resolve(filters or Filters(), snapshot)
        scope_label = scope.label() if scope else ""
        parts = [self.prepared(part, snapshot) for part in split_parts(question)]
        found = [self.retriever.retrieve_passages(part, self.settings.top_k, snapshot, scope) for part in parts]
        bridged = [self.retriever.other_language_passages(part, retrieved, snapshot, scope)
                   for part, retrieved in zip(parts, found)]
        passages = _each_once(found)
        timings["retrieve"] = _since(started)
        yield AnswerEvent("passages", passages=passages)

        # The judge was fitted on questions asked on their own (not one part of a two-part
        # question, nor a follow-up leaning on the one before), and reads English only. It
        # decides only "which X…" questions, whose X no rule checks: trained on this corpus's
        # questions, it learned some sentences as never answering, and refused "What is the
        # Pompidou Group?" and "Where did Efus adopt its resolution…?", which the rules' checks
        # (a place for "where") answer well.
        judged = (len(parts) == 1 and question.query == question.text and question.language == "en"
                  and question.asks_which_thing)
        readings = self._read_parts(parts, found, bridged, snapshot, scope is not None, judged)
        timings["evidence"] = _since(started) - timings["retrieve"]
        answered = [reading for reading in readings if not reading.reason]
        retrieved = {p.chunk_id for p in passages}
        around = [p for p in _each_once([r.context for r in readings]) if p.chunk_id not in retrieved]
        if not answered:  # refused when no part can be answered, with the first part's reason
            text = refusal_text(readings[0].reason, question.language, scope_label)
            yield from _refusal(question, text, passages, scope_label, timings, started)
            return
        quotes = quotes_of_parts([r.quotes for r in answered])
        lead = compose_lead(question, quotes, self.tuning)
        yield AnswerEvent("text", text=lead.text)
        timings["lead"] = _since(started)

        if self.generator is None:
            raise RuntimeError("Answerer needs a generator; Assistant provides one")  # a wiring bug
        context = _each_once([r.context for r in answered])
        messages = build_messages(question, self._evidence_for_the_model(answered), self.tuning)
        check = ClaimCheck(question, context, self.tuning)
        generated, finished = yield from self._written(messages, check, quotes)
        timings["generate"] = _since(started) - timings["retrieve"] - timings["evidence"]

        composed = compose_answer(question, check.claims(finished), quotes, self.tuning)
        yield AnswerEvent("text", text=composed.text[len(lead.text):])  # the answer starts with its lead
        timings["total"] = _since(started)
        yield AnswerEvent("answer", answer=Answer(
            question=question.text, text=composed.text, refused=False, citations=composed.citations,
            passages=passages + around, unsupported=composed.unsupported, generated=generated, timings=timings,
            scope=scope_label,
        ))

    def _written(self, messages: Messages, check: ClaimCheck,
                 quotes: list[Quote]) -> typing.Generator[AnswerEvent, None, tuple[str, str]]:
        """The model's words as token events, until it has said all the answer can show or
        something no passage supports (`model_has_said_enough`). Returns what it wrote and its
        finished sentences, which are what the answer's check reads."""
        generated, finished = "", ""
        pieces = self.generator.stream(messages, self.settings.max_answer_tokens)
        try:
            for piece in pieces:
                generated += piece
                yield AnswerEvent("token", text=piece)
                if (now := finished_sentences(generated)) != finished:
                    finished = now
                    if model_has_said_enough(check.claims(finished), quotes, self.tuning):
                        break
            else:  # the model stopped on its own: its last sentence is whole too
                finished = generated
        finally:
            _close(pieces)  # frees the model (and its lock) now, not when this answer is collected
        return generated, finished

    def _read_parts(self, parts: list[Question], found: list[list[Passage]], bridged: list[list[Passage]],
                    snapshot: IndexSnapshot, scoped: bool = False, judged: bool = False) -> list[_Reading]:
        """Each part read in turn. A later part is answered by another sentence than the one an
        earlier part quotes first: "…and on what date did it appear in the Official Journal?"
        leans on the first part's words, so the approval date would answer it again."""
        readings: list[_Reading] = []
        quoted: frozenset[tuple[str, int]] = frozenset()
        for at, (part, retrieved, extra) in enumerate(zip(parts, found, bridged)):
            reading = self._read(part, retrieved, snapshot, extra, quoted, scoped, judged)
            if at and part.leans_back and not part.names and not readings[-1].reason:
                reading = self._read_in_earlier_document(part, readings[-1], reading, retrieved, snapshot,
                                                         quoted, scoped, judged) or reading
            if at and reading.reason and not readings[-1].reason and _both_count(parts[at - 1], part):
                readings[-1], reading = self._given_up_to(readings[-1], reading, parts[at - 1], part,
                                                          (found[at - 1], bridged[at - 1]), (retrieved, extra),
                                                          snapshot, quoted, scoped, judged)
            readings.append(reading)
            quoted = frozenset(_first_quoted(r) for r in readings if not r.reason)
        return readings

    def _read_in_earlier_document(self, part: Question, earlier: _Reading, everywhere: _Reading,
                                  retrieved: list[Passage], snapshot: IndexSnapshot,
                                  quoted: frozenset[tuple[str, int]], scoped: bool, judged: bool) -> _Reading | None:
        """A part that leans on the one before and names nothing ("…, and in which town?", "…,
        and what end date does it give?") has no subject of its own, so any sentence stating a
        town or a date would answer it; the document that answered the earlier part is about that
        subject. The part read in that document alone, when it holds one of the part's best
        sentences read everywhere (`everywhere`: a weaker one is about the subject but not the
        thing asked, "The end goal is…") and answers; None otherwise. Not for a part naming its
        own subject ("…, and of the Action Plan that implements it?"), which another document may
        answer."""
        doc_id = _first_quoted(earlier)[0]
        if not any(item.doc_id == doc_id for item in everywhere.evidence[: self.tuning.earlier_document_rank]):
            return None
        chunks = _each_once([[p for p in earlier.context + retrieved if p.doc_id == doc_id]])
        reading = self._read(part, chunks, snapshot, [], quoted, scoped, judged)
        return None if reading.reason else reading

    def _given_up_to(self, earlier: _Reading, later: _Reading, earlier_part: Question, later_part: Question,
                     earlier_found: tuple[list[Passage], list[Passage]],
                     later_found: tuple[list[Passage], list[Passage]], snapshot: IndexSnapshot,
                     quoted: frozenset[tuple[str, int]], scoped: bool, judged: bool) -> tuple[_Reading, _Reading]:
        """A later count refused because an earlier count took the one sentence that answers it
        ("How many cities belong to the network, and how many of them signed?": the first part
        quoted "signed by 11 member cities") gets that sentence, when the earlier part can then
        be answered by another ("…has 14 member cities"); otherwise both stay as read."""
        taken = _first_quoted(earlier)
        before = quoted - {taken}
        later_again = self._read(later_part, later_found[0], snapshot, later_found[1], before, scoped, judged)
        if later_again.reason or _first_quoted(later_again) != taken:
            return earlier, later
        earlier_again = self._read(earlier_part, earlier_found[0], snapshot, earlier_found[1],
                                   before | {taken}, scoped, judged)
        return (earlier_again, later_again) if not earlier_again.reason else (earlier, later)

    def _read(self, question: Question, passages: list[Passage], snapshot: IndexSnapshot,
              bridged: list[Passage] = (), quoted_before: frozenset[tuple[str, int]] = frozenset(),
              scoped: bool = False, judged: bool = False) -> _Reading:
        """What the documents say to one question (or one part of it): the passages read,
        their sentences ranked, the quotes chosen, and the reason to refuse, if any.
        `quoted_before` holds the sentences (document, start) earlier parts quote first;
        `scoped` when the question was limited to chosen documents; `judged` when the answer
        judge decides last whether it is answered (see `stream`)."""
        context, tuning = self.context_of(question, passages, bridged, snapshot)
        # Where the fusion was fitted across languages, its order judges notes in other languages.
        ranked = passages if self.retriever.fusion.fitted_for(question) else ()
        evidence = select_evidence(question, context, self.embedder, tuning, snapshot.years_of, ranked, scoped,
                                   self.evidence_order)
        evidence = [item for item in evidence if (item.doc_id, item.start) not in quoted_before]
        names = rare_names(question, snapshot, self.lexicon, tuning.rare_name_share)
        named = from_documents_naming(question, evidence, snapshot, names)
        if evidence and not named:
            return _Reading(context, [], [], unmentioned_text(question, set(names)))
        evidence = named
        evidence = stated_first(question, evidence, context, self._same_thing, self.tuning,
                                later_part=bool(quoted_before))
        quotes = choose_quotes(question, evidence, context, self.tuning)
        reason = reason_to_refuse(question, evidence, quotes, context, snapshot.vocabulary, self._same_thing,
                                  self.settings.refusal_threshold, self.tuning, snapshot.words_of)
        if not reason and not self._judged_answered(question, evidence, judged):
            reason = judged_unanswered_text(question.language)
        return _Reading(context, evidence, quotes, reason)

    def _judged_answered(self, question: Question, evidence: list[Evidence], judged: bool) -> bool:
        """Whether the answer judge finds a sentence that answers among the best the rules
        passed (always, when not `judged`)."""
        if self.judge is None or not judged:
            return True
        best = [item.text for item in evidence[: self.tuning.judged_sentences]]
        return bool(best) and float(self.judge.scores(question.text, best).max()) >= self.settings.answer_judge_threshold

    def prepared(self, question: Question, snapshot: IndexSnapshot) -> Question:
        """A question (or part) with the index's names for what it names and the lexicon's
        translations of its words, as retrieval and the evidence stage read it."""
        return with_translations(with_index_names(question, snapshot.vocabulary), self.lexicon)

    def context_of(self, question: Question, passages: list[Passage], bridged: list[Passage],
                   snapshot: IndexSnapshot) -> tuple[list[Passage], Tuning]:
        """The passages whose sentences are read for a question, in reading order, and the
        tuning to read them with: the best retrieved `passages`, the chunks around them, the
        compared sources whole for a comparison, then the `bridged` ones in other languages.
        The fitting tools read through this too, so the trees learn from what is served."""
        best = passages[: self.settings.context_passages]
        around = self.retriever.passages_around(question, best, self.tuning.documents_read_around, snapshot)
        tuning = self.tuning
        if question.compares:  # each source compared is read whole
            # Before the rest: sentences past `compared_max_sentences` are not read.
            named = self.retriever.documents_of_publishers_named(question, best + around, snapshot)
            around += named + self.retriever.rest_of_documents(question, best + around + named,
                                                               tuning.compared_documents, snapshot)
            tuning = replace(tuning, max_sentences=tuning.compared_max_sentences)
        # Last: a bridged passage must not push the retrieved ones' sentences past max_sentences.
        read = {p.chunk_id for p in around}
        return best + around + [p for p in bridged if p.chunk_id not in read], tuning

    def _evidence_for_the_model(self, answered: list[_Reading]) -> list[Evidence]:
        """The parts' evidence taken in turn, each sentence once, and only sentences close enough
        to the question to answer it (the refusal threshold's test): a list item on another
        subject, fourth for a two-part question, is copied by a small model as if it answered."""
        taken_in_turn = [item for items in zip_longest(*(r.evidence for r in answered)) for item in items if item]
        return [item for item in each_sentence_once(taken_in_turn) if item.score >= self.settings.refusal_threshold]

    def _same_thing(self, a: str, b: str) -> bool:
        """Whether two short phrases name the same kind of thing ("people", "participants")."""
        return self.embedder.similarity(a, b) >= self.tuning.same_thing_similarity


def _both_count(earlier: Question, later: Question) -> bool:
    """Whether both parts ask for a count of the same thing: only then does the sentence the
    earlier part took tell which part it answers, by the count it states."""
    return (earlier.quantity.required and later.quantity.required
            and bool(earlier.quantity.counted_terms & later.quantity.counted_terms))


def _first_quoted(reading: _Reading) -> tuple[str, int]:
    """Where a reading's first quote stands: (document, start)."""
    return reading.quotes[0].chosen.doc_id, reading.quotes[0].chosen.start


@dataclass
class _Reading:
    context: list[Passage]
    evidence: list[Evidence]
    quotes: list[Quote]
    reason: str


def _refusal(question: Question, text: str, passages: list[Passage], scope: str, timings: dict[str, float],
             started: float) -> Iterator[AnswerEvent]:
    """A refusal's events: its whole text at once, then the refused `Answer`."""
    yield AnswerEvent("text", text=text)
    timings["total"] = _since(started)
    yield AnswerEvent("answer", answer=Answer(question=question.text, text=text, refused=True,
                                              passages=passages, timings=timings, scope=scope))


def _each_once(lists: list[list[Passage]]) -> list[Passage]:
    """The passages of several lists in order, each chunk once."""
    first: dict[str, Passage] = {}
    for passages in lists:
        for passage in passages:
            first.setdefault(passage.chunk_id, passage)
    return list(first.values())


def _close(pieces: Iterator[str]) -> None:
    """Stop a generator's stream early; a plain iterator has nothing to close."""
    close = getattr(pieces, "close", None)
    if close is not None:
        close()


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 4)
