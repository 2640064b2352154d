"""Keeping the index in step with the corpus folder."""

import pytest

NEW_NOTE = """---
title: Municipal drug checking pilot in Lakeview
source_url: https://example.org/lakeview-drug-checking
publisher: Lakeview City Council
date: 2026-03
language: en
kind: news
---

# Municipal drug checking pilot in Lakeview

The Lakeview city council approved a drug checking pilot on 12 March 2026. The pilot is run by
the harm-reduction association Clearwater Outreach and is funded for eighteen months.
"""
QUESTION = "Which association runs the Lakeview drug checking pilot?"


@pytest.fixture
def small_bot(make_assistant, small_corpus, tmp_path):
    bot = make_assistant(small_corpus, tmp_path / "index")
    bot.sync_index()
    return bot


def collection_ids(bot):
    manifest = bot.store.read_manifest()
    return bot.store.all_ids(manifest.collection)


def test_adding_a_note_makes_it_answerable_and_removing_it_makes_it_refused(small_bot, small_corpus):
    note = small_corpus / "lakeview-drug-checking-2026-en.md"
    note.write_text(NEW_NOTE, encoding="utf-8")
    report = small_bot.sync_index()
    assert report.added == ["lakeview-drug-checking-2026-en.md"]
    answer = small_bot.ask(QUESTION)
    assert not answer.refused
    assert "Clearwater" in answer.text
    assert answer.citations[0].source == "lakeview-drug-checking-2026-en.md"

    note.unlink()
    report = small_bot.sync_index()
    assert report.removed == ["lakeview-drug-checking-2026-en.md"]
    assert small_bot.ask(QUESTION).refused


def test_a_second_sync_with_nothing_changed_embeds_nothing(small_bot):
    report = small_bot.sync_index()
    assert report.embedded_chunks == 0
    assert len(report.unchanged) == 3
    assert "no embedding needed" in report.summary()


def test_changing_a_file_replaces_its_chunks_without_duplicates(small_bot, small_corpus):
    path = small_corpus / "prague-declaration-2010-druglawreform-en.md"
    before = set(collection_ids(small_bot))
    path.write_text(path.read_text(encoding="utf-8") + "\nAn added closing sentence about Lisbon.\n",
                    encoding="utf-8")
    report = small_bot.sync_index()
    assert report.updated == ["prague-declaration-2010-druglawreform-en.md"]
    after = collection_ids(small_bot)
    assert len(after) == len(set(after)) == len(small_bot.store.read_manifest().live_chunk_ids())
    assert before != set(after)


def test_a_renamed_file_is_not_re_embedded(small_bot, small_corpus):
    old = small_corpus / "euda-miniguide-drug-consumption-rooms-en.md"
    old.rename(small_corpus / "miniguide-renamed.md")
    report = small_bot.sync_index()
    assert report.renamed == ["miniguide-renamed.md"]
    assert report.removed == [] and report.embedded_chunks == 0
    sources = {c.source for c in small_bot.retriever.current_snapshot().chunks}
    assert "miniguide-renamed.md" in sources
    assert "euda-miniguide-drug-consumption-rooms-en.md" not in sources


def test_changing_chunk_settings_rebuilds_by_itself(make_assistant, small_corpus, tmp_path):
    make_assistant(small_corpus, tmp_path / "index").sync_index()
    report = make_assistant(small_corpus, tmp_path / "index", chunk_size=400).sync_index()
    assert report.rebuilt and len(report.added) == 3
    assert len(make_assistant(small_corpus, tmp_path / "index", chunk_size=400).store.collections()) == 1
