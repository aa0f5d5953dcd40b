"""Exact and near-duplicate detection across the corpus.

Exact copies are caught by the content hash before anything is stored. Near
duplicates (the same agency story with a changed headline or a footer) are
found with MinHash over word 5-shingles and an LSH index: the first stored
copy is canonical and later copies get ``duplicate_of``. Syndicated copies
whose footer names the original outlet are linked the same way when the
original is in the corpus.

The LSH index is kept in the store (``signature_bands``: one key per band of a canonical
article's signature, :func:`band_keys`), so an ingest asks the store for the articles that
share a band with a new one instead of reading every stored signature first
(:class:`StoredNearDuplicates`); the articles of the running batch, not stored yet, are held in
a :class:`NearDuplicateIndex` of the same bands.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 3
# Jaccard similarity of word 3-shingles above which two articles are the same story
# (a changed headline, a dropped teaser or an edited sentence stays above it).
THRESHOLD = 0.7
SCHEME = "affine32"  # datasketch >= 2 needs the scheme to rebuild a stored signature
# Bands x rows of the LSH index: datasketch's optimum for THRESHOLD and NUM_PERM (14 x 9).
_LSH = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
BANDS, ROWS = _LSH.b, _LSH.r
del _LSH
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple:
    """The seed's permutation parameters, drawn once: MinHash draws them anew for every
    signature (0.2 ms, a quarter of signing an article and most of reading one back)."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def signature(text: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(list(shingles(text)))
    return minhash


def signature_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues).astype(np.uint64).tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint64).copy()
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, scheme=SCHEME, permutations=_permutations())


def band_keys(values: MinHash | bytes) -> list[int]:
    """One key per LSH band of a signature: two signatures that agree on all ``ROWS`` values of
    a band get the same key (a 63-bit hash of band number and values, so it fits a signed
    BIGINT); a signature of the wrong length (not one of ours) has none."""
    data = signature_bytes(values) if isinstance(values, MinHash) else bytes(values)
    width = ROWS * 8
    if len(data) != NUM_PERM * 8:
        return []
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(data[band * width:(band + 1) * width], digest_size=8,
                                 person=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


def source_key(source: str | None) -> str:
    """A source name as syndicated copies are matched by (case and spacing ignored)."""
    return " ".join((source or "").casefold().split())


def best_match(minhash: MinHash, candidates: Iterable[tuple[str, MinHash]], threshold: float) -> str | None:
    """Id of the most similar candidate at or above ``threshold``; ties go to the earliest."""
    best_id, best_score = None, threshold
    for candidate_id, candidate in candidates:
        score = minhash.jaccard(candidate)
        if score > best_score or (score == best_score and best_id is None):
            best_id, best_score = candidate_id, score
    return best_id


class NearDuplicateIndex:
    """An in-memory LSH index of canonical articles (the same bands as the store keeps),
    with each article's source so syndicated copies can find their original."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._bands: dict[int, list[str]] = {}
        self._signatures: dict[str, MinHash] = {}
        self._by_source: dict[str, list[str]] = {}

    def add(self, article_id: str, minhash: MinHash, source: str | None = None) -> None:
        if article_id in self._signatures:
            return
        for key in band_keys(minhash):
            self._bands.setdefault(key, []).append(article_id)
        self._signatures[article_id] = minhash
        self._by_source.setdefault(source_key(source), []).append(article_id)

    def candidates(self, minhash: MinHash) -> list[tuple[str, MinHash]]:
        """The articles sharing at least one band with ``minhash`` (in the order they were added)."""
        found = {i for key in band_keys(minhash) for i in self._bands.get(key, ())}
        return [(i, self._signatures[i]) for i in self._signatures if i in found]

    def from_source(self, source: str | None) -> list[tuple[str, MinHash]]:
        return [(i, self._signatures[i]) for i in self._by_source.get(source_key(source), ())]

    def find_from_source(self, minhash: MinHash, source: str, threshold: float) -> str | None:
        """The most similar article from ``source`` at or above ``threshold`` — a lower bar
        than :meth:`find`, because an edited or translated syndicated copy shares less text."""
        return best_match(minhash, self.from_source(source), threshold)

    def find(self, minhash: MinHash) -> str | None:
        """Id of the most similar canonical article above the threshold, if any."""
        return best_match(minhash, self.candidates(minhash), self.threshold)

    def clear(self) -> None:
        self._bands.clear()
        self._signatures.clear()
        self._by_source.clear()

    def __len__(self) -> int:
        return len(self._signatures)


class StoredNearDuplicates:
    """Near-duplicate look-ups against the store's band index plus the articles of the running
    batch that are not stored yet (:meth:`add`; :meth:`stored` once the batch is written).
    Reads only the signatures that share a band (or, for a syndicated copy, the source)."""

    def __init__(self, store, threshold: float = THRESHOLD):
        self.store = store
        self.threshold = threshold
        self.pending = NearDuplicateIndex(threshold)

    def _stored(self, rows) -> list[tuple[str, MinHash]]:
        return [(i, signature_from_bytes(data)) for i, data in rows if i not in self.pending._signatures]

    def find(self, minhash: MinHash) -> str | None:
        stored = self._stored(self.store.similar_signatures(band_keys(minhash)))
        return best_match(minhash, stored + self.pending.candidates(minhash), self.threshold)

    def find_from_source(self, minhash: MinHash, source: str, threshold: float) -> str | None:
        stored = self._stored(self.store.signatures_from_source(source_key(source)))
        return best_match(minhash, stored + self.pending.from_source(source), threshold)

    def add(self, article_id: str, minhash: MinHash, source: str | None = None) -> None:
        self.pending.add(article_id, minhash, source)

    def stored(self) -> None:
        """The pending articles are written (with their bands): forget them here."""
        self.pending.clear()
