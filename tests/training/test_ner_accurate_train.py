"""`dossier train ner-accurate` on a tiny fixture: the PyTorch network, its export, and the numpy
run time computing the same scores. Needs the `train` extra (PyTorch, gensim); skipped without it."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="PyTorch is only in the `train` extra")
gensim = pytest.importorskip("gensim", reason="gensim is only in the `train`/`test` extras")

from dossier.analyse.ner import neural  # noqa: E402
from dossier.training.ner_neural import NeuralConfig, train_accurate  # noqa: E402
from dossier.training.ner_neural_net import BiLstmCrf, export_arrays  # noqa: E402

# Sentences written for this test, GermEval-style (token, tag).
PEOPLE = ["Katrin Albers", "Jonas Weidinger", "Mara Lindqvist", "Paul Ostermann"]
TOWNS = ["Oldenburg", "Graz", "Bremerhaven", "Cottbus"]


def _fixture(tmp_path: Path) -> tuple[Path, Path]:
    lines = []
    for i in range(40):
        first, last = PEOPLE[i % 4].split()
        town = TOWNS[(i // 4) % 4]
        for token, tag in [(first, "B-PER"), (last, "I-PER"), ("besuchte", "O"), ("am", "O"),
                           ("Montag", "O"), (town, "B-LOC"), (".", "O")]:
            lines.append(f"{token}\t{tag}")
        lines.append("")
    train = tmp_path / "train.tsv"
    train.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from gensim.models import Word2Vec

    corpus = [line.split() for line in ["Katrin Albers besuchte Oldenburg", "Jonas Weidinger wohnt in Graz",
                                        "Mara Lindqvist fuhr nach Bremerhaven", "Paul Ostermann kam aus Cottbus"]] * 20
    vectors = tmp_path / "vectors.kv"
    Word2Vec(corpus, vector_size=12, min_count=1, workers=1, seed=1, epochs=3).wv.save(str(vectors))
    return train, vectors


def test_a_tiny_training_run_writes_a_model_that_tags(tmp_path):
    train, vectors = _fixture(tmp_path)
    out = tmp_path / "model"
    config = NeuralConfig(train=train, out=out, vectors=vectors, shared=tmp_path, holdout=True,
                          smartdata=False, vocabulary=50, dimensions=8, hidden=8, epochs=25, patience=25,
                          learning_rate=0.02, min_feature_count=1)
    meta = train_accurate(config, echo=lambda line: None)
    assert (out / "train.log").read_text().count("\n") == 25  # one line per epoch
    model = neural.NeuralNerModel(out)
    assert model.tag(["Jonas", "Weidinger", "besuchte", "am", "Montag", "Graz", "."]) == \
        ["B-PER", "I-PER", "O", "O", "O", "B-LOC", "O"]
    assert meta["holdout_f1"] == 1.0


def test_numpy_run_time_computes_the_network_scores(tmp_path):
    torch.manual_seed(0)
    table = np.random.default_rng(0).normal(size=(7, 10)).astype(np.float32)
    net = BiLstmCrf(table, n_features=9, n_tags=5, projection=6, feature_dim=4, hidden=5).eval()
    rows = torch.tensor([[1, 4, 6, 2]])
    bags = [[0, 3], [1], [], [2, 8, 5]]
    flat = torch.tensor([i for bag in bags for i in bag])
    offsets = torch.tensor([0, 2, 3, 3])
    with torch.no_grad():
        expected = net.emissions(rows, flat, offsets, torch.tensor([4]))[0].numpy()
    weights = {k: v.astype(np.float32) for k, v in export_arrays(net).items()}
    model = neural.NeuralNerModel.__new__(neural.NeuralNerModel)
    model.w = weights
    got = model.network(np.array([1, 4, 6, 2]), bags)
    assert np.allclose(got, expected, atol=0.02)  # float16 weights
