"""3. Retrieval: latency of the shipped `HybridRetriever.retrieve_passages` at 1k / 10k / 100k chunks.

The indexes are synthetic: chunk texts recombined from shipped-corpus sentences (seeded) and
random unit vectors (seeded), written through the shipped `ChunkStore.add_chunks` and a
manifest, so the code path measured is exactly the one the app uses. Brute-force numpy over
the same vectors is the comparison.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import numpy as np

from benchmarks.common import (Config, TextMaker, Timer, base_settings, dev_questions, percentiles,
                               random_unit_vectors, shared_embedder)

TARGET_MS = 30.0
TARGET_CHUNKS = 100000
CHUNKS_PER_DOC = 10
WRITE_BATCH = 5000
# Scoped questions: one document in a hundred allowed, and one in two.
FILTERED_SHARES = {"1% of documents": 0.01, "50% of documents": 0.5}


def synthetic_chunk_index(config: Config, count: int) -> tuple[Path, dict]:
    from assistant.store.chunk_store import ChunkStore
    from assistant.store.manifest import DocumentEntry, Manifest
    from assistant.schema import Chunk
    from assistant.ingest.sync import index_fingerprint

    root = config.cache_dir / f"chunks-{count}"
    index, stats_file = root / "index", root / "build.json"
    if stats_file.is_file() and (index / "manifest.json").is_file():
        return index, json.loads(stats_file.read_text())
    settings = base_settings().model_copy(update={"index_dir": index})
    embedder = shared_embedder()
    store = ChunkStore(settings)
    fingerprint = index_fingerprint(settings, embedder)
    name = store.new_collection_name()
    store.set_collection_record(name, fingerprint)
    maker = TextMaker(seed=count)
    vectors = random_unit_vectors(count, embedder.dimension, seed=count)
    started = time.perf_counter()
    documents: dict[str, DocumentEntry] = {}
    for first in range(0, count, WRITE_BATCH):
        chunks = []
        for i in range(first, min(first + WRITE_BATCH, count)):
            doc, part = divmod(i, CHUNKS_PER_DOC)
            text = maker.paragraph(550)
            chunks.append(Chunk(chunk_id=f"syn{doc:06d}-{part:05d}", doc_id=f"syn{doc:06d}",
                                source=f"syn{doc:06d}.md", text=text, start=part * 600,
                                end=part * 600 + len(text), title=f"Synthetic document {doc}", language="en"))
            entry = documents.setdefault(chunks[-1].source, DocumentEntry(
                content_hash=hashlib.sha256(str(doc).encode()).hexdigest(), doc_id=chunks[-1].doc_id,
                title=chunks[-1].title, chunk_ids=[]))
            entry.chunk_ids.append(chunks[-1].chunk_id)
        store.add_chunks(name, chunks, vectors[first:first + len(chunks)])
    store.write_manifest(Manifest(collection=name, fingerprint=fingerprint, documents=documents))
    stats = {"chunks": count, "write_seconds": time.perf_counter() - started,
             "built_at": time.strftime("%Y-%m-%d %H:%M:%S")}
    stats_file.write_text(json.dumps(stats))
    return index, stats


def measure(config: Config, count: int) -> dict:
    from assistant.store.chunk_store import ChunkStore
    from assistant.answer.question import analyse_question
    from assistant.answer.fusion import make_fusion
    from assistant.answer.retrieval import HybridRetriever

    index, build = synthetic_chunk_index(config, count)
    settings = base_settings().model_copy(update={"index_dir": index})
    embedder = shared_embedder()
    retriever = HybridRetriever(ChunkStore(settings), embedder, fusion=make_fusion(settings))
    with Timer() as load:
        snapshot = retriever.current_snapshot()
    assert len(snapshot.chunks) == count, len(snapshot.chunks)
    questions = [row["question"] for row in dev_questions()]
    queries = [analyse_question(questions[i % len(questions)]) for i in range(config.retrieval_queries)]
    for query in queries[:3]:
        retriever.retrieve_passages(query, settings.top_k)  # warm-up

    shipped = []
    for query in queries:
        started = time.perf_counter()
        retriever.retrieve_passages(query, settings.top_k)
        shipped.append((time.perf_counter() - started) * 1000)

    filtered = {name: _filtered_ms(retriever, snapshot, queries, share, settings.top_k)
                for name, share in FILTERED_SHARES.items()}

    # Stage breakdown (same queries, a second pass).
    encode_ms, dense_ms, bm25_ms, query_vectors = [], [], [], []
    for query in queries:
        with Timer() as t:
            vector = embedder.encode_one(query.query)
        encode_ms.append(t.seconds * 1000)
        query_vectors.append(vector)
        with Timer() as t:
            retriever._dense_ranking(snapshot, vector)
        dense_ms.append(t.seconds * 1000)
        with Timer() as t:
            retriever._bm25_ranking(snapshot, query)
        bm25_ms.append(t.seconds * 1000)

    # Brute force over the same vectors (regenerated from the same seed), top 30 like Chroma's query.
    matrix = random_unit_vectors(count, embedder.dimension, seed=count)
    brute_ms = []
    for vector in query_vectors:
        started = time.perf_counter()
        scores = matrix @ vector
        best = np.argpartition(-scores, 29)[:30]
        best[np.argsort(-scores[best])]
        brute_ms.append((time.perf_counter() - started) * 1000)
    shipped_p = percentiles(shipped)
    brute_p = percentiles(brute_ms)
    encode_p = percentiles(encode_ms)
    return {
        "chunks": count, "queries": len(queries), "build": build, "snapshot_load_seconds": load.seconds,
        "shipped_ms": shipped_p, "filtered_ms": filtered, "brute_force_dot_ms": brute_p,
        "brute_force_plus_query_encoding_p50_ms": brute_p["p50"] + encode_p["p50"],
        "stages_ms": {"query_encoding": encode_p, "dense_chroma": percentiles(dense_ms),
                      "bm25": percentiles(bm25_ms)},
    }


def _filtered_ms(retriever, snapshot, queries, share: float, k: int) -> dict:
    """A scoped question's retrieval, scope resolution included: every `1/share`-th document
    allowed. The first question of a scope pays for resolving it and, for a small scope,
    fetching its vectors (reported apart); later questions in the same chat reuse both."""
    from assistant.answer.filters import Filters

    documents = list(snapshot.by_document)
    step = max(1, round(1 / share))
    filters = Filters(documents=tuple(documents[::step]))
    times = []
    started = time.perf_counter()
    retriever.retrieve_passages(queries[0], k, snapshot, retriever.resolve(filters, snapshot))
    first_ms = (time.perf_counter() - started) * 1000
    for query in queries:
        started = time.perf_counter()
        scope = retriever.resolve(filters, snapshot)
        passages = retriever.retrieve_passages(query, k, snapshot, scope)
        times.append((time.perf_counter() - started) * 1000)
        assert all(p.doc_id in scope.doc_ids for p in passages)
    return {"documents_allowed": len(filters.documents), "first_question_ms": first_ms, **percentiles(times)}


def run(config: Config) -> dict:
    results = [measure(config, n) for n in sorted(config.retrieval_sizes)]
    at_target = next((r for r in results if r["chunks"] == TARGET_CHUNKS), None)
    value = None if at_target is None else at_target["shipped_ms"]["p50"]
    scoped = None if at_target is None else at_target["filtered_ms"]["1% of documents"]["p50"]
    return {"sizes": results, "target": f"p50 <= {TARGET_MS:g} ms at {TARGET_CHUNKS} chunks",
            "met": None if value is None else value <= TARGET_MS, "value_at_target_ms": value,
            "filtered_at_target_ms": scoped}
