"""2. Incremental: sync after adding one document to 1k / 10k-document corpora vs embedding it alone.

The big corpora are built once, by the real sync in a subprocess (whose peak RSS is the
"memory while syncing" figure), and reused from the cache on later runs.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import time
from pathlib import Path

from benchmarks.common import (Config, TextMaker, Timer, base_settings, make_assistant, run_worker,
                               shared_embedder, write_notes)

TARGET_SECONDS = 3.0
TARGET_DOCS = 10000
EXTRA = "zz-benchmark-extra.md"
PROFILED = {"scan_corpus", "hash_file", "read_manifest", "write_manifest", "_delete_unlisted", "all_ids",
            "delete_ids", "_flush", "encode", "add_chunks", "collections", "drop_collection", "run",
            "load_document", "chunk_document", "to_json", "from_json", "_fsync_directory"}


def synthetic_index(config: Config, documents: int) -> tuple[Path, Path, dict]:
    """(corpus, index, build stats) for `documents` short notes, built once by a real sync."""
    root = config.cache_dir / f"docs-{documents}"
    corpus, index, stats_file = root / "corpus", root / "index", root / "build.json"
    (corpus / EXTRA).unlink(missing_ok=True)
    write_notes(corpus, documents, short=True)
    if stats_file.is_file():
        stats = json.loads(stats_file.read_text())
        manifest = index / "manifest.json"
        if manifest.is_file() and len(json.loads(manifest.read_text())["documents"]) == documents:
            return corpus, index, stats
    started = time.perf_counter()
    stats = run_worker(["sync", str(corpus), str(index)])
    stats["wall_seconds"] = time.perf_counter() - started
    stats["documents"] = documents
    stats["built_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
    stats_file.write_text(json.dumps(stats, indent=1))
    return corpus, index, stats


def _profile_summary(profile: cProfile.Profile) -> dict[str, float]:
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    summary: dict[str, float] = {}
    for (filename, _, name), (_, _, _, cumulative, _) in stats.items():
        if name in PROFILED and "/assistant/" in filename:
            key = f"{Path(filename).stem}.{name}"
            summary[key] = round(max(summary.get(key, 0.0), cumulative), 4)
    return dict(sorted(summary.items(), key=lambda item: -item[1]))


def measure(config: Config, documents: int, profile: bool) -> dict:
    from assistant.ingest.chunking import chunk_document
    from assistant.ingest.documents import load_document, scan_corpus

    corpus, index, build = synthetic_index(config, documents)
    bot = make_assistant(corpus, index)
    with Timer() as noop:
        bot.sync_index()  # nothing changed; also opens Chroma, like any first call would
    extra = corpus / EXTRA
    extra.write_text(TextMaker(seed=documents + 7).short_note(documents + 1), encoding="utf-8")
    with Timer() as add:
        report = bot.sync_index()
    assert report.added == [EXTRA], report.added

    # The same document embedded alone: load, chunk, encode.
    settings = base_settings()
    embedder = shared_embedder()
    file = next(f for f in scan_corpus(corpus)[0] if f.source == EXTRA) if documents <= 2000 else None
    if file is None:  # don't hash 10k files just to find one: scan a folder holding only it
        import shutil
        import tempfile

        with tempfile.TemporaryDirectory(dir=config.cache_dir) as alone:
            shutil.copy(extra, alone)
            file = scan_corpus(Path(alone))[0][0]
            embed_alone = _embed_alone(file, settings, embedder, load_document, chunk_document)
    else:
        embed_alone = _embed_alone(file, settings, embedder, load_document, chunk_document)

    profile_summary = None
    if profile:
        extra.write_text(TextMaker(seed=documents + 8).short_note(documents + 2), encoding="utf-8")
        profiler = cProfile.Profile()
        profiler.enable()
        bot.sync_index()
        profiler.disable()
        profile_summary = _profile_summary(profiler)
    extra.unlink()
    with Timer() as remove:
        bot.sync_index()
    return {"documents": documents, "add_one_seconds": add.seconds, "embedded_chunks": report.embedded_chunks,
            "embed_alone_seconds": embed_alone, "ratio_add_vs_embed_alone": add.seconds / embed_alone,
            "noop_sync_seconds": noop.seconds, "remove_one_seconds": remove.seconds,
            "full_build": build, "profile_add_one_cumulative_seconds": profile_summary}


def _embed_alone(file, settings, embedder, load_document, chunk_document) -> float:
    embedder.encode(["warm-up"])
    with Timer() as timer:
        document = load_document(file, int(settings.max_file_mb * 1_000_000))
        chunks = chunk_document(document, settings.chunk_size, settings.chunk_overlap)
        embedder.encode([chunk.embedding_text() for chunk in chunks])
    return timer.seconds


def run(config: Config) -> dict:
    sizes = sorted(config.incremental_sizes)
    results = [measure(config, n, profile=(n == sizes[-1])) for n in sizes]
    at_target = next((r for r in results if r["documents"] == TARGET_DOCS), None)
    return {
        "sizes": results,
        "target": f"add one document at {TARGET_DOCS} docs <= {TARGET_SECONDS} s",
        "met": None if at_target is None else at_target["add_one_seconds"] <= TARGET_SECONDS,
        "value_at_target": None if at_target is None else at_target["add_one_seconds"],
    }
