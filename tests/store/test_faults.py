"""Faults around the SQLite store, seen from the command line: two `dossier ingest`
processes writing into one database at once, and an ingest killed with SIGKILL in the
middle of a run and started again. Afterwards every article is stored exactly once and
the file passes SQLite's integrity check; no `database is locked` reaches the user.

The articles are generated from German sentences written for this test, so each run
uses the same corpus and nothing is read from the shared data.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# The console script installed next to this interpreter (the package has no __main__).
DOSSIER = str(Path(sys.executable).with_name("dossier"))

PEOPLE = ["Anna Berger", "Jonas Keller", "Miriam Yilmaz", "Thomas Vogt", "Leonie Hartmann",
          "Peter Scholz", "Fatma Demir", "Klaus Brandt", "Sabine Roth", "Emil Winter"]
PLACES = ["Bremen", "Leipzig", "Kassel", "Rostock", "Freiburg", "Augsburg", "Erfurt", "Kiel"]
COMPANIES = ["Nordwerk AG", "Elbtal Energie GmbH", "Rheinmetallbau AG", "Sonnenfeld Logistik GmbH"]
SENTENCES = [
    "{person} hat am Montag in {place} einen neuen Plan für den Nahverkehr vorgestellt.",
    "Die Stadt {place} will bis {year} insgesamt {number} Millionen Euro in Schulen investieren.",
    "„Wir können nicht länger warten“, sagte {person} vor dem Rathaus.",
    "Die {company} meldete für das vergangene Jahr einen Umsatz von {number} Millionen Euro.",
    "Nach Angaben der Polizei wurden bei dem Unfall in {place} {small} Menschen leicht verletzt.",
    "Der Stadtrat stimmte mit {small} Gegenstimmen für den Antrag von {person}.",
    "Die {company} will in {place} rund {number} neue Arbeitsplätze schaffen.",
    "Kritiker werfen {person} vor, die Kosten zu niedrig angesetzt zu haben.",
    "Im Jahr {year} soll die neue Brücke über den Fluss fertig sein.",
    "Die Gewerkschaft fordert {small} Prozent mehr Lohn für die Beschäftigten der {company}.",
    "Am Wochenende demonstrierten in {place} etwa {number} Menschen gegen die Pläne.",
    "{person} kündigte an, im Herbst erneut für das Amt zu kandidieren.",
    "Die Bauarbeiten am Bahnhof von {place} verzögern sich um {small} Monate.",
    "Laut einer Umfrage unterstützen {small}0 Prozent der Befragten das Vorhaben.",
]


def german_articles(count: int, seed: int = 12) -> list[dict]:
    """``count`` distinct small German articles (title, text, published, source)."""
    rng = random.Random(seed)
    articles = []
    for index in range(count):
        values = {"person": rng.choice(PEOPLE), "place": rng.choice(PLACES), "company": rng.choice(COMPANIES),
                  "year": rng.randint(2026, 2035), "number": rng.randint(12, 980), "small": rng.randint(2, 9)}
        sentences = [s.format(**values) for s in rng.sample(SENTENCES, rng.randint(4, 7))]
        # The running number makes every text distinct even when the sentences repeat.
        sentences.append(f"Dies ist Meldung Nummer {index + 1} aus {values['place']}.")
        articles.append({"title": f"Meldung {index + 1}: {values['place']}", "text": " ".join(sentences),
                         "published": f"2026-{index % 12 + 1:02d}-{index % 28 + 1:02d}",
                         "source": rng.choice(["Nordkurier", "Südblick", "Westpost"])})
    return articles


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def ingest_command(db: Path, source: Path, *extra: str) -> list[str]:
    return [DOSSIER, "--db", str(db), "ingest", str(source), "--quiet", *extra]


def stored_titles(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT title FROM articles")]


def articles_without_signature(db: Path) -> list[str]:
    """Canonical articles stored without their near-duplicate signature (a half-written article)."""
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute(
            "SELECT id FROM articles a WHERE duplicate_of IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM signatures s WHERE s.article_id = a.id)")]


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def assert_stored_exactly_once(db: Path, articles: list[dict]) -> None:
    titles = stored_titles(db)
    assert sorted(titles) == sorted(a["title"] for a in articles)  # none lost, none twice
    assert integrity(db) == "ok"


def test_two_ingests_into_one_database_at_once(tmp_path):
    articles = german_articles(24)
    # Overlapping sets: both processes try to store articles 8..15.
    first = write_jsonl(tmp_path / "first.jsonl", articles[:16])
    second = write_jsonl(tmp_path / "second.jsonl", articles[8:])
    db = tmp_path / "news.db"
    runs = [subprocess.Popen(ingest_command(db, source, "--batch-size", "2"), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for source in (first, second)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0, err
        assert "locked" not in (out + err).lower()
        assert "Traceback" not in err
    assert_stored_exactly_once(db, articles)
    assert articles_without_signature(db) == []
    with sqlite3.connect(db) as conn:  # the analysis of every article was stored with it
        unanalysed = conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                  "(SELECT 1 FROM annotations n WHERE n.article_id = a.id)").fetchone()[0]
        # Each process resolved its articles in turn: all are in the resolution index, and every
        # mention points at a canonical entity that exists.
        unresolved = conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                  "(SELECT 1 FROM resolution_articles r WHERE r.article_id = a.id)").fetchone()[0]
        dangling = conn.execute("SELECT count(*) FROM entity_mentions m WHERE NOT EXISTS "
                                "(SELECT 1 FROM entities e WHERE e.id = m.entity)").fetchone()[0]
    assert (unanalysed, unresolved, dangling) == (0, 0, 0)


def _wait_for_rows(db: Path, process: subprocess.Popen, at_least: int, timeout_s: float = 120) -> int:
    """Rows stored so far, polled until ``at_least`` are there (or the process ended)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
                rows = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:  # the file or its tables do not exist yet
            rows = 0
        if rows >= at_least:
            return rows
        time.sleep(0.01)
    return -1


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_ingest_killed_mid_run_completes_on_rerun(tmp_path):
    articles = german_articles(400, seed=7)
    source = write_jsonl(tmp_path / "archive.jsonl", articles)
    db = tmp_path / "news.db"
    # Without analysis the run is all writes: small batches make many transactions to kill inside.
    command = ingest_command(db, source, "--batch-size", "3", "--no-analyse")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    rows_at_kill = _wait_for_rows(db, process, at_least=30)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    if rows_at_kill < 0 or process.returncode != -signal.SIGKILL:
        pytest.fail(f"the ingest ended before it could be killed (exit {process.returncode}); "
                    "the corpus is too small for this machine")
    partial = stored_titles(db)
    assert 30 <= len(partial) < len(articles)
    assert integrity(db) == "ok"
    assert articles_without_signature(db) == []  # stored in the article's own transaction
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(articles) - len(partial)} new" in rerun.stdout, rerun.stdout
    assert_stored_exactly_once(db, articles)
    assert articles_without_signature(db) == []


def test_database_file_is_opened_in_wal_mode_with_a_busy_timeout(tmp_path):
    from dossier.store.sqlite import SQLiteStore

    store = SQLiteStore(str(tmp_path / "news.db"))
    try:
        assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        # Long enough for another process's batch transaction to finish.
        assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    finally:
        store.close()


def test_opening_waits_for_another_process_setting_up_a_new_file(tmp_path, monkeypatch):
    """A second process that opens a new database while the first still holds the write lock
    (switching it to WAL, creating the tables) waits past the busy timeout instead of failing
    with "database is locked"."""
    import sqlite3
    import threading

    import dossier.store.sqlite as sqlite_store

    monkeypatch.setattr(sqlite_store, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "new.db"
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    first.execute("BEGIN EXCLUSIVE")  # what the first process holds while it sets the file up
    released = threading.Timer(1.0, lambda: first.execute("ROLLBACK"))
    released.start()
    try:
        store = sqlite_store.SQLiteStore(str(path))
    finally:
        released.join()
        first.close()
    assert store.count_articles() == 0
    store.close()
