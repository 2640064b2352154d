"""`Assistant`: the one object the CLI, the UI and Python users talk to.

It loads the models once and composes the pipeline stages; it holds no logic of its own
beyond wiring, so every stage can be tested and replaced on its own.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from assistant.answer.answerer import Answerer, AnswerEvent
from assistant.answer.evidence import load_answer_type_lists
from assistant.answer.filters import Filters
from assistant.answer.fusion import make_fusion
from assistant.answer.question import History
from assistant.answer.retrieval import HybridRetriever
from assistant.ingest.sync import ProgressCallback, sync_index
from assistant.ingest.uploads import remove_from_corpus
from assistant.models.answer_judge import AnswerJudge, make_answer_judge
from assistant.models.embedder import Embedder
from assistant.models.generators import Generator, make_generator
from assistant.schema import Answer, IndexReport
from assistant.settings import Settings
from assistant.store.chunk_store import ChunkStore
from assistant.store.manifest import DocumentEntry, FailedEntry


class Assistant:
    def __init__(self, corpus_dir: str | Path | None = None, index_dir: str | Path | None = None,
                 settings: Settings | None = None, *, embedder: Embedder | None = None,
                 generator: Generator | None = None, judge: AnswerJudge | None = None, load_llm: bool = True):
        settings = settings or Settings.load()
        overrides = {k: Path(v).resolve() for k, v in
                     (("corpus_dir", corpus_dir), ("index_dir", index_dir)) if v is not None}
        self.settings = settings.model_copy(update=overrides)
        # Models may be shared between assistants (tests, several corpora in one process).
        self.embedder = embedder or Embedder(self.settings)
        self.store = ChunkStore(self.settings)
        self.retriever = HybridRetriever(self.store, self.embedder, fusion=make_fusion(self.settings))
        judge = judge if judge is not None else make_answer_judge(self.settings)
        self.answerer = Answerer(self.settings, self.retriever, self.embedder, generator, judge=judge)
        if generator is None and load_llm:
            self.generator  # load now, so the first question does not pay for it
            # Nor for the name lists (~1 s); a thread, so start-up does not wait for them either.
            threading.Thread(target=load_answer_type_lists, name="name-lists", daemon=True).start()

    @property
    def generator(self) -> Generator:
        """The language model, loaded once (at start-up unless `load_llm=False`)."""
        if self.answerer.generator is None:
            self.answerer.generator = make_generator(self.settings)
        return self.answerer.generator

    def ask(self, question: str, history: History | None = None,
            filters: Filters | Mapping | None = None) -> Answer:
        """An answer with citations. `filters` limits it to chosen documents, languages,
        publishers or dates: `bot.ask(q, filters={"languages": ["fr"], "since": "2018"})`."""
        for event in self.ask_stream(question, history, filters):
            if event.kind == "answer":
                return event.answer
        raise RuntimeError("the answer pipeline ended without an answer")  # a bug, not user error

    def ask_stream(self, question: str, history: History | None = None,
                   filters: Filters | Mapping | None = None) -> Iterator[AnswerEvent]:
        """Events: the retrieved passages, then generated text pieces, then the final `Answer`."""
        filters = Filters.coerce(filters)  # a malformed filter fails here, before any event
        self.generator  # loads the model if this assistant was built with load_llm=False
        return self.answerer.stream(question, history, filters)

    def sync_index(self, rebuild: bool = False, progress: ProgressCallback | None = None,
                   retry: Iterable[str] | bool = ()) -> IndexReport:
        """Bring the index up to date. Files that failed before and haven't changed are skipped
        unless `retry` names them (or is True: every one)."""
        return sync_index(self.settings, self.embedder, self.store, rebuild=rebuild, progress=progress,
                          retry=retry)

    def delete_document(self, source: str, progress: ProgressCallback | None = None) -> IndexReport:
        """Delete a document's file (indexed or failed) from the corpus folder, then sync, which
        removes its chunks."""
        manifest = self.store.read_manifest()
        known = set(manifest.documents) | set(manifest.failed) if manifest else set()
        remove_from_corpus(self.settings.corpus_dir, source, known)
        return self.sync_index(progress=progress)

    def failed_files(self) -> dict[str, FailedEntry]:
        """Files the last sync could not use, with the reason; they stay listed until they
        change, are retried or removed."""
        manifest = self.store.read_manifest()
        return dict(manifest.failed) if manifest else {}

    def has_index(self) -> bool:
        return self.store.read_manifest() is not None

    def indexed_documents(self) -> dict[str, DocumentEntry]:
        manifest = self.store.read_manifest()
        return dict(manifest.documents) if manifest else {}


_default_assistant: Assistant | None = None


def ask(question: str, history: History | None = None, filters: Filters | Mapping | None = None) -> Answer:
    """Module-level convenience: one default `Assistant`, created on first use."""
    global _default_assistant
    if _default_assistant is None:
        _default_assistant = Assistant()
    return _default_assistant.ask(question, history, filters)
