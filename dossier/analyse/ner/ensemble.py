"""The BiLSTM-CRF and the CRF together: their tag marginals averaged, then decoded.

The two taggers err differently (the network knows words from 120M tokens of text, the CRF
knows the training data's lexicon and sharp word features), so a weighted mean of their
per-token tag probabilities, decoded with a Viterbi pass that only forbids invalid BIO steps
(``I-X`` after anything but ``B-X``/``I-X``), corrects some of each one's mistakes. The weight
of the network is ``meta.json``'s ``ensemble_weight`` in the accurate model's folder.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .decode import drop_function_word_names
from .neural import NeuralNerModel, viterbi

FLOOR = 1e-6  # keeps log() finite where a model gives a tag no probability


def bio_transitions(tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(transitions, start) scores: 0 where allowed, -1e4 for ``I-X`` not after ``B-X``/``I-X``."""
    size = len(tags)
    transitions = np.zeros((size, size))
    start = np.zeros(size)
    for j, tag in enumerate(tags):
        if tag.startswith("I-"):
            kind = tag[2:]
            start[j] = -1e4
            for i, before in enumerate(tags):
                if before not in ("B-" + kind, "I-" + kind):
                    transitions[i, j] = -1e4
    return transitions, start


class EnsembleModel:
    """``weight`` x the network's marginals + (1 - ``weight``) x the CRF's; NerModel's interface."""

    def __init__(self, neural: NeuralNerModel, crf, weight: float):
        self.neural = neural
        self.crf = crf
        self.weight = float(weight)
        self.tags = neural.tags
        self.transitions, self.start = bio_transitions(self.tags)
        self.end = np.zeros(len(self.tags))

    def _crf_marginals(self, words: Sequence[str]) -> np.ndarray:
        table = np.zeros((len(words), len(self.tags)))
        for j, tag, column in self.crf.marginals(words, self.tags):
            table[:, j] = column
        return table

    def tag_sentences(self, sentences: Sequence[Sequence[str]], *,
                      scores: bool = True) -> list[tuple[list[str], list[float]]]:
        results: list = []
        for words, network in zip(sentences, self.neural.marginal_sentences(sentences)):
            if not words:
                results.append(([], []))
                continue
            probs = self.weight * network + (1.0 - self.weight) * self._crf_marginals(words)
            path = viterbi(np.log(probs + FLOOR), self.transitions, self.start, self.end)
            tags = drop_function_word_names(words, [self.tags[j] for j in path])
            results.append((tags, [1.0 if t == "O" else float(probs[k, j])
                                   for k, (t, j) in enumerate(zip(tags, path))]))
        return results

    def tag(self, words: Sequence[str]) -> list[str]:
        return self.tag_sentences([words], scores=False)[0][0]

    def tag_with_scores(self, words: Sequence[str]) -> tuple[list[str], list[float]]:
        return self.tag_sentences([words])[0]
