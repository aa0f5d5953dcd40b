"""German number parsing: digits, words, scales, fractions, and spans in running text."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.numbers import find_numbers, parse_german_number
from tests.conftest import shared_path


@pytest.mark.parametrize("text, value", [
    ("300.000", 300_000),
    ("1,5", 1.5),
    ("1.000,50", 1000.5),
    ("4,800", 4.8),
    ("1 234 567", 1_234_567),
    ("eine Milliarde", 1e9),
    ("zwei Drittel", 2 / 3),
    ("drei halbe", 1.5),
    ("ein halbes", 0.5),
    ("zwölf", 12),
    ("dreiundzwanzig", 23),
    ("1,5 Mio.", 1.5e6),
    ("13 Mrd.", 13e9),
    ("300 Milliarden", 3e11),
    ("zweieinhalb", 2.5),
    ("anderthalb Millionen", 1.5e6),
    ("fünf Dutzend", 60),
    ("zwei Komma drei", 2.3),
    ("1 komma 1", 1.1),
    ("achtzehnhundertzweiundfünfzig", 1852),
    ("siebenhunderteinundzwanzigtausendundzwölf", 721_012),
    ("zwei und vierzig", 42),
    ("ein hundert fünfzehn", 115),
    ("dreiundfünfzig Milliarden zweihundertdreiundvierzigtausendsiebenhundertvierundzwanzig", 53_000_243_724),
    ("minus 1.200.000", -1_200_000),
    ("½", 0.5),
    ("1/2", 0.5),
    ("1½", 1.5),
    ("977'000", 977_000),
    ("1'015.64", 1015.64),
    ("5,-", 5),
    ("ein Dutzend", 12),
    ("zwei Komma fünf Millionen", 2.5e6),
])
def test_parse_german_number(text, value):
    assert parse_german_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "Haus", "sechzighundert", "tausendtausendzweihundert",
                                  "zwanzig dreihundert", "Millionen", "5G"])
def test_not_one_number(text):
    assert parse_german_number(text) is None


def test_find_numbers_in_running_text():
    text = "Tesla baute 300.000 Elektroautos und GM 26, dazu kamen zwei Drittel der Teile."
    found = [(text[s:e], v) for s, e, v in find_numbers(text)]
    assert found == [("300.000", 300_000), ("26", 26), ("zwei Drittel", pytest.approx(2 / 3))]


def test_articles_dates_and_times_are_not_numbers():
    text = "Ich suche ein Buch. Am 3. Mai, 30.11.2023 um 12.30 Uhr, kam 5G. Siehe http://a.de/x%2012"
    assert find_numbers(text) == []


def test_separate_word_numbers_stay_separate():
    text = "eins zwei drei vierzig"
    assert [v for _, _, v in find_numbers(text)] == [1, 2, 3, 40]


@given(st.integers(min_value=0, max_value=10**12))
def test_digit_groups_round_trip(n):
    grouped = f"{n:,}".replace(",", ".")
    assert parse_german_number(grouped) == n
    text = f"Es waren {grouped} Stück."
    (start, end, value), = find_numbers(text)
    assert text[start:end] == grouped and value == n


def test_duckling_numerals():
    path = shared_path("data", "numbers-de", "duckling_de_numeral.jsonl")
    cases = [(t, float(d["expected"].split(" ", 1)[1].strip("()")))
             for d in map(json.loads, path.read_text("utf-8").splitlines()) for t in d["texts"]]
    right = sum(parse_german_number(t) == pytest.approx(v) for t, v in cases)
    # The misses are k/M/G suffixes ("100K"), left out on purpose (5G, 3M), and "keiner".
    assert right / len(cases) >= 0.8


def test_text2num_cases():
    path = shared_path("data", "numbers-de", "text2num_de_tests.jsonl")
    cases = [d for d in map(json.loads, path.read_text("utf-8").splitlines()) if d["function"] == "text2num"]
    right = sum((parse_german_number(d["input"]) is None) if d["expected"] == "RAISES ValueError"
                else parse_german_number(d["input"]) == d["expected"] for d in cases)
    assert right / len(cases) >= 0.9


WORDS = ["eins", "zwei", "und", "zwanzig", "hundert", "tausend", "Millionen", "eine", "Komma", "drei",
         "halbe", "Drittel", "Dutzend", "minus", "-", "1.000", "2,5", "Mio.", "½", "1/2", "977'000", ",", "."]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=10), st.text(max_size=15))
def test_spans_are_well_formed_for_any_text(words, noise):
    text = " ".join(words) + noise
    previous_end = 0
    for start, end, value in find_numbers(text):
        assert previous_end <= start < end <= len(text)
        assert value == value  # not NaN
        previous_end = end
