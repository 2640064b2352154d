"""Hybrid retrieval: dense (Chroma) and BM25 rankings, fused into one order (`fusion.py`).

Dense vectors find paraphrases; BM25 finds rare exact terms (names, document codes, numbers)
that a small English encoder blurs. The retriever only serves chunks the manifest lists, and
reloads itself when a sync commits a new manifest, so a running app never needs a restart.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from assistant.answer.filters import Filters, Scope, resolve_scope
from assistant.answer.fusion import Fusion, Rankings, ReciprocalRankFusion, chunk_terms, with_standout_lexical_match
from assistant.answer.params import TUNING, Tuning
from assistant.answer.quantities import QuantityAsked, years_in
from assistant.answer.question import Question
from assistant.answer.vocabulary import Vocabulary
from assistant.errors import IndexMissingError
from assistant.language.acronyms import defined_pairs
from assistant.language.normalise import content_terms, name_terms, tokens
from assistant.models.embedder import Embedder
from assistant.schema import Chunk, Passage
from assistant.store.chunk_store import ChunkStore
from assistant.store.manifest import Manifest


LOWERCASE_WORD = re.compile(r"(?<![\w-])[^\W\d_A-ZÀ-Þ][^\W\d_]*")  # "street", not "Street" nor "e-Street"


@dataclass
class IndexSnapshot:
    """Everything needed to answer from one committed manifest."""

    version: float
    manifest: Manifest
    chunks: list[Chunk]
    position: dict[str, int]
    by_document: dict[str, list[Chunk]]  # each document's chunks in text order
    bm25: object | None
    vocabulary: Vocabulary

    document_of: np.ndarray | None = None  # per chunk, the number of its document in `by_document`
    language_of: np.ndarray | None = None  # per chunk, its language code
    # Recently asked scopes, resolved, and the vectors of small restricted rankings
    # (`_restricted_dense_ranking`).
    scopes: dict = field(default_factory=dict)
    scope_vectors: dict = field(default_factory=dict)
    years: dict = field(default_factory=dict)  # by document, as `years_of` finds them
    words: dict = field(default_factory=dict)  # by document, as `words_of` finds them
    terms: dict = field(default_factory=dict)  # by chunk id, as `terms_of` finds them
    publishers_: dict = field(default_factory=dict)  # publisher -> its documents
    publisher_terms: dict = field(default_factory=dict)  # publisher -> `naming_terms`
    lowercase: set = field(default_factory=set)  # the search terms of words some chunk writes in lowercase

    def publishers(self) -> dict[str, list[str]]:
        """Each publisher's documents, worked out once a snapshot."""
        if not self.publishers_:
            for doc_id, chunks in self.by_document.items():
                if chunks and chunks[0].publisher:
                    self.publishers_.setdefault(chunks[0].publisher, []).append(doc_id)
        return self.publishers_

    def naming_terms(self, publisher: str) -> frozenset[str]:
        """The terms of a publisher's name that few publishers share ("commiss" for "European
        Commission, …"; not "european"): a question using one names that publisher."""
        if not self.publisher_terms:
            named = {name: set(content_terms(name)) for name in self.publishers()}
            counts = Counter(term for terms in named.values() for term in terms)
            limit = max(1, int(PUBLISHER_TERM_SHARE * len(named)))
            self.publisher_terms.update({name: frozenset(t for t in terms if counts[t] <= limit)
                                         for name, terms in named.items()})
        return self.publisher_terms.get(publisher, frozenset())

    def years_of(self, doc_id: str) -> frozenset[str]:
        """The years a document names anywhere (title, date and text), worked out once a snapshot."""
        if doc_id not in self.years:
            chunks = self.by_document.get(doc_id, [])
            self.years[doc_id] = frozenset().union(*(years_in(f"{c.title} {c.date[:4]} {c.text}") for c in chunks))
        return self.years[doc_id]

    def words_of(self, doc_id: str) -> frozenset[str]:
        """A document's folded words, worked out once a snapshot (a user's document may be a long
        PDF, and every question naming a place looks them up)."""
        if doc_id not in self.words:
            self.words[doc_id] = frozenset(word for chunk in self.by_document.get(doc_id, [])
                                           for word in tokens(chunk.text))
        return self.words[doc_id]

    def documents_holding(self, term: str) -> frozenset[str]:
        """The documents whose title or text holds a search term, read from BM25's index (each
        term's chunks), so no pass over a large corpus is needed."""
        at = self.bm25.vocab_dict.get(term) if self.bm25 is not None else None
        if at is None:
            return frozenset()
        starts = self.bm25.scores["indptr"]
        return frozenset(self.chunks[i].doc_id for i in self.bm25.scores["indices"][starts[at]:starts[at + 1]])

    def written_in_lowercase(self, term: str) -> bool:
        """Whether some chunk writes the search term in lowercase, as a common word ("street",
        "council", "conseils"), not only as a name ("Wexbridge"); worked out once a snapshot,
        from the distinct lowercase words, so a large corpus costs a regular-expression pass."""
        if not self.lowercase:
            words = {word for chunk in self.chunks for word in LOWERCASE_WORD.findall(chunk.text)}
            self.lowercase.update(content_terms(" ".join(words)))
        return term in self.lowercase

    def terms_of(self, chunk: Chunk) -> frozenset[str]:
        """A chunk's search terms, worked out once a snapshot: the fitted fusion reads them for
        every candidate of every question (about 10 ms a question otherwise)."""
        if chunk.chunk_id not in self.terms:
            self.terms[chunk.chunk_id] = chunk_terms(chunk)
        return self.terms[chunk.chunk_id]

    def chunks_by_id(self, rankings: Rankings) -> dict[str, Chunk]:
        """The chunks some ranker returned, by id."""
        ids = [cid for ranking in (rankings.dense, rankings.lexical, rankings.language) for cid, _ in ranking]
        return {cid: self.chunks[self.position[cid]] for cid in ids if cid in self.position}

    def document_heads(self) -> list[Chunk]:
        """One chunk per document (its first): each carries the document's metadata, so filters
        are resolved per document, not per chunk."""
        return [chunks[0] for chunks in self.by_document.values() if chunks]

    def in_languages(self, languages: Sequence[str]) -> np.ndarray:
        """A mask over `chunks`: True for the chunks in these languages."""
        return np.isin(self.language_of, list(languages))

    def in_documents(self, doc_ids: frozenset[str]) -> np.ndarray:
        """A mask over `chunks`: True for the chunks of these documents."""
        wanted = [i for i, doc_id in enumerate(self.by_document) if doc_id in doc_ids]
        return np.isin(self.document_of, wanted)


