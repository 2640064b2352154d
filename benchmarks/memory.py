"""6. Memory: peak RSS of a process serving answers, and of the process that synced 10k documents."""

from __future__ import annotations

from benchmarks.common import Config, run_worker
from benchmarks.incremental import synthetic_index
from benchmarks.corpora import shipped_index


def run(config: Config) -> dict:
    corpus, index = shipped_index(config)
    serving = run_worker(["serve", str(corpus), str(index), str(config.memory_questions)])
    documents = max(config.incremental_sizes)
    _, _, build = synthetic_index(config, documents)
    return {
        "serving": serving, "serving_peak_rss_mb": serving["peak_rss_mb"],
        "sync_documents": documents, "sync_peak_rss_mb": build["peak_rss_mb"], "sync_build": build,
        "method": "peak resident memory (VmHWM) in a dedicated subprocess per activity "
                  "(serve: load Assistant on the shipped index and answer dev questions; sync: "
                  "`Assistant.sync_index()` building the synthetic index from empty)",
        "met": None,
    }
