"""Shared pieces of the benchmarks: sizes, synthetic data, timing statistics, machine facts.

Synthetic text is made of sentences taken from the shipped corpus and recombined with a
fixed seed, so documents read like the real ones (same vocabulary, sentence lengths and
term frequencies for BM25) and every run produces byte-identical corpora.
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import assistant  # noqa: F401 - sets the offline environment before any library reads it
import numpy as np

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
DEV_SET = REPO.parent / "shared" / "eval" / "dev.jsonl"
DEFAULT_OUT = REPO / "benchmarks" / "out"
SEED = 20240611


@dataclass
class Config:
    """How big each benchmark runs. `full` is what RESULTS.md reports."""

    name: str = "full"
    ingest_notes: int = 150
    incremental_sizes: list[int] = field(default_factory=lambda: [1000, 10000])
    retrieval_sizes: list[int] = field(default_factory=lambda: [1000, 10000, 100000])
    retrieval_queries: int = 40            # timed queries per size (dev questions, cycled)
    answer_questions: int = 20             # the first N dev-set questions (0 = all 40)
    cold_ask_runs: int = 1
    app_start: bool = True
    memory_questions: int = 5
    answer_corpus_docs: int = 0            # 0 = the shipped corpus; N = the sources of the first N dev questions
    ocr_pages: int = 6                     # scanned A4 pages read by Tesseract
    out_dir: Path = DEFAULT_OUT
    cache_dir: Path = DEFAULT_OUT / "cache"
    results_md: Path | None = REPO / "benchmarks" / "RESULTS.md"
    scaling_png: Path | None = REPO / "benchmarks" / "scaling.png"

    @classmethod
    def quick(cls, **kw) -> "Config":
        return cls(name="quick", ingest_notes=60, incremental_sizes=[1000], retrieval_sizes=[1000, 10000],
                   retrieval_queries=40, answer_questions=10, cold_ask_runs=1, memory_questions=3, ocr_pages=3,
                   **kw)

    @classmethod
    def tiny(cls, out_dir: Path, **kw) -> "Config":
        """For the smoke test: everything runs, nothing is big; outputs go to out_dir."""
        return cls(name="tiny", ingest_notes=4, incremental_sizes=[12], retrieval_sizes=[200],
                   retrieval_queries=8, answer_questions=1, cold_ask_runs=0, app_start=False,
                   memory_questions=1, answer_corpus_docs=1, ocr_pages=1, out_dir=out_dir, cache_dir=out_dir / "cache",
                   results_md=out_dir / "RESULTS.md", scaling_png=out_dir / "scaling.png", **kw)

    def to_dict(self) -> dict:
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}


# --- statistics ---------------------------------------------------------------------------
def percentiles(samples: list[float]) -> dict:
    values = np.asarray(samples, dtype=float)
    if values.size == 0:
        return {"n": 0}
    return {"n": int(values.size), "p50": float(np.percentile(values, 50)),
            "p95": float(np.percentile(values, 95)), "mean": float(values.mean()),
            "min": float(values.min()), "max": float(values.max())}


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def maxrss_mb() -> float:
    """This process's peak resident memory. Linux's ru_maxrss survives exec: a worker started
    from a 2 GB benchmark process reported 2 GB before loading anything. VmHWM, the peak of
    the process's own address space, starts afresh at exec."""
    import resource

    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE).group(1)) / 1024.0
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


# --- settings and models --------------------------------------------------------------------
def base_settings():
    from assistant import Settings

    return Settings.load(REPO / "assistant.toml", env={})


@lru_cache(maxsize=1)
def shared_embedder():
    from assistant.models.embedder import Embedder

    return Embedder(base_settings())


@lru_cache(maxsize=1)
def shared_generator():
    from assistant.models.generators import make_generator

    return make_generator(base_settings())


def make_assistant(corpus_dir: Path, index_dir: Path, generator=None):
    from assistant import Assistant

    return Assistant(corpus_dir, index_dir, base_settings(), embedder=shared_embedder(),
                     generator=generator or shared_generator())


def dev_questions(limit: int = 0) -> list[dict]:
    """The shared dev questions; without ../shared (a clone on its own), one question per
    shipped note, built from its title, so the benchmarks still run."""
    if DEV_SET.is_file():
        rows = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        rows = [{"id": path.stem, "question": f"What does the document '{_title(path)}' report?"}
                for path in sorted((REPO / "corpus").glob("*.md"))]
    return rows[:limit] if limit else rows


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("title:"):
            return line.removeprefix("title:").strip()
    return path.stem


