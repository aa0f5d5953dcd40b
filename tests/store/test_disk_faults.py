"""A full disk and a read-only database, at the start of an ingest and in its middle: a clear
error (no traceback), no half-written batch, a file that passes SQLite's integrity check, and
the same command run again (once the cause is gone) stores exactly what is missing.

How each fault is made, for real and without privileges the tests do not have (they run as
root, for whom file modes mean nothing):
- a write that fails mid-run: the `dossier ingest` process runs under RLIMIT_FSIZE, so the
  kernel refuses to grow the database's files past a size (EFBIG, an I/O error to SQLite);
- SQLite's own "database or disk is full": PRAGMA max_page_count on the store's connection;
- a database that turns read-only mid-run: PRAGMA query_only on the store's connection;
- a read-only database file: the immutable attribute (chattr +i), which binds root too;
  skipped where the file system or the container does not allow it.
"""
from __future__ import annotations

import json
import resource
import sqlite3
import subprocess
from pathlib import Path

import pytest

from dossier.errors import StoreError
from dossier.ingest import read_bytes
from dossier.pipeline import ingest_items
from dossier.store import open_store
from tests.store.test_faults import DOSSIER, german_articles, integrity, write_jsonl


def _documents(articles: list[dict]) -> list:
    data = "\n".join(json.dumps(a, ensure_ascii=False) for a in articles).encode("utf-8")
    return list(read_bytes(data, "artikel.jsonl"))


def _stored(db: Path) -> tuple[int, int]:
    """(articles, distinct contents) in the file."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM articles").fetchone()


def _ingest(db: Path, source: Path, **run) -> subprocess.CompletedProcess:
    return subprocess.run([DOSSIER, "--db", str(db), "ingest", str(source), "--quiet", "--no-analyse",
                           "--batch-size", "10"], capture_output=True, text=True, timeout=300, **run)


def test_a_write_refused_by_the_disk_mid_run_is_a_clear_error_and_a_rerun_completes(tmp_path):
    db, articles = tmp_path / "d.db", german_articles(105)
    assert _ingest(db, write_jsonl(tmp_path / "erste.jsonl", articles[:5])).returncode == 0
    limit = db.stat().st_size + 40_000  # the database's files may grow by 40 kB, then writes fail

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # Python ignores SIGXFSZ

    source = write_jsonl(tmp_path / "alle.jsonl", articles)
    failed = _ingest(db, source, preexec_fn=small_disk)
    assert failed.returncode == 2 and "Traceback" not in failed.stderr, failed.stderr
    assert "write failed and was rolled back: disk I/O error" in failed.stderr
    assert "run the same command again" in failed.stderr
    assert integrity(db) == "ok"
    stored, distinct = _stored(db)
    assert stored == distinct and 5 <= stored < 105
    rerun = _ingest(db, source)
    assert rerun.returncode == 0 and f"{105 - stored} new" in rerun.stdout, rerun.stdout + rerun.stderr
    assert _stored(db) == (105, 105) and integrity(db) == "ok"


def test_sqlite_full_mid_run_rolls_back_only_the_batch_in_hand(tmp_path):
    db, articles = tmp_path / "d.db", german_articles(60)
    store = open_store(db)
    ingest_items(_documents(articles[:10]), store, run_analysis=False)
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages + 3}")  # this connection's file is now "full"
    with pytest.raises(StoreError) as info:
        ingest_items(_documents(articles[10:]), store, run_analysis=False, batch_size=5)
    assert "database or disk is full" in info.value.message and info.value.location == str(db)
    assert "free space" in info.value.hint
    store.close()
    stored, distinct = _stored(db)
    assert stored == distinct and stored % 5 == 0 and 10 <= stored < 60  # whole batches only
    with open_store(db) as store:
        summary = ingest_items(_documents(articles), store, run_analysis=False)
    assert len(summary.new) == 60 - stored and len(summary.unchanged) == stored
    assert _stored(db) == (60, 60) and integrity(db) == "ok"


def test_a_database_turning_read_only_mid_run(tmp_path):
    db, articles = tmp_path / "d.db", german_articles(40)
    store = open_store(db)
    seen = []

    def read_only_after_twelve(_item):
        seen.append(_item)
        if len(seen) == 12:
            store._conn.execute("PRAGMA query_only = ON")

    with pytest.raises(StoreError) as info:
        ingest_items(_documents(articles), store, run_analysis=False, batch_size=5, on_item=read_only_after_twelve)
    assert "attempt to write a readonly database" in info.value.message
    assert "read-only" in info.value.hint
    store.close()
    stored, distinct = _stored(db)
    assert stored == distinct and stored % 5 == 0 and stored < 40
    with open_store(db) as store:
        assert len(ingest_items(_documents(articles), store, run_analysis=False).new) == 40 - stored
    assert _stored(db) == (40, 40) and integrity(db) == "ok"


@pytest.fixture
def immutable(tmp_path):
    """chattr +i on a path, undone afterwards (else not even root could delete the file)."""
    marked: list[Path] = []

    def mark(path: Path) -> None:
        result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"cannot make a file read-only for root here (chattr +i): {result.stderr.strip()}")
        marked.append(path)

    yield mark
    for path in marked:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_database_file_is_a_clear_error_and_stays_untouched(tmp_path, immutable):
    db = tmp_path / "d.db"
    assert _ingest(db, write_jsonl(tmp_path / "erste.jsonl", german_articles(5))).returncode == 0
    before = db.read_bytes()
    immutable(db)
    source = write_jsonl(tmp_path / "neu.jsonl", german_articles(20, seed=99))
    failed = _ingest(db, source)
    assert failed.returncode == 2 and "Traceback" not in failed.stderr, failed.stderr
    assert "attempt to write a readonly database" in failed.stderr and "read-only" in failed.stderr
    assert db.read_bytes() == before
    subprocess.run(["chattr", "-i", str(db)], check=True)
    rerun = _ingest(db, source)
    assert rerun.returncode == 0 and "20 new" in rerun.stdout
    assert _stored(db) == (25, 25) and integrity(db) == "ok"
