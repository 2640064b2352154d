"""The OCR cache: each scanned file's page texts, by content hash, in index_dir/ocr-cache.

One JSON file per file content and OCR settings, replaced whole by an atomic rename after every
page read: a killed sync leaves either the previous entry or the new one, never half of one, and
the next sync goes on from the last page saved. A damaged entry is read as empty (read again).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from assistant.settings import Settings

OCR_VERSION = 1  # bump when rendering or reading changes: older cache entries are then ignored
RENDER_DPI = 300  # what Tesseract is trained for; small print suffers below it (200 dpi was no faster)
CACHE_FOLDER = "ocr-cache"


def cache_key(settings: Settings) -> str:
    """What changes the text OCR produces, besides the file itself."""
    wanted = json.dumps([OCR_VERSION, RENDER_DPI, settings.ocr_languages])
    return hashlib.sha256(wanted.encode()).hexdigest()[:12]


@dataclass
class CacheEntry:
    tesseract_languages: str = ""  # chosen on the first page read, then kept for the file
    how: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # "1" -> text (JSON keys are strings)


class OcrCache:
    """One JSON file per content hash and OCR settings, replaced whole by an atomic rename."""

    def __init__(self, folder: Path, key: str):
        self.folder = folder
        self.key = key

    def path(self, content_hash: str) -> Path:
        return self.folder / f"{content_hash}-{self.key}.json"

    def load(self, content_hash: str) -> CacheEntry:
        """The cached reading, or an empty one (also for an unreadable file: it is read again)."""
        try:
            data = json.loads(self.path(content_hash).read_text(encoding="utf-8"))
            return CacheEntry(str(data["tesseract_languages"]), str(data["how"]),
                              {str(page): str(text) for page, text in data["pages"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return CacheEntry()

    def save(self, content_hash: str, entry: CacheEntry) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(entry.__dict__, stream, ensure_ascii=False)
            os.replace(temporary, self.path(content_hash))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def prune(self, live_hashes: set[str]) -> None:
        """Drop entries of files no longer indexed or of other OCR settings, and the temporary
        files of a killed sync. Only the sync calls it, under its lock."""
        if not self.folder.is_dir():
            return
        keep = {self.path(content_hash).name for content_hash in live_hashes}
        for path in self.folder.iterdir():
            if path.name not in keep:
                path.unlink(missing_ok=True)
