"""The accurate NER tagger (``--ner accurate``): a BiLSTM-CRF run with numpy.

Trained with PyTorch by ``dossier train ner-accurate`` (:mod:`dossier.training.ner_neural`),
exported as plain arrays so that tagging needs numpy only. Per token the network reads

* the word's vector from a compact table (word2vec over the parliament-de corpus and news
  text, the most frequent words, PCA-reduced, float16); a word not in the table falls back to
  its capitalised or lower-cased form, else an unknown-word vector,
* a sum of embeddings of the CRF's own per-word features (affixes, shape, clusters,
  gazetteers, word frequency, HanTa lexicon ...; :mod:`dossier.analyse.ner.features`, no
  training-data lexicon) plus how the vector was found,

then a bidirectional LSTM, a linear layer to tag scores and a CRF transition matrix
(Viterbi for the tags, forward-backward for the marginals that become mention scores).
"""
from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from dossier.errors import ModelError

from .decode import drop_function_word_names
from .features import FeatureExtractor

WEIGHTS_FILE = "weights.npz"
WORDS_FILE = "words.txt"
FEATURES_FILE = "features.txt"
META_FILE = "meta.json"
# how the word's vector was found: one pseudo-feature each, so the network knows
VECTOR_SOURCES = ("vx=exact", "vx=cap", "vx=lower", "vx=none")


def accurate_model_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "models" / "ner-accurate"


class WordVectors:
    """Word -> row of the vector table, with the case fallbacks."""

    def __init__(self, words: Sequence[str]):
        self.index = {w: i for i, w in enumerate(words)}
        self.unknown = len(words)  # the last row of the table

    def lookup(self, word: str) -> tuple[int, int]:
        """(row, source) where source indexes :data:`VECTOR_SOURCES`."""
        index = self.index
        row = index.get(word)
        if row is not None:
            return row, 0
        row = index.get(word.capitalize())
        if row is not None:
            return row, 1
        row = index.get(word.lower())
        if row is not None:
            return row, 2
        return self.unknown, 3


class SentenceEncoder:
    """Token sequence -> (vector rows, feature-id bags) with the model's vocabularies."""

    def __init__(self, extractor: FeatureExtractor, vectors: WordVectors, feature_ids: dict[bytes, int]):
        self.extractor = extractor
        self.vectors = vectors
        self.feature_ids = feature_ids
        self.source_ids = [feature_ids.get(s.encode()) for s in VECTOR_SOURCES]

    def encode(self, words: Sequence[str]) -> tuple[np.ndarray, list[list[int]]]:
        rows = []
        bags = []
        get = self.feature_ids.get
        for word, feats in zip(words, self.extractor.sentence(words)):
            row, source = self.vectors.lookup(word)
            rows.append(row)
            bag = [i for i in map(get, feats) if i is not None]
            if self.source_ids[source] is not None:
                bag.append(self.source_ids[source])
            bags.append(bag)
        return np.asarray(rows, dtype=np.int64), bags


def read_lines(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle]