# A scope of up to this many chunks is ranked exactly over its own vectors (1.5 MB per 1000
# chunks with MiniLM); a few scopes are kept per snapshot, for the follow-up questions of a chat.
SCOPE_VECTORS_IN_MEMORY = 10000
# A term of a publisher's name that more than this share of the publishers have in theirs
# ("european", "forum") names none of them.
PUBLISHER_TERM_SHARE = 0.2
SCOPES_KEPT = 4
MAX_OVERFETCH = 1000


class HybridRetriever:
    def __init__(self, store: ChunkStore, embedder: Embedder, tuning: Tuning = TUNING, fusion: Fusion | None = None):
        self.store = store
        self.embedder = embedder
        self.tuning = tuning
        self.fusion = fusion or ReciprocalRankFusion(tuning)
        self._snapshot: IndexSnapshot | None = None
        self._lock = threading.Lock()

    def retrieve_passages(self, question: Question, k: int, snapshot: IndexSnapshot | None = None,
                          scope: Scope | None = None) -> list[Passage]:
        """The k best chunks for the question, from the documents in `scope` when given. Pass
        the `snapshot` an answer already works from, so that all its steps see one committed
        state and the manifest is checked once."""
        snapshot = snapshot or self.current_snapshot()
        query_vector = self.embedder.encode_one(question.query)
        rankings = self.rankings(question, query_vector, snapshot, scope)
        if self.fusion.fitted_for(question):  # the trees read every candidate's cosine
            cosines = self.candidate_cosines(rankings, query_vector, snapshot)
        else:
            cosines = dict(rankings.dense)
        top = self.fusion.top(question, rankings, snapshot.chunks_by_id(rankings), cosines, k, snapshot.terms_of)
        missing = [cid for cid, _ in top if cid not in cosines]
        cosines.update(self._cosines(snapshot, missing, query_vector))
        lexical_scores = dict(rankings.lexical)
        return [
            _passage(snapshot.chunks[snapshot.position[cid]], score, cosines.get(cid, 0.0),
                     lexical_scores.get(cid, 0.0))
            for cid, score in top
        ]

    def rankings(self, question: Question, query_vector: np.ndarray, snapshot: IndexSnapshot,
                 scope: Scope | None = None) -> Rankings:
        """Each ranker's list for the question, before fusion."""
        dense = self._dense_ranking(snapshot, query_vector, scope=scope)
        lexical = self._bm25_ranking(snapshot, question, scope)
        # "The German edition of the guide", "which German city": a third ranker that sees only
        # German chunks, since the English encoder ranks them below English notes on the same
        # subject.
        languages = sorted(_languages_to_rank(question) & snapshot.vocabulary.languages)
        language = self._dense_ranking(snapshot, query_vector, languages, scope) if languages else []
        return Rankings(dense, lexical, language)

    def candidate_cosines(self, rankings: Rankings, query_vector: np.ndarray,
                          snapshot: IndexSnapshot) -> dict[str, float]:
        """The cosine with the question of every chunk a ranker returned: the dense ranker's
        own, the others' from their vectors in the index."""
        cosines = dict(rankings.dense)
        others = [cid for cid in snapshot.chunks_by_id(rankings) if cid not in cosines]
        cosines.update(self._cosines(snapshot, others, query_vector))
        return cosines

    def other_language_passages(self, question: Question, retrieved: list[Passage], snapshot: IndexSnapshot,
                               scope: Scope | None = None) -> list[Passage]:
        """Passages in other languages than the question's that retrieval did not return: for a
        question not in English, the best English ones by meaning, as many by terms (names,
        numbers, cognates: see `Tuning.english_bridge`) and as many by the meaning of its
        dictionary gloss (`Question.gloss`);
        for an English one, the best in each other language by meaning and terms (numbers,
        names and cognates), since the English encoder ranks them below English notes on the
        same subject (see `Tuning.foreign_bridge`)."""
        vector = self.embedder.encode_one(question.query)
        have = {p.chunk_id for p in retrieved}
        if question.language != "en":
            if "en" not in snapshot.vocabulary.languages or not self.tuning.english_bridge:
                return []
            dense = self._dense_ranking(snapshot, vector, ["en"], scope)
            lexical = self._bm25_ranking(snapshot, question, scope, ["en"])
            found = [cid for cid, _ in dense if cid not in have][:self.tuning.english_bridge]
            found += [cid for cid, _ in lexical if cid not in have and cid not in found][:self.tuning.english_bridge]
            if question.gloss:  # and as many by the meaning of its words in English
                glossed = self._dense_ranking(snapshot, self.embedder.encode_one(question.gloss), ["en"], scope)
                found += [cid for cid, _ in glossed if cid not in have and cid not in found][:self.tuning.english_bridge]
        else:
            if not self.tuning.foreign_bridge:
                return []
            dense, found = [], []
            for language in sorted(snapshot.vocabulary.languages - {"en"}):
                # The best of each language: they rank apart in the English encoder.
                within = self._dense_ranking(snapshot, vector, [language], scope)
                lexical = self._bm25_ranking(snapshot, question, scope, [language])
                fused = Rankings(within, lexical).fused(self.tuning.rrf_k)
                new = [(cid, score) for cid, score in fused if cid not in have]
                fresh_lexical = [(cid, score) for cid, score in lexical if cid not in have]
                best = with_standout_lexical_match(new[:self.tuning.foreign_bridge], dict(fused), fresh_lexical,
                                                    self.tuning.lexical_lead)
                for cid, _ in best:
                    found += [other for other in _rest_of_document(snapshot, cid, self.tuning.foreign_document_chunks)
                              if other not in have and other not in found]
                dense += within
        scores = dict(dense)
        scores.update(self._cosines(snapshot, [cid for cid in found if cid not in scores], vector))
        return [_passage(snapshot.chunks[snapshot.position[cid]], 0.0, scores.get(cid, 0.0), 0.0) for cid in found]

    def resolve(self, filters: Filters, snapshot: IndexSnapshot) -> Scope | None:
        """The documents `filters` allow in this snapshot (see `filters.resolve_scope`); kept
        for the next question of the same chat, as resolving costs ~20 ms at 10k documents."""
        if filters.empty:
            return None
        if filters not in snapshot.scopes:
            _remember(snapshot.scopes, filters, resolve_scope(filters, snapshot.document_heads()))
        return snapshot.scopes[filters]

    def passages_around(self, question: Question, passages: list[Passage], documents: int,
                        snapshot: IndexSnapshot | None = None) -> list[Passage]:
        """The chunks next to the retrieved ones, in the first `documents` documents among
        `passages`, in the first one in each language the question asks an edition in ("the
        Czech presentation of the Declaration") and in any whose title the question names ("the
        2006 Saragossa Manifesto"). Retrieval often finds the right document through one
        chunk while the sentence that answers sits in the next ("Who wrote the guide?" matches
        its title page; "The author is …" comes a paragraph later)."""
        snapshot = snapshot or self.current_snapshot()
        retrieved = {p.chunk_id for p in passages}
        asked = set(question.edition_languages.values())
        documents_found = list(dict.fromkeys(p.doc_id for p in passages))
        in_asked_language = {p.language: p.doc_id for p in reversed(passages) if p.language in asked}
        named = [p.doc_id for p in passages if question.names_document(p.title)]
        wanted = dict.fromkeys([*documents_found[:documents], *in_asked_language.values(), *named])
        neighbours: dict[str, Chunk] = {}
        for doc_id in wanted:
            in_order = snapshot.by_document.get(doc_id, [])
            hits = [i for i, chunk in enumerate(in_order) if chunk.chunk_id in retrieved]
            for i, chunk in enumerate(in_order):
                if chunk.chunk_id not in retrieved and any(abs(i - hit) <= self.tuning.neighbours for hit in hits):
                    neighbours[chunk.chunk_id] = chunk
        return self._read_beside(question, neighbours, snapshot)

    def rest_of_documents(self, question: Question, passages: list[Passage], documents: int,
                          snapshot: IndexSnapshot) -> list[Passage]:
        """Every chunk not among `passages` of the first `documents` documents they come from:
        a question setting sources side by side needs the sentence of each that states the
        thing compared, wherever in the document it is (notes are a few chunks long)."""
        retrieved = {p.chunk_id for p in passages}
        ranked = list(dict.fromkeys(p.doc_id for p in passages))
        wanted = _naming_the_years_first(ranked, question.quantity, snapshot.years_of)[:documents]
        rest = {chunk.chunk_id: chunk for doc_id in wanted for chunk in snapshot.by_document.get(doc_id, [])
                if chunk.chunk_id not in retrieved}
        return self._read_beside(question, rest, snapshot)

    def documents_of_publishers_named(self, question: Question, read: list[Passage],
                                      snapshot: IndexSnapshot) -> list[Passage]:
        """For a question setting sources side by side ("…compared with the Commission's own
        description"): for each publisher the question names by a capitalised word of its name,
        the whole of its documents closest to the question (`documents_per_named_publisher`)
        that were not read already. A source named by a description ranks low, since the
        subject's words match the other source's documents. A publisher of more chunks than a
        scope ranked in memory is left out: its documents' vectors would all be fetched."""
        publishers = snapshot.publishers()
        named = {term: [doc_id for publisher, docs in publishers.items() if term in snapshot.naming_terms(publisher)
                        for doc_id in docs]
                 for term in sorted(name_terms(question.text))}
        named = {term: doc_ids for term, doc_ids in named.items()
                 if doc_ids and sum(len(snapshot.by_document[d]) for d in doc_ids) <= SCOPE_VECTORS_IN_MEMORY}
        if not named:
            return []
        candidates = list(dict.fromkeys(doc_id for doc_ids in named.values() for doc_id in doc_ids))
        cosines = self._cosines(snapshot, [c.chunk_id for d in candidates for c in snapshot.by_document[d]],
                                self.embedder.encode_one(question.query))
        closest = {doc_id: max((cosines.get(c.chunk_id, 0.0) for c in snapshot.by_document[doc_id]), default=0.0)
                   for doc_id in candidates}
        per_publisher = self.tuning.documents_per_named_publisher
        wanted = dict.fromkeys(doc_id for doc_ids in named.values()
                               for doc_id in sorted(doc_ids, key=closest.__getitem__, reverse=True)[:per_publisher])
        read_ids = {p.chunk_id for p in read}
        return [_passage(chunk, 0.0, cosines.get(chunk.chunk_id, 0.0), 0.0) for doc_id in wanted
                for chunk in snapshot.by_document[doc_id] if chunk.chunk_id not in read_ids]

    def _read_beside(self, question: Question, chunks: dict[str, Chunk], snapshot: IndexSnapshot) -> list[Passage]:
        """Chunks read beside the retrieved ones, as passages carrying their cosine with the
        question (the evidence score counts part of it)."""
        if not chunks:
            return []
        cosines = self._cosines(snapshot, list(chunks), self.embedder.encode_one(question.query))
        return [_passage(chunk, 0.0, cosines.get(cid, 0.0), 0.0) for cid, chunk in chunks.items()]

    def current_snapshot(self) -> IndexSnapshot:
        """The committed state; rebuilt only when the manifest on disk has changed."""
        version = self.store.manifest_version()
        with self._lock:
            if self._snapshot is None or self._snapshot.version != version:
                if self._snapshot is not None:
                    self.store.reopen()  # the sync may have come from another process
                self._snapshot = self._load_snapshot(version)
            return self._snapshot

    def _load_snapshot(self, version: float) -> IndexSnapshot:
        manifest = self.store.read_manifest()
        if manifest is None:
            raise IndexMissingError(f"no index in {self.store.location}; build it with `assistant index`")
        ids = sorted(manifest.live_chunk_ids())
        chunks, _ = self.store.get_chunks(manifest.collection, ids)
        return snapshot_of(version, manifest, chunks)

    def _dense_ranking(self, snapshot: IndexSnapshot, vector: np.ndarray, languages: Sequence[str] = (),
                       scope: Scope | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine) of the nearest chunks; only those in `languages` and `scope` when given."""
        if not snapshot.chunks:
            return []
        if scope is None and not languages:
            hits = self.store.query(snapshot.manifest.collection, vector, self.tuning.candidates_per_ranker)
            # Chunks not in the manifest belong to a sync in progress or an interrupted one.
            return [(cid, score) for cid, score in hits if cid in snapshot.position]
        return self._restricted_dense_ranking(snapshot, vector, tuple(sorted(languages)), scope)

    def _restricted_dense_ranking(self, snapshot: IndexSnapshot, vector: np.ndarray, languages: tuple[str, ...],
                                  scope: Scope | None) -> list[tuple[str, float]]:
        """The nearest chunks among some languages and/or documents. Chroma's own filtered
        search costs 80-400 ms at 100k chunks (it lists the allowed ids first), so: a small
        set is ranked exactly over its vectors (fetched once and kept with the snapshot); a
        large one by asking the unfiltered index for enough neighbours that the set's share of
        them fills the ranking, and Chroma's filter only when that falls short."""
        k = self.tuning.candidates_per_ranker
        mask = np.ones(len(snapshot.chunks), dtype=bool)
        if scope is not None:
            mask &= snapshot.in_documents(scope.doc_ids)
        if languages:
            mask &= snapshot.in_languages(languages)
        allowed = int(mask.sum())
        if not allowed:
            return []
        if allowed <= SCOPE_VECTORS_IN_MEMORY:
            ids, matrix = self._vectors_of(snapshot, (languages, scope.doc_ids if scope else None), mask)
            scores = matrix @ vector if ids else np.zeros(0)
            return [(ids[i], float(scores[i])) for i in np.argsort(-scores)[:k]]
        wanted = min(int(np.ceil(k * len(mask) / allowed * 1.3)), MAX_OVERFETCH)
        hits = self.store.query(snapshot.manifest.collection, vector, wanted)
        inside = [(cid, score) for cid, score in hits
                  if cid in snapshot.position and mask[snapshot.position[cid]]][:k]
        if len(inside) >= k:
            return inside
        hits = self.store.query(snapshot.manifest.collection, vector, k, languages,
                                sorted(scope.doc_ids) if scope else ())
        return [(cid, score) for cid, score in hits if cid in snapshot.position]

    def _vectors_of(self, snapshot: IndexSnapshot, key: tuple, mask: np.ndarray) -> tuple[list[str], np.ndarray]:
        """The ids and vectors of the chunks in `mask`, kept with the snapshot under `key`."""
        cached = snapshot.scope_vectors.get(key)
        if cached is None:
            ids = [snapshot.chunks[i].chunk_id for i in np.flatnonzero(mask)]
            chunks, vectors = self.store.get_chunks(snapshot.manifest.collection, ids, with_vectors=True)
            cached = ([c.chunk_id for c in chunks], vectors if vectors is not None else np.zeros((0, 0)))
            _remember(snapshot.scope_vectors, key, cached)
        return cached

    def _bm25_ranking(self, snapshot: IndexSnapshot, question: Question, scope: Scope | None = None,
                      languages: Sequence[str] = ()) -> list[tuple[str, float]]:
        if snapshot.bm25 is None:
            return []
        vocabulary = snapshot.bm25.vocab_dict
        asked = list(question.query_terms)
        # Cognates let an English question find a German or Portuguese note ("Koalition").
        asked += snapshot.vocabulary.foreign_cognates(asked, question.language)
        terms = [t for t in asked if t in vocabulary]
        if not terms:
            return []
        scores = snapshot.bm25.get_scores(terms)
        for short, long in question.short_forms.items():
            # A chunk may name the thing by its short form instead ("Efus"): it scores as well.
            shortened = [t for t in terms if t not in long] + [short]
            if short in vocabulary:
                scores = np.maximum(scores, snapshot.bm25.get_scores(shortened))
        if scope is not None:
            scores = np.where(snapshot.in_documents(scope.doc_ids), scores, 0.0)
        if languages:
            scores = np.where(snapshot.in_languages(languages), scores, 0.0)
        count = min(self.tuning.candidates_per_ranker, len(scores))
        best = np.argpartition(-scores, count - 1)[:count]
        best = best[np.argsort(-scores[best])]
        return [(snapshot.chunks[i].chunk_id, float(scores[i])) for i in best if scores[i] > 0]

    def _cosines(self, snapshot: IndexSnapshot, ids: list[str], vector: np.ndarray) -> dict[str, float]:
        if not ids:
            return {}
        try:
            chunks, vectors = self.store.get_chunks(snapshot.manifest.collection, ids, with_vectors=True)
        except Exception:  # noqa: BLE001 - a vector Chroma lost in a crash only costs this score
            return {}
        return {chunk.chunk_id: float(v @ vector) for chunk, v in zip(chunks, vectors)}


