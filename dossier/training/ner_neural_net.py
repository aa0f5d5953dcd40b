"""The BiLSTM-CRF of the accurate NER tagger, in PyTorch (training only).

Run time uses the exported arrays with numpy (:mod:`dossier.analyse.ner.neural`); the
layer names here map onto the array names in :func:`export_arrays`.
"""
from __future__ import annotations

import numpy as np
import torch
from torch import nn


class BiLstmCrf(nn.Module):
    def __init__(self, word_vectors: np.ndarray, n_features: int, n_tags: int, *,
                 projection: int = 100, feature_dim: int = 100, hidden: int = 150, dropout: float = 0.5):
        super().__init__()
        # the pretrained table stays fixed: words never seen in training keep
        # vectors that live in the same space as the ones the network learned from
        self.word_vectors = nn.Embedding.from_pretrained(torch.from_numpy(word_vectors), freeze=True)
        self.word_projection = nn.Linear(word_vectors.shape[1], projection, bias=False)
        self.feature_embeddings = nn.EmbeddingBag(n_features, feature_dim, mode="sum")
        self.dropout = nn.Dropout(dropout)
        self.lstm = nn.LSTM(projection + feature_dim, hidden, batch_first=True, bidirectional=True)
        self.output = nn.Linear(2 * hidden, n_tags)
        self.transitions = nn.Parameter(torch.zeros(n_tags, n_tags))
        self.start = nn.Parameter(torch.zeros(n_tags))
        self.end = nn.Parameter(torch.zeros(n_tags))

    def emissions(self, rows: torch.Tensor, bag_ids: torch.Tensor, bag_offsets: torch.Tensor,
                  lengths: torch.Tensor) -> torch.Tensor:
        """Tag scores (batch, time, tags); ``rows`` (batch, time) padded, bags flat over the real tokens."""
        batch, time = rows.shape
        words = self.word_projection(self.word_vectors(rows))
        flat = self.feature_embeddings(bag_ids, bag_offsets)
        mask = _mask(lengths, time)
        feats = torch.zeros(batch, time, flat.shape[1])
        feats[mask] = flat
        x = self.dropout(torch.cat([words, feats], dim=2))
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        out, _ = self.lstm(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=time)
        return self.output(self.dropout(out))

    def loss(self, emissions: torch.Tensor, tags: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Mean negative log-likelihood of the gold tag paths under the linear-chain CRF."""
        mask = _mask(lengths, emissions.shape[1])
        return (self._log_partition(emissions, mask) - self._path_score(emissions, tags, mask)).mean()

    def _path_score(self, emissions, tags, mask):
        batch = torch.arange(emissions.shape[0])
        score = self.start[tags[:, 0]] + emissions[batch, 0, tags[:, 0]]
        for t in range(1, emissions.shape[1]):
            step = self.transitions[tags[:, t - 1], tags[:, t]] + emissions[batch, t, tags[:, t]]
            score = score + step * mask[:, t]
        last = tags[batch, mask.sum(1) - 1]
        return score + self.end[last]

    def _log_partition(self, emissions, mask):
        alpha = self.start + emissions[:, 0]
        for t in range(1, emissions.shape[1]):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.transitions, dim=1) + emissions[:, t]
            alpha = torch.where(mask[:, t:t + 1], nxt, alpha)
        return torch.logsumexp(alpha + self.end, dim=1)

    def decode(self, emissions: torch.Tensor, lengths: torch.Tensor) -> list[list[int]]:
        from dossier.analyse.ner.neural import viterbi

        crf = [p.detach().numpy() for p in (self.transitions, self.start, self.end)]
        scores = emissions.detach().numpy()
        return [viterbi(scores[i, :n], *crf) for i, n in enumerate(lengths.tolist())]


def _mask(lengths: torch.Tensor, time: int) -> torch.Tensor:
    return torch.arange(time).unsqueeze(0) < lengths.unsqueeze(1)


def export_arrays(model: BiLstmCrf) -> dict[str, np.ndarray]:
    """The weights under the names :class:`dossier.analyse.ner.neural.NeuralNerModel` reads."""
    def arr(t):
        return t.detach().numpy().astype(np.float16)

    lstm = model.lstm
    return {
        "word_vectors": arr(model.word_vectors.weight),
        "word_projection": arr(model.word_projection.weight),
        "feature_embeddings": arr(model.feature_embeddings.weight),
        "lstm_w_ih": arr(lstm.weight_ih_l0), "lstm_w_hh": arr(lstm.weight_hh_l0),
        "lstm_b": arr(lstm.bias_ih_l0 + lstm.bias_hh_l0),
        "lstm_w_ih_reverse": arr(lstm.weight_ih_l0_reverse), "lstm_w_hh_reverse": arr(lstm.weight_hh_l0_reverse),
        "lstm_b_reverse": arr(lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse),
        "output_w": arr(model.output.weight), "output_b": arr(model.output.bias),
        "transitions": arr(model.transitions), "start": arr(model.start), "end": arr(model.end),
    }
