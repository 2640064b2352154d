"""Incremental index sync: hash every file, embed only what changed, commit by manifest.

Order of work, chosen so that a sync killed at any point leaves the previous state readable:
1. new chunks are written to Chroma (invisible: the manifest doesn't list them yet);
2. the new manifest replaces the old one atomically (the commit);
3. chunks no longer listed, and collections no longer used, are deleted.
A later sync repeats step 3 for whatever an interrupted one left behind.
"""

from __future__ import annotations

import fcntl
import functools
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable

from assistant.ingest.chunking import CHUNKING_VERSION, chunk_document, chunk_key
from assistant.ingest.documents import CorpusFile, load_document, scan_corpus
from assistant.ingest.ocr import ScanReader
from assistant.ingest.ocr_cache import CACHE_FOLDER, OCR_VERSION
from assistant.ingest.screening import screen_document
from assistant.language.instructions import InstructionDetector, detector_version
from assistant.models.embedder import Embedder
from assistant.errors import AssistantError, DocumentError
from assistant.store.chunk_store import ChunkStore
from assistant.store.manifest import DocumentEntry, FailedEntry, Manifest
from assistant.schema import Chunk, Document, DocumentOutcome, IndexReport
from assistant.settings import Settings

ProgressCallback = Callable[[int, int, str], None]  # (done, total, current source)
EMBED_BATCH_CHUNKS = 256  # bounded memory: vectors are written to Chroma every batch
PAUSE_ENV = "ASSISTANT_SYNC_PAUSE_AT"  # test hook: "stage:seconds" sleeps there (for kill tests)
KEPT = "; previous version kept in the index"


class SyncBusyError(AssistantError):
    pass


def index_fingerprint(settings: Settings, embedder: Embedder) -> dict:
    """What built the vectors; when any of it changes, every chunk must be re-embedded."""
    return {
        "embedding_model": embedder.name,
        "dimension": int(embedder.dimension),
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "chunking_version": CHUNKING_VERSION,
        "screening_version": detector_version(),
        # What OCR reads on a scanned page; the reading itself is cached by content hash.
        "ocr": {"languages": settings.ocr_languages, "min_page_chars": settings.ocr_min_page_chars,
                "version": OCR_VERSION},
    }


def sync_index(settings: Settings, embedder: Embedder, store: ChunkStore, rebuild: bool = False,
               progress: ProgressCallback | None = None, retry: Iterable[str] | bool = ()) -> IndexReport:
    """Bring the index up to date with the corpus folder. Files that failed before and have not
    changed are not tried again (nor reported again) unless `retry` names them, or is True."""
    started = time.perf_counter()
    with _sync_lock(store):
        files, problems = scan_corpus(settings.corpus_dir)
        previous = store.read_manifest()
        fingerprint = index_fingerprint(settings, embedder)
        rebuilt = rebuild or previous is None or previous.fingerprint != fingerprint
        if rebuilt:
            target = Manifest(collection=store.new_collection_name(), fingerprint=fingerprint)
            store.set_collection_record(target.collection, fingerprint)
        else:
            target = Manifest(collection=previous.collection, fingerprint=fingerprint)
        scans = ScanReader(settings, store.index_dir / CACHE_FOLDER)
        plan = _SyncRun(settings, embedder, store, previous, target, rebuilt, progress, scans, retry)
        report = plan.run(files, problems)
        _pause_for_tests("before-commit")
        store.write_manifest(target)
        _pause_for_tests("after-commit")
        _delete_unlisted(store, target, previous)
        scans.cache.prune({entry.content_hash for entry in target.documents.values()})
        report.seconds = time.perf_counter() - started
        return report