def _remember(cache: dict, key, value) -> None:
    """Keep `value`, forgetting the oldest entry past `SCOPES_KEPT`."""
    if len(cache) >= SCOPES_KEPT:
        cache.pop(next(iter(cache)), None)
    cache[key] = value


def _languages_to_rank(question: Question) -> set[str]:
    """The languages asked for as an edition, and any other language the question names besides
    its own: notes in German are likely sources for a question about a German city."""
    return set(question.edition_languages.values()) | (question.named_languages - {question.language})


def snapshot_of(version: float, manifest: Manifest | None, chunks: list[Chunk]) -> IndexSnapshot:
    """What answering reads from a committed manifest's chunks: their documents, BM25 index and
    vocabulary."""
    position = {chunk.chunk_id: i for i, chunk in enumerate(chunks)}
    by_document: dict[str, list[Chunk]] = {}
    for chunk in sorted(chunks, key=lambda c: (c.doc_id, c.start)):
        by_document.setdefault(chunk.doc_id, []).append(chunk)
    chunk_terms = [content_terms(chunk.embedding_text()) for chunk in chunks]
    bm25 = _build_bm25(chunk_terms)
    by_language: dict[str, set[str]] = {}
    for chunk, terms in zip(chunks, chunk_terms):
        by_language.setdefault(chunk.language, set()).update(terms)
    numbers = {doc_id: i for i, doc_id in enumerate(by_document)}
    document_of = np.fromiter((numbers[c.doc_id] for c in chunks), dtype=np.int32, count=len(chunks))
    language_of = np.array([c.language for c in chunks], dtype=str)
    return IndexSnapshot(version, manifest, chunks, position, by_document, bm25,
                         Vocabulary(by_language, defined_pairs(chunk.text for chunk in chunks)),
                         document_of, language_of)


