"""Refusing when the documents don't hold the answer, even when they are on the topic."""

NOTE = """---
title: Millbrook street outreach
date: 2026-04
language: en
---

# Millbrook street outreach

The Millbrook street outreach team visits the night shelter every week to offer naloxone kits.
The team works with the municipal health service and with residents' associations.
"""


def test_a_quantity_the_documents_never_state_is_refused_but_the_fact_they_do_state_is_not(
        make_assistant, small_corpus, tmp_path):
    (small_corpus / "millbrook.md").write_text(NOTE, encoding="utf-8")
    bot = make_assistant(small_corpus, tmp_path / "index")
    bot.sync_index()
    refused = bot.ask("How many outreach workers does the Millbrook street outreach team employ?")
    assert refused.refused and refused.citations == []
    assert "millbrook.md" in {p.source for p in refused.passages}  # shown as the closest passage
    answered = bot.ask("How often does the Millbrook street outreach team visit the night shelter?")
    assert not answered.refused
    assert answered.citations[0].source == "millbrook.md" and "every week" in answered.text