@dataclass
class _SyncRun:
    settings: Settings
    embedder: Embedder
    store: ChunkStore
    previous: Manifest | None
    target: Manifest
    rebuilt: bool
    progress: ProgressCallback | None
    scans: ScanReader
    retry: Iterable[str] | bool = ()
    report: IndexReport = field(default_factory=IndexReport)
    detector: InstructionDetector | None = None
    _pending: list[tuple[Chunk, str]] = field(default_factory=list)

    @property
    def old_documents(self) -> dict[str, DocumentEntry]:
        # After a rebuild the old chunks are in another collection, built by another model.
        return {} if self.rebuilt or self.previous is None else self.previous.documents

    @functools.cached_property
    def known_failures(self) -> dict[str, FailedEntry]:
        """Failures remembered from the last sync, minus those asked to be retried; a rebuild
        tries everything again (the parsers may have changed with the fingerprint)."""
        if self.rebuilt or self.previous is None or self.retry is True:
            return {}
        retried = set(self.retry or ())
        return {source: entry for source, entry in self.previous.failed.items() if source not in retried}

    def run(self, files: list[CorpusFile], problems: list[tuple[str, str]]) -> IndexReport:
        self.report.rebuilt = self.rebuilt
        old = self.old_documents
        present = {f.source for f in files} | {source for source, _ in problems}
        vanished = {s: e for s, e in old.items() if s not in present}
        by_hash = {entry.content_hash: source for source, entry in vanished.items()}
        for done, file in enumerate(files):
            if self.progress:
                self.progress(done, len(files), file.source)
            renamed_from = by_hash.pop(file.content_hash, None) if file.source not in old else None
            self._sync_file(file, old.get(file.source), renamed_from)
        self._flush()
        for source, reason in problems:
            self._fail(source, reason, old.get(source))
        renamed = {o.reason.removeprefix("from ") for o in self.report.by_status("renamed")}
        for source, entry in vanished.items():
            if source not in renamed:
                self.report.outcomes.append(DocumentOutcome(source, "removed", len(entry.chunk_ids)))
        if self.progress:
            self.progress(len(files), len(files), "")
        self.report.outcomes.sort(key=lambda o: o.source)
        return self.report

    def _sync_file(self, file: CorpusFile, old: DocumentEntry | None, renamed_from: str | None) -> None:
        if old is not None and old.content_hash == file.content_hash:
            self.target.documents[file.source] = old
            self.report.outcomes.append(DocumentOutcome(file.source, "unchanged", len(old.chunk_ids)))
            return
        if self._still_failing(file.source, file.content_hash, old):
            return
        try:
            document = load_document(file, int(self.settings.max_file_mb * 1_000_000), self.scans)
        except DocumentError as error:
            self._fail(file.source, str(error).removeprefix(f"{file.source}: "), old, file.content_hash)
            return
        if renamed_from is not None:
            self._copy_renamed(document, self.old_documents[renamed_from], renamed_from)
            return
        screening = screen_document(document, self._detector())
        document = screening.document
        chunks = [] if screening.withheld else chunk_document(document, self.settings.chunk_size,
                                                              self.settings.chunk_overlap)
        status = "added" if old is None else "updated"
        self.target.documents[file.source] = _entry(document, chunks, screening.excluded, screening.withheld)
        note = "; ".join(part for part in (document.ocr_note, screening.note) if part)
        self.report.outcomes.append(DocumentOutcome(file.source, status, len(chunks), note))
        self._pending.extend((chunk, file.source) for chunk in chunks)
        if len(self._pending) >= EMBED_BATCH_CHUNKS:
            self._flush()

    def _copy_renamed(self, document: Document, old: DocumentEntry, old_source: str) -> None:
        """Same content under a new name: reuse the stored vectors instead of re-embedding."""
        old_chunks, vectors = self.store.get_chunks(self.target.collection, old.chunk_ids, with_vectors=True)
        order = {cid: i for i, cid in enumerate(old.chunk_ids)}
        paired = sorted(zip(old_chunks, vectors), key=lambda cv: order[cv[0].chunk_id])
        key = chunk_key(document)
        chunks = [
            Chunk(**{**chunk.__dict__, "chunk_id": f"{key}-{i:05d}", "source": document.source,
                     "doc_id": document.doc_id})
            for i, (chunk, _) in enumerate(paired)
        ]
        import numpy as np

        self.store.add_chunks(self.target.collection, chunks, np.asarray([v for _, v in paired]))
        self.target.documents[document.source] = _entry(document, chunks, old.excluded_sentences, old.withheld)
        self.report.outcomes.append(
            DocumentOutcome(document.source, "renamed", len(chunks), reason=f"from {old_source}")
        )

    def _detector(self) -> InstructionDetector:
        if self.detector is None:
            self.detector = InstructionDetector(self.embedder.encode)
        return self.detector

    def _flush(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:EMBED_BATCH_CHUNKS], self._pending[EMBED_BATCH_CHUNKS:]
            chunks = [chunk for chunk, _ in batch]
            vectors = self.embedder.encode([chunk.embedding_text() for chunk in chunks])
            self.store.add_chunks(self.target.collection, chunks, vectors)
            self.report.embedded_chunks += len(chunks)
            _pause_for_tests("after-batch")

    def _fail(self, source: str, reason: str, old: DocumentEntry | None, content_hash: str = "") -> None:
        if content_hash == "" and self._still_failing(source, "", old, reason):
            return
        self.target.failed[source] = FailedEntry(content_hash, reason)
        if old is not None:
            self.target.documents[source] = old  # keep serving the last good version
            reason += KEPT
        self.report.outcomes.append(DocumentOutcome(source, "failed", len(old.chunk_ids) if old else 0, reason))

    def _still_failing(self, source: str, content_hash: str, old: DocumentEntry | None, reason: str = "") -> bool:
        """A file that failed last time, unchanged since: remembered, listed as a known
        failure, not tried or reported again."""
        known = self.known_failures.get(source)
        if known is None or known.content_hash != content_hash or (reason and known.reason != reason):
            return False
        self.target.failed[source] = known
        if old is not None:
            self.target.documents[source] = old
        self.report.outcomes.append(DocumentOutcome(source, "known failure", len(old.chunk_ids) if old else 0,
                                                    known.reason + (KEPT if old else "")))
        return True


def _entry(document: Document, chunks: list[Chunk], excluded: int, withheld: bool) -> DocumentEntry:
    return DocumentEntry(content_hash=document.content_hash, doc_id=document.doc_id, title=document.title,
                         chunk_ids=[c.chunk_id for c in chunks], date=document.date,
                         language=document.language, excluded_sentences=excluded, withheld=withheld,
                         ocr_pages=list(document.ocr_pages))


def _delete_unlisted(store: ChunkStore, target: Manifest, previous: Manifest | None) -> None:
    live = target.live_chunk_ids()
    stale = [cid for cid in store.all_ids(target.collection) if cid not in live]
    store.delete_ids(target.collection, stale)
    for name in store.collections():
        if name.startswith(store.collection_prefix + "-") and name != target.collection:
            store.drop_collection(name)


@contextmanager
def _sync_lock(store: ChunkStore):
    store.index_dir.mkdir(parents=True, exist_ok=True)
    with open(store.index_dir / ".sync.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SyncBusyError(f"another sync is running on {store.index_dir}; wait for it to finish") from None
        yield


def _pause_for_tests(stage: str) -> None:
    wanted = os.environ.get(PAUSE_ENV, "")
    if wanted.startswith(stage + ":"):
        print(f"sync paused at {stage}", flush=True)
        time.sleep(float(wanted.split(":", 1)[1]))
