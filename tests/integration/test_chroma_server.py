"""Server mode: several assistants share one Chroma server (and its manifest)."""

import subprocess
import time
from pathlib import Path

import httpx
import pytest
from servers import free_port, stop_process

CHROMA = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "chroma"
NOTE = """---
title: Eastbridge overdose prevention budget
date: 2026-05
language: en
---

# Eastbridge overdose prevention budget

Eastbridge city council set aside 480,000 euros for naloxone distribution in its 2026 budget.
"""
QUESTION = "How much did Eastbridge set aside for naloxone distribution?"



@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    if not CHROMA.exists():
        pytest.skip(f"{CHROMA} is missing (it comes with the chromadb package)")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    server = subprocess.Popen([str(CHROMA), "run", "--path", str(data), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("the Chroma server did not start within 60 s")
    yield url
    stop_process(server, timeout=30)


def test_two_instances_share_the_index_and_see_each_others_syncs(make_assistant, small_corpus, tmp_path,
                                                                 chroma_url):
    syncer = make_assistant(small_corpus, tmp_path / "a", chroma_url=chroma_url)
    report = syncer.sync_index()
    assert len(report.added) == 3
    assert not (tmp_path / "a" / "manifest.json").exists()  # the manifest lives on the server

    reader = make_assistant(tmp_path / "elsewhere", tmp_path / "b", chroma_url=chroma_url)
    assert reader.has_index()
    answer = reader.ask("Which four cities backed the Frankfurt Resolution in the early 1990s?")
    assert not answer.refused and "Hamburg" in answer.text
    assert reader.ask(QUESTION).refused

    (small_corpus / "eastbridge.md").write_text(NOTE, encoding="utf-8")
    assert syncer.sync_index().added == ["eastbridge.md"]
    after = reader.ask(QUESTION)  # no restart: the reader notices the new manifest version
    assert not after.refused
    assert after.citations[0].source == "eastbridge.md"

    manifest = reader.store.read_manifest()
    ids = reader.store.all_ids(manifest.collection)
    assert sorted(ids) == sorted(manifest.live_chunk_ids())
    # the language filter of an edition question ("the German edition…") works on a server too
    vector = reader.embedder.encode_one("Frankfurt Resolution")
    assert {cid for cid, _ in reader.store.query(manifest.collection, vector, 5, ["en"])} <= set(ids)
    assert reader.store.query(manifest.collection, vector, 5, ["en"])
    assert reader.store.query(manifest.collection, vector, 5, ["de"]) == []
    # and so does a scoped question's filter on document ids
    scoped = reader.ask(QUESTION, filters={"documents": ["prague-declaration-2010-druglawreform-en"]})
    assert scoped.refused and {p.source for p in scoped.passages} == {"prague-declaration-2010-druglawreform-en.md"}


def test_an_unreachable_server_is_one_clear_error(make_assistant, small_corpus, tmp_path):
    from assistant.errors import AssistantError

    bot = make_assistant(small_corpus, tmp_path / "index", chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(AssistantError, match="Chroma server"):
        bot.sync_index()
