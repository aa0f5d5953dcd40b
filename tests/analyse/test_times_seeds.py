"""The time expressions the seed articles must yield (issue: Times and figures)."""
from __future__ import annotations

from conftest import shared_path

from dossier.analyse.times import normalise_times


def _found(name, reference):
    text = shared_path("seeds", name).read_text(encoding="utf-8")
    found = normalise_times(text, reference)
    for expr in found:
        assert text[expr.start:expr.end] == expr.text
    return found


def _first(found, text):
    matches = [t for t in found if t.text == text]
    assert matches, f"{text!r} not found in {[t.text for t in found]}"
    return matches[0]


def test_seed_one_against_its_publication_date():
    found = _found("000_02d12f9d469cad87.txt", "2023-11-30")
    assert _first(found, "November 2024").value == "2024-11"
    ago = _first(found, "vor gut einem Jahr")
    assert ago.value == "2022" and ago.mod in ("APPROX", "MORE_THAN") and ago.anchor == "publication"
    assert _first(found, "90 Minuten").value == "PT90M"
    assert _first(found, "3 Jahre").value == "P3Y"
    assert _first(found, "17 Jahren").value == "P17Y"


def test_seed_two_follows_the_discourse_without_publication_date():
    found = _found("004_b6f5ecb3f7cfa349.txt", None)
    february = _first(found, "Februar 2018")
    assert february.value == "2018-02"
    june = _first(found, "Juni dieses Jahres")
    assert (june.value, june.anchor) == ("2018-06", "discourse")
    assert found.index(june) > found.index(february)
    assert _first(found, "Dezember 2018").value == "2018-12"
    end = _first(found, "Ende 2019")
    assert (end.value, end.mod) == ("2019", "END")
