"""The optional spaCy backend, with a tiny pipeline the test builds itself."""
from __future__ import annotations

import sys

import pytest

from dossier.analyse.ner import recognise
from dossier.errors import ConfigError, MissingDependency


@pytest.fixture
def ruler_pipeline(tmp_path):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PERSON", "pattern": "Anna Berger"},
        {"label": "GPE", "pattern": "Graz"},
        {"label": "ORG", "pattern": "Voestalpine"},
        {"label": "DATE", "pattern": "Montag"},
    ])
    path = tmp_path / "tiny_de"
    nlp.to_disk(path)
    return str(path)


def test_spacy_backend_maps_labels_and_keeps_offsets(ruler_pipeline):
    text = "Am Montag sprach Anna Berger in Graz über Voestalpine."
    found = recognise(text, backend=f"spacy:{ruler_pipeline}")
    assert [(m.text, m.label) for m in found] == [
        ("Anna Berger", "PER"), ("Graz", "LOC"), ("Voestalpine", "ORG")]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_missing_spacy_raises_missing_dependency(monkeypatch):
    from dossier.analyse.ner import spacy_backend

    spacy_backend._load.cache_clear()
    monkeypatch.setitem(sys.modules, "spacy", None)  # makes "import spacy" fail
    with pytest.raises(MissingDependency) as info:
        recognise("Anna Berger", backend="spacy:de_core_news_sm")
    assert "pip install spacy" in str(info.value)
    spacy_backend._load.cache_clear()


def test_unknown_backend_is_a_config_error():
    with pytest.raises(ConfigError):
        recognise("Anna Berger", backend="flair")
