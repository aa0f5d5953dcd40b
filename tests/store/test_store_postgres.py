"""What only the PostgreSQL store has: URLs, connection errors, native column types,
values PostgreSQL cannot hold as they are, concurrent first opens, and the CLI on a
server database. The shared behaviour is in test_store_contract.py."""
from __future__ import annotations

import json
import sys
import threading

import pytest

from dossier.errors import MissingDependency, StoreError
from dossier.model import Entity, Mention
from dossier.store import open_store
from dossier.store.migrate import latest_version

from .pg_server import _free_port
from .samples import bare_article, rich_article

postgres = pytest.importorskip("dossier.store.postgres")

GERMAN = """Stadtrat beschließt neues Radwegenetz

Der Stadtrat von Neustadt hat am Donnerstag ein neues Radwegenetz beschlossen. Bis 2027 sollen 40 Kilometer \
neue Radwege entstehen, die Kosten liegen bei rund 18 Millionen Euro.

„Wir machen die Stadt sicherer für alle“, sagte Bürgermeisterin Petra Lindner am Freitag in Neustadt.
"""


def _sql(url: str, query: str, params: tuple = ()) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def test_missing_psycopg_is_a_missing_dependency(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # makes ``import psycopg`` fail
    with pytest.raises(MissingDependency, match="PostgreSQL store") as info:
        open_store("postgresql://postgres@127.0.0.1:1/dossier")
    assert "psycopg[binary]" in info.value.hint


def test_other_url_schemes_are_refused():
    with pytest.raises(StoreError, match="unsupported") as info:
        open_store("mysql://ich:geheim@localhost/dossier")
    assert "geheim" not in str(info.value) and "postgresql://" in info.value.hint


def test_unreachable_server_is_a_store_error_naming_the_url_without_password():
    pytest.importorskip("psycopg")
    url = f"postgresql://dossier:geheim@127.0.0.1:{_free_port()}/dossier"
    with pytest.raises(StoreError, match="cannot connect") as info:
        open_store(url)
    shown = str(info.value)
    assert "geheim" not in shown
    assert f"postgresql://dossier@127.0.0.1:{url.rsplit(':', 1)[1]}" in info.value.hint


def test_redacted_drops_only_the_password():
    assert postgres.redacted("postgres://a:b@h:5/d?sslmode=disable") == "postgres://a@h:5/d?sslmode=disable"
    assert postgres.redacted("postgresql://a@h/d") == "postgresql://a@h/d"


def test_both_url_schemes_open_a_postgres_store(pg_url):
    for url in (pg_url, pg_url.replace("postgresql://", "postgres://", 1)):
        with open_store(url) as store:
            assert isinstance(store, postgres.PostgresStore)
            assert store.schema_version() == latest_version()


def test_migrations_keep_step_with_sqlite():
    assert [n for n, _, _ in postgres.migrations()] == list(range(1, latest_version() + 1))


def test_layers_are_jsonb_and_signatures_bytea(pg_url):
    with open_store(pg_url) as store:
        article = rich_article()
        store.add_articles([article])
        store.put_signature(article.id, b"\x00\xff")
    types = dict(_sql(pg_url, "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
                              "WHERE table_schema = current_schema()"))
    assert types["annotations.data"] == "jsonb" and types["articles.extra"] == "jsonb"
    assert types["signatures.minhash"] == "bytea"
    # Plain values are queryable in the JSONB column and need no exact copy.
    speakers = _sql(pg_url, "SELECT data->>'speaker', data_exact FROM annotations WHERE layer = 'quotes'")
    assert speakers == [("Richard Lutz", None)]


def test_values_postgres_cannot_hold_round_trip_exactly(pg_url):
    article = bare_article("Null\x00Byte im Text.")
    article.title = "Titel\x00"
    article.flags = [{"nan": float("nan"), "inf": float("inf"), "gross": 1e308, "k\x00": -1e-7}]
    article.mentions = [Mention(4, 5, "\x00", label="MISC")]
    article.entities = [Entity("misc:null", "Null\x00", "MISC", ["\x00"])]
    with open_store(pg_url) as store:
        store.add_articles([article])
        loaded = store.get_article(article.id)
        assert loaded.text == article.text and loaded.title == "Titel\x00"
        flags = loaded.flags[0]
        assert flags["nan"] != flags["nan"] and flags["inf"] == float("inf")
        assert flags["gross"] == 1e308 and isinstance(flags["gross"], float) and flags["k\x00"] == -1e-7
        assert loaded.mentions == article.mentions and loaded.entities == article.entities
        assert store.list_articles()[0].title == "Titel\x00" and store.list_articles()[0].chars == len(article.text)
        assert [d["text"] for _, d in store.iter_layer("mentions")] == ["\x00"]
        store.upsert_entities(article.entities)
        assert store.get_entities() == article.entities
        loaded.entities = [Entity("misc:klar", "Klar", "MISC")]
        store.update_layers(loaded)
        assert store.get_article(article.id) == loaded
    # The typed columns hold a close copy with the same length, so offsets still fit.
    assert _sql(pg_url, "SELECT text, title FROM articles") == [("Null\ufffdByte im Text.", "Titel\ufffd")]


def test_an_id_prefix_is_not_a_like_pattern(pg_url):
    first, second = bare_article("Eins."), bare_article("Zwei.")
    first.id, second.id = "ab_1234", "abx1234"
    with open_store(pg_url) as store:
        store.add_articles([first, second])
        assert store.get_article("ab_").id == "ab_1234"
        assert store.get_article("a%") is None


def test_a_foreign_database_is_refused_and_left_alone(pg_url):
    _sql(pg_url, "CREATE TABLE rezepte (name TEXT)")
    with pytest.raises(StoreError, match="not a Dossier database"):
        open_store(pg_url)
    assert [r[0] for r in _sql(pg_url, "SELECT table_name FROM information_schema.tables "
                                       "WHERE table_schema = current_schema()")] == ["rezepte"]


def test_a_newer_database_is_refused(pg_url):
    open_store(pg_url).close()
    _sql(pg_url, "INSERT INTO schema_version VALUES (%s, 'später')", (latest_version() + 1,))
    with pytest.raises(StoreError, match="upgrade dossier-news"):
        open_store(pg_url)


def test_an_old_database_is_upgraded_in_place(pg_url):
    postgres.PostgresStore(pg_url, migrate_to=1).close()
    assert _sql(pg_url, "SELECT max(version) FROM schema_version") == [(1,)]
    with open_store(pg_url) as store:
        article = rich_article()
        store.add_articles([article])
        assert store.schema_version() == latest_version() and store.get_article(article.id) == article


def test_concurrent_first_opens_migrate_once(pg_url):
    errors, barrier = [], threading.Barrier(4)

    def open_and_close():
        try:
            barrier.wait()
            open_store(pg_url).close()
        except Exception as exc:  # collected: an exception in a thread would be lost
            errors.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _sql(pg_url, "SELECT version FROM schema_version ORDER BY version") == [
        (v,) for v in range(1, latest_version() + 1)]


def test_cli_ingest_and_export_on_a_server_database(pg_url, tmp_path):
    from click.testing import CliRunner

    from dossier.cli.main import cli

    (tmp_path / "rad.txt").write_text(GERMAN, encoding="utf-8")
    runner = CliRunner()
    ingest = runner.invoke(cli, ["--db", pg_url, "ingest", "-q", str(tmp_path / "rad.txt")], catch_exceptions=False)
    assert ingest.exit_code == 0, ingest.output
    again = runner.invoke(cli, ["--db", pg_url, "ingest", "-q", "--no-analyse", str(tmp_path / "rad.txt")],
                          catch_exceptions=False)
    assert "0 new" in again.output
    export = runner.invoke(cli, ["--db", pg_url, "export", "--format", "jsonl"], catch_exceptions=False)
    records = [json.loads(line) for line in export.output.splitlines()]
    assert len(records) == 1
    text = records[0]["text"]
    assert "„Wir machen die Stadt sicherer für alle“" in text
    # The analysis layers went through the server database and keep exact offsets.
    spans = [s for layer in ("mentions", "quotes", "times", "figures") for s in records[0][layer]]
    assert records[0]["quotes"] and all(text[s["start"]:s["end"]] == s["text"] for s in spans)
    assert _sql(pg_url, "SELECT count(*) FROM articles") == [(1,)]


def test_a_concurrent_ingest_of_the_same_content_reports_it_unchanged(pg_url):
    import psycopg

    article = bare_article("Zwei Prozesse, ein Artikel.")
    open_store(pg_url).close()
    other = psycopg.connect(pg_url)  # another process: inserted, not yet committed
    other.execute("INSERT INTO articles (id, content_hash, ingested_at) VALUES (%s, %s, 'jetzt')",
                  (article.id, article.extra["content_hash"]))
    results = []
    with open_store(pg_url) as store:
        ingest = threading.Thread(target=lambda: results.append(store.add_articles([article])))
        ingest.start()
        ingest.join(timeout=0.5)
        assert ingest.is_alive()  # waits on the other transaction's row
        other.commit()
        other.close()
        ingest.join()
        assert results[0].new == [] and results[0].unchanged == [article.id]
        assert store.count_articles() == 1
