"""7. Scaling curve: retrieval p50 and sync time against corpus size, drawn from this run's results."""

from __future__ import annotations

from pathlib import Path


def points(report: dict) -> dict:
    sections = report.get("sections", {})
    retrieval = sections.get("retrieval", {}).get("sizes", [])
    incremental = sections.get("incremental", {}).get("sizes", [])
    ingest = sections.get("ingest", {})
    full_sync = [(r["full_build"]["embedded_chunks"], r["full_build"]["sync_seconds"]) for r in incremental
                 if r.get("full_build", {}).get("embedded_chunks")]
    if "chunks" in ingest:
        full_sync.append((ingest["chunks"], ingest["sync_seconds"]))
    return {
        "retrieval_p50_ms": [(r["chunks"], r["shipped_ms"]["p50"]) for r in retrieval],
        "brute_force_p50_ms": [(r["chunks"], r["brute_force_dot_ms"]["p50"]) for r in retrieval],
        "brute_force_plus_encoding_p50_ms": [(r["chunks"], r["brute_force_plus_query_encoding_p50_ms"])
                                             for r in retrieval],
        "full_sync_seconds": sorted(full_sync),
        "add_one_sync_seconds": [(r["documents"], r["add_one_seconds"]) for r in incremental],
    }


def plot(report: dict, path: Path) -> dict:
    try:
        import matplotlib
    except ImportError:
        return {"skipped": "matplotlib is not installed: pip install -e '.[bench]' (make bench does)",
                "points": points(report), "met": None}

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = points(report)
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for key, label, style in (("retrieval_p50_ms", "retrieve_passages (shipped)", "o-"),
                              ("brute_force_plus_encoding_p50_ms", "query encoding + numpy dot", "s--"),
                              ("brute_force_p50_ms", "numpy dot only", "^:")):
        if data[key]:
            xs, ys = zip(*data[key])
            left.plot(xs, ys, style, label=label)
    left.axhline(30, color="grey", lw=0.8, ls="--", label="target 30 ms")
    left.set(xscale="log", yscale="log", xlabel="chunks in index", ylabel="p50 latency (ms)",
             title="Retrieval latency")
    left.legend(fontsize=8)
    if data["full_sync_seconds"]:
        xs, ys = zip(*data["full_sync_seconds"])
        right.plot(xs, ys, "o-", label="full sync from empty")
    if data["add_one_sync_seconds"]:
        xs, ys = zip(*data["add_one_sync_seconds"])
        right.plot(xs, ys, "s--", label="sync after adding one document")
    right.axhline(3, color="grey", lw=0.8, ls="--", label="target 3 s (add one)")
    right.set(xscale="log", yscale="log", xlabel="chunks in index (short docs: 1 chunk each)",
              ylabel="seconds", title="Sync time")
    right.legend(fontsize=8)
    figure.suptitle(f"policy-assistant benchmarks ({report.get('config', {}).get('name', '?')} run, "
                    f"{report.get('finished_at', '')})", fontsize=10)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return {"png": str(path), "points": data, "met": None}
