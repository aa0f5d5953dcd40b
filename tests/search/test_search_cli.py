"""`dossier search` and `dossier reindex` end to end, and the issue's must-show on the seeds."""
from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from conftest import shared_path
from dossier.cli.main import cli, main
from dossier.store import open_store

from store.search_samples import ENTITIES, search_corpus


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    seeds = shared_path("seeds")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    assert main(["--db", str(db), "ingest", "-q", str(seeds)]) == 0
    return db


@pytest.mark.parametrize("query", ["Werbekunden", "Werbekunde", "werbekunden", "Werbe*"])
def test_must_show_werbekunden_finds_the_first_seed_article(seeds_db, query):
    hits = json.loads(run("--db", str(seeds_db), "search", query, "--json"))["hits"]
    assert hits, f"{query} found nothing"
    with open_store(str(seeds_db)) as store:
        first = store.get_article(hits[0]["article_id"])
    assert first.origin.endswith("000_02d12f9d469cad87.txt")
    marked = [first.text[h["start"]:h["end"]] for h in hits[0]["snippet"]["highlights"]]
    assert marked and all(m.startswith("Werbe") for m in marked)


def test_seed_quotes_by_a_speaker(seeds_db):
    result = json.loads(run("--db", str(seeds_db), "search", "Werbekunden", "--speaker", "Musk", "--json"))
    assert result["hits"] and {h["kind"] for h in result["hits"]} == {"quote"}
    assert all("Musk" in h["speaker"] for h in result["hits"])


def test_search_prints_hits_with_snippets(tmp_path):
    db = str(tmp_path / "s.db")
    with open_store(db) as store:
        store.add_articles(search_corpus())
        store.upsert_entities(ENTITIES)
    output = run("--db", db, "search", "Aerzte", "--source", "nord")
    assert output.splitlines()[0] == "1 matches for 'Aerzte' (showing 1-1)"
    assert "Ärzte fordern mehr Personal" in output and "[article]" in output
    quotes = run("--db", db, "search", "Limit", "--quotes")
    assert "[quote by Petra Lang]" in quotes and "„Wir arbeiten am Limit“" in quotes
    assert run("--db", db, "search", "Quantencomputer").startswith("0 matches")


def test_a_bad_query_is_a_clear_error_with_exit_code_2(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "s.db"), "search", 'Musk "Boykott']) == 2
    assert "quotation mark is never closed (at character 6)" in capsys.readouterr().err


def test_a_database_from_before_search_is_indexed_on_first_use(tmp_path):
    path = tmp_path / "alt.db"
    with open_store(str(path)) as store:
        store.add_articles(search_corpus())
    # Make it look like a version-3 database: no search tables (nor later ones), no version 4+.
    conn = sqlite3.connect(path)
    for table in ("search_fts", "search_docs", "search_entities", "search_state", "entity_mentions",
                  "quote_speakers", "entity_names", "resolution_articles", "resolution_nodes", "resolution_keys",
                  "signature_bands"):
        conn.execute(f"DROP TABLE {table}")
    for table, column, index in (("signatures", "source_key", "signatures_source"),
                                 ("figures", "published", "figures_subject_recent")):
        if any(row[1] == column for row in conn.execute(f"PRAGMA table_info({table})")):
            conn.execute(f"DROP INDEX {index}")
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("DELETE FROM schema_version WHERE version >= 4")
    conn.commit()
    conn.close()
    with open_store(str(path)) as store:
        assert store.search_index_analyser() is None
        from dossier.errors import StoreError
        from dossier.query.search import search

        with pytest.raises(StoreError, match="dossier reindex"):
            search(store, "Werbekunde")
    assert "1 matches" in run("--db", str(path), "search", "Werbekunde")
    assert run("--db", str(path), "reindex", "-q").strip() == "indexed 6 articles for search"
    assert "1 matches" in run("--db", str(path), "search", "Werbekunde")
