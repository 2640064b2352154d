"""Saving uploaded files into the corpus folder safely.

An uploaded file's name comes from the browser and is untrusted: only its last path component
is kept, reduced to letters, digits, `-`, `_` and `.`, never hidden, never a path outside the
corpus, and never overwriting a different file already there (a `-2`, `-3`… suffix is added).
Only supported document types up to `max_file_mb` are accepted. The copy is written to a hidden
temporary file first (the corpus scan ignores dot-names) and then linked into place, so a sync
running at the same moment never sees half a file.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant.ingest.documents import (IGNORED_NAMES, SUPPORTED_EXTENSIONS, corpus_name, hash_file, inside,
                                        megabytes)

MAX_NAME_CHARS = 100
UNSAFE_CHARS = re.compile(r"[^\w.-]+")  # \w is Unicode-aware: accented letters are kept
REPEATS = re.compile(r"([-_.])[-_.]+")
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                    *(f"lpt{i}" for i in range(1, 10))}


@dataclass(frozen=True)
class SavedUpload:
    """What happened to one uploaded file."""

    original: str      # the name the browser sent (for messages only)
    status: str        # saved | unchanged | rejected
    source: str = ""   # the name it has in the corpus folder (saved / unchanged)
    reason: str = ""   # why it was rejected, or a note (renamed to avoid a clash)

    @property
    def ok(self) -> bool:
        return self.status != "rejected"


def safe_filename(name: str) -> str:
    """A harmless file name for the corpus from an untrusted one; keeps the (lower-cased) extension.

    Returns "" when the extension is missing; callers reject such files.
    """
    base = _last_component(name)
    base = unicodedata.normalize("NFKC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")  # control chars
    stem, dot, ext = base.strip().rpartition(".")
    if not dot:
        return ""
    ext = UNSAFE_CHARS.sub("", ext).lower()
    stem = UNSAFE_CHARS.sub("-", stem.strip())
    stem = REPEATS.sub(r"\1", stem).strip("-_. ")          # no leading dot, no "..", no trailing dots
    if not stem or stem.lower() in WINDOWS_RESERVED:
        stem = f"document-{stem}" if stem else "document"
    stem = stem[:MAX_NAME_CHARS].rstrip("-_.")
    name = f"{stem}.{ext}" if ext else ""
    if name in IGNORED_NAMES:                               # the corpus scan skips README.md
        name = f"uploaded-{name}"
    return name


def _last_component(name: str) -> str:
    """The file name without any directory, POSIX or Windows: browsers may send either."""
    return re.split(r"[\\/]", name or "")[-1]


def check_upload(name: str, size: int, max_bytes: int) -> str:
    """The reason an upload is refused, or "" if it is acceptable."""
    suffix = Path(safe_filename(name)).suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        given = Path(_last_component(name)).suffix or "(none)"
        return (f"unsupported file type {given}; allowed: "
                + ", ".join(SUPPORTED_EXTENSIONS))
    if size > max_bytes:
        return f"file is {megabytes(size)}; the limit is {megabytes(max_bytes)}"
    if size == 0:
        return "file is empty"
    return ""


def save_upload(path: str | Path, original_name: str, corpus_dir: str | Path,
                max_bytes: int) -> SavedUpload:
    """Copy one uploaded file (at `path`, e.g. Gradio's temporary copy) into `corpus_dir`."""
    path, corpus = Path(path), Path(corpus_dir).resolve()
    original = _last_component(original_name or path.name)
    try:
        size = path.stat().st_size
    except OSError as error:
        return SavedUpload(original, "rejected", reason=f"cannot be read ({error.strerror or error})")
    reason = check_upload(original, size, max_bytes)
    if reason:
        return SavedUpload(original, "rejected", reason=reason)
    name = safe_filename(original)
    corpus.mkdir(parents=True, exist_ok=True)
    digest = hash_file(path)
    stem, suffix = name[: -len(Path(name).suffix)], Path(name).suffix
    fd, temporary = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=corpus)
    try:
        with os.fdopen(fd, "wb") as out, path.open("rb") as src:
            shutil.copyfileobj(src, out)
        os.chmod(temporary, 0o644)  # mkstemp makes it owner-only; corpus files are plain files
        for attempt in range(1, 1000):
            candidate = name if attempt == 1 else f"{stem}-{attempt}{suffix}"
            target = corpus / candidate
            if target.resolve().parent != corpus:  # cannot happen with a safe name; refuse anyway
                return SavedUpload(original, "rejected", reason="unsafe file name")
            if target.exists():
                if target.is_file() and not target.is_symlink() and hash_file(target) == digest:
                    return SavedUpload(original, "unchanged", candidate,
                                       "the same file is already in the corpus")
                continue
            try:
                _place(Path(temporary), target)
            except FileExistsError:  # appeared meanwhile: try the next name
                continue
            note = f"saved as {candidate} (a different {name} exists)" if attempt > 1 else ""
            return SavedUpload(original, "saved", candidate, note)
        return SavedUpload(original, "rejected", reason="too many files with this name")
    finally:
        Path(temporary).unlink(missing_ok=True)


def _place(temporary: Path, target: Path) -> None:
    """Put the finished copy at `target` without ever replacing an existing file."""
    try:
        os.link(temporary, target)  # atomic, and fails if target exists
    except FileExistsError:
        raise
    except OSError:  # file systems without hard links: exclusive create, then copy
        with target.open("xb") as out, temporary.open("rb") as src:
            shutil.copyfileobj(src, out)


def remove_from_corpus(corpus_dir: Path, source: str, known: set[str]) -> None:
    """Delete the file `source` from the corpus folder, the counterpart of an upload. Only a
    file the index knows (`known`: indexed or failed) and only inside the folder; a symlink is
    removed itself, never what it points to. The next sync drops its chunks."""
    from assistant.errors import DocumentError

    if source not in known or not corpus_name(source):
        raise DocumentError(f"{source}: not a document of the index; nothing deleted")
    path = corpus_dir / source
    if not inside(path.parent.resolve(), corpus_dir.resolve()):
        raise DocumentError(f"{source}: outside the corpus folder; nothing deleted")
    try:
        path.unlink()
    except FileNotFoundError:
        pass  # already gone: the sync will drop it
    except OSError as error:
        raise DocumentError(f"{source}: cannot be deleted ({error.strerror or error})") from None
