"""A running assistant keeps answering while a sync runs, and sees the new state after it."""

import threading
import time

from assistant.ingest.sync import PAUSE_ENV

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
