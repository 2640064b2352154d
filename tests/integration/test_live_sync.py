"""A running assistant keeps answering while a sync runs, and sees the new state after it."""

import subprocess
import sys
import threading
import time
from pathlib import Path

from assistant.ingest.sync import PAUSE_ENV

REPO = Path(__file__).resolve().parents[2]

NOTE = """---
title: Harbourtown needle exchange evaluation
date: 2026-02
language: en
---

# Harbourtown needle exchange evaluation

The Harbourtown evaluation of the needle exchange was led by the Quillfeather Institute in 2026.
"""
QUESTION = "Which institute led the Harbourtown needle exchange evaluation?"


def test_answers_continue_during_a_sync_and_the_new_state_appears_after_it(
        make_assistant, small_corpus, tmp_path, monkeypatch):
    bot = make_assistant(small_corpus, tmp_path / "index")
    bot.sync_index()
    (small_corpus / "harbourtown.md").write_text(NOTE, encoding="utf-8")
    monkeypatch.setenv(PAUSE_ENV, "before-commit:4")
    syncing = threading.Thread(target=bot.sync_index)
    syncing.start()
    time.sleep(1.0)  # the new chunks are in Chroma now, but not committed

    during = bot.ask(QUESTION)
    assert syncing.is_alive(), "the sync should still be paused before its commit"
    assert during.refused
    assert "harbourtown.md" not in {p.source for p in during.passages}

    syncing.join(timeout=60)
    after = bot.ask(QUESTION)
    assert not after.refused
    assert after.citations[0].source == "harbourtown.md"
    assert "Quillfeather" in after.text


REWORDED_NOTE = """---
title: Annual review 2026
date: 2026-03
language: en
---

# Annual review 2026

The evaluation of the needle exchange was led by the Quillfeather Institute.
"""
# No word in common with the note: only the meaning-based search can match it.
REWORDED_QUESTION = "Which research organisation assessed the syringe swap scheme?"


def test_a_sync_from_another_process_reaches_both_retrievers_of_a_running_assistant(
        make_assistant, small_corpus, tmp_path):
    index = tmp_path / "index"
    bot = make_assistant(small_corpus, index)
    bot.sync_index()
    bot.ask(REWORDED_QUESTION)  # loads the vector index into this process's memory

    (small_corpus / "review.md").write_text(REWORDED_NOTE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "assistant", "index", "--corpus", str(small_corpus),
                    "--index", str(index)], cwd=REPO, check=True, capture_output=True, timeout=300)

    after = bot.ask(REWORDED_QUESTION)
    by_meaning = max(after.passages, key=lambda p: p.dense_score)
    assert by_meaning.source == "review.md"
    assert by_meaning.lexical_score == 0.0  # keyword search cannot have found it
