"""Exact and near-duplicate detection across the corpus.

Exact copies are caught by the content hash before anything is stored. Near
duplicates (the same agency story with a changed headline or a footer) are
found with MinHash over word 5-shingles and an LSH index: the first stored
copy is canonical and later copies get ``duplicate_of``. Syndicated copies
whose footer names the original outlet are linked the same way when the
original is in the corpus.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 3
# Jaccard similarity of word 3-shingles above which two articles are the same story
# (a changed headline, a dropped teaser or an edited sentence stays above it).
THRESHOLD = 0.7
SCHEME = "affine32"  # datasketch >= 2 needs the scheme to rebuild a stored signature
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


class NearDuplicateIndex:
    """An LSH index of canonical articles, seeded from the store's signatures,
    with each article's source so syndicated copies can find their original."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}
        self._by_source: dict[str, list[str]] = {}

    def add(self, article_id: str, minhash: MinHash, source: str | None = None) -> None:
        if article_id in self._signatures:
            return
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash
        self._by_source.setdefault(_source_key(source), []).append(article_id)

    def find_from_source(self, minhash: MinHash, source: str, threshold: float) -> str | None:
        """The most similar article from ``source`` at or above ``threshold`` — a lower bar
        than :meth:`find`, because an edited or translated syndicated copy shares less text."""
        best_id, best_score = None, threshold
        for candidate in self._by_source.get(_source_key(source), ()):
            score = minhash.jaccard(self._signatures[candidate])
            if score >= best_score:
                best_id, best_score = candidate, score
        return best_id

    def find(self, minhash: MinHash) -> str | None:
        """Id of the most similar canonical article above the threshold, if any."""
        best_id, best_score = None, self.threshold
        for candidate in self._lsh.query(minhash):
            score = minhash.jaccard(self._signatures[candidate])
            if score >= best_score:
                best_id, best_score = candidate, score
        return best_id

    def __len__(self) -> int:
        return len(self._signatures)


def _source_key(source: str | None) -> str:
    return " ".join((source or "").casefold().split())
