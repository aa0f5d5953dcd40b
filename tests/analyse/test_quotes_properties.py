"""Property test: whatever German-like text comes in, every quote span points at its own text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.quotes import find_quotes
from dossier.model import Article, Entity, Mention

PIECES = ["„Das reicht nicht“", ", sagte er", ", sagte Berger", ". ", "Berger", " betonte, dass", " die Lage ernst sei",
          ": „Wir gehen.“", "»Nein«", " laut Berger", " werde", "\n\n", "‚innen‘", "\"", " ergänzte sie",
          ", so Berger.", " Er", " warf ihr Betrug vor", "«Ja»", "…", " fälschlicherweise", " im Mai 2020"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25))
def test_offsets_are_sacred(pieces):
    text = "".join(pieces)
    mentions = []
    start = text.find("Berger")
    while start != -1:
        mentions.append(Mention(start, start + 6, "Berger", "PER", "p:b"))
        start = text.find("Berger", start + 6)
    article = Article(id="p", raw_text=text, text=text, mentions=mentions,
                      entities=[Entity("p:b", "Anna Berger", "PER")])
    for q in find_quotes(article):
        assert text[q.start:q.end] == q.text and q.text
        assert q.kind in ("direct", "indirect", "mixed", "reported")
        if q.cue_start is not None:
            assert 0 <= q.cue_start < q.cue_end <= len(text)
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
