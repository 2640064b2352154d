"""Smoke test of `python -m benchmarks`: every benchmark runs at a tiny size and reports numbers.

No timing is asserted (the machine is shared); only that each section produced its figures,
the report and RESULTS.md were written, and the scaling plot exists.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the benchmarks package is not installed

from benchmarks import BENCHMARKS, run  # noqa: E402
from benchmarks.common import Config  # noqa: E402


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    return run(Config.tiny(out), log=lambda *_: None), out


def test_every_benchmark_ran_without_error(report):
    data, _ = report
    assert set(data["sections"]) == set(BENCHMARKS)
    errors = {name: s["error"] for name, s in data["sections"].items() if "error" in s}
    assert not errors, errors


def test_numbers_come_out(report):
    sections = report[0]["sections"]
    ingest = sections["ingest"]
    assert ingest["chunks"] > 0 and all(_number(ingest[k]) for k in ("sync_chunks_per_s", "raw_chunks_per_s", "ratio"))
    for size in sections["incremental"]["sizes"]:
        assert size["embedded_chunks"] == 1
        assert all(_number(size[k]) for k in ("add_one_seconds", "embed_alone_seconds", "noop_sync_seconds"))
    for size in sections["retrieval"]["sizes"]:
        assert size["chunks"] == 200
        assert _number(size["shipped_ms"]["p50"]) and _number(size["brute_force_dot_ms"]["p50"])
    answer = sections["answer"]
    assert answer["questions"] >= 1 and _number(answer["ask_seconds"]["p50"])
    assert _number(answer["first_verified_text_seconds"]["p50"])
    if answer["generated"]:
        assert _number(answer["first_token_seconds"]["p50"])
    startup = sections["startup"]
    assert _number(startup["cold_ask_wall_seconds"]["p50"]) and startup["imports"]["top_packages_seconds"]
    memory = sections["memory"]
    assert memory["serving_peak_rss_mb"] > 50 and memory["sync_peak_rss_mb"] > 50
    ocr = sections["ocr"]
    if "skipped" not in ocr:  # without Tesseract (`make ocr`) the section says so
        assert ocr["pages"] == 1 and ocr["declared_language"] == "eng"
        assert all(_number(ocr[k]) for k in ("declared_pages_per_s", "detected_pages_per_s", "threads_slowdown"))


def test_report_results_and_plot_written(report):
    data, out = report
    assert json.loads((out / "report.json").read_text())["config"]["name"] == "tiny"
    results = (out / "RESULTS.md").read_text()
    assert "## Targets" in results and "nproc" in results and "shared" in results
    if importlib.util.find_spec("matplotlib"):  # an optional dependency: pip install -e '.[bench]'
        assert (out / "scaling.png").stat().st_size > 1000
    else:
        assert "skipped" in data["sections"]["scaling"]
