"""SQLite specifics: opening, refusing foreign files, migrations, persistence."""
from __future__ import annotations

import sqlite3

import pytest

from dossier.errors import StoreError
from dossier.model import Mention
from dossier.store import SQLiteStore, open_store
from dossier.store.migrate import _apply, _statements, latest_version, migrations

from .samples import bare_article, rich_article


def test_open_store_memory_and_file(tmp_path):
    with open_store(":memory:") as store:
        assert isinstance(store, SQLiteStore) and store.count_articles() == 0
    db = tmp_path / "neu.db"
    with open_store(str(db)) as store:
        store.add_articles([rich_article()])
    with open_store(db) as store:  # a second process reopening the file sees everything
        assert store.get_article(rich_article().id) == rich_article()


def test_file_uses_wal_and_foreign_keys(tmp_path):
    store = SQLiteStore(str(tmp_path / "w.db"))
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()


def test_layers_live_in_one_annotations_table(tmp_path):
    db = tmp_path / "a.db"
    with open_store(db) as store:
        store.add_articles([rich_article()])
    conn = sqlite3.connect(db)
    counts = dict(conn.execute("SELECT layer, COUNT(*) FROM annotations GROUP BY layer"))
    assert counts == {"mentions": 5, "quotes": 1, "times": 3, "figures": 2, "events": 2}
    conn.close()


def test_a_text_file_is_not_a_dossier_database(tmp_path):
    path = tmp_path / "notizen.db"
    path.write_text("Das ist keine Datenbank, sondern ein Einkaufszettel.\n" * 20)
    with pytest.raises(StoreError) as info:
        open_store(str(path))
    assert "not a Dossier" in str(info.value) and info.value.location == str(path)


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "fremd.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE rezepte (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a Dossier database"):
        open_store(str(path))
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert tables == {"rezepte"}


def test_unwritable_places_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="folder") as info:
        open_store(str(tmp_path))
    assert "dossier.db" in info.value.hint
    with pytest.raises(StoreError, match="does not exist") as info:
        open_store(str(tmp_path / "fehlt" / "d.db"))
    assert "mkdir" in info.value.hint
    with pytest.raises(StoreError, match="unsupported"):
        open_store("mysql://localhost/dossier")  # postgresql:// is the server store now


def test_migrations_are_numbered_from_one():
    assert [number for number, _, _ in migrations()] == list(range(1, latest_version() + 1))


def _version_one_database(path) -> None:
    """A database as the first release wrote it, with one article in it."""
    SQLiteStore(str(path), migrate_to=1).close()
    article = bare_article("Ein Artikel aus der ersten Version.")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO articles (id, content_hash, origin, text, raw_text, offset_map, extra, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (article.id, article.extra["content_hash"], article.origin, article.text, article.raw_text,
         f"[[0, 0, {len(article.text)}]]", f'{{"content_hash": "{article.extra["content_hash"]}"}}',
         "2023-01-01T00:00:00+00:00"))
    conn.execute("INSERT INTO annotations (article_id, layer, start, \"end\", data) VALUES (?, 'mentions', 0, 3, ?)",
                 (article.id, '{"start": 0, "end": 3, "text": "Ein", "label": "MISC"}'))
    conn.commit()
    conn.close()


def test_an_old_database_is_upgraded_on_open(tmp_path):
    path = tmp_path / "alt.db"
    _version_one_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == 1
    conn.close()
    with open_store(str(path)) as store:
        assert store.schema_version() == latest_version()
        expected = bare_article("Ein Artikel aus der ersten Version.")
        expected.mentions = [Mention(0, 3, "Ein", label="MISC")]
        assert store.get_article(expected.id) == expected  # entities: [] from the column default
        store.add_articles([rich_article()])  # the upgraded schema takes new articles
        assert store.get_article(rich_article().id) == rich_article()


def test_a_database_newer_than_the_code_is_refused(tmp_path):
    path = tmp_path / "zukunft.db"
    SQLiteStore(str(path)).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, 'später')",
                 (latest_version() + 7,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="schema version") as info:
        open_store(str(path))
    assert "pip install -U" in info.value.hint


def test_a_failing_migration_leaves_the_previous_version(tmp_path, monkeypatch):
    path = tmp_path / "halb.db"
    SQLiteStore(str(path), migrate_to=1).close()
    broken = [*migrations()[:1], (2, "0002_broken.sql", "CREATE TABLE extra_table (x);\nTHIS IS NOT SQL;")]
    monkeypatch.setattr("dossier.store.migrate.migrations", lambda: broken)
    with pytest.raises(StoreError, match="0002_broken.sql"):
        SQLiteStore(str(path))
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
    conn.close()
    assert version == 1 and "extra_table" not in tables


def test_a_migration_another_process_applied_meanwhile_is_skipped(tmp_path):
    """Two processes open a new file at once: the second finds the version raised
    under the write lock and does not apply the same file again."""
    path = tmp_path / "gleichzeitig.db"
    SQLiteStore(str(path)).close()
    late = sqlite3.connect(path, isolation_level=None)
    number, name, sql = migrations()[0]
    _apply(late, number, name, sql, str(path))  # as if it had read version 0 before the other won
    versions = [row[0] for row in late.execute("SELECT version FROM schema_version ORDER BY version")]
    late.close()
    assert versions == list(range(1, latest_version() + 1))


def test_migration_files_split_into_statements():
    number, name, sql = migrations()[0]
    statements = _statements(sql)
    assert sum("CREATE TABLE" in s for s in statements) == 5 == len(statements) - 2  # + 2 indexes
    assert all(sqlite3.complete_statement(s) for s in statements)


def test_signatures_stored_before_the_band_index_are_found_after_the_upgrade(tmp_path):
    from dossier.resolve.dedup import band_keys, signature, signature_bytes

    path = tmp_path / "alt.db"
    story = " ".join(f"Satz {i}: die Stadt baut eine neue Brücke über den Fluss." for i in range(40))
    article = bare_article(story)
    article.source = "Stadtanzeiger"
    with SQLiteStore(str(path)) as old:
        old.add_articles([article])
        old.put_signature(article.id, signature_bytes(signature(story)))
        # what migration 7 leaves of a signature stored before it: no band rows, no source key
        old._conn.execute("DELETE FROM signature_bands")
        old._conn.execute("UPDATE signatures SET source_key = NULL")
    with SQLiteStore(str(path)) as store:
        assert store.similar_signatures(band_keys(signature(story))) == [(article.id, signature_bytes(signature(story)))]
        assert [i for i, _ in store.signatures_from_source("stadtanzeiger")] == [article.id]
        assert not store._query("SELECT 1 FROM signatures WHERE source_key IS NULL")
