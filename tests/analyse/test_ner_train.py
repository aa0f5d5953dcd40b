"""`train` end to end on a tiny GermEval file (a smoke test of the code path, not of accuracy)."""
from __future__ import annotations

import json

from dossier.analyse.ner.model import NerModel
from dossier.training.ner import TrainConfig, train

SENTENCES = [
    [("Anna", "B-PER"), ("Berger", "I-PER"), ("wohnt", "O"), ("in", "O"), ("Graz", "B-LOC"), (".", "O")],
    [("Die", "O"), ("Voest-Aktie", "B-ORGpart"), ("fiel", "O"), (".", "O")],
    [("Paul", "B-PER"), ("Huber", "I-PER"), ("fuhr", "O"), ("nach", "O"), ("Linz", "B-LOC"), (".", "O")],
]


def test_train_writes_a_model_that_tags(tmp_path):
    data = tmp_path / "train.tsv"
    data.write_text("\n\n".join("\n".join(f"{w}\t{t}" for w, t in s) for s in SENTENCES) + "\n",
                    encoding="utf-8")
    out = tmp_path / "model"
    out.mkdir()
    (out / "clusters.tsv").write_text("# word\tk64\tk256\tk1024\nGraz\t1\t2\t3\nLinz\t1\t2\t4\n",
                                      encoding="utf-8")
    meta = train(TrainConfig(train=data, out=out, shared=tmp_path, max_iterations=30, c1=0.0),
                 echo=lambda *_: None)
    assert json.loads((out / "meta.json").read_text())["sentences"] == 3
    assert meta["data_credit"].startswith("GermEval 2014")
    for name in ("crf.model", "lexicon.tsv", "attributes.txt"):
        assert (out / name).stat().st_size > 0
    tags = NerModel(out).tag(["Anna", "Berger", "wohnt", "in", "Graz", "."])
    assert tags == ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]


def test_self_training_tags_unlabeled_news_with_a_first_model(tmp_path):
    data = tmp_path / "train.tsv"
    data.write_text("\n\n".join("\n".join(f"{w}\t{t}" for w, t in s) for s in SENTENCES * 4) + "\n",
                    encoding="utf-8")
    # a tiny 10kGNAD-style CSV as the unlabeled news
    gnad = tmp_path / "shared" / "data" / "10kgnad"
    gnad.mkdir(parents=True)
    (gnad / "test.csv").write_text(
        "Inland;'Anna Berger wohnt in Graz . Paul Huber fuhr nach Linz .'\n", encoding="utf-8")
    out = tmp_path / "model"
    out.mkdir()
    (out / "clusters.tsv").write_text("# word\tk64\tk256\tk1024\nGraz\t1\t2\t3\nLinz\t1\t2\t4\n",
                                      encoding="utf-8")
    lines = []
    meta = train(TrainConfig(train=data, out=out, shared=tmp_path / "shared", max_iterations=30,
                             c1=0.0, self_train=True), echo=lines.append)
    assert any("first model" in line for line in lines)
    assert meta["self_training_sentences"] == 2  # both news sentences, tagged confidently
    assert meta["sentences"] == 14
    assert "10kGNAD" in meta["data_credit"]
