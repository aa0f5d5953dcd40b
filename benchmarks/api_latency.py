"""Latency of the HTTP API and the web UI under `dossier serve`, measured from a second process.

    python benchmarks/api_latency.py                      # ingests ../shared/data/10kgnad/test.csv once
    python benchmarks/api_latency.py --db gnad.db --requests 300

Starts `dossier serve` on 127.0.0.1 (a free port) over the database, sends a bounded number of
sequential keep-alive requests per endpoint from this process (entity dossiers of the most mentioned
entities and their timeline frames, articles, search terms, the conflicts list) after a warm-up,
prints p50/p95/p99 in ms,
and stops the server by its PID. Nothing but 127.0.0.1 is contacted.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "data" / "10kgnad" / "test.csv"
SEARCH_TERMS = ["Regierung", "Bundeskanzler", "Euro", "Fußball", "Wahl", "Unternehmen", "Polizei",
                "Österreich", "Millionen", "Klima*", "\"Europäische Union\"", "Präsident"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_db(db: Path | None) -> Path:
    if db is not None:
        return db
    cached = Path(tempfile.gettempdir()) / "dossier-bench-10kgnad.db"
    if not cached.exists():
        if not CORPUS.exists():
            sys.exit(f"{CORPUS} is absent: give --db with an ingested database")
        print(f"ingesting {CORPUS} into {cached} (once) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "dossier.cli.main", "--db", str(cached), "ingest", "-q",
                        str(CORPUS)], check=True)
    return cached


def start_server(db: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "dossier.cli.main", "--db", str(db), "serve",
                               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server, port
        except OSError:
            if server.poll() is not None:
                sys.exit("dossier serve exited early")
            time.sleep(0.2)
    os.kill(server.pid, signal.SIGTERM)
    sys.exit("dossier serve did not start")


class Client:
    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str) -> tuple[int, bytes, float]:
        began = time.perf_counter()
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        body = response.read()
        return response.status, body, (time.perf_counter() - began) * 1000

    def json(self, path: str):
        status, body, _ = self.get(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status} {body[:200]!r}")
        return json.loads(body)


def endpoint_paths(client: Client) -> dict[str, list[str]]:
    entities = [e["id"] for e in client.json("/api/entities?limit=100")["items"]]
    articles = [a["id"] for a in client.json("/api/articles?limit=200")["items"]]
    spec = client.json("/openapi.json")["paths"]
    paths = {
        "entity (API)": [f"/api/entities/{quote(e, safe='')}" for e in entities],
        "entity page (HTML)": [f"/entitaet/{quote(e, safe='')}" for e in entities],
        "timeline frame (HTML)": [f"/entitaet/{quote(e, safe='')}/zeitleiste" for e in entities],
        "article (API)": [f"/api/articles/{a}" for a in articles],
        "article page (HTML)": [f"/artikel/{a}" for a in articles],
    }
    if "/api/search" in spec:
        paths["search (API)"] = ["/api/search?" + urlencode({"q": term}) for term in SEARCH_TERMS]
        paths["search page (HTML)"] = ["/?" + urlencode({"q": term}) for term in SEARCH_TERMS]
    if "/api/conflicts" in spec:
        paths["conflicts (API)"] = ["/api/conflicts"]
        paths["conflicts page (HTML)"] = ["/konflikte"]
    return paths


def measure(client: Client, paths: list[str], requests: int) -> list[float]:
    timings = []
    for i in range(requests):
        status, body, ms = client.get(paths[i % len(paths)])
        if status != 200:
            raise RuntimeError(f"GET {paths[i % len(paths)]}: {status} {body[:200]!r}")
        timings.append(ms)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="an ingested database (default: 10kGNAD test set, ingested once)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint (bounded)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per endpoint first")
    args = parser.parse_args()
    requests = max(1, min(args.requests, 5000))
    db = ensure_db(args.db)
    server, port = start_server(db)
    try:
        client = Client(port)
        began = time.perf_counter()
        stats = client.json("/api/stats")  # the first request builds the corpus index
        print(f"database: {db} ({stats['articles']} articles, {stats['entities']} entities, "
              f"{stats['layers']['quotes']} quotes); first request incl. index build "
              f"{(time.perf_counter() - began) * 1000:.0f} ms")
        print(f"{'endpoint':<24}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'mean ms':>10}")
        for name, paths in endpoint_paths(client).items():
            measure(client, paths, min(args.warmup, requests))
            timings = measure(client, paths, requests)
            print(f"{name:<24}{len(timings):>6}{percentile(timings, .50):>10.1f}{percentile(timings, .95):>10.1f}"
                  f"{percentile(timings, .99):>10.1f}{statistics.fmean(timings):>10.1f}")
    finally:
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
