"""Snippets: plain text cut from the clean text, highlights as offsets into it."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.search.analysis import tokens
from dossier.search.snippets import _spans, snippet
from dossier.search.syntax import PREFIX, parse

FILLER = "Der Ausschuss tagte am Vormittag und vertagte mehrere Punkte auf die nächste Sitzung. "
TEXT = FILLER * 6 + "Ein Boykott durch Werbekunden werde X töten, sagte Musk. " + FILLER * 6


def test_a_long_text_shows_the_passage_with_the_matches():
    found = snippet(TEXT, 0, len(TEXT), parse("Werbekunde Musk"))
    assert TEXT[found.start:found.end] == found.text
    assert len(found.text) <= 240 and found.cut_before and found.cut_after
    assert [TEXT[s:e] for s, e in found.highlights] == ["Werbekunden", "Musk"]
    assert all(found.start <= s < e <= found.end for s, e in found.highlights)
    assert found.text[0].isalnum() and found.text.startswith(found.text.split()[0])  # starts at a word


def test_the_window_prefers_the_place_where_more_different_terms_meet():
    text = "Musk. " + FILLER * 5 + "Hier stehen Boykott und Musk beisammen. " + FILLER * 5
    found = snippet(text, 0, len(text), parse("Boykott Musk"))
    assert [text[s:e] for s, e in found.highlights] == ["Boykott", "Musk"]


def test_a_short_document_is_shown_whole_and_a_phrase_is_one_highlight():
    text = "Vorher. „Elon Musk sagte nichts“ Nachher."
    start, end = text.index("„"), text.index("“") + 1
    found = snippet(text, start, end, parse('"Elon Musk" nichts'))
    assert (found.text, found.cut_before, found.cut_after) == ("„Elon Musk sagte nichts“", False, False)
    assert [text[s:e] for s, e in found.highlights] == ["Elon Musk", "nichts"]


def test_folded_and_prefix_matches_are_marked_on_the_original_spelling():
    text = "Die Ärzte und die Aerztekammer in der Straße."
    found = snippet(text, 0, len(text), parse("Aerzte Aerztek* Strasse"))
    assert [text[s:e] for s, e in found.highlights] == ["Ärzte", "Aerztekammer", "Straße"]


def test_no_match_in_the_text_shows_its_beginning():
    found = snippet(TEXT, 0, len(TEXT), parse("Titelwort"))
    assert found.start == 0 and found.highlights == [] and found.cut_after


def reference_spans(text: str, query) -> list[tuple[int, int, int]]:
    """The obvious way: tokenise everything, compare every item at every word."""
    found, spans = tokens(text), []
    for number, item in enumerate(query.positive_items):
        for i, token in enumerate(found):
            if item.kind == PREFIX:
                if token.word.startswith(item.terms[0]):
                    spans.append((token.start, token.end, number))
            elif tuple(t.stem for t in found[i:i + len(item.terms)]) == item.terms:
                spans.append((token.start, found[i + len(item.terms) - 1].end, number))
    return sorted(spans)


WORDS = ["die", "Ärzte", "Aerzte", "der", "Regierung", "regierte", "Straße", "X-CEO", "Musk", "Musks", "ß", "_",
         "3,5", "Café", "ab", "\u0301", "a" * 120]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.sampled_from(
    ["die", "Aerzte", '"der Regierung"', "regier*", '"X-CEO Musk"', "ab* Musk", '"die die"', "Cafe OR Strasse"]))
def test_snippet_matches_are_those_of_the_plain_word_by_word_reading(words, query_text):
    text = " ".join(words) + "."
    query = parse(query_text)
    assert _spans(text, 0, len(text), query) == reference_spans(text, query)
    found = snippet(text, 0, len(text), query, width=60)
    assert text[found.start:found.end] == found.text
    assert all(found.start <= s < e <= found.end for s, e in found.highlights)
