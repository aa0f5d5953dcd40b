"""A daily feed into a growing archive: 50 batches of 20 articles into one SQLite database.

    python benchmarks/incremental.py [--csv ../shared/data/10kgnad/test.csv] [--batches 50] [--size 20]
                                     [--full] [--profile DIR] [--keep FILE]

Each batch is one `ingest_items` call (clean, language, dedup, analysis, store, and
cross-document resolution of the new articles against the stored name-key index). Prints
wall and CPU seconds per batch (CPU: this process, so other jobs on a shared machine do not
count), split into the ingest and its resolution, for the first and the last batches, and the
ratios of the last batch to the first. ``--full`` resolves every article from scratch after
each batch instead (what ingest did before the index), for comparison. ``--profile DIR``
writes cProfile files of the first and the last batch (``batch1.prof``, ``batchN.prof``);
``--keep FILE`` copies the database there at the end.
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import shutil
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


class Clock:
    """Wall and CPU seconds of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--batches", type=int, default=50)
    parser.add_argument("--size", type=int, default=20)
    parser.add_argument("--full", action="store_true", help="full re-resolution after each batch")
    parser.add_argument("--profile", metavar="DIR", help="cProfile files of the first and the last batch")
    parser.add_argument("--keep", metavar="FILE", help="copy the database here at the end")
    args = parser.parse_args()
    texts = read_texts(args.csv)
    resolve = resolve_all if args.full else resolve_new
    rows: list[tuple[float, float, float, float]] = []  # wall, cpu, resolution wall, resolution cpu
    resolution = [Clock()]

    def timed_resolution(store):
        with Clock() as clock:
            resolve(store)
        resolution[0] = clock

    pipeline.resolve_entities = timed_resolution
    # Load the models before the clock runs, so batch 1 is not charged for them.
    pipeline.ingest_items([RawDocument(texts[-1], "warm-up")], open_store(":memory:"))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "feed.db"))
        for batch in range(args.batches):
            chunk = texts[batch * args.size:(batch + 1) * args.size]
            docs = [RawDocument(t, f"feed/{batch}/{i}") for i, t in enumerate(chunk)]
            profiler = cProfile.Profile() if args.profile and batch in (0, args.batches - 1) else None
            with Clock() as clock:
                if profiler:
                    profiler.enable()
                pipeline.ingest_items(docs, store)
                if profiler:
                    profiler.disable()
            if profiler:
                Path(args.profile).mkdir(parents=True, exist_ok=True)
                profiler.dump_stats(str(Path(args.profile) / f"batch{batch + 1}.prof"))
            rows.append((clock.wall, clock.cpu, resolution[0].wall, resolution[0].cpu))
            print(f"batch {batch + 1:3d}: {clock.wall:6.2f} s wall, {clock.cpu:5.2f} s CPU (resolution "
                  f"{resolution[0].wall:5.2f} s wall, {resolution[0].cpu:5.2f} s CPU), "
                  f"{store.count_articles()} articles stored", flush=True)
        store.close()
        if args.keep:
            shutil.copy(Path(tmp) / "feed.db", args.keep)
    report(rows)


def report(rows: list[tuple[float, float, float, float]]) -> None:
    first, last = rows[:3], rows[-3:]
    mean = lambda part, i: statistics.mean(r[i] for r in part)  # noqa: E731
    for name, part in (("first 3 batches", first), ("last 3 batches ", last)):
        print(f"{name}: {mean(part, 0):.2f} s wall, {mean(part, 1):.2f} s CPU per batch "
              f"(resolution {mean(part, 2):.2f} s wall, {mean(part, 3):.2f} s CPU)")
    for label, i in (("wall", 0), ("CPU", 1)):
        print(f"{label}: batch 1 {rows[0][i]:.2f} s, batch {len(rows)} {rows[-1][i]:.2f} s, last/first ratio "
              f"{rows[-1][i] / rows[0][i]:.2f} (3-batch means: {mean(last, i) / mean(first, i):.2f})")


if __name__ == "__main__":
    main()
