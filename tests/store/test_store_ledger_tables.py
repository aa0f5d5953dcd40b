"""The store contract for the figure and event tables (find_figures, find_events): every
backend (in-memory double, SQLite file, PostgreSQL) passes these."""
from __future__ import annotations

import sqlite3

import pytest

from dossier.model import Entity, Event, Figure, Participant
from dossier.store import SQLiteStore, codec, open_store

from .samples import bare_article, rich_article


def _renamed(article, old: str, new: str):
    """The article as a resolution run leaves it when it renames entity ``old`` to ``new``."""
    for mention in article.mentions:
        mention.entity = new if mention.entity == old else mention.entity
    article.entities = [Entity(new if e.id == old else e.id, e.name, e.type, e.aliases, e.external_id, e.roles)
                        for e in article.entities]
    for event in article.events:
        for participant in event.participants:
            participant.entity = new if participant.entity == old else participant.entity
    return article


def test_figures_are_found_by_subject_attribute_and_period(store):
    article = rich_article()
    store.add_articles([bare_article(), article])
    found = store.find_figures()
    assert [(s.id, d["index"], d["text"]) for s, d in found] == [
        (article.id, 0, "3,5 Milliarden Euro"), (article.id, 1, "9 %")]
    summary, investment = found[0]
    assert summary.published == "2023-11-28" and summary.source == "site-7"
    # the subject is named, not linked: the article's entity of that name is the subject
    assert investment["subject_entity"] == "org:deutsche-bahn" and investment["value"] == 3_500_000_000.0
    assert found[1][1]["subject_entity"] is None
    assert [d["text"] for _, d in store.find_figures(subject_entity="org:deutsche-bahn")] == ["3,5 Milliarden Euro"]
    assert [d["text"] for _, d in store.find_figures(attribute="Anteil", as_of_prefix="2018")] == ["9 %"]
    assert [d["text"] for _, d in store.find_figures(as_of_prefix="2018-02")] == ["9 %"]
    assert store.find_figures(as_of_prefix="2019") == []
    assert store.find_figures(subject_entity="org:deutsche-bahn", attribute="Anteil") == []
    assert len(store.find_figures(article_id=article.id)) == 2 and store.find_figures(article_id="nope") == []


def test_events_are_found_by_participant_and_type(store):
    article = rich_article()
    store.add_articles([article])
    found = store.find_events(entity="org:deutsche-bahn")
    assert len(found) == 1
    summary, event = found[0]
    assert summary.id == article.id and event["index"] == 0 and event["type"] == "investment"
    assert [{k: p[k] for k in ("role", "entity", "name")} for p in event["participants"]] == [
        {"role": "agent", "entity": "org:deutsche-bahn", "name": "Deutsche Bahn"}]
    assert event["modality"] == "planned" and event["figures"] == [article.figures[0].id]
    assert [e["type"] for _, e in store.find_events(event_type="statement")] == ["statement"]
    assert [e["index"] for _, e in store.find_events()] == [0, 1]
    assert store.find_events(entity="org:deutsche-bahn", event_type="statement") == []


def test_update_layers_rewrites_the_tables_when_ids_change(store):
    article = rich_article()
    store.add_articles([article])
    store.update_layers(_renamed(article, "org:deutsche-bahn", "E0042"))
    assert store.find_figures(subject_entity="org:deutsche-bahn") == []
    assert [d["text"] for _, d in store.find_figures(subject_entity="E0042")] == ["3,5 Milliarden Euro"]
    assert store.find_events(entity="org:deutsche-bahn") == []
    assert [e["type"] for _, e in store.find_events(entity="E0042")] == ["investment"]
    article.figures, article.events = [], []
    store.update_layers(article)
    assert store.find_figures() == [] and store.find_events() == []


