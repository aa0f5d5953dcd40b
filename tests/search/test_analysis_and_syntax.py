"""Search text analysis (folding, stemming, offsets) and the query language."""
from __future__ import annotations

import pytest

from dossier.errors import QueryError
from dossier.search.analysis import fold, tokens
from dossier.search.syntax import PHRASE, PREFIX, TERM, parse


@pytest.mark.parametrize("a, b", [
    ("Werbekunden", "Werbekunde"), ("Ärzte", "Aerzte"), ("Straße", "Strasse"), ("München", "Muenchen"),
    ("Häuser", "Haeuser"), ("geübt", "geuebt"), ("Café", "Cafe"), ("STRASSE", "straße"),
])
def test_forms_a_reader_would_expect_to_meet_share_one_stem(a, b):
    assert [t.stem for t in tokens(a)] == [t.stem for t in tokens(b)]


def test_different_words_keep_different_stems():
    assert tokens("Werbung")[0].stem != tokens("Werbekunden")[0].stem
    assert tokens("Bahn")[0].stem != tokens("Bahnchef")[0].stem


def test_tokens_point_at_the_words_in_the_text():
    text = "X-CEO Linda Yaccarino: „Wir wachsen“ (3,5 %)."
    found = tokens(text, offset=10)
    assert [text[t.start - 10:t.end - 10] for t in found] == ["X", "CEO", "Linda", "Yaccarino", "Wir", "wachsen",
                                                              "3", "5"]
    assert [t.word for t in found][:2] == ["x", "ceo"]


def test_folding_keeps_letters_and_digits_only():
    assert fold("Ærø") == "aeroe"
    assert fold("Ŝtraße") == "strasse"
    assert all(c.isalnum() for c in fold("\ufdfa"))  # a ligature that decomposes into words with spaces


def test_the_query_language():
    query = parse('"Elon Musk" Werbe* Tesla OR SpaceX -Twitter NOT Meta AND Boykott')
    assert [[(i.kind, i.terms) for i in g] for g in query.groups] == [
        [(PHRASE, ("elon", "musk"))], [(PREFIX, ("werbe",))], [(TERM, ("tesla",)), (TERM, ("spacex",))],
        [(TERM, ("boykott",))]]
    assert [i.terms for i in query.excluded] == [("twitt",), ("meta",)]
    assert parse("X-CEO").groups[0][0].kind == PHRASE  # punctuation inside a word keeps its parts adjacent
    assert parse("„Werbekunden“").groups[0][0].terms == ("werbekund",)
    assert parse("Ärzte*").groups[0][0].terms == ("aerzte",)  # prefixes match folded words


@pytest.mark.parametrize("query, message", [
    ('Musk "Boykott', "quotation mark is never closed (at character 6)"),
    ("Musk OR", "OR needs a search term after it"),
    ("OR Musk", "OR needs a search term on both sides (at character 1)"),
    ("Musk AND AND Boykott", "AND needs a search term on both sides (at character 10)"),
    ("-Musk", "needs at least one word that is not excluded"),
    ("Musk OR -Tesla", "an excluded term cannot be one side of OR"),
    ("W*", "a prefix needs one word of at least 2 letters"),
    ("Wer*bung", "'*' may only end a word"),
    ("()", "no letters or digits"),
    ("Musk " * 40, "more than 32 terms"),
])
def test_query_errors_say_what_and_where(query, message):
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        parse(query)
