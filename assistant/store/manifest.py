"""The manifest: which files are indexed, with which content hash and which live chunk ids.

It is the commit point of a sync, so it is always replaced in one atomic step: a file renamed
over the old one (embedded mode), or a single Chroma record upserted (server mode, where every
app instance and the sync job must see the same manifest).
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.errors import IndexMissingError

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
MANIFEST_RECORD = "manifest"


@dataclass
class DocumentEntry:
    content_hash: str
    doc_id: str
    title: str
    chunk_ids: list[str]
    date: str = ""
    language: str = ""
    excluded_sentences: int = 0  # instruction-like sentences blanked out by the screening
    withheld: bool = False  # so many that nothing of the file is indexed
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR (scanned PDFs)


@dataclass
class FailedEntry:
    """A file that could not be used, remembered so later syncs don't try and report it again
    until it changes (another content hash) or a retry is asked for."""

    content_hash: str  # "" for files refused before reading (unsupported type, symlink out)
    reason: str


@dataclass
class Manifest:
    collection: str
    fingerprint: dict
    documents: dict[str, DocumentEntry] = field(default_factory=dict)
    format: int = MANIFEST_FORMAT
    failed: dict[str, FailedEntry] = field(default_factory=dict)

    def live_chunk_ids(self) -> set[str]:
        return {cid for entry in self.documents.values() for cid in entry.chunk_ids}

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        documents = {source: DocumentEntry(**entry) for source, entry in data["documents"].items()}
        failed = {source: FailedEntry(**entry) for source, entry in data.get("failed", {}).items()}
        return cls(collection=data["collection"], fingerprint=data["fingerprint"],
                   documents=documents, format=data.get("format", MANIFEST_FORMAT), failed=failed)


def parse_manifest(text: str, where: str) -> Manifest:
    try:
        return Manifest.from_json(text)
    except (ValueError, KeyError, TypeError) as error:
        raise IndexMissingError(f"index manifest {where} is damaged ({error}); "
                                f"run `assistant index --rebuild`") from None


class FileManifestStore:
    """manifest.json in the index folder, replaced with an fsynced rename."""

    def __init__(self, index_dir: Path):
        self.index_dir = index_dir
        self.path = index_dir / MANIFEST_NAME

    def read(self) -> Manifest | None:
        try:
            return parse_manifest(self.path.read_text(encoding="utf-8"), str(self.path))
        except FileNotFoundError:
            return None

    def version(self) -> object:
        try:
            return self.path.stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def write(self, manifest: Manifest) -> None:
        self.index_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.index_dir, prefix=".manifest-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(manifest.to_json())
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _fsync_directory(self.index_dir)


class ChromaManifestStore:
    """One record in a small state collection on the Chroma server; an upsert is atomic."""

    def __init__(self, collection, where: str):
        self.collection = collection
        self.where = where

    def read(self) -> Manifest | None:
        result = self.collection.get(ids=[MANIFEST_RECORD], include=["documents"])
        if not result["ids"]:
            return None
        return parse_manifest(result["documents"][0], self.where)

    def version(self) -> object:
        result = self.collection.get(ids=[MANIFEST_RECORD], include=["metadatas"])
        return result["metadatas"][0].get("version") if result["ids"] else 0

    def write(self, manifest: Manifest) -> None:
        # The state collection holds no real vectors; Chroma still wants one per record.
        self.collection.upsert(ids=[MANIFEST_RECORD], documents=[manifest.to_json()],
                               embeddings=[[0.0]], metadatas=[{"version": uuid.uuid4().hex}])


def _fsync_directory(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
