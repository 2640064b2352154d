"""1. Ingest: end-to-end `Assistant.sync_index()` throughput vs the raw encoder on the same texts."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import Config, Timer, base_settings, make_assistant, shared_embedder, write_notes

TARGET_RATIO = 0.90


def chunk_texts(corpus: Path) -> tuple[list, float]:
    """The chunks a sync makes, by the shipped loader and chunker (timed: parse + chunk)."""
    from assistant.ingest.chunking import chunk_document
    from assistant.ingest.documents import load_document, scan_corpus

    settings = base_settings()
    started = time.perf_counter()
    files, _ = scan_corpus(corpus)
    chunks = []
    for file in files:
        document = load_document(file, int(settings.max_file_mb * 1_000_000))
        chunks += chunk_document(document, settings.chunk_size, settings.chunk_overlap)
    return chunks, time.perf_counter() - started


def raw_encode(texts: list[str], batch_size: int) -> float:
    model = shared_embedder().model
    with Timer() as timer:
        model.encode(texts, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
                     show_progress_bar=False)
    return timer.seconds


def run(config: Config) -> dict:
    from assistant.ingest.sync import EMBED_BATCH_CHUNKS

    corpus = config.cache_dir / f"ingest-corpus-{config.ingest_notes}"
    corpus_bytes = write_notes(corpus, config.ingest_notes)
    settings = base_settings()
    embedder = shared_embedder()
    embedder.encode(["warm-up sentence"] * 8)

    chunks, parse_seconds = chunk_texts(corpus)
    texts = [chunk.embedding_text() for chunk in chunks]
    raw_first = raw_encode(texts, settings.embedding_batch_size)
    with tempfile.TemporaryDirectory(dir=config.cache_dir) as index_dir:
        bot = make_assistant(corpus, Path(index_dir))
        with Timer() as timer:
            report = bot.sync_index()
        sync_seconds = timer.seconds
        assert report.embedded_chunks == len(chunks), (report.embedded_chunks, len(chunks))
    raw_second = raw_encode(texts, settings.embedding_batch_size)
    # Diagnostic: the encoder fed the way sync feeds it (one encode call per 256 chunks).
    with Timer() as batched:
        for i in range(0, len(texts), EMBED_BATCH_CHUNKS):
            raw_encode(texts[i:i + EMBED_BATCH_CHUNKS], settings.embedding_batch_size)
    # Diagnostic: Chroma writes alone (same chunks, fresh collection).
    import numpy as np

    from assistant.store.chunk_store import ChunkStore

    vectors = embedder.encode(texts[:1]).repeat(len(texts), axis=0).astype(np.float32)
    with tempfile.TemporaryDirectory(dir=config.cache_dir) as index_dir:
        store = ChunkStore(settings.model_copy(update={"index_dir": Path(index_dir)}))
        name = store.new_collection_name()
        store.set_collection_record(name, {"benchmark": "ingest"})
        with Timer() as write:
            for i in range(0, len(chunks), EMBED_BATCH_CHUNKS):
                store.add_chunks(name, chunks[i:i + EMBED_BATCH_CHUNKS], vectors[i:i + EMBED_BATCH_CHUNKS])

    raw_seconds = (raw_first + raw_second) / 2
    ratio = raw_seconds / sync_seconds
    megabytes = corpus_bytes / 1e6
    return {
        "documents": config.ingest_notes, "chunks": len(chunks), "corpus_mb": megabytes,
        "sync_seconds": sync_seconds, "sync_chunks_per_s": len(chunks) / sync_seconds,
        "sync_mb_per_s": megabytes / sync_seconds,
        "raw_encode_seconds": raw_seconds, "raw_encode_runs": [raw_first, raw_second],
        "raw_chunks_per_s": len(chunks) / raw_seconds, "raw_mb_per_s": megabytes / raw_seconds,
        "ratio": ratio, "target": f"ratio >= {TARGET_RATIO}", "met": ratio >= TARGET_RATIO,
        "breakdown_seconds": {"parse_and_chunk": parse_seconds, "encode_in_sync_batches": batched.seconds,
                              "chroma_write": write.seconds},
        "batch_size": settings.embedding_batch_size,
    }
