"""Distributional word clusters from unlabeled German text.

Why: a CRF sees each word form on its own, so a name it never met in training
gets no help from its identity.  Words that occur in the same contexts
(``sagte Müller`` / ``sagte Schmidt``) fall into the same cluster, and the
cluster id generalises from the training names to unseen ones.

Method (deterministic, numpy/scipy only): word x position-specific context
counts (left/right neighbours at distance 1 and 2), positive PMI with context
smoothing, truncated SVD, then k-means at several granularities.  The result
is a ``word<TAB>c1<TAB>c2...`` table shipped in the model directory.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Iterable

import numpy as np

GRANULARITIES = (64, 256, 1024)
MIN_COUNT = 2
MAX_VOCAB = 80_000
CONTEXT_SIZE = 6_000
DIMENSIONS = 120


def word_vectors(sentences: Iterable[list[str]], *, seed: int = 13) -> tuple[list[str], np.ndarray]:
    """Vocabulary and unit-length SVD vectors of the PPMI context matrix."""
    from scipy import sparse
    from scipy.sparse.linalg import svds

    sentences = [s for s in sentences if s]
    counts = Counter(w for s in sentences for w in s)
    vocab = [w for w, c in counts.most_common(MAX_VOCAB) if c >= MIN_COUNT]
    index = {w: i for i, w in enumerate(vocab)}
    contexts = {w: i for i, w in enumerate(vocab[:CONTEXT_SIZE])}
    rows: list[int] = []
    cols: list[int] = []
    for sent in sentences:
        ids = [index.get(w, -1) for w in sent]
        ctx = [contexts.get(w, -1) for w in sent]
        n = len(sent)
        for slot, offset in enumerate((-2, -1, 1, 2)):
            base = slot * CONTEXT_SIZE
            for i in range(max(0, -offset), min(n, n - offset)):
                w, c = ids[i], ctx[i + offset]
                if w >= 0 and c >= 0:
                    rows.append(w)
                    cols.append(base + c)
    data = np.ones(len(rows), dtype=np.float64)
    matrix = sparse.coo_matrix((data, (rows, cols)), shape=(len(vocab), 4 * CONTEXT_SIZE)).tocsr()
    matrix.sum_duplicates()
    ppmi = _ppmi(matrix)
    rng = np.random.default_rng(seed)
    v0 = rng.standard_normal(min(ppmi.shape))
    u, s, _ = svds(ppmi, k=DIMENSIONS, v0=v0)
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.maximum(norms, 1e-9)
    return vocab, vectors.astype(np.float32)


def _ppmi(matrix):
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    col_sums = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75  # smoothed contexts
    col_sums = col_sums / col_sums.sum() * total
    coo = matrix.tocoo()
    pmi = np.log(coo.data * total / (row_sums[coo.row] * col_sums[coo.col]))
    keep = pmi > 0
    from scipy import sparse

    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape)


def kmeans(vectors: np.ndarray, k: int, *, seed: int = 13, iterations: int = 20) -> np.ndarray:
    """Cluster id per row (spherical k-means, deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)].copy()
    labels = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(iterations):
        for start in range(0, len(vectors), 8192):
            block = vectors[start:start + 8192]
            labels[start:start + 8192] = np.argmax(block @ centres.T, axis=1)
        for c in range(k):
            members = vectors[labels == c]
            if len(members):
                centre = members.sum(axis=0)
                centres[c] = centre / max(np.linalg.norm(centre), 1e-9)
    return labels


def build_cluster_table(sentences: Iterable[list[str]], out: Path, *, seed: int = 13) -> int:
    """Write ``word<TAB>cluster ids`` for each granularity; return the vocabulary size."""
    vocab, vectors = word_vectors(sentences, seed=seed)
    columns = [kmeans(vectors, k, seed=seed) for k in GRANULARITIES]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        handle.write("# word\t" + "\t".join(f"k{k}" for k in GRANULARITIES) + "\n")
        for i, word in enumerate(vocab):
            handle.write(word + "\t" + "\t".join(str(col[i]) for col in columns) + "\n")
    return len(vocab)
