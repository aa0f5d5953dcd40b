"""Property tests: the cleaner only deletes, so every clean character is the raw
character the offset map leads to, and every removed span quotes the raw text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.clean import clean_document
from dossier.model import RawDocument

PIECES = [
    "date 2023-11 30.11.2023", " Datum: 30. November 2023", "Veröffentlicht am 30.11.2023, 14:05",
    "Stand: 01.12.2023", "source site-7", "Quelle: dpa", "Von Anna Beispiel", "Autor: Jonas Probe",
    "➤ Mehr lesen: Der Bus fährt nicht", "Lesen Sie auch: Neue Regeln für Radwege", "Anzeige",
    "Artikel teilen", "Lesen Sie den Originalartikel auf Muster Insider",
    "Dieser Artikel erschien zuerst bei der Beispielzeitung.",
    "Erika Probeist freie Reporterin bei Muster Insider.",
    "Die Stadt baut eine neue Brücke über den Fluss.",
    "Der Bürgermeister sagte, der Bau werde im Frühjahr beginnen.",
    "Neue Pläne für den Hafen Die Stadt will mehr Grünflächen schaffen.",
    "Kritik an den Kosten", "Außerdem muss die Stadt noch für den Umbau von",
    "„Wir sind zufrieden“, sagte sie.", "Thanks for all the support! pic.twitter.com/Ab12Cd",
    "@probe_team We did it. https://t.co/Xy9 -H", "— Erika Beispiel (@erika_b) 12. Oktober 2015",
    "Ein von Lena Muster (@lena.m) gepostetes Foto am 3. Mai 2016 um 10:12 Uhr PDT", "#Stau #A7", "   ", "\t", "", "ä ö ü ß – “", "\r",
]

SEPARATORS = ["\n", "\n\n", "\n \n", "\r\n", " ", "\n\n\n", ""]


@st.composite
def raw_texts(draw) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=14))
    noise = draw(st.text(alphabet="ab .\n➤:", max_size=12))
    return noise + "".join(piece + sep for piece, sep in parts)


def _check(doc: RawDocument, data) -> None:
    article = clean_document(doc)
    raw, text, omap = doc.raw_text, article.text, article.offset_map
    assert omap.clean_length == len(text)
    assert text == text.strip()
    rebuilt = "".join(raw[r.raw_start:r.raw_start + r.length] for r in omap.runs)
    assert rebuilt == text
    if text:
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start, len(text)))
        for offset in range(start, end):
            assert text[offset] == raw[omap.to_raw(offset)]
        raw_start, raw_end = omap.raw_span(start, end)
        assert raw_start <= raw_end <= len(raw)
    for removed in article.removed:
        assert raw[removed.start:removed.end] == removed.text
    for heading in article.headings:
        assert text[heading.start:heading.end] == heading.text
    for flag in article.flags:
        assert 0 <= flag["start"] <= flag["end"] <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_texts(), data=st.data(), structured=st.booleans())
def test_clean_characters_come_from_raw(raw, data, structured):
    _check(RawDocument(raw, "prop", structured=structured), data)


@settings(max_examples=60, deadline=None)
@given(raw=st.text(max_size=200), data=st.data())
def test_arbitrary_text_keeps_offsets(raw, data):
    _check(RawDocument(raw, "prop"), data)
