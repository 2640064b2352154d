"""The answer pipeline, stage by stage; this module only orders the stages and streams progress.

    question  analyse the turn once                      question.py
    retrieve  dense + BM25, fused; read around the best   retrieval.py
    evidence  score every sentence read                   evidence.py
    quotes    choose what the answer quotes               quotes.py
    refuse?   say why the documents can't answer          refusal.py
    prompt    the best sentences, numbered                prompt.py
    generate  the local model (or a model server)         models/generators.py
    verify    keep the model's sentences a passage holds  verification.py
    compose   verified sentences, then quotes, cited      composition.py

Events let a UI show the passages before the first token and tokens before the final answer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Iterator, Literal

from assistant.answer.composition import compose_answer
from assistant.answer.evidence import select_evidence
from assistant.answer.params import TUNING, Tuning
from assistant.answer.prompt import build_messages
from assistant.answer.question import History, analyse_question, with_other_names
from assistant.answer.quotes import choose_quotes, count_first
from assistant.answer.refusal import reason_to_refuse, refusal_text
from assistant.answer.retrieval import HybridRetriever
from assistant.answer.verification import verify_claims
from assistant.models.embedder import Embedder
from assistant.models.generators import Generator
from assistant.schema import Answer, Passage
from assistant.settings import Settings


@dataclass
class AnswerEvent:
    kind: Literal["passages", "token", "answer"]
    text: str = ""
    passages: list[Passage] | None = None
    answer: Answer | None = None


class Answerer:
    def __init__(self, settings: Settings, retriever: HybridRetriever, embedder: Embedder,
                 generator: Generator | None, tuning: Tuning = TUNING):
        self.settings = settings
        self.retriever = retriever
        self.embedder = embedder
        self.generator = generator
        self.tuning = tuning

    def stream(self, text: str, history: History | None = None) -> Iterator[AnswerEvent]:
        question = analyse_question(text, history)
        timings: dict[str, float] = {}
        started = time.perf_counter()
        # One committed state for every step of this answer: a sync may commit meanwhile, and
        # with a Chroma server each check of the manifest is a request.
        snapshot = self.retriever.current_snapshot()
        question = with_other_names(question, snapshot.vocabulary.knows)
        passages = self.retriever.retrieve_passages(question, self.settings.top_k, snapshot)
        timings["retrieve"] = _since(started)
        yield AnswerEvent("passages", passages=passages)

        best = passages[: self.settings.context_passages]
        around = self.retriever.passages_around(question, best, self.tuning.documents_read_around, snapshot)
        context = best + around
        evidence = select_evidence(question, context, self.embedder, self.tuning)
        evidence = count_first(question, evidence, context, self._same_thing, self.tuning)
        quotes = choose_quotes(question, evidence, context, self.tuning)
        timings["evidence"] = _since(started) - timings["retrieve"]
        reason = reason_to_refuse(question, evidence, quotes, context, snapshot.vocabulary, self._same_thing,
                                  self.settings.refusal_threshold, self.tuning)
        if reason:
            timings["total"] = _since(started)
            yield AnswerEvent("answer", answer=Answer(
                question=question.text, text=refusal_text(reason, question.language), refused=True,
                passages=passages, timings=timings))
            return

        if self.generator is None:
            raise RuntimeError("Answerer needs a generator; Assistant provides one")  # a wiring bug
        generated = ""
        messages = build_messages(question, evidence, self.tuning)
        for piece in self.generator.stream(messages, self.settings.max_answer_tokens):
            generated += piece
            yield AnswerEvent("token", text=piece)
        timings["generate"] = _since(started) - timings["retrieve"] - timings["evidence"]

        claims = verify_claims(generated, question, context, self.tuning)
        composed = compose_answer(question, claims, quotes, self.tuning)
        timings["total"] = _since(started)
        yield AnswerEvent("answer", answer=Answer(
            question=question.text, text=composed.text, refused=False, citations=composed.citations,
            passages=passages + around, unsupported=composed.unsupported, generated=generated, timings=timings,
        ))

    def _same_thing(self, a: str, b: str) -> bool:
        """Whether two short phrases name the same kind of thing ("people", "participants")."""
        return self.embedder.similarity(a, b) >= self.tuning.same_thing_similarity


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 4)
