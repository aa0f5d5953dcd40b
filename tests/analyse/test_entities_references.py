"""Role references read their sentences from the shared segmentation: an ordinal (``am 3. Mai``)
or an abbreviation (``Dr.``) does not end a sentence, so a person named before it in the same
sentence still blocks the reference (``entities/references.py``)."""
from __future__ import annotations

from dossier.analyse.entities import link_entities
from dossier.analyse.entities.references import _sentence_start
from dossier.analyse.ner import recognise
from dossier.model import Article


def _mentions(text: str):
    article = Article(id="r1", raw_text=text, text=text, language="de")
    return link_entities(article, recognise(text))["mentions"]


def test_a_name_before_an_ordinal_in_the_same_sentence_blocks_the_reference():
    text = "Elon Musk kaufte Twitter. Am Montag sprach Peter Thiel in Berlin am 3. Mai mit dem Tech-Milliardär."
    found = {m.text: m for m in _mentions(text)}
    assert {"Elon Musk", "Peter Thiel"} <= set(found)
    # Thiel is named in this sentence, so "dem Tech-Milliardär" is someone else: no link to him
    assert "Tech-Milliardär" not in found


def test_the_reference_still_links_across_a_sentence_end():
    text = "Elon Musk kaufte Twitter. Am Montag sprach der Tech-Milliardär in Berlin."
    found = {m.text: m for m in _mentions(text)}
    assert found["Tech-Milliardär"].entity == found["Elon Musk"].entity


def test_sentence_start_skips_abbreviations_and_ordinals():
    text = "Die Rede hielt Dr. Anna Berg am 3. Mai im Rathaus. Danach sprach der Bürgermeister."
    assert _sentence_start(text, text.index("Rathaus")) == 0
    assert _sentence_start(text, text.index("Bürgermeister")) == text.index("Danach")
