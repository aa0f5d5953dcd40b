"""The shipped CRF model through the public API ``recognise``."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.ner import recognise
from dossier.analyse.ner.model import load_default

TEXT = ("Bundeskanzlerin Angela Merkel traf am Montag in Berlin den Vorstandschef von Siemens. "
        "Danach flog Merkel nach Paris. Die Siemens-Aktie stieg, berichtete die Süddeutsche Zeitung.")


def test_people_places_and_companies():
    found = {(m.text, m.label) for m in recognise(TEXT)}
    assert {("Angela Merkel", "PER"), ("Berlin", "LOC"), ("Siemens", "ORG"),
            ("Paris", "LOC"), ("Merkel", "PER")} <= found


def test_mentions_are_sorted_scored_and_exact():
    found = recognise(TEXT)
    assert found == sorted(found, key=lambda m: (m.start, m.end))
    assert all(TEXT[m.start:m.end] == m.text for m in found)
    assert all(0.0 < m.score <= 1.0 for m in found)
    assert all(m.label in {"PER", "ORG", "LOC", "MISC"} for m in found)


def test_compound_yields_inner_mention():
    inside = [m for m in recognise(TEXT) if m.inside]
    assert [(m.text, m.label) for m in inside] == [("Siemens", "ORG")]
    assert TEXT[inside[0].end] == "-"


def test_model_loads_once():
    assert load_default() is load_default()


def test_empty_and_blank_text():
    assert recognise("") == []
    assert recognise("  \n\n ") == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Anna", "Berger", "sagte", "in", "Graz", "-", "Chef", ".",
                                 "„", "“", "\n", "Voest-Aktie", "Müllers", "die", ","]),
                max_size=25))
def test_offsets_are_sacred(pieces):
    text = " ".join(pieces)
    for m in recognise(text):
        assert text[m.start:m.end] == m.text
        assert m.start < m.end
