"""A bounded load test of the HTTP API from a second process: many concurrent clients, zero errors.

    python benchmarks/load_test.py                                  # SQLite, 300 10kGNAD articles
    python benchmarks/load_test.py --postgres                       # the same on a throw-away PostgreSQL
    python benchmarks/load_test.py --db news.db --requests 5000 --concurrency 20

Ingests the first ``--articles`` articles of ../shared/data/10kgnad/test.csv into a fresh database
(SQLite file, or with ``--postgres`` a throw-away PostgreSQL cluster on 127.0.0.1 made with the
Debian server binaries, as the tests make it), starts `dossier serve` on 127.0.0.1 with a free port,
and sends ``--requests`` GET requests (at most 20,000) from ``--concurrency`` keep-alive connections
of this process: a fixed, seeded mix of API read endpoints (stats, article lists and articles,
entity lists and dossiers, quotes, times, figures, timeline, ledger, conflicts, network) and
full-text searches. Prints requests/s and p50/p95/p99/max latency overall and per endpoint, and
every error; exits 1 when any request failed (a status other than 200, a broken connection, a
timeout). Stops the server (and the cluster) by PID. Nothing but 127.0.0.1 is contacted.
"""
from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

from api_latency import CORPUS, REPO, SEARCH_TERMS, percentile, start_server

MAX_REQUESTS = 20_000
# (endpoint name, weight): searches and single articles/entities are what readers mostly ask for.
MIX = [("search", 25), ("article", 15), ("entity", 10), ("articles", 10), ("entities", 8), ("quotes", 8),
       ("stats", 5), ("times", 4), ("figures", 4), ("timeline", 4), ("ledger", 3), ("conflicts", 2),
       ("network", 2)]


def write_sample(articles: int, folder: Path) -> Path:
    """The first ``articles`` 10kGNAD test articles as JSONL (category as source)."""
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is absent: give --db with an ingested database")
    with open(CORPUS, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";", quotechar="'"))[:articles]
    sample = folder / "sample.jsonl"
    sample.write_text("".join(json.dumps({"text": text, "source": f"10kgnad-{label}"}, ensure_ascii=False) + "\n"
                              for label, text in rows), encoding="utf-8")
    return sample


def ingest(db: str, sample: Path) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dossier.cli.main", "--db", db, "ingest", "-q", str(sample)], check=True)
    return time.perf_counter() - began


def get(connection: http.client.HTTPConnection, path: str) -> bytes:
    """The body of a 200 answer to GET ``path``; any other status is a RuntimeError."""
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{response.status} {body[:200]!r}")
    return body


