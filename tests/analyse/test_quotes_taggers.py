"""The speech-tagger features and the shipped CRF models (skipped when no model is shipped)."""
from __future__ import annotations

import pytest

from dossier.analyse.quotes.crf import MODEL_DIR, Tagger
from dossier.analyse.quotes.features import document_features, quote_depth, sentence_starts_from_tokens
from dossier.errors import ModelError


def test_quote_depth_german_and_swiss_chevrons():
    german = "Er sagte : » Gut , wir gehen . « Dann ging er .".split()
    assert quote_depth(german)[4:10] == [1, 1, 1, 1, 1, 1] and quote_depth(german)[10] == 0
    swiss = "Sie rief « Halt ! » , und alle blieben stehen .".split()
    assert quote_depth(swiss)[2:6] == [1, 1, 1, 1] and quote_depth(swiss)[7] == 0


def test_quote_depth_text_starting_inside_a_quote():
    tokens = "noch nicht fertig . « sagte sie leise .".split()
    assert quote_depth(tokens)[:5] == [1, 1, 1, 1, 1] and quote_depth(tokens)[5] == 0


def test_features_mark_cue_and_konjunktiv():
    tokens = "Der Minister sagte , er habe keine Zeit .".split()
    feats = document_features(tokens, sentence_starts_from_tokens(tokens))
    assert "cue=speech" in feats[2]
    assert "konj=1" in feats[5] and "cl_after_cue=1" in feats[5] and "after_cue_w=sagte" in feats[5]


def test_regular_konjunktiv_one_from_lemma():
    from dossier.analyse.quotes.morph import is_konjunktiv_one

    assert is_konjunktiv_one("komme", "kommen", "VV(FIN)", "er")
    assert not is_konjunktiv_one("komme", "kommen", "VV(FIN)", "ich")      # indicative, first person
    assert not is_konjunktiv_one("kommt", "kommen", "VV(FIN)", "er")
    assert not is_konjunktiv_one("große", "groß", "ADJ(A)", "die")


def test_morph_features_tag_verbs_and_verb_final_clauses():
    tokens = "Der Minister sagte , dass er morgen komme .".split()
    feats = document_features(tokens, sentence_starts_from_tokens(tokens))
    assert any(f.startswith("m_pos=V") for f in feats[2])                  # sagte: a verb
    assert "m_konj1" in feats[7] and "m_cl_konj1" in feats[4]
    assert "m_cl_vfinal" in feats[5]                                        # dass … komme ends in its verb


def test_dash_dialogue_features_need_a_dash_text():
    turns = "– Kommst du ? fragte er . – Ja . Sie ging . – Gut .".split()
    feats = document_features(turns, sentence_starts_from_tokens(turns))
    assert "dash_doc" in feats[0] and "dash_since=0" in feats[0]
    plain = "Kommst du ? fragte er . Ja .".split()
    assert not any("dash_doc" in f for f in document_features(plain, sentence_starts_from_tokens(plain)))


def test_missing_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError):
        Tagger(tmp_path / "nothing.crfsuite")


@pytest.mark.skipif(not (MODEL_DIR / "rw_direct.crfsuite").exists(), reason="no speech tagger shipped")
def test_shipped_speech_tagger_marks_quoted_speech():
    from dossier.analyse.quotes.speech_tagger import tag_speech

    tokens = "» Ich komme morgen wieder , und dann reden wir « , sagte der Mann . Dann ging er nach Hause .".split()
    tags = tag_speech(tokens)
    assert all(tags["direct"][1:10]) and not any(tags["direct"][13:])


@pytest.mark.skipif(not (MODEL_DIR / "spkatt_cue.crfsuite").exists(), reason="no SpkAtt tagger shipped")
def test_shipped_spkatt_tagger_finds_cue_and_source():
    from dossier.analyse.quotes.spkatt import predict_sentence

    tokens = "Die Ministerin hat gestern gesagt , dass sie zurücktritt .".split()
    found = predict_sentence(tokens)
    assert any(4 in cue and src & {0, 1} for cue, src in found)
