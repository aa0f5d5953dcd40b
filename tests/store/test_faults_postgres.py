"""Faults around the PostgreSQL store, seen from the command line: two `dossier ingest`
processes writing into one database at once, and the PostgreSQL server stopped and started
again in the middle of an ingest. Afterwards every article is stored exactly once, each with
its signature and search entries (nothing half-written), and a re-run completes the batch.

The restart test runs its own throw-away cluster (stopping the session's cluster would break
the other tests' connections); both skip without PostgreSQL server binaries or psycopg.
"""
from __future__ import annotations

import subprocess
import time

import pytest

from dossier.errors import StoreError

from .pg_server import running_cluster
from .test_faults import DOSSIER, german_articles, write_jsonl

# Tables each stored canonical article has rows in, written in its own transaction.
PER_ARTICLE_CHECKS = {
    "signature": "SELECT a.id FROM articles a WHERE a.duplicate_of IS NULL AND NOT EXISTS "
                 "(SELECT 1 FROM signatures s WHERE s.article_id = a.id)",
    "search document": "SELECT a.id FROM articles a WHERE NOT EXISTS "
                       "(SELECT 1 FROM search_docs d WHERE d.article_id = a.id)",
}


def ingest_command(url: str, source, *extra: str) -> list[str]:
    return [DOSSIER, "--db", url, "ingest", str(source), "--quiet", *extra]


def query(url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, connect_timeout=10) as conn:
        return conn.execute(sql).fetchall()


def stored_titles(url: str) -> list[str]:
    try:
        return [row[0] for row in query(url, "SELECT title FROM articles")]
    except Exception as exc:  # noqa: BLE001 - the tables do not exist before the first ingest opened the store
        if "articles" in str(exc):
            return []
        raise


def half_written(url: str) -> dict[str, list[str]]:
    """Articles missing a part that is stored in the same transaction as the article."""
    return {part: [row[0] for row in query(url, sql)] for part, sql in PER_ARTICLE_CHECKS.items()
            if query(url, sql)}


def assert_stored_exactly_once(url: str, articles: list[dict]) -> None:
    assert sorted(stored_titles(url)) == sorted(a["title"] for a in articles)  # none lost, none twice
    assert half_written(url) == {}


def test_two_ingests_into_one_postgres_database_at_once(pg_url, tmp_path):
    articles = german_articles(24, seed=21)
    # Overlapping sets: both processes try to store articles 8..15.
    first = write_jsonl(tmp_path / "first.jsonl", articles[:16])
    second = write_jsonl(tmp_path / "second.jsonl", articles[8:])
    runs = [subprocess.Popen(ingest_command(pg_url, source, "--batch-size", "2"), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for source in (first, second)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0, err
        assert "Traceback" not in err and "deadlock" not in err.lower()
    assert_stored_exactly_once(pg_url, articles)
    unanalysed = query(pg_url, "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                               "(SELECT 1 FROM annotations n WHERE n.article_id = a.id)")[0][0]
    assert unanalysed == 0
    # Each process resolved its articles: all are in the resolution index, and every mention
    # points at a canonical entity that exists.
    unresolved = query(pg_url, "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                               "(SELECT 1 FROM resolution_articles r WHERE r.article_id = a.id)")[0][0]
    dangling = query(pg_url, "SELECT count(*) FROM entity_mentions m WHERE NOT EXISTS "
                             "(SELECT 1 FROM entities e WHERE e.id = m.entity)")[0][0]
    assert (unresolved, dangling) == (0, 0)


@pytest.fixture
def own_pg_server():
    """A cluster of its own that the test may stop and start (skips like ``pg_server``)."""
    yield from running_cluster()


def _wait_for_rows(url: str, process: subprocess.Popen, at_least: int, timeout_s: float = 120) -> int:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        rows = len(stored_titles(url))
        if rows >= at_least:
            return rows
        time.sleep(0.02)
    return -1


def test_postgres_restart_in_the_middle_of_an_ingest(own_pg_server, tmp_path):
    articles = german_articles(400, seed=9)
    source = write_jsonl(tmp_path / "archive.jsonl", articles)
    from dossier.store.postgres import PostgresStore

    url = own_pg_server.new_schema()
    # Without analysis the run is all writes: small batches make many transactions to cut through.
    command = ingest_command(url, source, "--batch-size", "3", "--no-analyse")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rows_at_stop = _wait_for_rows(url, process, at_least=30)
    reader = PostgresStore(url)  # a long-lived store (as `dossier serve` holds one) sees the restart too
    own_pg_server.stop_server()  # fast shutdown: open transactions are rolled back, sessions cut
    out, err = process.communicate(timeout=120)
    if rows_at_stop < 0:
        pytest.fail(f"the ingest ended before the server could be stopped (exit {process.returncode}): {err}")
    own_pg_server.start_server()
    # A clear error: what was lost, what to do, no traceback, a failing exit code.
    assert process.returncode == 2, (out, err)
    assert err.startswith("Error: ") and "Traceback" not in err, err
    assert "connection to PostgreSQL was lost" in err and "run the same command again" in err, err
    # The long-lived store answers again (it connects anew), once its first statement met the cut.
    with pytest.raises(StoreError, match="connection to PostgreSQL was lost"):
        reader.count_articles()
    assert reader.count_articles() >= rows_at_stop
    reader.close()
    partial = stored_titles(url)
    assert rows_at_stop <= len(partial) < len(articles)
    assert len(set(partial)) == len(partial) and half_written(url) == {}
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(articles) - len(partial)} new" in rerun.stdout, rerun.stdout
    assert_stored_exactly_once(url, articles)