def get_json(port: int, path: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        return json.loads(get(connection, path))
    finally:
        connection.close()


def request_plan(port: int, requests: int, seed: int) -> list[tuple[str, str]]:
    """``requests`` (endpoint, path) pairs in a seeded order, over the ids the corpus has."""
    articles = [a["id"] for a in get_json(port, "/api/articles?limit=200")["items"]]
    entities = get_json(port, "/api/entities?limit=100")["items"]
    # Ledger subjects by entity id (a name may be ambiguous: a 400).
    subjects = sorted({f["subject_entity"] for f in get_json(port, "/api/figures?limit=200")["items"]
                       if f.get("subject_entity")})
    entity_ids = [quote(e["id"], safe="") for e in entities]
    top_ids = [e["id"] for e in entities[:30]]  # ids: a name may be ambiguous (a 400)
    rng = random.Random(seed)
    paths = {
        "search": lambda: "/api/search?" + urlencode({"q": rng.choice(SEARCH_TERMS)}),
        "article": lambda: f"/api/articles/{rng.choice(articles)}",
        "entity": lambda: f"/api/entities/{rng.choice(entity_ids)}",
        "articles": lambda: f"/api/articles?limit=20&offset={rng.randrange(0, len(articles), 20)}",
        "entities": lambda: "/api/entities?" + urlencode({"limit": 20, "type": rng.choice(["PER", "ORG", "LOC"])}),
        "quotes": lambda: f"/api/quotes?limit=20&offset={rng.randrange(0, 100, 20)}",
        "stats": lambda: "/api/stats",
        "times": lambda: f"/api/times?limit=20&offset={rng.randrange(0, 100, 20)}",
        "figures": lambda: f"/api/figures?limit=20&offset={rng.randrange(0, 100, 20)}",
        "timeline": lambda: "/api/timeline?" + urlencode({"entity": rng.choice(top_ids)}),
        "ledger": lambda: "/api/ledger?" + urlencode({"subject": rng.choice(subjects)} if subjects else {}),
        "conflicts": lambda: "/api/conflicts",
        "network": lambda: "/api/network?limit=50",
    }
    names_weighted = [name for name, weight in MIX for _ in range(weight)]
    return [(name, paths[name]()) for name in (rng.choice(names_weighted) for _ in range(requests))]


class Load:
    """``concurrency`` threads, each with one keep-alive connection, take requests off one plan."""

    def __init__(self, port: int, plan: list[tuple[str, str]]):
        self.port, self.plan = port, plan
        self.next = 0
        self.lock = threading.Lock()
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    def _take(self) -> tuple[str, str] | None:
        with self.lock:
            if self.next >= len(self.plan):
                return None
            self.next += 1
            return self.plan[self.next - 1]

    def worker(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        while (item := self._take()) is not None:
            name, path = item
            began = time.perf_counter()
            try:
                get(connection, path)
            except Exception as exc:  # noqa: BLE001 - every failure is counted and shown, none ends the run
                with self.lock:
                    self.errors.append(f"GET {path}: {type(exc).__name__}: {exc}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                continue
            with self.lock:
                self.timings[name].append((time.perf_counter() - began) * 1000)
        connection.close()

    def run(self, concurrency: int) -> float:
        threads = [threading.Thread(target=self.worker) for _ in range(concurrency)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - began


def report(load: Load, seconds: float, concurrency: int) -> None:
    every = [ms for timings in load.timings.values() for ms in timings]
    done = len(every) + len(load.errors)
    print(f"{done} requests, {concurrency} concurrent, {seconds:.1f} s: {done / seconds:.1f} requests/s, "
          f"{len(load.errors)} errors")
    print(f"{'endpoint':<12}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    rows = [("all", every)] + [(name, load.timings[name]) for name, _ in MIX if load.timings[name]]
    for name, timings in rows:
        print(f"{name:<12}{len(timings):>6}{percentile(timings, .50):>10.1f}{percentile(timings, .95):>10.1f}"
              f"{percentile(timings, .99):>10.1f}{max(timings):>10.1f}")
    for kind, count in Counter(e.split(": ", 1)[1][:80] for e in load.errors).most_common(10):
        print(f"error x{count}: {kind}")


def postgres_cluster():
    """A throw-away PostgreSQL cluster on 127.0.0.1 (the test suite's helper)."""
    sys.path.insert(0, str(REPO / "tests"))
    from store.pg_server import PgServer, server_bin_dir

    bin_dir = server_bin_dir()
    if bin_dir is None:
        sys.exit("no PostgreSQL server binaries: apt-get install postgresql")
    server = PgServer(bin_dir)
    server.start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="an ingested database (file or postgresql:// URL); default: a fresh one")
    parser.add_argument("--postgres", action="store_true", help="a fresh database on a throw-away PostgreSQL cluster")
    parser.add_argument("--articles", type=int, default=300, help="10kGNAD articles to ingest into a fresh database")
    parser.add_argument("--requests", type=int, default=5000, help=f"requests in all (at most {MAX_REQUESTS})")
    parser.add_argument("--concurrency", type=int, default=20, help="concurrent connections (at most 200)")
    parser.add_argument("--seed", type=int, default=12, help="seed of the request mix")
    args = parser.parse_args()
    requests, concurrency = max(1, min(args.requests, MAX_REQUESTS)), max(1, min(args.concurrency, 200))
    cluster = postgres_cluster() if args.postgres and not args.db else None
    server = None
    try:
        with tempfile.TemporaryDirectory(prefix="dossier-load-") as folder:
            db = args.db or (cluster.new_schema() if cluster else str(Path(folder) / "load.db"))
            if not args.db:
                seconds = ingest(db, write_sample(args.articles, Path(folder)))
                print(f"ingested {args.articles} articles in {seconds:.0f} s")
            server, port = start_server(db)
            stats = get_json(port, "/api/stats")
            print(f"database: {'PostgreSQL' if db.startswith('postgres') else 'SQLite'} "
                  f"({stats['articles']} articles, {stats['entities']} entities, {stats['layers']['quotes']} quotes)")
            load = Load(port, request_plan(port, requests, args.seed))
            report(load, load.run(concurrency), concurrency)
            return 1 if load.errors else 0
    finally:
        if server is not None:
            os.kill(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
