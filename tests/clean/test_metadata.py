"""Loose metadata lines at the top and bottom of plain text become fields."""
from __future__ import annotations

import pytest

from dossier.clean import clean_document
from dossier.clean.dates import most_specific_date
from dossier.model import RawDocument, article_id, content_hash

BODY = ("Die Stadt Kleinhausen baut eine neue Brücke über die Ems. Der Bau soll im Frühjahr beginnen.\n\n"
        "Der Bürgermeister rechnet mit Kosten von zwölf Millionen Euro. Die Opposition hält das für zu teuer.")


def clean(raw: str, **kwargs):
    return clean_document(RawDocument(raw, "test.txt", **kwargs))


@pytest.mark.parametrize("line, expected", [
    ("date 2023-11 30.11.2023", "2023-11-30"),
    ("Datum: 30. November 2023", "2023-11-30"),
    ("Veröffentlicht am 30.11.2023, 14:05", "2023-11-30T14:05"),
    ("30.11.2023 14:05 Uhr", "2023-11-30T14:05"),
    ("Erschienen am 3. Juli 2024", "2024-07-03"),
])
def test_date_line_becomes_published(line, expected):
    article = clean(f"{line}\n\n{BODY}")
    assert article.published == expected
    assert line not in article.text
    assert article.text == BODY
    assert [r.reason for r in article.removed] == ["metadata:published"]


def test_stand_line_is_updated_and_fallback_published():
    article = clean(f"{BODY}\n\nStand: 01.12.2023, 09:30 Uhr")
    assert article.extra["updated"] == "2023-12-01T09:30"
    assert article.published == "2023-12-01T09:30"
    assert article.text == BODY


def test_prose_that_starts_like_metadata_stays():
    raw = "Stand: gut ist die Lage nicht.\n\n" + BODY
    article = clean(raw)
    assert article.published is None
    assert article.text.startswith("Stand: gut ist die Lage nicht.")


def test_source_and_byline_lines():
    raw = f"Von Anna Beispiel und Jonas Probe\n\n{BODY}\n\nQuelle: dpa"
    article = clean(raw)
    assert article.source == "dpa"
    assert article.authors == ["Anna Beispiel", "Jonas Probe"]
    assert article.text == BODY
    reasons = {r.reason for r in article.removed}
    assert reasons == {"byline", "metadata:source"}


def test_removed_spans_point_into_raw():
    raw = f" date 2023-11 30.11.2023\n\n{BODY}\n\nsource site-3"
    article = clean(raw)
    for removed in article.removed:
        assert raw[removed.start:removed.end] == removed.text
    assert article.removed[0].text == "date 2023-11 30.11.2023"
    assert article.removed[-1].text == "source site-3"
    assert article.source == "site-3"


def test_identity_fields():
    raw = f"date 2023-11 30.11.2023\n\n{BODY}"
    article = clean(raw)
    assert article.id == article_id(raw)
    assert article.extra["content_hash"] == content_hash(raw)
    assert article.origin == "test.txt"


def test_container_metadata_wins_and_label_goes_to_extra():
    raw = f"Datum: 30. November 2023\n\n{BODY}\n\nQuelle: dpa"
    article = clean(raw, metadata={"published": "2023-12-24", "label": "Wirtschaft",
                                   "authors": "Eva Muster; Ole Test", "url": "https://example.org/a"})
    assert article.published == "2023-12-24"
    assert article.source == "dpa"
    assert article.authors == ["Eva Muster", "Ole Test"]
    assert article.url == "https://example.org/a"
    assert article.extra["label"] == "Wirtschaft"


def test_structured_input_keeps_date_lines_and_first_line():
    raw = f"Datum: 30. November 2023\n\nKurze Zeile ohne Punkt\n\n{BODY}"
    article = clean(raw, structured=True)
    assert article.published is None
    assert article.title is None
    assert article.text.startswith("Datum: 30. November 2023\n\nKurze Zeile ohne Punkt")


def test_metadata_only_at_the_edges():
    raw = f"{BODY}\n\nQuelle: dpa\n\nDer Streit geht weiter. Eine Lösung ist nicht in Sicht."
    article = clean(raw)
    assert article.source is None
    assert "Quelle: dpa" in article.text


@pytest.mark.parametrize("text, expected", [
    ("2023-11 30.11.2023", "2023-11-30"),
    ("Nov. 2023", "2023-11"),
    ("31.02.2023", None),
    ("irgendwann", None),
    ("Montag, 3. Juli 2023 um 9.30 Uhr", "2023-07-03T09:30"),
    ("30.9.3015", None),              # a typo, not a date a thousand years ahead
    ("3015-09-30", None),
])
def test_most_specific_date(text, expected):
    assert most_specific_date(text) == expected


@pytest.mark.parametrize("signature, field, value", [
    ("(APA, 24.9.2015)", "source", "APA"),
    ("(APA/dpa, 23.8.2015)", "source", "APA/dpa"),
    ("(Renate Beispiel, 23.11.2015)", "authors", ["Renate Beispiel"]),
])
def test_signature_closing_the_last_line(signature, field, value):
    article = clean(f"{BODY} {signature}")
    assert article.text == BODY
    assert getattr(article, field) == value
    assert article.published.startswith("2015-")
    assert [r.reason for r in article.removed] == ["metadata:signature"]


def test_a_signature_with_a_mistyped_year_gives_its_source_but_no_date():
    article = clean(f"{BODY} (APA, 30.9.3015)")
    assert article.source == "APA" and article.published is None


def test_editor_code_signature_goes_to_extra_and_mid_text_signature_stays():
    article = clean(f"{BODY} (fid, 7.3.2016)")
    assert article.extra["signature"] == "fid"
    assert article.published == "2016-03-07"
    middle = clean(f"Die Lage ist ernst. (APA, 24.9.2015)\n\n{BODY}")
    assert "(APA, 24.9.2015)" in middle.text
    assert middle.published is None
