"""A daily feed into a growing archive: 50 batches of 20 articles into one SQLite database.

    python benchmarks/incremental.py [--csv ../shared/data/10kgnad/test.csv] [--batches 50] [--size 20]
                                     [--full]

Each batch is one `ingest_items` call (clean, language, dedup, analysis, store, and
cross-document resolution of the new articles against the stored name-key index). Prints
seconds per batch, split into the ingest and its resolution, for the first and the last
batches, and the ratio of the last batch to the first. ``--full`` resolves every article
from scratch after each batch instead (what ingest did before the index), for comparison.
"""
from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
from pathlib import Path

from dossier import pipeline
from dossier.model import RawDocument
from dossier.resolve.incremental import resolve_all, resolve_new
from dossier.store import open_store

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "10kgnad" / "test.csv"


def read_texts(path: str) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--batches", type=int, default=50)
    parser.add_argument("--size", type=int, default=20)
    parser.add_argument("--full", action="store_true", help="full re-resolution after each batch")
    args = parser.parse_args()
    texts = read_texts(args.csv)
    resolve = resolve_all if args.full else resolve_new
    timings: list[tuple[float, float]] = []
    resolution_seconds = [0.0]

    def timed_resolution(store):
        started = time.perf_counter()
        resolve(store)
        resolution_seconds[0] = time.perf_counter() - started

    pipeline.resolve_entities = timed_resolution
    # Load the models before the clock runs, so batch 1 is not charged for them.
    pipeline.ingest_items([RawDocument(texts[-1], "warm-up")], open_store(":memory:"))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "feed.db"))
        for batch in range(args.batches):
            chunk = texts[batch * args.size:(batch + 1) * args.size]
            docs = [RawDocument(t, f"feed/{batch}/{i}") for i, t in enumerate(chunk)]
            started = time.perf_counter()
            pipeline.ingest_items(docs, store)
            total = time.perf_counter() - started
            timings.append((total, resolution_seconds[0]))
            print(f"batch {batch + 1:3d}: {total:6.2f} s (resolution {resolution_seconds[0]:5.2f} s), "
                  f"{store.count_articles()} articles stored", flush=True)
        store.close()
    first, last = timings[:3], timings[-3:]
    mean = lambda rows, i: statistics.mean(r[i] for r in rows)  # noqa: E731
    print(f"first 3 batches: {mean(first, 0):.2f} s/batch (resolution {mean(first, 1):.2f} s)")
    print(f"last 3 batches:  {mean(last, 0):.2f} s/batch (resolution {mean(last, 1):.2f} s)")
    print(f"batch 1: {timings[0][0]:.2f} s, batch {len(timings)}: {timings[-1][0]:.2f} s, "
          f"last/first ratio {timings[-1][0] / timings[0][0]:.2f} (3-batch means: {mean(last, 0) / mean(first, 0):.2f})")


if __name__ == "__main__":
    main()
