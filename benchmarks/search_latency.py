"""Latency of dossier.query.search.search() on the 10kGNAD test set (1,028 derStandard articles).

    python benchmarks/search_latency.py [--csv ../shared/data/10kgnad/test.csv] [--db FILE] [--rounds 5]
                                        [--postgres]

Ingests the CSV into a fresh SQLite file (or opens --db, ingesting only when it is
empty), times a full index rebuild (what `dossier reindex` does), then runs a fixed
set of German queries -- common and rare words, phrases, prefixes, OR/NOT, the quote
layer and filters -- ``--rounds`` times each after one warm-up round, and prints
p50/p95/p99/max in milliseconds per query group and over all calls. The time covers
the whole call: parsing, the store query, loading the page's texts and the snippets.
With --postgres the same articles and entities are copied into a throw-away PostgreSQL
cluster (the test suite's tests/store/pg_server.py, server binaries from the Debian
package) and the same queries run there too.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from dossier.ingest import read_paths
from dossier.pipeline import ingest_items
from dossier.query.search import ensure_index, search
from dossier.store import open_store

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "10kgnad" / "test.csv"
QUERIES: dict[str, list[tuple[str, dict]]] = {
    "word": [("Regierung", {}), ("Flüchtlinge", {}), ("Oesterreich", {}), ("Bundeskanzler", {}),
             ("Euro", {}), ("Wien", {}), ("Smartphone", {}), ("Polizei", {})],
    "very common word": [("die", {}), ("und", {}), ("ist", {})],
    "two words": [("Unternehmen Gewinn", {}), ("Regierung Kritik", {}), ("Spiel Tor", {})],
    "phrase": [('"Europäische Union"', {}), ('"am Dienstag"', {}), ('"der Regierung"', {})],
    "prefix": [("Flüchtling*", {}), ("Regier*", {}), ("Wirtschafts*", {}), ("ab*", {})],
    "or/not": [("Trump OR Clinton", {}), ("Fußball -Champions", {}), ("Apple OR Google OR Microsoft", {})],
    "quotes": [("Regierung", {"layer": "quotes"}), ("wichtig", {"layer": "quotes"}), ("die", {"layer": "all"})],
    "page 3": [("Regierung", {"offset": 40}), ("die", {"offset": 40})],
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def line(name: str, times_ms: list[float]) -> str:
    return (f"{name:<18} n={len(times_ms):>4}  p50 {statistics.median(times_ms):7.1f}  "
            f"p95 {percentile(times_ms, 0.95):7.1f}  p99 {percentile(times_ms, 0.99):7.1f}  max {max(times_ms):7.1f}")


def prepare(store, csv: str, analyse: bool) -> None:
    if store.count_articles():
        ensure_index(store)
        return
    started = time.perf_counter()
    summary = ingest_items(read_paths([csv]), store, run_analysis=analyse)
    print(f"ingested {len(summary.new)} articles in {time.perf_counter() - started:.0f} s"
          f"{' (no analysis: no quotes)' if not analyse else ''}")


def measure(store, rounds: int, totals: dict[str, int]) -> dict[str, list[float]]:
    """Milliseconds per call, by query group; round 0 only warms the caches and notes
    each query's number of matches in ``totals``."""
    timings: dict[str, list[float]] = {}
    for round_number in range(rounds + 1):
        for group, queries in QUERIES.items():
            for query, options in queries:
                started = time.perf_counter()
                result = search(store, query, **options)
                elapsed_ms = (time.perf_counter() - started) * 1000
                if round_number:
                    timings.setdefault(group, []).append(elapsed_ms)
                else:
                    totals[f"{query} {options}"] = result.total
    return timings


def report(title: str, timings: dict[str, list[float]], rounds: int) -> None:
    print(f"{title}: search() latency in ms over {rounds} rounds:")
    for group, times_ms in timings.items():
        print("  " + line(group, times_ms))
    print("  " + line("all", [t for times_ms in timings.values() for t in times_ms]))


@contextmanager
def postgres_copy(source):
    """A throw-away PostgreSQL cluster holding the articles and entities of ``source``."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from store.pg_server import PgServer, server_bin_dir

    from dossier.store.postgres import PostgresStore

    server = PgServer(server_bin_dir())
    server.start()
    try:
        store = PostgresStore(server.url("dossier_test"))
        batch = []
        for article in source.iter_articles():
            batch.append(article)
            if len(batch) == 100:
                store.add_articles(batch)
                batch = []
        store.add_articles(batch)
        store.upsert_entities(source.get_entities())
        yield store
        store.close()
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--db", help="an existing database to search (default: a fresh temporary file)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-analyse", action="store_true", help="ingest without analysis (faster; no quotes)")
    parser.add_argument("--postgres", action="store_true", help="also on a throw-away PostgreSQL cluster")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.db or str(Path(tmp) / "search.db"))
        prepare(store, args.csv, not args.no_analyse)
        started = time.perf_counter()
        indexed = store.rebuild_search_index()
        print(f"index rebuild (dossier reindex): {indexed} articles in {time.perf_counter() - started:.1f} s")
        totals: dict[str, int] = {}
        report("SQLite", measure(store, args.rounds, totals), args.rounds)
        if args.postgres:
            with postgres_copy(store) as server_store:
                server_totals: dict[str, int] = {}
                report("PostgreSQL", measure(server_store, args.rounds, server_totals), args.rounds)
            differ = [q for q in totals if totals[q] != server_totals[q]]
            print(f"same number of matches on both stores for {len(totals) - len(differ)} of {len(totals)} queries"
                  + (f"; differ: {differ}" if differ else ""))
        store.close()


if __name__ == "__main__":
    main()
