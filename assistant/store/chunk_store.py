"""The persistent index: chunk vectors in Chroma (through llama-index), plus a manifest.

The manifest is the commit point. It lists, per source file, the content hash and the chunk
ids that are live; it is replaced atomically at the end of a sync. Chroma may briefly hold
chunks that the manifest does not list (a sync in progress, or one that was killed); readers
ignore them and the next sync deletes them. So a reader always sees one complete state.
"""

from __future__ import annotations

import functools
import threading
import uuid
from typing import Iterable, Sequence

import numpy as np

from assistant.errors import IndexMissingError, SettingsError
from assistant.store.manifest import ChromaManifestStore, FileManifestStore, Manifest
from assistant.schema import Chunk
from assistant.settings import Settings


def _serialised(method):
    """Run a Chroma call under the store's lock (see `ChunkStore.reopen`)."""
    @functools.wraps(method)
    def locked(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return locked


CHUNK_FIELDS = ("doc_id", "source", "title", "url", "author", "publisher", "date", "language", "kind", "heading")


class ChunkStore:
    """Reads and writes chunks and the manifest. One instance per index folder."""

    def __init__(self, settings: Settings):
        self.index_dir = settings.index_dir
        self.chroma_url = settings.chroma_url
        self.collection_prefix = settings.collection
        self._client = None
        self._manifest_store = None
        self._stores: dict[str, object] = {}
        # Serialises Chroma calls with `reopen`, so a question never queries a closed client.
        self._lock = threading.RLock()

    @property
    def location(self) -> str:
        return self.chroma_url or str(self.index_dir)

    # --- manifest -------------------------------------------------------------------------
    def read_manifest(self) -> Manifest | None:
        return self._manifests().read()

    def manifest_version(self) -> object:
        """Changes whenever a sync commits; cheap enough to check before every question."""
        return self._manifests().version()

    def write_manifest(self, manifest: Manifest) -> None:
        """Atomic: a reader sees the old manifest or the new one, never half of one."""
        self._manifests().write(manifest)

    def reopen(self) -> None:
        """See what other processes committed. Chroma's local client keeps each collection's
        vector index in memory and never re-reads what another process wrote, so a running app
        would find a document synced from the command line by keyword but not by meaning; a
        new client loads the index from disk again. A Chroma server needs none of this."""
        if self.chroma_url:
            return
        with self._lock:
            if self._client is not None:
                self._client.close()
            self._client = None
            self._stores.clear()

    def new_collection_name(self) -> str:
        return f"{self.collection_prefix}-{uuid.uuid4().hex[:12]}"

    # --- chunks ---------------------------------------------------------------------------
    @_serialised
    def add_chunks(self, collection: str, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        from llama_index.core.schema import TextNode

        nodes = [
            TextNode(
                id_=chunk.chunk_id,
                text=chunk.text,
                embedding=vector.tolist(),
                metadata=_chunk_metadata(chunk),
                start_char_idx=chunk.start,
                end_char_idx=chunk.end,
                excluded_embed_metadata_keys=[_metadata_key(f) for f in CHUNK_FIELDS],
                excluded_llm_metadata_keys=[_metadata_key(f) for f in CHUNK_FIELDS],
            )
            for chunk, vector in zip(chunks, vectors)
        ]
        if nodes:
            self._vector_store(collection).add(nodes)

    @_serialised
    def get_chunks(self, collection: str, ids: Sequence[str] | None = None,
                   with_vectors: bool = False) -> tuple[list[Chunk], np.ndarray | None]:
        """Chunks (and optionally their vectors) by id, in Chroma's order; all when ids is None."""
        include = ["documents", "metadatas"] + (["embeddings"] if with_vectors else [])
        raw = self._collection(collection)
        chunks, vectors = [], []
        for batch in _batched(list(ids) if ids is not None else None, 5000):
            result = raw.get(ids=batch, include=include)
            for i, chunk_id in enumerate(result["ids"]):
                chunks.append(_chunk_from_record(chunk_id, result["documents"][i], result["metadatas"][i]))
            if with_vectors:
                vectors.extend(result["embeddings"])
        return chunks, (np.asarray(vectors, dtype=np.float32) if with_vectors else None)

    @_serialised
    def all_ids(self, collection: str) -> list[str]:
        return self._collection(collection).get(include=[])["ids"]

    @_serialised
    def delete_ids(self, collection: str, ids: Iterable[str]) -> None:
        ids = list(ids)
        for batch in _batched(ids, 5000):
            self._vector_store(collection).delete_nodes(node_ids=batch)

    @_serialised
    def query(self, collection: str, vector: np.ndarray, k: int, languages: Sequence[str] = (),
              doc_ids: Sequence[str] = ()) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k nearest chunks, live or not; only chunks in
        `languages` and of the documents `doc_ids` when given (a `where` Chroma applies
        before ranking, so k chunks come back even when the scope is a small part of the index)."""
        from llama_index.core.vector_stores.types import (FilterOperator, MetadataFilter, MetadataFilters,
                                                          VectorStoreQuery)

        store = self._vector_store(collection)
        conditions = [MetadataFilter(key=_metadata_key(field), value=list(values), operator=FilterOperator.IN)
                      for field, values in (("language", languages), ("doc_id", doc_ids)) if values]
        filters = MetadataFilters(filters=conditions) if conditions else None
        result = store.query(VectorStoreQuery(query_embedding=vector.tolist(), similarity_top_k=k, filters=filters))
        # ChromaVectorStore reports exp(-distance); with cosine space, distance = 1 - cosine.
        return [(cid, 1.0 + float(np.log(max(sim, 1e-12)))) for cid, sim in zip(result.ids, result.similarities)]

    @_serialised
    def drop_collection(self, collection: str) -> None:
        self._stores.pop(collection, None)
        try:
            self._chroma().delete_collection(collection)
        except Exception:  # already gone (e.g. removed by an earlier, interrupted sync)
            pass

    @_serialised
    def collections(self) -> list[str]:
        return [c if isinstance(c, str) else c.name for c in self._chroma().list_collections()]

    @_serialised
    def set_collection_record(self, collection: str, fingerprint: dict) -> None:
        """Record in Chroma itself which model and chunking built the collection."""
        record = {f"built_with_{key}": str(value) for key, value in fingerprint.items()}
        self._chroma().get_or_create_collection(
            collection, embedding_function=None, metadata={"hnsw:space": "cosine", **record}
        )

    # --- plumbing -------------------------------------------------------------------------
    def _manifests(self):
        if self._manifest_store is None:
            if self.chroma_url:
                state = self._chroma().get_or_create_collection(
                    f"{self.collection_prefix}_state", embedding_function=None)
                self._manifest_store = ChromaManifestStore(state, f"on {self.chroma_url}")
            else:
                self._manifest_store = FileManifestStore(self.index_dir)
        return self._manifest_store

    def _chroma(self):
        if self._client is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
            if self.chroma_url:
                self._client = _http_client(self.chroma_url, chroma_settings)
            else:
                self.index_dir.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(self.index_dir / "chroma"),
                                                         settings=chroma_settings)
        return self._client

    def _collection(self, name: str):
        # embedding_function=None: Chroma only ever stores our vectors; its default embedder
        # would try to download a model.
        return self._chroma().get_or_create_collection(
            name, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    def _vector_store(self, name: str):
        if name not in self._stores:
            from llama_index.vector_stores.chroma import ChromaVectorStore

            self._stores[name] = ChromaVectorStore(chroma_collection=self._collection(name))
        return self._stores[name]


def _chunk_metadata(chunk: Chunk) -> dict:
    metadata = {_metadata_key(name): getattr(chunk, name) for name in CHUNK_FIELDS}
    metadata.update(start=chunk.start, end=chunk.end, page=chunk.page)
    return metadata


def _chunk_from_record(chunk_id: str, text: str, metadata: dict) -> Chunk:
    return Chunk(
        chunk_id=chunk_id,
        text=text or "",
        start=int(metadata.get("start", 0)),
        end=int(metadata.get("end", 0)),
        page=int(metadata.get("page", 0) or 0),
        **{name: str(metadata.get(_metadata_key(name), "") or "") for name in CHUNK_FIELDS},
    )


def _metadata_key(field_name: str) -> str:
    # llama-index reserves "doc_id" (and "document_id") for its own reference-document id.
    return "doc_name" if field_name == "doc_id" else field_name


def _batched(items: list | None, size: int):
    if items is None:
        yield None
        return
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _http_client(url: str, chroma_settings):
    import chromadb
    from urllib.parse import urlparse

    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise SettingsError(f"chroma_url {url!r} must look like http://host:8000")
    try:
        return chromadb.HttpClient(host=parsed.hostname, port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                                   ssl=parsed.scheme == "https", settings=chroma_settings)
    except Exception as error:  # noqa: BLE001 - chromadb raises plain Exception/ValueError here
        raise IndexMissingError(f"cannot reach the Chroma server at {url} (setting chroma_url): {error}") from None