def test_a_stale_subject_id_gives_way_to_the_entity_named_by_the_subject(store):
    article = rich_article()
    article.figures[0].subject_entity = "lokal:e1"  # an id from before resolution
    article.figures[0].subject = "DB"  # an alias of the article's entity
    store.add_articles([article])
    assert store.find_figures()[0][1]["subject_entity"] == "org:deutsche-bahn"
    article.figures[0].subject_entity = "org:deutsche-bahn"
    article.figures[0].subject = "Die Bahn"
    store.update_layers(article)
    assert store.find_figures()[0][1]["subject_entity"] == "org:deutsche-bahn"


def test_figures_and_events_follow_ingest_order(store):
    first, second = bare_article("Erste Meldung mit 5 %."), bare_article("Zweite Meldung.")
    second.figures = [Figure(0, 6, "Zweite", kind="count", value=2.0)]
    first.figures = [Figure(18, 21, "5 %", kind="percent", value=5.0, unit="%")]
    second.events = [Event(0, 6, "launch", [Participant("company", "E1", "Acme")], time="2024")]
    store.add_articles([second, first])
    assert [s.id for s, _ in store.find_figures()] == [second.id, first.id]
    assert [d["time"] for _, d in store.find_events(entity="E1")] == ["2024"]


def _version_two_database_with_layers(path) -> str:
    """A version-2 database holding an article with figures and events in its annotations."""
    SQLiteStore(str(path), migrate_to=2).close()
    article = rich_article()
    with SQLiteStore(str(path), migrate_to=2) as old:
        conn = old._conn
        conn.execute("BEGIN")
        row = codec.article_columns(article)
        columns = ", ".join(row) + ", ingested_at"
        conn.execute(f"INSERT INTO articles ({columns}) VALUES ({', '.join('?' * (len(row) + 1))})",
                     (*row.values(), "2023-11-28T00:00:00+00:00"))
        conn.executemany('INSERT INTO annotations (article_id, layer, start, "end", data) VALUES (?, ?, ?, ?, ?)',
                         [(article.id, *r) for r in codec.layer_rows(article)])
        conn.execute("COMMIT")
    return article.id


def test_upgrading_an_old_sqlite_database_fills_the_tables(tmp_path):
    path = tmp_path / "alt.db"
    article_id = _version_two_database_with_layers(path)
    with open_store(str(path)) as store:
        figures = store.find_figures(as_of_prefix="2018")
        assert [(s.id, d["index"], d["text"]) for s, d in figures] == [(article_id, 1, "9 %")]
        assert [e["index"] for _, e in store.find_events(entity="org:deutsche-bahn")] == [0]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM event_participants").fetchone()[0] == 2
    conn.close()


def test_upgrading_an_old_postgres_database_fills_the_tables(pg_url):
    from dossier.store import postgres

    article = rich_article()
    with postgres.PostgresStore(pg_url, migrate_to=2) as old, old._conn.transaction():
        row = codec.article_columns(article)
        row["exact"] = postgres._fit_row(row, postgres.JSON_ARTICLE_COLUMNS)
        old._conn.execute(postgres.INSERT_ARTICLE, {**row, "ingested_at": "2023-11-28T00:00:00+00:00"})
        old._conn.execute(postgres.INSERT_ANNOTATIONS, old._annotation_columns(article))
    # a version-2 database has no ledger tables: the upgrade creates and fills them
    with open_store(pg_url) as store:
        assert [d["text"] for _, d in store.find_figures(subject_entity=None, as_of_prefix="2025")] == [
            "3,5 Milliarden Euro"]
        assert [e["type"] for _, e in store.find_events(entity="org:deutsche-bahn")] == ["investment"]


@pytest.mark.parametrize("value", [float("nan"), 1e300])
def test_figure_values_come_back_exactly(store, value):
    article = bare_article("Ein Wert von 7 Einheiten.")
    article.figures = [Figure(13, 14, "7", kind="count", value=value)]
    store.add_articles([article])
    got = store.find_figures()[0][1]["value"]
    assert (got != got) if value != value else got == value
