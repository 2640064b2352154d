"""A sync killed at any stage leaves a readable index, and the next sync cleans up after it."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.answer.question import analyse_question

REPO = Path(__file__).resolve().parents[2]
NEW_NOTE = """---
title: Drug checking pilot in Fernhollow
date: 2026-02
language: en
---

# Drug checking pilot in Fernhollow

The Fernhollow drug checking pilot is run by the Ottermere Trust. It opened in February 2026
and tests samples twice a week in the town library.
"""
CHANGED = "prague-declaration-2010-druglawreform-en.md"
OLD_QUESTION = "What is a drug consumption room?"
NEW_QUESTION = "Who runs the Fernhollow drug checking pilot?"


def sync_and_kill_at(stage: str, corpus: Path, index: Path) -> str:
    """Run `assistant index` in a subprocess, wait for it to pause at `stage`, SIGKILL it."""
    env = {**os.environ, "ASSISTANT_SYNC_PAUSE_AT": f"{stage}:60"}
    process = subprocess.Popen([sys.executable, "-m", "assistant", "index", "--corpus", str(corpus),
                                "--index", str(index)], cwd=REPO, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    seen = []
    try:
        while True:
            line = lines.get(timeout=120)
            assert line is not None, f"sync ended without pausing at {stage}: {''.join(seen)}"
            seen.append(line)
            if line.startswith("sync paused at"):
                assert line.strip() == f"sync paused at {stage}"
                break
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return "".join(seen)


def assert_readable_and_consistent(bot) -> None:
    manifest = bot.store.read_manifest()
    ids = bot.store.all_ids(manifest.collection)
    assert len(ids) == len(set(ids)), "duplicate chunk ids in the collection"
    live = manifest.live_chunk_ids()
    assert live <= set(ids), "the manifest lists chunks that are not stored"
    for question in (OLD_QUESTION, NEW_QUESTION):
        passages = bot.retriever.retrieve_passages(analyse_question(question), k=20)
        assert passages and {p.chunk_id for p in passages} <= live
    answer = bot.ask(OLD_QUESTION)
    assert not answer.refused and answer.citations


@pytest.mark.parametrize("stage", ["after-batch", "before-commit", "after-commit"])
def test_a_sync_killed_at_any_stage_leaves_a_readable_index(stage, make_assistant, small_corpus, tmp_path):
    index = tmp_path / "index"
    make_assistant(small_corpus, index).sync_index()
    (small_corpus / "fernhollow-drug-checking-2026-en.md").write_text(NEW_NOTE, encoding="utf-8")
    changed = small_corpus / CHANGED
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA closing sentence about Lisbon.\n",
                       encoding="utf-8")

    sync_and_kill_at(stage, small_corpus, index)

    bot = make_assistant(small_corpus, index)
    assert_readable_and_consistent(bot)
    committed = stage == "after-commit"
    assert ("fernhollow-drug-checking-2026-en.md" in bot.store.read_manifest().documents) == committed

    report = bot.sync_index()
    assert not report.failed
    if committed:
        assert report.embedded_chunks == 0 and len(report.unchanged) == 4
    else:
        assert report.added == ["fernhollow-drug-checking-2026-en.md"] and report.updated == [CHANGED]
    manifest = bot.store.read_manifest()
    ids = bot.store.all_ids(manifest.collection)
    assert len(ids) == len(set(ids))
    assert set(ids) == manifest.live_chunk_ids(), "orphan chunks left after the follow-up sync"
    assert bot.store.collections() == [manifest.collection]
    answer = bot.ask(NEW_QUESTION)
    assert not answer.refused and answer.citations[0].source == "fernhollow-drug-checking-2026-en.md"
