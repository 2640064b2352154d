"""The corpus the answer, start-up and memory benchmarks serve: the shipped one, indexed once."""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import CORPUS, Config, dev_questions, make_assistant


def answer_corpus(config: Config) -> Path:
    """The shipped corpus, or (tiny runs) only the documents the first dev questions need."""
    docs = getattr(config, "answer_corpus_docs", 0)
    if not docs:
        return CORPUS
    folder = config.cache_dir / f"answer-corpus-{docs}"
    folder.mkdir(parents=True, exist_ok=True)
    for row in dev_questions(docs):
        for source in row.get("expected_sources", []):
            for path in CORPUS.glob(f"{source}.*"):
                (folder / path.name).write_bytes(path.read_bytes())
    return folder


def shipped_index(config: Config) -> tuple[Path, Path]:
    """(corpus, index): the answer corpus indexed into the benchmark cache (cheap when unchanged)."""
    corpus = answer_corpus(config)
    index_dir = config.cache_dir / f"{corpus.name}-index"
    report = make_assistant(corpus, index_dir).sync_index()
    if report.failed:
        raise RuntimeError(f"{corpus} failed to index: {report.failed}")
    return corpus, index_dir
