"""Loading the shipped CRF model and tagging token sequences with it.

The model directory holds ``crf.model`` (a crfsuite file), ``clusters.tsv``
(the word clusters the features use) and ``meta.json`` (how it was trained).
Loading is lazy and happens once per process (:func:`load_default`).
"""
from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from dossier.errors import ModelError

from .decode import drop_function_word_names
from .features import FeatureExtractor
from .tables import load_cluster_table, read_lexicon

MODEL_FILE = "crf.model"
CLUSTER_FILE = "clusters.tsv"
VECTOR_CLUSTER_FILE = "wordvec_clusters.tsv"  # optional: models trained before 2026-12 lack it
META_FILE = "meta.json"
LEXICON_FILE = "lexicon.tsv"
ATTRIBUTES_FILE = "attributes.txt"


def default_model_dir() -> Path:
    # dossier/models is package data (no __init__), so locate it next to this package.
    return Path(__file__).resolve().parents[2] / "models" / "ner"


def zipf_function(language: str = "de"):
    """Word frequency (Zipf scale) of a lower-cased word in ``language``; 0 when unknown."""
    import math

    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # the feature then says "unknown" for every word
        return lambda word: 0.0
    # A plain dict lookup: wordfreq's zipf_frequency() normalises its input on
    # every call, which costs more than all our other word features together.
    frequencies = get_frequency_dict(language)
    log = math.log10

    def zipf(word: str) -> float:
        freq = frequencies.get(word)
        if freq is None and "-" in word:
            # A compound: as rare as its rarest piece ("tesla-aktie" ~ "tesla").
            freq = min((frequencies.get(p, 0.0) for p in word.split("-") if p), default=0.0)
        return round(log(freq) + 9.0, 2) if freq else 0.0

    return zipf


def make_extractor(model_dir: Path, lexicon: dict[str, str] | None = None) -> FeatureExtractor:
    path = model_dir / CLUSTER_FILE
    if not path.exists():
        raise ModelError(f"word cluster table {path} is missing", location=str(path),
                         hint="run `dossier train ner` to build the NER model")
    if lexicon is None:
        lexicon = read_lexicon(model_dir / LEXICON_FILE)
    known = None
    attributes = model_dir / ATTRIBUTES_FILE
    if attributes.exists():
        known = frozenset(attributes.read_text(encoding="utf-8").split("\n"))
    meta = model_dir / META_FILE
    extended = meta.exists() and json.loads(meta.read_text(encoding="utf-8")).get("extended_features", False)
    return FeatureExtractor(load_cluster_table(path), zipf_function(), lexicon, known,
                            english=zipf_function("en") if extended else None, extended=extended,
                            vector_clusters=load_vector_clusters(model_dir))


def load_vector_clusters(model_dir: Path) -> dict[str, tuple[str, ...]] | None:
    """The word-vector cluster table of a model directory, or None when it has none."""
    path = Path(model_dir) / VECTOR_CLUSTER_FILE
    return load_cluster_table(path) if path.exists() else None


class NerModel:
    """A trained CRF plus the feature extractor it was trained with."""

    def __init__(self, model_dir: Path):
        import pycrfsuite

        self.model_dir = Path(model_dir)
        path = self.model_dir / MODEL_FILE
        if not path.exists():
            raise ModelError(f"NER model {path} is missing", location=str(path),
                             hint="reinstall dossier-news or run `dossier train ner`")
        self.extractor = make_extractor(self.model_dir)
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(path))
        except Exception as exc:  # crfsuite raises a bare ValueError/IOError
            raise ModelError(f"NER model {path} does not load: {exc}", location=str(path),
                             hint="the file is damaged; run `dossier train ner`") from exc
        # crfsuite's tagger keeps per-sequence state: one sequence at a time.
        self._lock = threading.Lock()
        meta = self.model_dir / META_FILE
        self.meta = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}

    def tag(self, words: Sequence[str]) -> list[str]:
        if not words:
            return []
        xseq = self.extractor.sentence(words)
        with self._lock:
            tags = self._tagger.tag(xseq)
        return drop_function_word_names(words, tags)

    def tag_with_scores(self, words: Sequence[str]) -> tuple[list[str], list[float]]:
        """Tags plus the marginal probability of each entity tag (1.0 for ``O``)."""
        if not words:
            return [], []
        xseq = self.extractor.sentence(words)
        with self._lock:
            tags = self._tagger.tag(xseq)
            probs = [1.0 if t == "O" else self._tagger.marginal(t, i) for i, t in enumerate(tags)]
        tags = drop_function_word_names(words, tags)
        return tags, [1.0 if t == "O" else p for t, p in zip(tags, probs)]

    def marginals(self, words: Sequence[str], tags: Sequence[str]) -> list[tuple[int, str, list[float]]]:
        """``(index in tags, tag, [P(tag at i) for each token])`` for each of ``tags`` the CRF
        knows (for the ensemble with the accurate tagger, :mod:`.ensemble`)."""
        xseq = self.extractor.sentence(words)
        out = []
        with self._lock:
            self._tagger.set(xseq)
            known = set(self._tagger.labels())
            for j, tag in enumerate(tags):
                if tag in known:
                    out.append((j, tag, [self._tagger.marginal(tag, i) for i in range(len(words))]))
        return out

    def tag_with_probability(self, words: Sequence[str]) -> tuple[list[str], float]:
        """Tags plus the CRF's probability of the whole tag sequence (for self-training)."""
        if not words:
            return [], 1.0
        xseq = self.extractor.sentence(words)
        with self._lock:
            tags = self._tagger.tag(xseq)
            prob = self._tagger.probability(tags)
        return drop_function_word_names(words, tags), prob


@lru_cache(maxsize=1)
def load_default() -> NerModel:
    """The model shipped in ``dossier/models/ner`` (loaded on first use, then cached)."""
    return NerModel(default_model_dir())
