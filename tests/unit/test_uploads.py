"""Saving uploaded files into the corpus folder safely."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("given, expected", [
    ("note.md", "note.md"),
    ("../../etc/passwd.md", "passwd.md"),
    ("..\\..\\Windows\\evil.TXT", "evil.txt"),
    ("/abs/path/Report 2024 (final).PDF", "Report-2024-final.pdf"),
    (".hidden.md", "hidden.md"),
    ("...md", "document.md"),
    ("..", ""),
    ("noextension", ""),
    ("Stratégie drogues.docx", "Stratégie-drogues.docx"),
    ("a\x00b\nc.html", "abc.html"),
    ("con.txt", "document-con.txt"),
    ("README.md", "uploaded-README.md"),
    ("x" * 300 + ".md", "x" * 100 + ".md"),
])
def test_safe_filename_strips_directories_and_hidden_names(given, expected):
    from assistant.ingest.uploads import safe_filename

    assert safe_filename(given) == expected


def test_uploads_are_saved_without_overwriting_a_different_file(tmp_path):
    from assistant.ingest.uploads import save_upload

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.md").write_text("original")
    incoming = tmp_path / "in"
    incoming.mkdir()
    (incoming / "note.md").write_text("a different note")

    saved = save_upload(incoming / "note.md", "note.md", corpus, 1_000_000)
    again = save_upload(incoming / "note.md", "note.md", corpus, 1_000_000)

    assert (saved.status, saved.source) == ("saved", "note-2.md")
    assert (corpus / "note.md").read_text() == "original"
    assert (corpus / "note-2.md").read_text() == "a different note"
    assert (again.status, again.source) == ("unchanged", "note-2.md")  # identical: not duplicated
    assert sorted(p.name for p in corpus.iterdir()) == ["note-2.md", "note.md"]  # no temp files left


def test_uploads_cannot_escape_the_corpus_folder(tmp_path):
    from assistant.ingest.uploads import save_upload

    corpus = tmp_path / "corpus"
    upload = tmp_path / "upload.md"
    upload.write_text("# Hi\n\nText.")

    saved = save_upload(upload, "../../../outside.md", corpus, 1_000_000)

    assert saved.status == "saved" and saved.source == "outside.md"
    assert (corpus / "outside.md").is_file() and not (tmp_path / "outside.md").exists()


@pytest.mark.parametrize("name, content, limit, reason", [
    ("tool.exe", b"MZ", 1_000_000, "unsupported file type .exe"),
    ("noext", b"text", 1_000_000, "unsupported file type (none)"),
    ("big.pdf", b"x" * 2_000, 1_000, "the limit is 0.001 MB"),
    ("empty.txt", b"", 1_000_000, "file is empty"),
])
def test_uploads_of_the_wrong_type_or_size_are_refused_with_a_reason(tmp_path, name, content, limit, reason):
    from assistant.ingest.uploads import save_upload

    upload = tmp_path / "upload"
    upload.write_bytes(content)
    saved = save_upload(upload, name, tmp_path / "corpus", limit)

    assert saved.status == "rejected" and reason in saved.reason
    assert not (tmp_path / "corpus").exists() or not any((tmp_path / "corpus").iterdir())
