"""The embedder's vector cache, under the concurrency of model-server mode."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np

import assistant.models.embedder


def test_cached_vectors_survive_concurrent_eviction(embedder, monkeypatch):
    monkeypatch.setattr(assistant.models.embedder, "CACHE_SIZE", 3)  # evict on nearly every call
    texts = [f"Harm reduction note number {i}." for i in range(12)]
    expected = embedder.encode(texts)

    def encode_all(offset: int) -> np.ndarray:
        rotated = texts[offset:] + texts[:offset]
        return np.roll(embedder.encode_cached(rotated), offset, axis=0)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(encode_all, list(range(len(texts))) * 2))
    for vectors in results:
        np.testing.assert_allclose(vectors, expected, atol=1e-5)
