"""Sub-headings that lost their line break are recovered as spans; ordinary
sentences are not split."""
from __future__ import annotations

import pytest

from dossier.clean.headings import find_headings

LEAD = "Der Stadtrat tagte am Montag bis spät in die Nacht."


def heading_texts(text: str) -> list[str]:
    headings = find_headings(text)
    for heading in headings:
        assert text[heading.start:heading.end] == heading.text
    return [h.text for h in headings]


@pytest.mark.parametrize("text, heading", [
    # cue A: a capitalised preposition/article can only start a sentence
    ("Die Bürgermeisterin wird nicht erneut kandidieren Von ihrer Partei fühlt sie sich im Stich gelassen.",
     "Die Bürgermeisterin wird nicht erneut kandidieren"),
    (f"{LEAD} Streit um das neue Hallenbad Mit knapper Mehrheit stimmte der Rat dem Bau zu.",
     "Streit um das neue Hallenbad"),
    # cue B: subject + finite verb right after the run
    ("Drei Fragen: 5 Jahre bis zur Fertigstellung Schulz schätzt, dass der Bau länger dauert.",
     "5 Jahre bis zur Fertigstellung"),
    (f'{LEAD} "Neuer Anfang" kommt Schulz hält nicht viel von der Idee.', '"Neuer Anfang" kommt'),
    (f"{LEAD} Ärger um das Hallenbad Hanna Probe kritisiert, dass das Bad früh schließt.",
     "Ärger um das Hallenbad"),
])
def test_glued_headings(text, heading):
    assert heading_texts(text) == [heading]


@pytest.mark.parametrize("text", [
    "Nach dem Treffen mit Joe Biden sagte Musk, er sei zufrieden.",
    "Unternehmensgründer und Tesla-Chef Elon Musk sagt, die Zahlen seien gut.",
    "Der Streit um das Bad und Vizekanzler Hanna Probe sagt, sie sei zufrieden.",
    "Alle anderen Städte mit ähnlicher Einwohnerzahl sind deutlich kleiner.",
    "Günter Grass schrieb das berühmte Buch Die Blechtrommel.",
    "Die Vorsitzende der Partei Die Linke fordert mehr Geld für Schulen.",
    "Bereits Ende Dezember hatte er gegenüber Reportern betont, dass er bleibt.",
    "Um uns müssen Sie sich keine Sorgen machen, sagte der Trainer.",
    "Mehr als 165.000 Antworten sind bei der Umfrage eingegangen.",
    "Erst vor fünf Jahren hat die Stadt das Bad renoviert.",
    "Er sagte: Die Lage ist ernst. Der Rat vertagte sich.",
    '„Wir bauen das Bad Mit aller Kraft“, sagte die Bürgermeisterin.',
])
def test_ordinary_sentences_are_not_split(text):
    assert heading_texts(text) == []


def test_standalone_short_line_between_paragraphs():
    text = f"{LEAD}\n\nKritik an den Kosten\n\nDie Opposition hält den Bau für zu teuer."
    assert heading_texts(text) == ["Kritik an den Kosten"]


def test_last_paragraph_and_sentences_are_no_standalone_headings():
    text = f"{LEAD}\n\nDie Opposition hält den Bau für zu teuer.\n\nFortsetzung folgt"
    assert heading_texts(text) == []


def test_short_line_above_body_line_in_single_newline_text():
    text = (f"{LEAD}\nKritik an den Kosten\nDie Opposition hält den Bau für deutlich zu teuer und will klagen.\n"
            "Stellenabbau im Rathaus geplant\nDer Bürgermeister will im nächsten Jahr zehn Stellen streichen.")
    assert heading_texts(text) == ["Kritik an den Kosten", "Stellenabbau im Rathaus geplant"]


def test_hard_wrapped_prose_is_not_split_into_headings():
    text = ("Die Gemeinde Seedorf eröffnet im Mai ein neues Hallenbad, das\n"
            "Familien aus der ganzen Region anziehen soll. Die Bauarbeiten\n"
            "Dauerten drei Jahre und kosteten mehr als geplant, sagte sie.")
    assert heading_texts(text) == []
