"""An ingest while `dossier serve` answers reads, on SQLite (WAL, busy timeout) and PostgreSQL.

The server runs as its own process on 127.0.0.1 (stopped by its PID); four client threads send
read requests (stats, lists, articles, entities, quotes, search) for as long as a `dossier ingest`
process adds articles with their analysis. Every answer must be a 200 (no `database is locked`,
no 500), the article count the API reports never goes down, and afterwards the API, the search
and the store agree on the counts.
"""
from __future__ import annotations

import subprocess
import threading
from urllib.parse import urlencode

import httpx
import pytest

from store.pg_server import pg_server, pg_url  # noqa: F401  (fixtures: a throw-away PostgreSQL cluster)
from store.test_faults import DOSSIER, german_articles, write_jsonl
from web_support import Server

READERS = 4
BEFORE, DURING = 12, 36  # articles stored before the server starts, and by the ingest while it serves


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path) -> str:
    return request.getfixturevalue("pg_url") if request.param == "postgres" else str(tmp_path / "news.db")


def read_paths(client: httpx.Client, round_number: int) -> list[str]:
    """One round of reads; the article and entity ids are taken from the lists of this moment."""
    articles = client.get("/api/articles", params={"limit": 5}).json()["items"]
    entities = client.get("/api/entities", params={"limit": 5}).json()["items"]
    paths = ["/api/stats", "/api/quotes?limit=10", "/api/figures?limit=10",
             "/api/search?" + urlencode({"q": ["Stadt", "Millionen Euro", "Meldung*"][round_number % 3]})]
    paths += [f"/api/articles/{a['id']}" for a in articles[:2]]
    paths += [f"/api/entities/{e['id']}" for e in entities[:2]]
    return paths


def hammer(base_url: str, stop: threading.Event, seen: dict) -> None:
    """Read until ``stop`` is set, then one round more; record every failure, and the article
    counts this reader saw in order."""
    with httpx.Client(base_url=base_url, timeout=60) as client:
        round_number = 0
        while True:
            last = stop.is_set()
            try:
                for path in read_paths(client, round_number):
                    response = client.get(path)
                    seen["requests"] += 1  # one reader per dict
                    if response.status_code != 200 or "locked" in response.text.lower():
                        seen["failures"].append(f"GET {path}: {response.status_code} {response.text[:300]}")
                    elif path == "/api/stats":
                        seen["counts"].append(response.json()["articles"])
            except httpx.HTTPError as exc:
                seen["failures"].append(f"{type(exc).__name__}: {exc}")
            round_number += 1
            if last:
                return


def test_ingest_while_the_api_serves_reads(database, tmp_path):
    articles = german_articles(BEFORE + DURING, seed=33)
    first = write_jsonl(tmp_path / "first.jsonl", articles[:BEFORE])
    more = write_jsonl(tmp_path / "more.jsonl", articles[BEFORE:])
    assert subprocess.run([DOSSIER, "--db", database, "ingest", "-q", str(first)], timeout=300).returncode == 0
    server = Server(database)
    try:
        stop = threading.Event()
        seen = [{"requests": 0, "failures": [], "counts": []} for _ in range(READERS)]
        readers = [threading.Thread(target=hammer, args=(server.url, stop, mine)) for mine in seen]
        for reader in readers:
            reader.start()
        ingest = subprocess.run([DOSSIER, "--db", database, "ingest", "-q", "--batch-size", "2", str(more)],
                                capture_output=True, text=True, timeout=600)
        stop.set()
        for reader in readers:
            reader.join(timeout=120)
        assert ingest.returncode == 0 and "locked" not in ingest.stderr.lower(), ingest.stderr
        failures = [failure for mine in seen for failure in mine["failures"]]
        assert failures == [], failures[:5]
        assert sum(mine["requests"] for mine in seen) > 40  # the readers were busy all the while
        for mine in seen:  # each reader's counts never go down and lie between the two totals
            counts = mine["counts"]
            assert counts == sorted(counts) and BEFORE <= counts[0] and counts[-1] <= BEFORE + DURING
        with httpx.Client(base_url=server.url, timeout=60) as client:
            assert client.get("/api/stats").json()["articles"] == BEFORE + DURING
            assert client.get("/api/articles", params={"limit": 1}).json()["total"] == BEFORE + DURING
            # Every article has the words "Meldung Nummer": the search index holds all of them.
            found = client.get("/api/search", params={"q": '"Meldung Nummer"', "layer": "articles"}).json()
            assert found["total"] == BEFORE + DURING
    finally:
        server.stop()
    errors = server.process.stderr.read().decode(errors="replace")
    assert "Traceback" not in errors and "locked" not in errors.lower(), errors[-2000:]
