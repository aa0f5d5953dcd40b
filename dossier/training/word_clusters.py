"""Word clusters from word2vec vectors over a large unlabeled corpus (``dossier train clusters``).

Why: GermEval's 24k training sentences name a few thousand people, places and
organisations; a name the CRF never saw gets help only from what its context
says about it.  Word2vec over ~120 million tokens (Bundestag debates plus the
news text in ../shared/data) places ``Steinmeier`` near other politicians and
``Bottrop`` near other towns, and k-means over the vectors turns that into a
few cluster ids per word at coarse-to-fine granularities — features a linear
CRF can use (docs/ner.md, "Word-vector clusters").

Steps: tokenise like the NER tokenizer (casing kept: German capitalisation
separates nouns and names from the rest), write one paragraph per line to a
work file (word2vec reads it once per epoch), train CBOW word2vec with gensim
(an optional extra: ``pip install 'dossier-news[train]'``), then spherical
k-means over the unit vectors of the most frequent words.  Only the
``word<TAB>ids`` table is shipped, never the corpus.
"""
from __future__ import annotations

import lzma
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from dossier.errors import ConfigError, MissingDependency

PARLIAMENT = Path("data") / "parliament-de" / "de_parliament_1996_2025.txt.xz"
GRANULARITIES = (100, 500, 2000)
DATA_CREDIT = ("GermaParl (PolMine project), Bundestag plenary protocols; 10kGNAD (CC BY-NC-SA 4.0), "
               "DFKI SmartData (CC BY 4.0), Corpus Redewiedergabe (CC BY-NC-SA 4.0)")


@dataclass
class ClusterConfig:
    shared: Path
    out: Path                       # the table to write (wordvec_clusters.tsv)
    work: Path                      # token file and vectors (large; not part of the package)
    dimensions: int = 200
    window: int = 5
    epochs: int = 3
    min_count: int = 5
    vocabulary: int = 300_000       # most frequent words that get cluster ids
    granularities: tuple[int, ...] = GRANULARITIES
    max_lines: int = 0              # 0 = the whole corpus; else the first lines of parliament-de
    workers: int = 2
    seed: int = 13


def corpus_lines(shared: Path, max_lines: int = 0) -> Iterator[list[str]]:
    """Token lists: the news text in ``shared/data`` (not GermEval), then parliament-de.

    GermEval is left out so that the held-out tenth of its training sentences
    and its dev set stay unseen text for the clusters too.
    """
    from dossier.training.corpus import news_paragraphs
    from dossier.analyse.segment.germeval import _TOKEN

    yield from news_paragraphs(shared)
    path = shared / PARLIAMENT
    if not path.exists():
        raise ConfigError(f"{path} is missing", location=str(path),
                          hint="the word clusters are trained on ../shared/data/parliament-de")
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            tokens = _TOKEN.findall(line)
            if tokens:
                yield tokens
            if max_lines and number >= max_lines:
                break


def write_token_file(config: ClusterConfig, echo: Callable[[str], None]) -> Path:
    """Tokenised corpus, one paragraph per line, in ``config.work`` (reused when present)."""
    config.work.mkdir(parents=True, exist_ok=True)
    path = config.work / f"tokens-{config.max_lines or 'all'}.txt"
    if path.exists():
        echo(f"reusing {path}")
        return path
    started = time.time()
    words = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for number, tokens in enumerate(corpus_lines(config.shared, config.max_lines), 1):
            out.write(" ".join(tokens) + "\n")
            words += len(tokens)
            if number % 250_000 == 0:
                echo(f"  {number:,} paragraphs, {words:,} tokens ({time.time() - started:.0f}s)")
    tmp.rename(path)
    echo(f"tokenised {words:,} tokens into {path} ({time.time() - started:.0f}s)")
    return path


