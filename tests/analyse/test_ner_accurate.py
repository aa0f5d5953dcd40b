"""The accurate NER tagger's numpy run time (`--ner accurate`): CRF decoding, marginals,
loading a model directory, offsets through recognise(); none of it needs PyTorch."""
from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from dossier.analyse.ner import neural, recognise
from dossier.analyse.ner.model import CLUSTER_FILE, default_model_dir
from dossier.errors import ConfigError, ModelError

TAGS = ["O", "B-LOC", "B-PER", "I-LOC", "I-PER"]
SENTENCES = [
    "Die Bürgermeisterin Katrin Albers eröffnete am Freitag in Oldenburg die neue Brücke.",
    "Der Vorstand der Hafenbetriebe Bremerhaven traf sich mit Vertretern aus Rotterdam.",
    "„Wir bleiben“, sagte Jonas Weidinger nach dem Spiel in Graz.",
]


def _path_score(emissions, transitions, start, end, path):
    score = start[path[0]] + end[path[-1]] + sum(emissions[t, j] for t, j in enumerate(path))
    return score + sum(transitions[a, b] for a, b in zip(path, path[1:]))


def test_viterbi_and_marginals_match_enumeration():
    rng = np.random.default_rng(3)
    n, size = 4, 3
    emissions, transitions = rng.normal(size=(n, size)), rng.normal(size=(size, size))
    start, end = rng.normal(size=size), rng.normal(size=size)
    paths = list(itertools.product(range(size), repeat=n))
    scores = np.array([_path_score(emissions, transitions, start, end, p) for p in paths])
    assert tuple(neural.viterbi(emissions, transitions, start, end)) == paths[int(scores.argmax())]
    probs = np.exp(scores - scores.max())
    probs /= probs.sum()
    expected = np.zeros((n, size))
    for p, path in zip(probs, paths):
        for t, j in enumerate(path):
            expected[t, j] += p
    assert np.allclose(neural.marginals(emissions, transitions, start, end), expected)


def _write_random_model(folder, features=("b", "sh=Xx", "ss=Cap", "ss=low", "fn", *neural.VECTOR_SOURCES),
                        words=("die", "der", "in", "Oldenburg", "Graz", "sagte"), hidden=4, dims=6, seed=0):
    rng = np.random.default_rng(seed)
    size, feature_dim = len(TAGS), 5
    arrays = {
        "word_vectors": rng.normal(size=(len(words) + 1, dims)), "word_projection": rng.normal(size=(3, dims)),
        "feature_embeddings": rng.normal(size=(len(features), feature_dim)),
        "output_w": rng.normal(size=(size, 2 * hidden)), "output_b": rng.normal(size=size),
        "transitions": rng.normal(size=(size, size)), "start": rng.normal(size=size), "end": rng.normal(size=size),
    }
    for suffix in ("", "_reverse"):
        arrays["lstm_w_ih" + suffix] = rng.normal(size=(4 * hidden, 3 + feature_dim))
        arrays["lstm_w_hh" + suffix] = rng.normal(size=(4 * hidden, hidden))
        arrays["lstm_b" + suffix] = rng.normal(size=4 * hidden)
    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(folder / neural.WEIGHTS_FILE, **{k: v.astype(np.float16) for k, v in arrays.items()})
    (folder / neural.WORDS_FILE).write_text("\n".join(words) + "\n", encoding="utf-8")
    (folder / neural.FEATURES_FILE).write_text("\n".join(features) + "\n", encoding="utf-8")
    (folder / neural.META_FILE).write_text(json.dumps({"tags": TAGS}), encoding="utf-8")
    shutil.copyfile(default_model_dir() / CLUSTER_FILE, folder / CLUSTER_FILE)
    return folder


def test_a_model_directory_loads_and_tags_every_token(tmp_path):
    model = neural.NeuralNerModel(_write_random_model(tmp_path / "m"))
    for sentence in SENTENCES:
        words = sentence.replace(".", " .").replace(",", " ,").split()
        tags, scores = model.tag_with_scores(words)
        assert len(tags) == len(scores) == len(words)
        assert set(tags) <= set(TAGS)
        assert all(0.0 <= s <= 1.0 + 1e-6 for s in scores)
        assert tags == model.tag(words)  # Viterbi either way
    assert model.tag([]) == [] and model.tag_with_scores([]) == ([], [])


def test_vector_lookup_falls_back_to_other_casings():
    vectors = neural.WordVectors(["Haus", "grün", "Oldenburg"])
    assert vectors.lookup("Haus") == (0, 0)
    assert vectors.lookup("HAUS") == (0, 1)        # capitalised form
    assert vectors.lookup("Grün") == (1, 2)        # lower-cased form
    assert vectors.lookup("Wolkenkuckucksheim") == (3, 3)  # the unknown row


def test_recognise_accurate_keeps_offsets(tmp_path, monkeypatch):
    model = neural.NeuralNerModel(_write_random_model(tmp_path / "m", seed=5))
    monkeypatch.setattr(neural, "load_accurate", lambda: model)
    text = "  ".join(SENTENCES)
    for backend in ("accurate", None):
        monkeypatch.setenv("DOSSIER_NER", "accurate")
        mentions = recognise(text, backend=backend)
        assert all(text[m.start:m.end] == m.text for m in mentions)
        assert all(m.label in ("PER", "LOC", "ORG", "MISC") for m in mentions)


