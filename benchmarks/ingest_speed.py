"""Ingest + export speed on the 10kGNAD benchmark corpus (1,028 derStandard articles).

    python benchmarks/ingest_speed.py [--csv ../shared/data/10kgnad/test.csv] [--no-analyse] [--workers N]
    python benchmarks/ingest_speed.py --without-stage events     # before/after one stage, in one run

Prints articles/s and words/s for ingest (read, clean, language, dedup,
analysis, store) and for the JSONL export, on a fresh SQLite file. With
``--without-stage NAME`` it ingests twice, first without that analysis stage and
then with all of them, and prints how much the stage adds to ingest time: by CPU
time (this process and its workers; what other jobs on a shared machine do not
change) and by wall-clock time.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import resource
import tempfile
import time
from pathlib import Path

import dossier.analyse
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
    parser.add_argument("--without-stage", default=None, metavar="NAME",
                        help="ingest first without this analysis stage, then with it, and compare")
    args = parser.parse_args()
    if args.without_stage:
        _load_models()
        with _default_order_without(args.without_stage):
            print(f"-- without the {args.without_stage} stage")
            baseline = _run(args)
        print("-- with all stages")
        full = _run(args)
        print(f"the {args.without_stage} stage adds {100 * (full[0] / baseline[0] - 1):+.1f} % to ingest CPU time "
              f"({baseline[0]:.1f} -> {full[0]:.1f} s), {100 * (full[1] / baseline[1] - 1):+.1f} % to wall time")
        return
    _run(args)


@contextlib.contextmanager
def _default_order_without(stage: str):
    """The default pipeline less one stage (for a before/after comparison in one process)."""
    saved = dossier.analyse.DEFAULT_ORDER
    dossier.analyse.DEFAULT_ORDER = tuple(name for name in saved if name != stage)
    try:
        yield
    finally:
        dossier.analyse.DEFAULT_ORDER = saved


def _load_models() -> None:
    """Load the models once before the timed runs, so that neither run pays for it."""
    from dossier.analyse import analyse
    from dossier.model import Article

    text = "Siemens übernimmt Osram für 3,4 Milliarden Euro, sagte Karl Huber am Montag in München."
    analyse(Article(id="warm-up", raw_text=text, text=text, language="de", published="2024-01-01"))


def _forget_tags() -> None:
    """Empty the per-text and per-word caches (segmentation, tags, lemmas, HanTa's word
    scores), so the second run tags afresh too and neither run gains from the other."""
    from dossier.analyse import segment
    from dossier.analyse.hanta import hanta

    for cached in (segment.pos_tags, segment.segmentation, getattr(segment, "lemma", None),
                   getattr(hanta(), "_tag_word", None)):
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def _cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished workers."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _run(args) -> tuple[float, float]:
    """One ingest and export on a fresh database; returns the ingest's (CPU, wall) seconds."""
    _forget_tags()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        summary = ingest_items(read_paths([args.csv]), store, run_analysis=not args.no_analyse,
                               workers=args.workers)
        ingest_s, ingest_cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
        words = sum(len(a.text.split()) for a in store.iter_articles())
        started = time.perf_counter()
        out = io.StringIO()
        export_articles(store, out, "jsonl")
        export_s = time.perf_counter() - started
        store.close()
    n = len(summary.new)
    print(f"articles stored: {n} ({summary.line()})")
    print(f"ingest{' (no analysis)' if args.no_analyse else ''}: {ingest_s:.1f} s, "
          f"{n / ingest_s:.1f} articles/s, {words / ingest_s:,.0f} words/s; CPU {ingest_cpu:.1f} s")
    print(f"export jsonl: {export_s:.2f} s, {n / export_s:.0f} articles/s, {len(out.getvalue()) / 1e6:.1f} MB")
    return ingest_cpu, ingest_s


if __name__ == "__main__":
    main()
