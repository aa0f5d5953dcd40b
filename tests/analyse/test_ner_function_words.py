"""Sentence-initial function words are not names (``Meiner Meinung nach``, ``Kürzlich``)."""
from __future__ import annotations

from dossier.analyse.ner import recognise
from dossier.analyse.ner.decode import drop_function_word_names
from dossier.analyse.ner.features import function_words


def test_function_word_list_is_lower_case_and_has_no_river_names():
    words = function_words()
    assert {"meiner", "kürzlich", "dennoch", "unser"} <= words
    assert all(w == w.lower() for w in words)
    assert not {"oder", "aller", "weil"} & words  # also names (rivers, a surname)


def test_single_token_function_word_at_sentence_start_is_untagged():
    words = ["Meiner", "Ansicht", "nach", "hat", "Scholz", "recht", "."]
    tags = ["B-PER", "O", "O", "O", "B-PER", "O", "O"]
    assert drop_function_word_names(words, tags) == ["O", "O", "O", "O", "B-PER", "O", "O"]


def test_after_an_opening_quote_too():
    words = ["„", "Kürzlich", "war", "Anna", "hier", "."]
    tags = ["O", "B-PER", "O", "B-PER", "O", "O"]
    assert drop_function_word_names(words, tags) == ["O", "O", "O", "B-PER", "O", "O"]


def test_names_and_longer_chunks_stay():
    # Not a function word; a multi-token chunk; a function word later in the sentence.
    assert drop_function_word_names(["Siemens", "wächst"], ["B-ORG", "O"]) == ["B-ORG", "O"]
    assert drop_function_word_names(["Unser", "Land", "e.V."], ["B-ORG", "I-ORG", "I-ORG"]) == \
        ["B-ORG", "I-ORG", "I-ORG"]
    assert drop_function_word_names(["Er", "sah", "Meiner"], ["O", "O", "B-PER"]) == ["O", "O", "B-PER"]


def test_recognise_on_news_sentences():
    text = ("Meiner Meinung nach ist das falsch, sagte Olaf Scholz am Dienstag in Berlin. "
            "Kürzlich hatte der Kanzler noch anders geklungen. "
            "Dennoch bleibt Siemens bei seiner Prognose.")
    found = {(m.text, m.label) for m in recognise(text)}
    assert not {m for m in found if m[0] in ("Meiner", "Kürzlich", "Dennoch")}
    assert {("Olaf Scholz", "PER"), ("Berlin", "LOC"), ("Siemens", "ORG")} <= found


def test_sentence_initial_adjectives_and_adverbs_from_hanta():
    words = ["Grafisch", "war", "das", "Spiel", "schwach", "."]
    assert drop_function_word_names(words, ["B-PER", "O", "O", "O", "O", "O"])[0] == "O"
    # a -part chunk is kept: GermEval tags "Europaweit" LOCpart
    assert drop_function_word_names(["Europaweit", "stieg", "er"], ["B-LOCpart", "O", "O"])[0] == "B-LOCpart"
    # a name HanTa knows stays
    assert drop_function_word_names(["Berlin", "wächst", "."], ["B-LOC", "O", "O"])[0] == "B-LOC"


def test_plain_adjectives_that_are_surnames_stay():
    # "Kurz" is an adjective and a surname (Sebastian Kurz): no derivational ending, kept.
    assert drop_function_word_names(["Kurz", "sagte", "nichts", "."], ["B-PER", "O", "O", "O"])[0] == "B-PER"