def test_unknown_backend_in_the_environment_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("DOSSIER_NER", "bilstm")
    with pytest.raises(ConfigError, match="unknown NER backend 'bilstm'"):
        recognise("Katrin Albers wohnt in Oldenburg.")


def test_the_entities_stage_records_which_tagger_ran(monkeypatch):
    from dossier.analyse import registered
    from dossier.analyse.versions import stage_version

    stage = registered()["entities"]
    monkeypatch.delenv("DOSSIER_NER", raising=False)
    assert stage_version(stage)["model"] == "ner-crf"
    monkeypatch.setenv("DOSSIER_NER", "accurate")
    assert stage_version(stage)["model"] == "ner-accurate"


def test_a_missing_or_damaged_model_says_so(tmp_path):
    with pytest.raises(ModelError, match="is missing"):
        neural.NeuralNerModel(tmp_path)
    folder = _write_random_model(tmp_path / "m")
    (folder / neural.WEIGHTS_FILE).write_bytes(b"not a zip file")
    with pytest.raises(ModelError, match="does not load"):
        neural.NeuralNerModel(folder)


SHIPPED = neural.accurate_model_dir() / neural.WEIGHTS_FILE


@pytest.mark.skipif(not SHIPPED.exists(), reason="no accurate model shipped in dossier/models/ner-accurate")
def test_the_shipped_model_runs_without_torch():
    # sys.modules["torch"] = None makes any `import torch` fail, as on a runtime install
    code = ("import sys; sys.modules['torch'] = None\n"
            "from dossier.analyse.ner import recognise\n"
            "text = 'Die Bürgermeisterin Katrin Albers eröffnete am Freitag in Oldenburg die neue Brücke.'\n"
            "print(sorted((m.text, m.label) for m in recognise(text, backend='accurate')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "('Katrin Albers', 'PER')" in done.stdout and "('Oldenburg', 'LOC')" in done.stdout


ARTICLE = ("Die Bürgermeisterin Katrin Albers eröffnete am Freitag in Oldenburg die neue Brücke über die Hunte. "
           "„Das ist ein guter Tag für die Stadt“, sagte Albers.\n")


def test_ingest_with_ner_accurate_records_the_tagger(tmp_path, monkeypatch, capsys):
    from dossier.cli.main import main

    model = neural.NeuralNerModel(_write_random_model(tmp_path / "m", seed=7))
    monkeypatch.setattr(neural, "load_accurate", lambda: model)
    monkeypatch.setenv("DOSSIER_NER", "crf")  # restored after the test: ingest sets it
    (tmp_path / "in.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "d.db")
    assert main(["--db", db, "ingest", str(tmp_path / "in.txt"), "--ner", "accurate", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "export", "--format", "jsonl"]) == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    assert record["versions"]["entities"]["model"] == "ner-accurate"


def test_ingest_with_ner_accurate_and_no_model_fails_up_front(tmp_path, monkeypatch, capsys):
    from dossier.cli.main import main

    monkeypatch.setattr(neural, "accurate_model_dir", lambda: tmp_path / "none")
    neural.load_accurate.cache_clear()
    monkeypatch.setenv("DOSSIER_NER", "crf")
    (tmp_path / "in.txt").write_text(ARTICLE, encoding="utf-8")
    code = main(["--db", str(tmp_path / "d.db"), "ingest", str(tmp_path / "in.txt"), "--ner", "accurate"])
    neural.load_accurate.cache_clear()
    assert code != 0
    assert "accurate NER model" in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "d.db"), "ingest", str(tmp_path / "in.txt"), "--ner", "bilstm"]) == 2


def test_the_ensemble_with_the_crf_decodes_valid_bio(tmp_path):
    from dossier.analyse.ner.decode import chunks
    from dossier.analyse.ner.ensemble import bio_transitions

    transitions, start = bio_transitions(TAGS)
    assert start[TAGS.index("I-PER")] < -1000 and start[TAGS.index("B-PER")] == 0
    assert transitions[TAGS.index("B-LOC"), TAGS.index("I-PER")] < -1000
    assert transitions[TAGS.index("B-PER"), TAGS.index("I-PER")] == 0
    folder = _write_random_model(tmp_path / "m", seed=11)
    meta = json.loads((folder / neural.META_FILE).read_text())
    (folder / neural.META_FILE).write_text(json.dumps({**meta, "ensemble_weight": 0.5}))
    tagger = neural.accurate_tagger(folder)
    assert tagger.weight == 0.5
    for sentence in SENTENCES:
        words = sentence.replace(".", " .").replace(",", " ,").split()
        tags, scores = tagger.tag_with_scores(words)
        assert len(tags) == len(words) and all(0.0 <= s <= 1.0 + 1e-6 for s in scores)
        for i, tag in enumerate(tags):  # every I-X continues a chunk of the same type
            if tag.startswith("I-"):
                assert i > 0 and tags[i - 1][2:] == tag[2:]
        assert all(label in ("PER", "LOC") for _, _, label in chunks(tags))