def train_vectors(config: ClusterConfig, token_file: Path, echo: Callable[[str], None]):
    """gensim KeyedVectors (CBOW word2vec) of ``token_file``; saved to ``config.work``."""
    try:
        from gensim.models import Word2Vec
        from gensim.models.word2vec import LineSentence
    except ImportError as exc:
        raise MissingDependency("gensim", "training word vectors (pip install 'dossier-news[train]')") from exc
    started = time.time()
    echo(f"word2vec: {config.dimensions} dimensions, window {config.window}, "
         f"{config.epochs} epochs, min count {config.min_count}, {config.workers} workers ...")
    model = Word2Vec(LineSentence(str(token_file)), vector_size=config.dimensions,
                     window=config.window, min_count=config.min_count, workers=config.workers,
                     epochs=config.epochs, sg=0, negative=5, sample=1e-4, seed=config.seed)
    vectors = model.wv
    vectors.save(str(vectors_file(config)))
    echo(f"  {len(vectors):,} words ({time.time() - started:.0f}s)")
    return vectors


def vectors_file(config: ClusterConfig) -> Path:
    """Where the vectors of these settings are kept (reused by a later run with the same ones)."""
    return config.work / (f"vectors-d{config.dimensions}-w{config.window}-e{config.epochs}"
                          f"-m{config.min_count}-{config.max_lines or 'all'}.kv")


def spherical_kmeans(vectors: np.ndarray, k: int, *, seed: int, iterations: int = 15) -> np.ndarray:
    """Cluster id per row of unit ``vectors`` (deterministic for a seed)."""
    from scipy import sparse

    rng = np.random.default_rng(seed)
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)].copy()
    labels = np.zeros(len(vectors), dtype=np.int64)
    rows = np.arange(len(vectors))
    for _ in range(iterations):
        for start in range(0, len(vectors), 16_384):
            labels[start:start + 16_384] = np.argmax(vectors[start:start + 16_384] @ centres.T, axis=1)
        # Sum of members per centre as one sparse product (a loop over k centres is k passes).
        members = sparse.csr_matrix((np.ones(len(vectors), dtype=np.float32), (labels, rows)),
                                    shape=(k, len(vectors)))
        sums = np.asarray(members @ vectors)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        centres = np.where(empty[:, None], centres, sums / np.maximum(norms, 1e-9))
    return labels


def write_cluster_table(vectors, config: ClusterConfig, echo: Callable[[str], None]) -> int:
    """``word<TAB>id per granularity<TAB>name type`` for the ``config.vocabulary`` most
    frequent words."""
    words = list(vectors.index_to_key[:config.vocabulary])  # gensim sorts by frequency
    matrix = np.asarray(vectors.get_normed_vectors()[:len(words)], dtype=np.float32)
    columns = []
    for k in config.granularities:
        started = time.time()
        columns.append(spherical_kmeans(matrix, k, seed=config.seed))
        echo(f"  k-means k={k} over {len(words):,} words ({time.time() - started:.0f}s)")
    from .name_types import name_type_column

    columns.append(name_type_column(words, matrix, echo))
    config.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = config.out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        names = [f"k{k}" for k in config.granularities] + ["type"]
        handle.write("# word\t" + "\t".join(names) + "\n")
        for i, word in enumerate(words):
            handle.write(word + "\t" + "\t".join(str(col[i]) for col in columns) + "\n")
    tmp.rename(config.out)
    return len(words)


def build_word_clusters(config: ClusterConfig, echo: Callable[[str], None] = print) -> int:
    """The whole recipe; returns the number of words in the written table."""
    token_file = write_token_file(config, echo)
    vectors_path = vectors_file(config)
    if vectors_path.exists():
        from gensim.models import KeyedVectors

        echo(f"reusing {vectors_path}")
        vectors = KeyedVectors.load(str(vectors_path))
    else:
        vectors = train_vectors(config, token_file, echo)
    size = write_cluster_table(vectors, config, echo)
    echo(f"{size:,} words written to {config.out}")
    return size
