"""NER tokeniser and sentence splitter: spans into the text, GermEval-like tokens."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.ner import tokenize
from dossier.analyse.segment.germeval import split_sentences


def words(text):
    return [text[a:b] for a, b in tokenize(text)]


def test_compounds_numbers_and_abbreviations_stay_whole():
    text = 'Die Tesla-Aktie fiel z.B. um 3,5 % auf 1.000 Dollar, sagte Dr. Roth.'
    assert words(text) == ["Die", "Tesla-Aktie", "fiel", "z.B.", "um", "3,5", "%", "auf",
                           "1.000", "Dollar", ",", "sagte", "Dr", ".", "Roth", "."]


def test_quotes_and_brackets_are_own_tokens():
    assert words('„Nein“, sagte sie (laut).') == ["„", "Nein", "“", ",", "sagte", "sie", "(",
                                                 "laut", ")", "."]


def test_truncated_compound_keeps_its_hyphen():
    assert words("Ein- und Ausfuhr") == ["Ein-", "und", "Ausfuhr"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aBcÄö ß.-,„“\n1x'Z")), max_size=60))
def test_spans_are_ordered_nonempty_and_cover_all_non_space(text):
    spans = tokenize(text)
    covered = set()
    last_end = 0
    for start, end in spans:
        assert last_end <= start < end
        last_end = end
        covered.update(range(start, end))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def sentences(text):
    spans = tokenize(text)
    return [" ".join(text[a:b] for a, b in spans[i:j]) for i, j in split_sentences(text, spans)]


def test_sentences_split_at_periods_but_not_after_abbreviations_or_ordinals():
    text = "Am 3. Mai sprach Dr. Roth in Wien. Danach reiste sie ab! Wohin? Nach Linz."
    assert sentences(text) == ["Am 3 . Mai sprach Dr . Roth in Wien .", "Danach reiste sie ab !",
                               "Wohin ?", "Nach Linz ."]


def test_line_breaks_end_sentences_and_closing_quotes_stay():
    text = 'Eine Überschrift\n"Das geht nicht." Sie ging.'
    assert sentences(text) == ["Eine Überschrift", '" Das geht nicht . "', "Sie ging ."]
