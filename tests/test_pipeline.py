"""Corpus-level behaviour of an ingest: language, duplicates, syndication, failures."""
from __future__ import annotations

from dossier.errors import MalformedRecord
from dossier.model import RawDocument
from dossier.pipeline import ingest_items
from dossier.store.memory import MemoryStore

BODY = ("Die Stadtwerke Neustadt erhöhen zum ersten Januar die Preise für Fernwärme um durchschnittlich "
        "zwölf Prozent. Ein Sprecher begründete den Schritt mit gestiegenen Kosten für Gas und Personal. "
        "Verbraucherschützer kritisierten die Erhöhung als zu hoch und rieten Kunden, ihre Abrechnungen "
        "genau zu prüfen. Der Stadtrat will sich in seiner nächsten Sitzung mit dem Thema befassen, "
        "kündigte die Vorsitzende des Ausschusses an.")
ENGLISH = ("The city utility will raise district heating prices by an average of twelve percent from "
           "January. A spokesperson cited higher costs for gas and staff.")


def doc(text: str, origin: str, **metadata) -> RawDocument:
    return RawDocument(raw_text=text, origin=origin, metadata=metadata)


def test_near_duplicate_is_stored_and_linked_to_the_first_copy():
    store = MemoryStore()
    copy = BODY.replace("kündigte die Vorsitzende des Ausschusses an", "hieß es") + "\n\nQuelle: Agentur"
    summary = ingest_items([doc(BODY, "a.txt"), doc(copy, "b.txt")], store, run_analysis=False)
    assert len(summary.new) == 2 and len(summary.duplicates) == 1
    articles = {a.origin: a for a in store.iter_articles()}
    assert articles["b.txt"].duplicate_of == articles["a.txt"].id
    assert articles["a.txt"].duplicate_of is None


def test_syndicated_copy_is_linked_to_the_original_its_footer_names():
    store = MemoryStore()
    original = doc(BODY, "insider.txt", source="Beispiel Insider")
    # an edited, shortened copy: too different for a plain duplicate, but its footer names the original
    edited = " ".join(BODY.split(". ")[:3]) + ". Kunden sollten ihre Rechnungen prüfen."
    syndicated = doc(edited + "\n\nLesen Sie den Originalartikel auf Beispiel Insider", "copy.txt")
    summary = ingest_items([original, syndicated], store, run_analysis=False)
    articles = {a.origin: a for a in store.iter_articles()}
    assert articles["copy.txt"].syndicated_from == "Beispiel Insider"
    assert articles["copy.txt"].duplicate_of == articles["insider.txt"].id
    assert summary.duplicates == [articles["copy.txt"].id]


def test_syndicated_copy_finds_an_original_stored_by_an_earlier_ingest():
    store = MemoryStore()
    ingest_items([doc(BODY, "insider.txt", source="Beispiel Insider")], store, run_analysis=False)
    edited = " ".join(BODY.split(". ")[:3]) + ". Kunden sollten ihre Rechnungen prüfen."
    later = doc(edited + "\n\nLesen Sie den Originalartikel auf Beispiel Insider", "copy.txt")
    summary = ingest_items([later], store, run_analysis=False)
    articles = {a.origin: a for a in store.iter_articles()}
    assert articles["copy.txt"].duplicate_of == articles["insider.txt"].id
    assert summary.duplicates == [articles["copy.txt"].id]


def test_non_german_article_is_stored_flagged_and_not_analysed():
    store = MemoryStore()
    summary = ingest_items([doc(ENGLISH, "en.txt")], store, run_analysis=True)
    article = next(store.iter_articles())
    assert article.language == "en" and summary.not_german == [article.id]
    assert {"type": "not_german", "language": "en"} in article.flags
    assert article.mentions == [] and article.quotes == [] and article.figures == []


def test_reader_errors_are_recorded_and_the_rest_is_stored():
    store = MemoryStore()
    error = MalformedRecord("Erwartet wurde ein JSON-Objekt", location="x.jsonl:line 2")
    summary = ingest_items([doc(BODY, "x.jsonl:line 1"), error], store, run_analysis=False)
    assert len(summary.new) == 1 and not summary.ok
    [failure] = store.list_failures()
    assert failure.origin == "x.jsonl:line 2" and failure.reason == "MalformedRecord"


def test_reingest_of_the_same_content_adds_nothing():
    store = MemoryStore()
    ingest_items([doc(BODY, "a.txt")], store, run_analysis=False)
    again = ingest_items([doc(BODY, "a.txt"), doc(BODY, "a-kopie.txt")], store, run_analysis=False)
    assert again.new == [] and len(again.unchanged) == 2
    assert store.count_articles() == 1
