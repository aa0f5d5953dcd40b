"""The times stage's speed-ups find exactly what the plain scan finds: the trigger-word
prefilter (a pattern runs only when the text has its required words) and the prefix-tree
alternations of the word lists."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.times import patterns as P
from dossier.analyse.times.lexicon import alternation, normal_form
from dossier.analyse.times.prefilter import Prefilter, fold, requirements, starts_with_digit

SENTENCES = [
    "Am 3. März 2021 um 14:30 Uhr begann die Sitzung, die bis zum 5. März dauerte.",
    "Seit Anfang des Jahres steigen die Preise; im Vorjahr waren es drei Prozent.",
    "Jeden Montag um 8 Uhr trifft sich der Rat, zuletzt vor zwei Wochen.",
    "IM SEPTEMBER 2019 WURDE ER GEWÄHLT, ZWEI JAHRE SPÄTER TRAT ER ZURÜCK.",
    "Die Stadt wurde 490 v. Chr. gegründet und im 12. Jahrhundert zerstört.",
    "In den Achtzigerjahren, genauer 1984/85, lebte sie in Wien.",
    "Zu Ostern und am Heiligen Abend bleibt das Amt geschlossen.",
    "Das Quartal endete am 30.09.; im Q3 2022 sank der Umsatz.",
    "Ende ſeptember (mit langem s geschrieben) kam der Bescheid.",
    "Das Gesetz gilt seit gestern Abend und bis übermorgen früh.",
    "Die Firma hat 1500 Mitarbeiter und 2000 Kunden.",
    "Nichts davon ist zeitlich: ein Satz ohne Datum.",
]


def every_pattern(text: str) -> list[P.Candidate]:
    """find_candidates without the prefilter: every pattern scans the text."""
    found = []
    for pattern in P.load_patterns():
        for match in pattern.regex.finditer(text):
            if match.end() > match.start():
                cand = P.Candidate(match.start(), match.end(), pattern.kind, pattern.name, P._dict(match))
                if P._plausible(text, cand):
                    found.append(cand)
    return found


@pytest.mark.parametrize("text", SENTENCES)
def test_prefilter_finds_what_every_pattern_finds(text):
    assert P.find_candidates(text) == every_pattern(text)


def test_prefilter_skips_patterns_whose_words_are_missing():
    possible = dict(zip((p.name for p in P.load_patterns()), P.load_prefilter().can_match(SENTENCES[-1])))
    assert not possible["month"] and not possible["weekday"] and not possible["holiday"]
    assert possible["year"]  # a four-digit year requires no word: it always runs


def test_fold_equates_what_ignorecase_equates():
    assert fold("ſeptember") == fold("SEPTEMBER") == "september"
    assert fold("\u0130stanbul") == "istanbul"  # "İ".lower() is two characters; re compares "i"
    assert fold("\u212a") == fold("k")  # the Kelvin sign matches "k" case-insensitively
    for char in map(chr, range(0x250)):
        for other in {char.upper(), char.lower()}:
            if len(other) == 1 and re.fullmatch(re.escape(char), other, re.IGNORECASE):
                assert fold(char) == fold(other), (char, other)


def test_requirements_join_literals_and_alternations():
    needs = requirements(r"(?<!\w)(?:am\s+)?(?:jan(?:uar|\.)|feb(?:ruar|\.))\s+\d{4}", re.IGNORECASE)
    assert needs == (frozenset({"januar", "jan.", "februar", "feb."}),)
    # a lookahead's words are in the text too; an optional group's are not required
    assert requirements(r"\d+(?=\s*Uhr)(?:\s+abends)?", re.IGNORECASE) == (frozenset({"uhr"}),)
    assert requirements(r"\d{4}", re.IGNORECASE) == ()
    assert requirements(r"(?:x|vor)\s+\d", re.IGNORECASE) == ()  # "x" is too short to look for


def test_prefilter_on_its_own_patterns():
    prefilter = Prefilter([r"(?<!\w)März\s+\d{4}", r"\d{4}", r"Uhr|Zeit"], re.IGNORECASE)
    assert prefilter.can_match("Im MÄRZ 2020") == [True, True, False]
    assert prefilter.can_match("Um zwölf Uhr") == [False, True, True]


WORDS = st.lists(st.text(alphabet="abß ", min_size=1, max_size=5).filter(str.strip), min_size=1, max_size=12)


def _flat(forms) -> str:
    unique = sorted({normal_form(f) for f in forms}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in unique) + ")"


def test_forms_with_stray_spaces_are_normalised_like_the_word_lists():
    # a Hypothesis find: "  ßa" and " ß" made two whitespace runs compete for one gap
    forms, text = [" ß", "  ßa"], "  ßA"
    assert normal_form("  ßa ") == "ßa"
    tree = re.compile(rf"(?<!\w)({alternation(forms)})(\w*)", re.IGNORECASE)
    assert [m.groups() for m in tree.finditer(text)] == \
        [m.groups() for m in re.finditer(rf"(?<!\w)({_flat(forms)})(\w*)", text, re.IGNORECASE)] == [("ßA", "")]


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(alphabet="abßAB .", max_size=40))
def test_prefix_tree_alternation_matches_like_the_flat_one(forms, text):
    flat = _flat(forms)
    # a tail that backtracks into the alternation shows that the preference is the same too
    tree_regex = re.compile(rf"(?<!\w)({alternation(forms)})(\w*)", re.IGNORECASE)
    flat_regex = re.compile(rf"(?<!\w)({flat})(\w*)", re.IGNORECASE)
    assert [m.groups() for m in tree_regex.finditer(text)] == [m.groups() for m in flat_regex.finditer(text)]
    tail = re.compile(rf"({alternation(forms)})b?a", re.IGNORECASE)
    assert [m.span(1) for m in tail.finditer(text)] == [m.span(1) for m in re.finditer(rf"({flat})b?a", text, re.I)]


def test_patterns_that_begin_with_a_digit():
    assert starts_with_digit(r"(?<![\w])(?<![\d.])(?P<year>\d{4})(?!\w)")
    assert starts_with_digit(r"(?:(?:0?[1-9]|[12]\d)\.)?[0-9]+\s*uhr", re.IGNORECASE)
    assert not starts_with_digit(r"(?:am\s+)?\d+")  # an optional word may come first
    assert not starts_with_digit(r"\d*")  # may be empty
    assert not starts_with_digit(r"[\d.]\d")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 .,/-aJ", max_size=60))
def test_matches_tried_where_numbers_start_are_finditers(text):
    for pattern in (p for p in P.load_patterns() if p.starts_with_digit):
        starts = [m.start() for m in P.NUMBER_START.finditer(text)]
        assert [m.span() for m in P._matches_from(pattern.regex, text, starts)] == \
            [m.span() for m in pattern.regex.finditer(text) if m.end() > m.start()]