# --- synthetic text -----------------------------------------------------------------------
@lru_cache(maxsize=1)
def corpus_sentences() -> tuple[str, ...]:
    sentences = []
    for path in sorted(CORPUS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[-1]
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith(("#", "|", "-", "*")):
                continue
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.strip()) > 40]
    return tuple(sentences)


class TextMaker:
    """Deterministic realistic text: shipped-corpus sentences in a seeded random order."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.sentences = corpus_sentences()

    def sentences_of(self, n: int) -> list[str]:
        return [self.rng.choice(self.sentences) for _ in range(n)]

    def paragraph(self, min_chars: int) -> str:
        parts, size = [], 0
        while size < min_chars:
            sentence = self.rng.choice(self.sentences)
            parts.append(sentence)
            size += len(sentence) + 1
        return " ".join(parts)

    def note(self, number: int, paragraphs: int = 6, chars: int = 550) -> str:
        """A Markdown note with front matter and sections, like the shipped ones."""
        year = 2000 + self.rng.randrange(25)
        lines = ["---", f"title: Synthetic policy note {number}", f"date: {year}-0{1 + number % 9}-1{number % 10}",
                 "language: en", "kind: note", "publisher: Benchmark generator", "---", "",
                 f"# Synthetic policy note {number}", ""]
        for section in range(paragraphs):
            if section % 2 == 0:
                lines += [f"## Section {section // 2 + 1} of note {number}", ""]
            lines += [self.paragraph(chars), ""]
        return "\n".join(lines)

    def short_note(self, number: int) -> str:
        """A short document (one chunk) for the 1k/10k-document incremental corpora."""
        return (f"---\ntitle: Short note {number}\nlanguage: en\n---\n\n"
                f"Reference {number:06d}. {self.paragraph(350)}\n")


def write_notes(folder: Path, count: int, short: bool = False, seed: int = SEED) -> int:
    """Write `count` notes; returns the bytes written. Existing identical files are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    maker = TextMaker(seed)
    total = 0
    for number in range(count):
        text = maker.short_note(number) if short else maker.note(number)
        path = folder / f"note-{number:06d}.md"
        data = text.encode("utf-8")
        total += len(data)
        if not path.is_file() or path.stat().st_size != len(data):
            path.write_bytes(data)
    return total


def random_unit_vectors(count: int, dimension: int, seed: int = SEED) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((count, dimension), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


# --- subprocess and machine ---------------------------------------------------------------
def python() -> str:
    return sys.executable


def run_worker(args: list[str], timeout: float = 3600, env: dict | None = None) -> dict:
    """Run `python -m benchmarks.worker ARGS` and return the JSON it prints last."""
    result = subprocess.run([python(), "-m", "benchmarks.worker", *args], cwd=REPO, capture_output=True,
                            text=True, timeout=timeout, env={**os.environ, **(env or {})})
    if result.returncode != 0:
        raise RuntimeError(f"worker {args} failed ({result.returncode}): {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process(process: subprocess.Popen | None) -> None:
    """Terminate a server we started, killing it if it ignores that for 20 s."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def machine() -> dict:
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        models = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        info["cpu_model"] = models[0] if models else "unknown"
        flags = re.search(r"^flags\s*:\s*(.+)$", cpuinfo, re.M)
        if flags:
            info["cpu_simd"] = " ".join(f for f in ("avx", "avx2", "avx512f", "fma", "f16c")
                                        if f in flags.group(1).split())
    except OSError:
        info["cpu_model"] = "unknown"
    try:
        meminfo = Path("/proc/meminfo").read_text()
        info["ram_gb"] = round(int(re.search(r"MemTotal:\s*(\d+)", meminfo).group(1)) / 1024 / 1024, 1)
    except (OSError, AttributeError):
        pass
    try:
        info["loadavg_at_start"] = list(os.getloadavg())
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    for package in ("torch", "chromadb", "sentence-transformers", "llama-cpp-python", "llama-index-core",
                    "bm25s", "gradio", "numpy"):
        try:
            info[package] = version(package)
        except PackageNotFoundError:
            info[package] = None
    return info
