"""Incremental resolution (an ingest resolves only its new mentions against the stored
name-key index) gives what a full re-resolution gives, on a corpus ingested in batches."""
from __future__ import annotations

import csv
import io

import pytest

from conftest import shared_path
from dossier.export import export_articles, export_entities
from dossier.model import RawDocument
from dossier.pipeline import ingest_items
from dossier.resolve.incremental import resolve_all, resolve_new
from dossier.store import MemoryStore, SQLiteStore

# Written for this test: later batches change what earlier ones resolved to. A second
# full-name Musk makes a bare "Musk" ambiguous; the EU is spelt out in two articles only
# in the third batch; "Chinas" meets "China"; a new form adds an alias to an entity.
BATCHES = [
    ["Elon Musk will den Kurznachrichtendienst Twitter kaufen. Musk sagte am Montag in Austin, "
     "der Preis sei fair. Die Tesla-Aktie fiel.",
     "Musk hat sich erneut zu Wort gemeldet. Der Unternehmer kritisierte die Börsenaufsicht SEC in Washington.",
     "Die EU will den Handel mit China stärken, sagte Ursula von der Leyen in Brüssel."],
    ["Kimbal Musk, der Bruder des Unternehmers, eröffnete ein Restaurant in Boulder. Musk lobte die Köche.",
     "Chinas Wirtschaft wuchs im dritten Quartal um 4,9 Prozent, teilte das Statistikamt in Peking mit.",
     "Angela Merkel traf Emmanuel Macron in Paris. Merkel sprach von einem guten Gespräch."],
    ["Die Europäische Union (EU) hat neue Zölle beschlossen. Die EU-Kommission in Brüssel bestätigte das.",
     "Die Europäische Union (EU) verhandelt mit Kanada. Ursula von der Leyen reiste nach Ottawa.",
     "Angela Merkels Nachfolger Olaf Scholz besuchte Peking. Scholz traf Xi Jinping."],
    ["Elon Musk und Kimbal Musk sprachen in Austin über Tesla. Die SEC prüft den Fall.",
     "Merkel sagte, die EU müsse zusammenhalten. China reagierte gelassen."],
]


def _docs(texts, batch):
    return [RawDocument(text, f"batch{batch}/{i}.txt") for i, text in enumerate(texts)]


def _exports(store) -> tuple[str, str]:
    articles, entities = io.StringIO(), io.StringIO()
    export_articles(store, articles, "jsonl")
    export_entities(store, entities, "jsonl")
    return articles.getvalue(), entities.getvalue()


def _ingest_in_batches(store, batches):
    for i, texts in enumerate(batches):
        ingest_items(_docs(texts, i), store)
    return store


@pytest.mark.parametrize("make_store", [MemoryStore, lambda: SQLiteStore(":memory:")], ids=["memory", "sqlite"])
def test_batches_resolved_incrementally_equal_a_full_resolution(make_store):
    store = _ingest_in_batches(make_store(), BATCHES)
    incremental = _exports(store)
    assert '"Kimbal Musk"' in incremental[1]
    resolve_all(store)
    assert _exports(store) == incremental
    # and the same corpus in one ingest, into an empty store
    one_go = make_store()
    ingest_items([d for i, texts in enumerate(BATCHES) for d in _docs(texts, i)], one_go)
    assert _exports(one_go) == incremental


def test_resolve_without_all_picks_up_unresolved_articles_and_nothing_else():
    store = MemoryStore()
    ingest_items(_docs(BATCHES[0], 0), store)
    before = _exports(store)
    assert resolve_new(store).articles == 0 and _exports(store) == before
    ingest_items(_docs(BATCHES[1], 1), store, run_analysis=True)
    assert not store.unresolved_articles()


def test_10kgnad_in_batches_equals_a_full_resolution(tmp_path):
    path = shared_path("data", "10kgnad", "test.csv")
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=";", quotechar="'"))[:90]
    texts = [row[1] for row in rows if len(row) > 1]
    store = _ingest_in_batches(SQLiteStore(str(tmp_path / "batches.db")), [texts[i:i + 30] for i in range(0, 90, 30)])
    incremental = _exports(store)
    resolve_all(store)
    assert _exports(store) == incremental
