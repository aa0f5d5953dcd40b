"""Ingest + export speed on the 10kGNAD benchmark corpus (1,028 derStandard articles).

    python benchmarks/ingest_speed.py [--csv ../shared/data/10kgnad/test.csv] [--no-analyse] [--workers N]

Prints articles/s and words/s for ingest (read, clean, language, dedup,
analysis, store) and for the JSONL export, on a fresh SQLite file.
"""
from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from dossier.export import export_articles
from dossier.ingest import read_paths
from dossier.pipeline import ingest_items
from dossier.store import open_store

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "10kgnad" / "test.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--no-analyse", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="analysis worker processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        started = time.perf_counter()
        summary = ingest_items(read_paths([args.csv]), store, run_analysis=not args.no_analyse,
                               workers=args.workers)
        ingest_s = time.perf_counter() - started
        words = sum(len(a.text.split()) for a in store.iter_articles())
        started = time.perf_counter()
        out = io.StringIO()
        export_articles(store, out, "jsonl")
        export_s = time.perf_counter() - started
        store.close()
    n = len(summary.new)
    print(f"articles stored: {n} ({summary.line()})")
    print(f"ingest{' (no analysis)' if args.no_analyse else ''}: {ingest_s:.1f} s, "
          f"{n / ingest_s:.1f} articles/s, {words / ingest_s:,.0f} words/s")
    print(f"export jsonl: {export_s:.2f} s, {n / export_s:.0f} articles/s, {len(out.getvalue()) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
