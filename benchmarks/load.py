"""Concurrency/load test of the chat app's `/ask` API (Gradio's, or the HTTP API with `--api`).

    python -m benchmarks.load --url http://127.0.0.1:7860 --sessions 20 --seconds 120
    python -m benchmarks.load --url http://127.0.0.1:7860 --api --sessions 20 --seconds 120
    python -m benchmarks.load --launch --sessions 20 --seconds 120            # starts app.py itself
    python -m benchmarks.load --launch --model-server --sessions 20 --seconds 120
                              # ... plus llama_cpp.server, the app pointed at it (llm_server_url)

Each session is a thread with its own `gradio_client.Client` (its own Gradio session) that asks
the dev questions of ../shared/eval/dev.jsonl in a loop, one at a time, until the deadline (with
`--api`: its own HTTP connection, `POST /api/ask`): no
request is submitted after it, and each waits at most `--timeout` seconds. A "busy" reply is
Gradio refusing the request because its queue is full (HTTP 503, `QueueError`); an "error" is
anything else that is not an answer (including a per-request timeout, counted separately too).

Prints a text summary and writes the figures as JSON (`--json`, default stdout at the end).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass, field
from pathlib import Path

import assistant  # noqa: F401 - sets the offline environment before any library reads it
import httpx
from gradio_client import Client
from gradio_client.exceptions import AppError
from gradio_client.utils import QueueError

from benchmarks.common import free_port, stop_process

REPO = Path(__file__).resolve().parent.parent
DEV_SET = REPO.parent / "shared" / "eval" / "dev.jsonl"
START_TIMEOUT = 600.0  # a first launch also builds the index


@dataclass
class Sample:
    session: int
    started: float          # seconds since the load began
    latency: float
    outcome: str            # ok | refused | busy | timeout | error
    detail: str = ""


@dataclass
class Report:
    url: str
    mode: str
    sessions: int
    seconds: float
    timeout: float
    wall_seconds: float = 0.0
    requests: int = 0
    answered: int = 0
    refused: int = 0
    busy: int = 0
    timeouts: int = 0
    errors: int = 0
    client_start_failures: int = 0
    answers_per_minute: float = 0.0
    latency_p50: float | None = None
    latency_p95: float | None = None
    latency_max: float | None = None
    latency_min: float | None = None
    busy_latency_max: float | None = None
    error_examples: list[str] = field(default_factory=list)

    def text(self) -> str:
        def s(value):
            return "-" if value is None else f"{value:.2f} s"
        lines = [
            f"load test of {self.url} ({self.mode}): {self.sessions} sessions for {self.seconds:g} s "
            f"(per-request timeout {self.timeout:g} s; finished after {self.wall_seconds:.1f} s)",
            f"  requests {self.requests}: answered {self.answered} (of which refused {self.refused}), "
            f"busy {self.busy}, timeouts {self.timeouts}, other errors {self.errors}"
            + (f", clients that failed to connect {self.client_start_failures}"
               if self.client_start_failures else ""),
            f"  throughput {self.answers_per_minute:.1f} answers/min",
            f"  latency of answers: p50 {s(self.latency_p50)}, p95 {s(self.latency_p95)}, "
            f"max {s(self.latency_max)} (min {s(self.latency_min)})",
        ]
        if self.busy:
            lines.append(f"  busy replies came back within {s(self.busy_latency_max)}")
        for example in self.error_examples:
            lines.append(f"  error: {example}")
        return "\n".join(lines)


def load_questions(path: Path) -> list[str]:
    questions = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                questions.append(json.loads(line)["question"])
    if not questions:
        raise SystemExit(f"error: no questions in {path}")
    return questions


def run_api_session(number: int, url: str, questions: list[str], began: float, deadline: float,
                    timeout: float, auth: tuple[str, str] | None, samples: list[Sample],
                    lock: threading.Lock, failures: list[str], per_session: int | None = None) -> None:
    """One client of the HTTP API: `POST /api/ask`, one question at a time, until the deadline
    or, when `per_session` is given, exactly that many questions."""
    order = questions[:]
    random.Random(number).shuffle(order)
    with httpx.Client(base_url=url.rstrip("/"), auth=auth, timeout=timeout) as client:
        asked = 0
        while (asked < per_session) if per_session else (time.monotonic() < deadline):
            question = order[asked % len(order)]
            asked += 1
            start = time.monotonic()
            try:
                response = client.post("/api/ask", json={"question": question})
                if response.status_code == 200 and "text" in response.json():
                    outcome, detail = ("refused" if response.json()["refused"] else "ok"), ""
                elif response.status_code == 503:
                    outcome, detail = "busy", response.text[:200]
                else:
                    outcome, detail = "error", f"HTTP {response.status_code}: {response.text[:200]}"
            except httpx.TimeoutException:
                outcome, detail = "timeout", f"no answer within {timeout:g} s"
            except (httpx.HTTPError, ValueError) as error:
                outcome, detail = "error", f"{type(error).__name__}: {error}"[:300]
            with lock:
                samples.append(Sample(number, round(start - began, 3), round(time.monotonic() - start, 3),
                                      outcome, detail))


def run_session(number: int, url: str, questions: list[str], began: float, deadline: float,
                timeout: float, auth: tuple[str, str] | None, samples: list[Sample],
                lock: threading.Lock, failures: list[str]) -> None:
    try:
        client = Client(url, verbose=False, auth=auth, download_files=False,
                        analytics_enabled=False, httpx_kwargs={"timeout": 60})
    except Exception as error:  # noqa: BLE001 - a load test reports, it does not crash
        with lock:
            failures.append(f"session {number}: cannot connect: {type(error).__name__}: {error}")
        return
    order = questions[:]
    random.Random(number).shuffle(order)
    asked = 0
    try:
        while time.monotonic() < deadline:
            question = order[asked % len(order)]
            asked += 1
            start = time.monotonic()
            outcome, detail = "ok", ""
            job = None
            try:
                job = client.submit(question, api_name="/ask")
                result = job.result(timeout=timeout)
                if isinstance(result, dict) and "text" in result:
                    outcome = "refused" if result.get("refused") else "ok"
                else:
                    outcome, detail = "error", f"unexpected result {str(result)[:120]}"
            except QueueError as error:
                outcome, detail = "busy", str(error)
            except (FutureTimeout, TimeoutError):
                outcome, detail = "timeout", f"no answer within {timeout:g} s"
                if job is not None:
                    job.cancel()
            except AppError as error:
                outcome, detail = "error", f"app error: {error}"
            except Exception as error:  # noqa: BLE001
                # gradio_client wraps a 503 from the queue into QueueError only on some paths.
                text = f"{type(error).__name__}: {error}"
                outcome = "busy" if "queue is full" in text.lower() else "error"
                detail = text[:300]
            end = time.monotonic()
            with lock:
                samples.append(Sample(number, round(start - began, 3), round(end - start, 3),
                                      outcome, detail))
            if outcome == "busy":
                time.sleep(1.0)  # what a polite client does when told the server is busy
    finally:
        try:
            client.close()
        except Exception:  # noqa: BLE001
            pass


def run_load(url: str, sessions: int, seconds: float, timeout: float, questions: list[str],
             auth: tuple[str, str] | None, mode: str, api: bool = False,
             per_session: int | None = None) -> tuple[Report, list[Sample]]:
    """`per_session` (HTTP API only): each client asks exactly that many questions instead of
    asking until `seconds` have passed."""
    samples: list[Sample] = []
    failures: list[str] = []
    lock = threading.Lock()
    began = time.monotonic()
    deadline = began + seconds
    extra = {"per_session": per_session} if api else {}
    threads = [threading.Thread(target=run_api_session if api else run_session, daemon=True, name=f"session-{n}",
                                args=(n, url, questions, began, deadline, timeout, auth, samples,
                                      lock, failures), kwargs=extra)
               for n in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        # Bounded: a request submitted just before the deadline waits at most `timeout`.
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + timeout + 30)
    wall = time.monotonic() - began
    return summarise(url, mode, sessions, seconds, timeout, wall, samples, failures), samples


def summarise(url, mode, sessions, seconds, timeout, wall, samples, failures) -> Report:
    report = Report(url=url, mode=mode, sessions=sessions, seconds=seconds, timeout=timeout,
                    wall_seconds=round(wall, 2))
    report.requests = len(samples)
    answered = [s for s in samples if s.outcome in ("ok", "refused")]
    report.answered = len(answered)
    report.refused = sum(s.outcome == "refused" for s in samples)
    report.busy = sum(s.outcome == "busy" for s in samples)
    report.timeouts = sum(s.outcome == "timeout" for s in samples)
    report.errors = sum(s.outcome == "error" for s in samples)
    report.client_start_failures = len(failures)
    report.answers_per_minute = round(60.0 * report.answered / wall, 2) if wall else 0.0
    latencies = sorted(s.latency for s in answered)
    if latencies:
        report.latency_p50 = round(statistics.median(latencies), 3)
        report.latency_p95 = round(percentile(latencies, 0.95), 3)
        report.latency_max = round(latencies[-1], 3)
        report.latency_min = round(latencies[0], 3)
    busy = [s.latency for s in samples if s.outcome == "busy"]
    if busy:
        report.busy_latency_max = round(max(busy), 3)
    examples = failures + [f"{s.outcome}: {s.detail}" for s in samples
                           if s.outcome in ("error", "timeout")]
    report.error_examples = list(dict.fromkeys(examples))[:5]
    return report


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of sorted values."""
    rank = max(1, min(len(values), int(-(-q * len(values) // 1))))
    return values[rank - 1]


# --- optional: start the app (and a model server) ourselves ------------------------------------

def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"error: {' '.join(map(str, process.args[:3]))} exited with "
                             f"{process.returncode}; log {log}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(url, timeout=3).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"error: {url} did not answer within {timeout:.0f} s; log {log}")


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("wb") as handle:
        return subprocess.Popen(command, cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="the running app, e.g. http://127.0.0.1:7860")
    parser.add_argument("--launch", action="store_true",
                        help="start app.py on a free loopback port (and stop it at the end)")
    parser.add_argument("--index", type=Path,
                        help="with --launch: the index folder (ASSISTANT_INDEX_DIR); built on first "
                             "start if empty; default: a new temporary folder")
    parser.add_argument("--model-server", action="store_true",
                        help="with --launch: also start llama_cpp.server with the default GGUF and "
                             "point the app at it (ASSISTANT_LLM_SERVER_URL)")
    parser.add_argument("--api", action="store_true", help="load POST /api/ask instead of Gradio's /ask")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--timeout", type=float, default=300.0, help="per-request timeout, seconds")
    parser.add_argument("--questions", type=Path, default=DEV_SET)
    parser.add_argument("--json", type=Path, help="write the report (and every sample) here")
    args = parser.parse_args(argv)
    if bool(args.url) == args.launch:
        parser.error("give exactly one of --url or --launch")
    if args.model_server and not args.launch:
        parser.error("--model-server needs --launch")

    questions = load_questions(args.questions)
    user, password = os.environ.get("ASSISTANT_AUTH_USERNAME"), os.environ.get("ASSISTANT_AUTH_PASSWORD")
    auth = (user, password) if user and password else None
    app = model = None
    scratch = Path(tempfile.mkdtemp(prefix="load-"))
    try:
        url = args.url
        mode = "external app"
        if args.launch:
            env = dict(os.environ)  # the offline defaults, set by importing `assistant`
            if args.model_server:
                from assistant.models.generators import default_gguf_path
                from assistant.settings import Settings

                settings = Settings.load()
                model_port = free_port()
                model_log = scratch / "model-server.log"
                model = start([sys.executable, "-m", "llama_cpp.server", "--model", str(default_gguf_path()),
                               "--host", "127.0.0.1", "--port", str(model_port),
                               "--n_ctx", str(settings.llm_context_tokens),
                               "--n_threads", str(settings.inference_threads)], env, model_log)
                model_url = f"http://127.0.0.1:{model_port}/v1"
                wait_until_up(f"{model_url}/models", model, model_log, 120)
                env["ASSISTANT_LLM_SERVER_URL"] = model_url
            port = free_port()
            env["ASSISTANT_INDEX_DIR"] = str((args.index or scratch / "index").resolve())
            env["GRADIO_SERVER_NAME"] = "127.0.0.1"
            env["GRADIO_SERVER_PORT"] = str(port)
            app_log = scratch / "app.log"
            print(f"starting app.py on port {port} (index {env['ASSISTANT_INDEX_DIR']}, log {app_log})",
                  file=sys.stderr, flush=True)
            app = start([sys.executable, "app.py"], env, app_log)
            url = f"http://127.0.0.1:{port}"
            wait_until_up(f"{url}/gradio_api/info", app, app_log, START_TIMEOUT)
        if args.launch:
            mode = ("model server " + env["ASSISTANT_LLM_SERVER_URL"]
                    if "ASSISTANT_LLM_SERVER_URL" in env and env["ASSISTANT_LLM_SERVER_URL"]
                    else "embedded llama.cpp")
        print(f"{args.sessions} sessions asking {len(questions)} questions for {args.seconds:g} s…",
              file=sys.stderr, flush=True)
        report, samples = run_load(url, args.sessions, args.seconds, args.timeout, questions, auth,
                                   mode + (", HTTP API" if args.api else ""), api=args.api)
    finally:
        stop_process(app)
        stop_process(model)
    print(report.text())
    payload = {"report": asdict(report), "samples": [asdict(s) for s in samples]}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    else:
        print(json.dumps(asdict(report), indent=2))
    return 0 if report.answered and not report.errors and not report.timeouts else 1


if __name__ == "__main__":
    sys.exit(main())