def reverse_each(batch: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each row's first ``lengths[b]`` steps in reverse order (padding stays where it is)."""
    steps = np.arange(batch.shape[1])
    index = np.where(steps[None, :] < lengths[:, None], lengths[:, None] - 1 - steps[None, :], steps[None, :])
    return np.take_along_axis(batch, index.reshape(index.shape + (1,) * (batch.ndim - 2)), axis=1)


def bilstm(inputs: np.ndarray, lengths: np.ndarray, w: dict[str, np.ndarray]) -> np.ndarray:
    """Both LSTM directions over a batch (B, L, D) of left-aligned sequences -> (B, L, 2H).
    The backward direction runs forward over each row reversed, and both run in one loop
    (a stacked matrix product per step); PyTorch's gate order i, f, g, o. Steps past a
    sequence's end compute padding nobody reads."""
    batch, steps, _ = inputs.shape
    hidden = w["lstm_w_hh"].shape[1]
    pre = np.stack([inputs @ w["lstm_w_ih"].T + w["lstm_b"],
                    reverse_each(inputs, lengths) @ w["lstm_w_ih_reverse"].T + w["lstm_b_reverse"]])
    w_hh = np.stack([w["lstm_w_hh"].T, w["lstm_w_hh_reverse"].T])
    h = np.zeros((2, batch, hidden), dtype=np.float32)
    c = np.zeros((2, batch, hidden), dtype=np.float32)
    out = np.empty((2, batch, steps, hidden), dtype=np.float32)
    for t in range(steps):
        gates = pre[:, :, t] + h @ w_hh
        act = np.tanh(gates * 0.5) * 0.5 + 0.5  # sigmoid of all four gates; g is redone below
        c = act[..., hidden:2 * hidden] * c + act[..., :hidden] * np.tanh(gates[..., 2 * hidden:3 * hidden])
        h = act[..., 3 * hidden:] * np.tanh(c)
        out[:, :, t] = h
    return np.concatenate([out[0], reverse_each(out[1], lengths)], axis=2)


def viterbi(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    """Best tag path of one sentence: emissions (n, T), transitions[i, j] = score of i followed by j."""
    return viterbi_batch(emissions[None], np.array([len(emissions)]), transitions, start, end)[0]


def viterbi_batch(emissions: np.ndarray, lengths: np.ndarray, transitions: np.ndarray, start: np.ndarray,
                  end: np.ndarray) -> list[list[int]]:
    """Best tag paths of a padded batch (B, L, T)."""
    batch, steps, _ = emissions.shape
    score = start + emissions[:, 0]
    back = np.zeros(emissions.shape, dtype=np.intp)
    for t in range(1, steps):
        total = score[:, :, None] + transitions
        back[:, t] = total.argmax(axis=1)
        score = np.where((t < lengths)[:, None], total.max(axis=1) + emissions[:, t], score)
    best = (score + end).argmax(axis=1).tolist()
    paths = []
    for b, n in enumerate(lengths.tolist()):
        pointers = back[b, :n].tolist()
        tag = best[b]
        path = [tag]
        for t in range(n - 1, 0, -1):
            tag = pointers[t][tag]
            path.append(tag)
        path.reverse()
        paths.append(path)
    return paths


def marginals(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """P(tag j at position t | sentence) of one sentence (n, T)."""
    return marginals_batch(emissions[None], np.array([len(emissions)]), transitions, start, end)[0]


def marginals_batch(emissions: np.ndarray, lengths: np.ndarray, transitions: np.ndarray, start: np.ndarray,
                    end: np.ndarray) -> np.ndarray:
    """Tag marginals of a padded batch by forward-backward in probability space, rescaled at
    every step (the constants cancel); the backward pass runs forward over reversed rows."""
    emit = np.exp(emissions - emissions.max(axis=2, keepdims=True)).astype(np.float64)
    trans = np.exp(transitions - transitions.max()).astype(np.float64)
    alpha = np.empty(emit.shape)
    beta = np.empty(emit.shape)
    a = np.exp(start - start.max()) * emit[:, 0]
    alpha[:, 0] = a / a.sum(axis=1, keepdims=True)
    for t in range(1, emit.shape[1]):
        a = (alpha[:, t - 1] @ trans) * emit[:, t]
        alpha[:, t] = a / a.sum(axis=1, keepdims=True)
    emit_reversed = reverse_each(emit, lengths)
    beta[:, 0] = np.exp(end - end.max())
    trans_t = trans.T
    for k in range(1, emit.shape[1]):
        b = (emit_reversed[:, k - 1] * beta[:, k - 1]) @ trans_t
        beta[:, k] = b / b.sum(axis=1, keepdims=True)
    joint = alpha * reverse_each(beta, lengths)
    return joint / joint.sum(axis=2, keepdims=True)


class NeuralNerModel:
    """The exported BiLSTM-CRF plus the encoder it was trained with; same interface as NerModel."""

    def __init__(self, model_dir: Path, extractor: FeatureExtractor | None = None):
        self.model_dir = Path(model_dir)
        path = self.model_dir / WEIGHTS_FILE
        if not path.exists():
            raise ModelError(f"accurate NER model {path} is missing", location=str(path),
                             hint="reinstall dossier-news or run `dossier train ner-accurate`")
        try:
            with np.load(path) as arrays:
                weights = {k: arrays[k] for k in arrays.files}
            self.meta = json.loads((self.model_dir / META_FILE).read_text(encoding="utf-8"))
            words = read_lines(self.model_dir / WORDS_FILE)
            features = read_lines(self.model_dir / FEATURES_FILE)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"accurate NER model in {self.model_dir} does not load: {exc}",
                             location=str(self.model_dir),
                             hint="the files are damaged; run `dossier train ner-accurate`") from exc
        self.tags = list(self.meta["tags"])
        # float16 on disk, float32 for arithmetic
        self.w = {k: v.astype(np.float32) for k, v in weights.items()}
        if extractor is None:
            extractor = build_extractor(self.model_dir, frozenset(features))
        self.encoder = SentenceEncoder(extractor, WordVectors(words),
                                       {f.encode(): i for i, f in enumerate(features)})
        self._lock = threading.Lock()  # the feature cache is shared

    def network(self, rows: np.ndarray, bags: list[list[int]], lengths: np.ndarray | None = None) -> np.ndarray:
        """Tag scores from vector rows (B, L) or (n,) and the feature-id bags of the real
        tokens, row by row; ``lengths`` (B,) for a padded batch."""
        single = rows.ndim == 1
        if single:
            rows, lengths = rows[None], np.array([len(rows)])
        w = self.w
        sizes = np.fromiter(map(len, bags), dtype=np.intp, count=len(bags))
        flat = np.fromiter((i for bag in bags for i in bag), dtype=np.intp, count=int(sizes.sum()))
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        sums = np.add.reduceat(w["feature_embeddings"][flat], starts, axis=0)
        sums[sizes == 0] = 0.0  # no bag is empty in practice (the vector source is always there)
        mask = np.arange(rows.shape[1])[None, :] < lengths[:, None]
        feats = np.zeros(rows.shape + (sums.shape[1],), dtype=np.float32)
        feats[mask] = sums
        inputs = np.concatenate([w["word_vectors"][rows] @ w["word_projection"].T, feats], axis=2)
        scores = bilstm(inputs, lengths, w) @ w["output_w"].T + w["output_b"]
        return scores[0] if single else scores

    def _crf(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        w = self.w
        return w["transitions"], w["start"], w["end"]

    def _emission_batches(self, sentences: Sequence[Sequence[str]], batch_size: int = 32):
        """(sentence indexes, emissions (B, L, T), lengths) over the non-empty sentences, in
        batches of similar length."""
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        for first in range(0, len(order), batch_size):
            chosen = order[first:first + batch_size]
            lengths = np.array([len(sentences[i]) for i in chosen])
            rows = np.zeros((len(chosen), int(lengths.max())), dtype=np.int64)
            bags: list[list[int]] = []
            with self._lock:
                for b, i in enumerate(chosen):
                    row, bag = self.encoder.encode(sentences[i])
                    rows[b, :len(row)] = row
                    bags.extend(bag)
            yield chosen, self.network(rows, bags, lengths), lengths

    def tag_sentences(self, sentences: Sequence[Sequence[str]], *,
                      scores: bool = True) -> list[tuple[list[str], list[float]]]:
        """(tags, marginal probability of each entity tag, 1.0 for ``O``) per sentence."""
        results: list = [([], [])] * len(sentences)
        for chosen, emissions, lengths in self._emission_batches(sentences):
            paths = viterbi_batch(emissions, lengths, *self._crf())
            probs = marginals_batch(emissions, lengths, *self._crf()) if scores else None
            for b, i in enumerate(chosen):
                words = sentences[i]
                tags = drop_function_word_names(words, [self.tags[j] for j in paths[b]])
                if probs is None:
                    results[i] = (tags, [])
                else:
                    results[i] = (tags, [1.0 if t == "O" else float(probs[b, k, j])
                                         for k, (t, j) in enumerate(zip(tags, paths[b]))])
        return results

    def marginal_sentences(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per sentence the (n, tags) marginal probabilities, columns in the order of ``self.tags``."""
        results: list = [np.zeros((0, len(self.tags)))] * len(sentences)
        for chosen, emissions, lengths in self._emission_batches(sentences):
            probs = marginals_batch(emissions, lengths, *self._crf())
            for b, i in enumerate(chosen):
                results[i] = probs[b, :len(sentences[i])]
        return results

    def tag(self, words: Sequence[str]) -> list[str]:
        return self.tag_sentences([words], scores=False)[0][0]

    def tag_with_scores(self, words: Sequence[str]) -> tuple[list[str], list[float]]:
        """Tags plus the marginal probability of each entity tag (1.0 for ``O``)."""
        return self.tag_sentences([words])[0]


def build_extractor(model_dir: Path, known: frozenset[str] | None) -> FeatureExtractor:
    """The CRF feature extractor with the tables this model was trained with (no
    training-data lexicon); ``known`` limits it to the features the model has embeddings for."""
    from .model import CLUSTER_FILE, zipf_function
    from .tables import load_cluster_table

    path = Path(model_dir) / CLUSTER_FILE
    if not path.exists():
        raise ModelError(f"word cluster table {path} is missing", location=str(path),
                         hint="run `dossier train ner-accurate`")
    return FeatureExtractor(load_cluster_table(path), zipf_function(), None, known,
                            english=zipf_function("en"), extended=True)


def accurate_tagger(model_dir: Path):
    """The model in ``model_dir``; when its ``meta.json`` names an ``ensemble_weight``, combined
    with the shipped CRF (:mod:`.ensemble`)."""
    network = NeuralNerModel(model_dir)
    weight = network.meta.get("ensemble_weight")
    if weight is None:
        return network
    from .ensemble import EnsembleModel
    from .model import load_default

    return EnsembleModel(network, load_default(), weight)


@lru_cache(maxsize=1)
def load_accurate():
    """The accurate tagger shipped in ``dossier/models/ner-accurate`` (loaded once per process)."""
    return accurate_tagger(accurate_model_dir())