def _build_bm25(chunk_terms: list[list[str]]):
    import bm25s

    if not chunk_terms:
        return None
    corpus = [terms or ["_"] for terms in chunk_terms]
    bm25 = bm25s.BM25()
    bm25.index(corpus, show_progress=False)
    return bm25


def _rest_of_document(snapshot: IndexSnapshot, chunk_id: str, chunks: int) -> list[str]:
    """The chunk, then the others of the `chunks` around it in its document, in text order (a
    whole note; in a long document, its surroundings): the English encoder finds which German
    or Czech note answers more often than which of its chunks."""
    in_order = [c.chunk_id for c in snapshot.by_document.get(snapshot.chunks[snapshot.position[chunk_id]].doc_id, [])]
    at = in_order.index(chunk_id)
    start = min(max(0, at - (chunks - 1) // 2), max(0, len(in_order) - chunks))
    return [chunk_id] + [other for other in in_order[start:start + chunks] if other != chunk_id]


def _passage(chunk: Chunk, score: float, dense: float, lexical: float) -> Passage:
    return Passage(
        chunk_id=chunk.chunk_id, doc_id=chunk.doc_id, source=chunk.source, title=chunk.title,
        text=chunk.text, start=chunk.start, end=chunk.end, url=chunk.url, author=chunk.author, publisher=chunk.publisher,
        date=chunk.date, language=chunk.language, page=chunk.page, heading=chunk.heading, score=score,
        dense_score=dense, lexical_score=lexical,
    )


def _naming_the_years_first(doc_ids: list[str], asked: QuantityAsked,
                            years_of: Callable[[str], frozenset[str]]) -> list[str]:
    """The documents in their order, those naming a year the question is about first: "Efus's
    accounts of its 2017 Barcelona conference" compares the 2017 notes, not the 2006 manifesto
    that retrieval ranked among them."""
    return sorted(doc_ids, key=lambda doc_id: asked.names_none_of(years_of(doc_id)))
