"""Cut-off sentences and passages printed twice are flagged with clean offsets."""
from __future__ import annotations

from dossier.clean import clean_document
from dossier.model import RawDocument

P1 = "Die Gemeinde Seedorf eröffnet im Mai ein neues Hallenbad. Die Bauarbeiten dauerten drei Jahre."
REPEAT = "Der Bau kostete am Ende deutlich mehr als geplant. Wer zahlt die Rechnung für das neue Bad?"


def flags_of(raw: str, kind: str):
    article = clean_document(RawDocument(raw, "fixture.txt"))
    return article, [f for f in article.flags if f["type"] == kind]


def test_truncated_sentence_is_flagged():
    cut = "Außerdem muss die Gemeinde noch für den Umbau von"
    article, flags = flags_of(f"{P1} {cut}\n\nDer Eintritt kostet sechs Euro.", "truncated_sentence")
    assert len(flags) == 1
    assert article.text[flags[0]["start"]:flags[0]["end"]] == cut


def test_headings_scores_and_complete_sentences_are_not_truncated():
    raw = (f"{P1}\n\nKritik an den Kosten\n\nDer Eintritt kostet sechs Euro.\n\n"
           "Endstand im Derby: Seedorf gegen Nordheim 2:1")
    _, flags = flags_of(raw, "truncated_sentence")
    assert flags == []


def test_repeated_sentence_run_inside_later_paragraph_is_flagged_not_removed():
    raw = (f"{REPEAT}\n\n{P1}\n\nSo sehr sich die Gemeinde freut, so groß sind die Sorgen. {REPEAT} "
           "Der Kämmerer rechnet mit neuen Schulden.")
    article, flags = flags_of(raw, "duplicate_paragraph")
    assert len(flags) == 1
    flag = flags[0]
    assert article.text[flag["start"]:flag["end"]] == REPEAT
    assert flag["first_start"] == 0
    assert article.text.count(REPEAT) == 2
    assert article.removed == []


def test_sentence_before_a_removed_signature_is_not_truncated():
    raw = f"{P1}\n\nWeitere Schäden sind vor allem bei den Weinbauern zu erwarten (APA, 24.9.2015)"
    article, flags = flags_of(raw, "truncated_sentence")
    assert article.text.endswith("zu erwarten")
    assert flags == []
