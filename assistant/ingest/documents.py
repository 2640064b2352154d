"""Finding documents in the corpus folder and loading each into a `Document`."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from assistant.errors import CorpusError, DocumentError
from assistant.ingest.metadata import clean_language, detect_language, title_from_file_name, title_from_text
from assistant.ingest.ocr import ScanReader
from assistant.ingest.parsers import PARSERS
from assistant.schema import Document

SUPPORTED_EXTENSIONS = tuple(sorted(PARSERS))
IGNORED_NAMES = {"README.md", "readme.md"}  # a corpus folder may describe itself


@dataclass(frozen=True)
class CorpusFile:
    """A candidate file: its path, its name relative to the corpus, and its content hash."""

    path: Path
    source: str
    content_hash: str
    size: int


def scan_corpus(corpus_dir: Path) -> tuple[list[CorpusFile], list[tuple[str, str]]]:
    """Every file under the corpus, hashed; plus (source, reason) for files that can't be used.

    Hashing is the only work done on unchanged files, so it streams and never parses.
    """
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist; create it or set corpus_dir")
    root = corpus_dir.resolve()
    files, problems = [], []
    for path in sorted(corpus_dir.rglob("*")):
        source = path.relative_to(corpus_dir).as_posix()
        if any(part.startswith(".") for part in Path(source).parts) or path.name in IGNORED_NAMES:
            continue
        if path.is_symlink() and not inside(path.resolve(), root):
            problems.append((source, "symlink points outside the corpus folder; not followed"))
            continue
        if not path.is_file():
            continue
        if path.suffix.lower() not in PARSERS:
            problems.append((source, f"unsupported file type {path.suffix or '(none)'}; "
                                     f"supported: {', '.join(SUPPORTED_EXTENSIONS)}"))
            continue
        try:
            files.append(CorpusFile(path, source, hash_file(path), path.stat().st_size))
        except OSError as error:
            problems.append((source, f"cannot be read ({error.strerror or error})"))
    return files, problems


def megabytes(size: int) -> str:
    """Sizes in one unit everywhere (decimal MB, as the max_file_mb setting): "47.7 MB"."""
    value = size / 1_000_000
    text = f"{value:.1f}".removesuffix(".0") if value >= 1 else f"{value:.3g}"
    return f"{text} MB"


def load_document(file: CorpusFile, max_bytes: int, scans: ScanReader | None = None) -> Document:
    """Parse one file; with `scans`, PDF pages without text are read by OCR. Raises
    `DocumentError` naming the file and the reason."""
    reading = None
    try:
        if file.size > max_bytes:
            raise DocumentError(f"file is {megabytes(file.size)}, over the {megabytes(max_bytes)} limit "
                                f"(setting max_file_mb)")
        data = file.path.read_bytes()
        if not data.strip():
            raise DocumentError("file is empty")
        parsed = PARSERS[file.path.suffix.lower()](data)
        if scans is not None and parsed.page_starts:
            parsed, reading = scans.read_scanned_pages(parsed, data, file.content_hash)
        if not parsed.text.strip():
            raise DocumentError("no text could be extracted")
    except DocumentError as error:
        raise DocumentError(f"{file.source}: {error}") from None
    except OSError as error:
        raise DocumentError(f"{file.source}: cannot be read ({error.strerror or error})") from None
    except Exception as error:  # a third-party parser choking on a malformed file: skip the file, not the sync
        detail = (str(error).strip().splitlines() or [""])[0][:200]
        raise DocumentError(f"{file.source}: could not be parsed ({type(error).__name__}"
                            f"{': ' + detail if detail else ''})") from None
    meta = parsed.metadata
    return Document(
        doc_id=Path(file.source).stem,
        source=file.source,
        # A file's own title, else its first line when that reads like a heading, else its name.
        title=meta.get("title") or title_from_text(parsed.text) or title_from_file_name(file.source),
        text=parsed.text,
        content_hash=file.content_hash,
        url=meta.get("source_url", ""),
        author=meta.get("author", ""),
        publisher=meta.get("publisher", ""),
        date=meta.get("date", ""),
        language=clean_language(meta.get("language")) or detect_language(parsed.text),
        kind=meta.get("kind", ""),
        text_offset=parsed.text_offset,
        page_starts=parsed.page_starts,
        ocr_pages=reading.pages if reading else (),
        ocr_note=reading.note if reading else "",
    )


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def inside(path: Path, root: Path) -> bool:
    """Whether `path` (resolved) lies in the folder `root` (resolved)."""
    return os.path.commonpath([path, root]) == str(root)


def corpus_name(source: str) -> bool:
    """Whether `source` is a file name as the corpus scan gives them: relative, forward slashes,
    no ".", ".." or hidden part. Names coming from a URL or a request are checked with this
    before they are joined to the corpus folder."""
    parts = PurePosixPath(source).parts
    return bool(parts) and not (source.startswith("/") or "\\" in source or "\x00" in source
                                or any(part in ("..", ".") or part.startswith(".") for part in parts))
