"""Performance benchmarks: `python -m benchmarks [--quick] [--only NAME]` (or `make bench`).

Writes benchmarks/out/report.json and benchmarks/RESULTS.md (plus benchmarks/scaling.png).
Every ratio is measured within one run, because the machine is shared and timings drift.
"""

from __future__ import annotations

import json
import os
import time
import traceback

from benchmarks.common import Config, machine

BENCHMARKS = ("ingest", "incremental", "retrieval", "answer", "startup", "memory", "scaling", "ocr")


def run(config: Config, only: list[str] | None = None, log=print) -> dict:
    import importlib

    from benchmarks import results, scaling

    names = [n for n in BENCHMARKS if not only or n in only]
    config.out_dir.mkdir(parents=True, exist_ok=True)
    config.cache_dir.mkdir(parents=True, exist_ok=True)
    report_path = config.out_dir / "report.json"
    previous = json.loads(report_path.read_text()) if only and report_path.is_file() else {}
    report = {"config": config.to_dict(), "machine": machine(), "started_at": time.strftime("%Y-%m-%d %H:%M:%S"),
              "sections": dict(previous.get("sections", {})) if previous.get("config", {}).get("name") == config.name
              else {}}
    for name in names:
        if name == "scaling":
            continue
        log(f"[bench] {name} ...")
        started = time.perf_counter()
        try:
            section = importlib.import_module(f"benchmarks.{name}").run(config)
        except Exception:  # noqa: BLE001 - one failing benchmark must not lose the others
            section = {"error": traceback.format_exc(), "met": None}
            log(section["error"])
        section["benchmark_seconds"] = time.perf_counter() - started
        section["measured_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
        report["sections"][name] = section
        log(f"[bench] {name} done in {section['benchmark_seconds']:.1f} s")
        _write(report_path, report)
        if config.results_md is not None:  # partial results survive an interrupted run
            config.results_md.write_text(results.markdown(report), encoding="utf-8")
    report["finished_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
    try:
        report["machine"]["loadavg_at_end"] = list(os.getloadavg())
    except OSError:
        pass
    if report["sections"].keys() - set(names):  # a re-run merged into an earlier run: say which is which
        measured = [name for name in names if name != "scaling"]  # the plot measures nothing
        report["reruns"] = previous.get("reruns", []) + ([
            {"sections": measured, "from": report["started_at"], "to": report["finished_at"],
             "loadavg_at_start": report["machine"].get("loadavg_at_start"),
             "loadavg_at_end": report["machine"].get("loadavg_at_end")}] if measured else [])
        report["started_at"], report["finished_at"] = previous.get("started_at"), previous.get("finished_at")
    if "scaling" in names and config.scaling_png is not None:
        try:
            report["sections"]["scaling"] = scaling.plot(report, config.scaling_png)
        except Exception:  # noqa: BLE001
            report["sections"]["scaling"] = {"error": traceback.format_exc(), "met": None}
    _write(report_path, report)
    if config.results_md is not None:
        config.results_md.write_text(results.markdown(report), encoding="utf-8")
    return report


def _write(path, report: dict) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    temporary.replace(path)
