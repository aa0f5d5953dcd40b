"""NER features from HanTa's lexicon, first names and quoted spans; self-training selection."""
from __future__ import annotations

import pytest

from dossier.analyse.ner import morph_lexicon
from dossier.analyse.ner.features import FeatureExtractor
from dossier.analyse.ner.gazetteers import first_names
from dossier.training.ner_selftrain import pseudo_labelled

pytest.importorskip("HanTa")


def own_features(words):
    """Feature strings of each token without the neighbour (``-1:``...) copies."""
    extractor = FeatureExtractor({}, lambda word: 0.0, {}, extended=True)
    rows = [[f.decode() for f in feats] for feats in extractor.sentence(words)]
    return [[f for f in row if not f.split(":")[0].lstrip("-").isdigit()] for row in rows]


def test_hanta_tells_names_from_nouns_and_function_words():
    assert any(f.startswith("hne=") for f in morph_lexicon.word_features("berlin"))
    noun = morph_lexicon.word_features("konzern")
    assert any(f.startswith("hnn=") for f in noun) and not any(f.startswith("hne=") for f in noun)
    assert "hc=ADV" in morph_lexicon.word_features("kürzlich")
    assert morph_lexicon.word_features("xqzblorf") == []
    assert morph_lexicon.word_class("konzern") == "NN"
    assert morph_lexicon.word_class("xqzblorf") == "-"


def test_first_names_list():
    names = first_names()
    assert {"Angela", "Wolfgang", "Sebastian"} <= names
    assert not {"August", "Mai", "Tage"} & names  # ordinary words in German news


def test_features_of_a_sentence():
    words = ["Kürzlich", "sah", "Angela", "Berger", "den", '"', "Blauen", "Reiter", '"', "in", "Wien", "."]
    feats = own_features(words)
    assert "fw" in feats[0] and "hc=ADV" in feats[0] and "BOS" in feats[0]
    assert "fn" in feats[2] and "fn" not in feats[3]
    assert "qB" in feats[6] and "qI" in feats[7] and "qE" in feats[9]
    assert not any(f.startswith("q") for f in feats[4] + feats[10])
    # the neighbour of a first name knows it: +1 of "Angela" is "Berger"
    extractor = FeatureExtractor({}, lambda word: 0.0, {}, extended=True)
    assert b"-1:fn" in extractor.sentence(words)[3]


def test_long_quotes_are_speech_not_titles():
    words = ["„"] + ["Das", "ist", "eine", "lange", "Aussage", "über", "viele", "Dinge", "hier"] + ["“", "."]
    assert not any(f.startswith("q") for row in own_features(words) for f in row)


class FakeModel:
    def tag_with_probability(self, words):
        tags = ["B-PER" if w == "Anna" else "O" for w in words]
        return tags, 0.5 if "vielleicht" in words else 0.95


def test_self_training_keeps_confident_sentences_with_a_name():
    text = ("Anna kam gestern nach Hause zurück. Anna kam vielleicht gestern zurück. "
            "Niemand kam gestern nach Hause zurück. Anna kam gestern nach Hause zurück. Kurz.")
    found = pseudo_labelled(FakeModel(), [text])
    assert found == [(["Anna", "kam", "gestern", "nach", "Hause", "zurück", "."],
                      ["B-PER", "O", "O", "O", "O", "O", "O"])]


def test_english_words_are_marked():
    from dossier.analyse.ner.model import zipf_function

    extractor = FeatureExtractor({}, zipf_function(), {}, english=zipf_function("en"), extended=True)
    assert extractor._english("sometime") in {"1", "2", "3"}
    assert extractor._english("haus") == "" and extractor._english("siemens") == ""
    feats = [[f.decode() for f in row] for row in extractor.sentence(["Solid", "Gold", "lief"])]
    assert any(f.startswith("en=") for f in feats[0])
    assert "-1:en" in feats[1]  # "Gold" follows an English word


def test_basic_feature_set_has_none_of_the_extended_features():
    words = ["Kürzlich", "sah", "Angela", "den", '"', "Blauen", "Reiter", '"', "."]
    basic = FeatureExtractor({}, lambda word: 0.0, {})
    feats = {f.decode().split(":")[-1].split("=")[0] for row in basic.sentence(words) for f in row}
    assert not feats & {"fn", "fw", "hne", "hnn", "hc", "hk", "qB", "qI", "qE", "en"}
