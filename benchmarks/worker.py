"""Subprocess entry points, so peak memory (VmHWM) belongs to one activity only.

    python -m benchmarks.worker sync CORPUS INDEX
    python -m benchmarks.worker serve CORPUS INDEX QUESTIONS
Each prints one JSON line last.
"""

from __future__ import annotations

import json
import sys
import time

from benchmarks.common import base_settings, dev_questions, maxrss_mb


def sync(corpus: str, index: str) -> dict:
    from assistant import Assistant

    # As `assistant index` does it: the whole Assistant (which also loads the LLM).
    started = time.perf_counter()
    bot = Assistant(corpus, index, base_settings())
    loaded = time.perf_counter() - started
    rss_before = maxrss_mb()
    report = bot.sync_index()
    return {"sync_seconds": report.seconds, "model_load_seconds": loaded,
            "embedded_chunks": report.embedded_chunks, "documents": len(bot.indexed_documents()),
            "failed": len(report.failed), "rss_before_sync_mb": rss_before, "peak_rss_mb": maxrss_mb()}


def serve(corpus: str, index: str, questions: str) -> dict:
    from assistant import Assistant

    started = time.perf_counter()
    bot = Assistant(corpus, index, base_settings())
    bot.retriever.current_snapshot()
    loaded = time.perf_counter() - started
    rss_loaded = maxrss_mb()
    asked = 0
    for row in dev_questions(int(questions)):
        bot.ask(row["question"])
        asked += 1
    return {"load_seconds": loaded, "rss_after_load_mb": rss_loaded, "questions": asked,
            "peak_rss_mb": maxrss_mb()}


def main(argv: list[str]) -> int:
    command, *args = argv
    result = {"sync": sync, "serve": serve}[command](*args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
