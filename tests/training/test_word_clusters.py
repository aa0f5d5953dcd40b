"""Word-vector clusters (`dossier train clusters`) and their use as NER features."""
from __future__ import annotations

import lzma
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from dossier.analyse.ner.features import FeatureExtractor
from dossier.analyse.ner.model import load_vector_clusters
from dossier.errors import ConfigError
from dossier.training.word_clusters import ClusterConfig, build_word_clusters, spherical_kmeans


def test_spherical_kmeans_separates_directions():
    rng = np.random.default_rng(1)
    east = rng.normal([1.0, 0.0, 0.0], 0.05, size=(40, 3))
    north = rng.normal([0.0, 1.0, 0.0], 0.05, size=(40, 3))
    vectors = np.vstack([east, north]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = spherical_kmeans(vectors, 2, seed=3)
    assert len(set(labels[:40])) == 1 and len(set(labels[40:])) == 1
    assert labels[0] != labels[40]
    assert (spherical_kmeans(vectors, 2, seed=3) == labels).all()  # deterministic for a seed


def _parliament(tmp_path: Path) -> Path:
    """A tiny stand-in for parliament-de (written for this test)."""
    towns = ["Bottrop", "Gelsenkirchen", "Wanne-Eickel", "Herne", "Castrop-Rauxel"]
    people = ["Steinbrück", "Westerwelle", "Künast", "Trittin", "Bosbach"]
    rng = np.random.default_rng(5)
    lines = []
    for _ in range(600):
        town, person = rng.choice(towns), rng.choice(people)
        lines.append(f"Der Abgeordnete {person} sagte, in {town} fehlten Wohnungen.")
        lines.append(f"Herr {person} hat recht: {town} braucht mehr Geld aus Berlin.")
    shared = tmp_path / "shared"
    path = shared / "data" / "parliament-de" / "de_parliament_1996_2025.txt.xz"
    path.parent.mkdir(parents=True)
    with lzma.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return shared


def test_build_word_clusters_writes_a_table_and_reuses_its_work(tmp_path):
    pytest.importorskip("gensim")
    shared = _parliament(tmp_path)
    out = tmp_path / "model" / "wordvec_clusters.tsv"
    config = ClusterConfig(shared=shared, out=out, work=tmp_path / "work", dimensions=16,
                           epochs=30, min_count=5, granularities=(2, 4), workers=1)
    size = build_word_clusters(config, echo=lambda line: None)
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header == "# word\tk2\tk4\ttype"
    table = load_vector_clusters(out.parent)
    assert size == len(table) and "Castrop-Rauxel" in table  # tokenised like the NER tokenizer
    # The second run reuses the token file and the vectors and gives the same table.
    first = out.read_text(encoding="utf-8")
    build_word_clusters(config, echo=lambda line: None)
    assert out.read_text(encoding="utf-8") == first


def test_missing_corpus_is_a_clear_error(tmp_path):
    config = ClusterConfig(shared=tmp_path, out=tmp_path / "t.tsv", work=tmp_path / "work")
    with pytest.raises(ConfigError, match="parliament-de"):
        build_word_clusters(config, echo=lambda line: None)


def test_vector_cluster_features_for_word_neighbours_and_compound_parts():
    table = {"Bottrop": ("1", "7", "42"), "Aktie": ("3", "9", "99")}
    extractor = FeatureExtractor({}, lambda word: 0.0, {}, vector_clusters=table)
    rows = [[f.decode() for f in feats] for feats in extractor.sentence(["in", "Bottrop", "Xyzzy"])]
    assert {"v0=1", "v1=7", "v2=42"} <= set(rows[1])
    assert "v=none" in rows[2]
    assert {"-1:v1=7", "-1:v2=42"} <= set(rows[2]) and "1:v2=42" in rows[0]
    # lower-case or capitalised forms are looked up when the exact one is unknown
    compound = [f.decode() for f in extractor.sentence(["Xyzzy-aktie"])[0]]
    assert "hlv2=99" in compound and not any(f.startswith("h1v") for f in compound)
    compound = [f.decode() for f in extractor.sentence(["BOTTROP-Aktie"])[0]]
    assert {"h1v1=7", "h1v2=42", "hlv1=9", "hlv2=99"} <= set(compound)


def test_without_a_table_no_vector_features():
    extractor = FeatureExtractor({}, lambda word: 0.0, {})
    row = [f.decode() for f in extractor.sentence(["Bottrop"])[0]]
    assert not any(f.startswith("v") for f in row)


def test_train_ner_uses_the_table_in_its_model_folder(tmp_path):
    from dossier.analyse.ner.model import NerModel
    from dossier.training.ner import TrainConfig, train

    sentences = [["Anna\tB-PER", "wohnt\tO", "in\tO", "Graz\tB-LOC", ".\tO"],
                 ["Paul\tB-PER", "fuhr\tO", "nach\tO", "Linz\tB-LOC", ".\tO"]] * 3
    data = tmp_path / "train.tsv"
    data.write_text("\n\n".join("\n".join(s) for s in sentences) + "\n", encoding="utf-8")
    out = tmp_path / "model"
    out.mkdir()
    (out / "clusters.tsv").write_text("# word\tk64\tk256\tk1024\n", encoding="utf-8")
    table = tmp_path / "built" / "wordvec_clusters.tsv"
    table.parent.mkdir()
    table.write_text(
        "# word\tk2\tk4\tk8\ttype\nGraz\t1\t2\t3\tloc3\nLinz\t1\t2\t3\tloc2\nBottrop\t1\t2\t3\tloc3\n",
        encoding="utf-8")
    config = TrainConfig(train=data, out=out, shared=tmp_path, max_iterations=30, c1=0.0,
                         word_clusters=table)
    meta = train(config, echo=lambda *_: None)
    assert (out / "wordvec_clusters.tsv").read_bytes() == table.read_bytes()
    assert meta["vector_clusters"] == 3 and "GermaParl" in meta["data_credit"]
    assert any(a.startswith("v2=") for a in (out / "attributes.txt").read_text().split())
    # a town the training data never named shares the clusters of Graz and Linz
    assert NerModel(out).tag(["Anna", "wohnt", "in", "Bottrop", "."])[3] == "B-LOC"
    # trained again without the table: the folder no longer holds it, the model loads without it
    meta = train(replace(config, word_clusters=None), echo=lambda *_: None)
    assert "vector_clusters" not in meta and not (out / "wordvec_clusters.tsv").exists()
    assert NerModel(out).extractor.vector_clusters == {}
    with pytest.raises(ConfigError, match="missing"):
        train(replace(config, word_clusters=tmp_path / "nowhere.tsv"), echo=lambda *_: None)
