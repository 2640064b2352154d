"""A real document folder holds junk: each bad file is reported once, the rest is indexed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GOOD_NOTE = ("# Naloxone in Eastbrook\n\nThe Eastbrook pharmacy network hands out free naloxone kits "
             "to anyone who asks. The scheme started in 2021 and is run by the Quillmore Foundation.\n")
CP1252_NOTE = "The “Tessaly” day centre – open since 2019 – offers café meals for €2 to every visitor.\n"
TRUNCATED_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa"

# bad file -> words its failure reason must contain
EXPECTED_FAILURES = {
    "empty.md": "empty",
    "blank.txt": "empty",
    "broken.pdf": "pdf",
    "not-a-zip.docx": "docx",
    "binary.txt": "binary",
    "data.xyz": "unsupported",
    "outside-link.md": "symlink",
    "big.txt": "limit",
}


def build_bad_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(GOOD_NOTE, encoding="utf-8")
    (corpus / "legacy-cp1252.txt").write_bytes(CP1252_NOTE.encode("cp1252"))
    (corpus / "empty.md").write_bytes(b"")
    (corpus / "blank.txt").write_text("  \n\t\n   \n", encoding="utf-8")
    (corpus / "broken.pdf").write_bytes(TRUNCATED_PDF)
    (corpus / "not-a-zip.docx").write_text("This is plain text saved with a .docx name.", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4)
    (corpus / "data.xyz").write_text("some data", encoding="utf-8")
    secret = root / "outside.md"
    secret.write_text("# Outside\n\nThis file lives outside the corpus folder.\n", encoding="utf-8")
    (corpus / "outside-link.md").symlink_to(secret)
    (corpus / "big.txt").write_text("A long line of harm-reduction text. " * 200, encoding="utf-8")  # ~7 KB
    return corpus


SMALL_LIMIT_MB = 0.005  # 5 KB: every good file is well under it, big.txt is over it


def test_each_bad_file_fails_once_with_a_reason_and_the_good_files_are_indexed(make_assistant, tmp_path):
    corpus = build_bad_corpus(tmp_path)
    bot = make_assistant(corpus, tmp_path / "index", max_file_mb=SMALL_LIMIT_MB)
    report = bot.sync_index()

    failed = {o.source: o.reason for o in report.failed}
    assert sorted(failed) == sorted(EXPECTED_FAILURES)
    assert len(report.failed) == len(EXPECTED_FAILURES)  # exactly one outcome each
    for source, word in EXPECTED_FAILURES.items():
        assert word in failed[source].lower(), (source, failed[source])
        assert "Traceback" not in failed[source]
    assert "0.005 MB" in failed["big.txt"]
    assert sorted(report.added) == ["good.md", "legacy-cp1252.txt"]
    assert sorted(o.source for o in report.outcomes) == sorted([*EXPECTED_FAILURES, "good.md",
                                                               "legacy-cp1252.txt"])

    chunks = bot.retriever.current_snapshot().chunks
    legacy = [c.text for c in chunks if c.source == "legacy-cp1252.txt"]
    assert legacy and CP1252_NOTE.strip() in legacy[0]
    assert {c.source for c in chunks} == {"good.md", "legacy-cp1252.txt"}
    answer = bot.ask("Which foundation runs the naloxone scheme in Eastbrook?")
    assert not answer.refused and answer.citations[0].source == "good.md"


def test_a_good_file_replaced_by_a_corrupt_one_keeps_its_last_good_version(make_assistant, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(GOOD_NOTE, encoding="utf-8")
    docx_path = corpus / "policy.docx"
    import docx

    policy = docx.Document()
    policy.core_properties.title = "Westmarch drug checking policy"
    policy.add_paragraph("The Westmarch drug checking service is run by the Brindlewick Collective. "
                         "It tests samples at music festivals every summer.")
    policy.save(docx_path)
    bot = make_assistant(corpus, tmp_path / "index")
    assert sorted(bot.sync_index().added) == ["good.md", "policy.docx"]
    live_before = bot.store.read_manifest().documents["policy.docx"].chunk_ids

    docx_path.write_bytes(docx_path.read_bytes()[:300])  # truncated: no longer a valid zip
    report = bot.sync_index()
    assert [o.source for o in report.failed] == ["policy.docx"]
    assert "previous version kept" in report.failed[0].reason
    assert report.unchanged == ["good.md"]

    manifest = bot.store.read_manifest()
    assert manifest.documents["policy.docx"].chunk_ids == live_before
    assert set(live_before) <= set(bot.store.all_ids(manifest.collection))
    answer = bot.ask("Who runs the Westmarch drug checking service?")
    assert not answer.refused
    assert answer.citations[0].source == "policy.docx"

    # A second sync with the file still corrupt doesn't try it or report it again, and still keeps it.
    report = bot.sync_index()
    assert report.failed == [] and [o.source for o in report.known_failures] == ["policy.docx"]
    assert "previous version kept" in bot.failed_files()["policy.docx"].reason + report.known_failures[0].reason
    assert bot.store.read_manifest().documents["policy.docx"].chunk_ids == live_before
    retried = bot.sync_index(retry=["policy.docx"])  # asked for: tried and reported again
    assert [o.source for o in retried.failed] == ["policy.docx"]
    assert bot.store.read_manifest().documents["policy.docx"].chunk_ids == live_before


def run_cli(corpus: Path, index: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ASSISTANT_MAX_FILE_MB": str(SMALL_LIMIT_MB)}
    env.pop("ASSISTANT_SYNC_PAUSE_AT", None)
    return subprocess.run([sys.executable, "-m", "assistant", "index", "--corpus", str(corpus),
                           "--index", str(index), *extra],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_cli_lists_each_skipped_file_and_exits_3(tmp_path):
    corpus = build_bad_corpus(tmp_path)
    index = tmp_path / "index"
    result = run_cli(corpus, index)
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    failed_lines = [line for line in result.stdout.splitlines() if line.startswith("failed")]
    assert len(failed_lines) == len(EXPECTED_FAILURES)
    for source in EXPECTED_FAILURES:
        assert sum(f" {source} " in line for line in failed_lines) == 1, source

    # Nothing changed: the same files are not tried or listed again, only counted…
    result = run_cli(corpus, index)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [line for line in result.stdout.splitlines() if not line.startswith("failed")]
    assert f"({len(EXPECTED_FAILURES)} unchanged files still unusable)" in result.stdout
    # …and --json marks them as known failures with their reasons.
    report = json.loads(run_cli(corpus, index, "--json").stdout)
    known = {d["source"]: d["reason"] for d in report["documents"] if d["status"] == "known failure"}
    assert sorted(known) == sorted(EXPECTED_FAILURES) and all(known.values())
    assert {d["source"] for d in report["documents"] if d["status"] == "unchanged"} == {
        "good.md", "legacy-cp1252.txt"}

    # --retry-failed tries them all again; a changed file is tried again by itself.
    assert run_cli(corpus, index, "--retry-failed").returncode == 3
    (corpus / "empty.md").write_text("# Not empty any more\n\nThe Eastbrook night shelter opened in 2022.\n",
                                     encoding="utf-8")
    result = run_cli(corpus, index)
    assert result.returncode == 0 and result.stdout.startswith("added     empty.md  [1 chunks]"), result.stdout


def test_deleting_documents_and_failed_files_from_the_index(make_assistant, tmp_path):
    corpus = build_bad_corpus(tmp_path)
    bot = make_assistant(corpus, tmp_path / "index", max_file_mb=SMALL_LIMIT_MB)
    bot.sync_index()
    assert set(bot.failed_files()) == set(EXPECTED_FAILURES)

    report = bot.delete_document("good.md")
    assert report.removed == ["good.md"] and not (corpus / "good.md").exists()
    assert "good.md" not in bot.indexed_documents()
    assert bot.ask("Which foundation runs the naloxone scheme in Eastbrook?").refused

    bot.delete_document("broken.pdf")  # a failed file: removed, and no longer listed
    assert "broken.pdf" not in bot.failed_files() and not (corpus / "broken.pdf").exists()
    bot.delete_document("outside-link.md")  # the link goes, the file it points to stays
    assert not (corpus / "outside-link.md").is_symlink() and (tmp_path / "outside.md").exists()

    from assistant.errors import DocumentError

    for bad in ("../outside.md", "legacy-cp1252.txt/../../outside.md", "never-there.md", "/etc/hostname"):
        with pytest.raises(DocumentError, match="nothing deleted"):
            bot.delete_document(bad)
    assert (tmp_path / "outside.md").exists() and "legacy-cp1252.txt" in bot.indexed_documents()
