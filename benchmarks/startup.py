"""5. Start-up: a cold `assistant ask` process, its import-time breakdown, and app start to first answer."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.common import REPO, Config, free_port, percentiles, python, stop_process
from benchmarks.corpora import shipped_index

QUESTION = "Where and when did Efus adopt its resolution on local drug policy?"
IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def _ask_command(corpus: Path, index: Path) -> list[str]:
    return [python(), "-m", "assistant", "ask", QUESTION, "--corpus", str(corpus), "--index", str(index), "--json"]


def _run_timed(command: list[str]) -> tuple[float, str, str]:
    """(wall seconds, stdout, stderr) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = process.communicate(timeout=600)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed: {err[-1500:]}")
    return wall, out, err


def cold_ask(corpus: Path, index: Path, importtime: bool = False) -> dict:
    command = _ask_command(corpus, index)
    if importtime:
        command = [command[0], "-X", "importtime", *command[1:]]
    wall, out, err = _run_timed(command)
    answer = json.loads(out)
    return {"wall_seconds": wall, "answer_seconds": answer["timings"].get("total"),
            "with_importtime": importtime, "stderr": err if importtime else ""}


def import_breakdown(run: dict) -> dict:
    """`python -X importtime` over the same command: exclusive import time grouped by top package."""
    by_package: dict[str, float] = defaultdict(float)
    for line in run.pop("stderr").splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            by_package[match.group(4).split(".")[0]] += int(match.group(1)) / 1e6
    total = sum(by_package.values())
    top = dict(sorted(((k, round(v, 3)) for k, v in by_package.items()), key=lambda kv: -kv[1])[:12])
    return {"total_import_seconds": total, "top_packages_seconds": top, "modules": len(by_package)}


def app_first_answer(corpus: Path, index: Path, log: Path) -> dict:
    import httpx
    from gradio_client import Client

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "GRADIO_SERVER_PORT": str(port), "GRADIO_SERVER_NAME": "127.0.0.1",
           "ASSISTANT_INDEX_DIR": str(index), "ASSISTANT_CORPUS_DIR": str(corpus)}
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen([python(), "app.py"], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        ready = None
        while time.perf_counter() - started < 300:
            if process.poll() is not None:
                raise RuntimeError(f"app.py exited with {process.returncode}; see {log}")
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    ready = time.perf_counter() - started
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        if ready is None:
            raise RuntimeError("app.py did not start within 300 s")
        client = Client(url, verbose=False)
        result = client.predict(question=QUESTION, api_name="/ask")
        answered = time.perf_counter() - started
        if not isinstance(result, dict) or "text" not in result:
            raise RuntimeError(f"unexpected answer from the app: {str(result)[:200]}")
        return {"page_served_seconds": ready, "first_answer_seconds": answered, "port": port}
    finally:
        stop_process(process)


def run(config: Config) -> dict:
    corpus, index = shipped_index(config)
    traced = cold_ask(corpus, index, importtime=True)
    imports = import_breakdown(traced)
    # Without separate runs (tiny), the traced run stands in: importtime adds some overhead.
    runs = [cold_ask(corpus, index) for _ in range(config.cold_ask_runs)] or [traced]
    result = {
        "cold_ask_wall_seconds": percentiles([r["wall_seconds"] for r in runs]),
        "cold_ask_answer_pipeline_seconds": percentiles([r["answer_seconds"] for r in runs]),
        "cold_ask_runs": runs,
        "imports": imports,
        "question": QUESTION,
    }
    if config.app_start:
        config.out_dir.mkdir(parents=True, exist_ok=True)
        result["app"] = app_first_answer(corpus, index, config.out_dir / "app-start.log")
    result["met"] = None  # no target set for start-up
    return result
