"""Ingest + export speed on the 10kGNAD benchmark corpus (1,028 derStandard articles).

    python benchmarks/ingest_speed.py [--csv ../shared/data/10kgnad/test.csv] [--no-analyse] [--workers N]
    python benchmarks/ingest_speed.py --without-stage events [--repeat 3]   # before/after one stage, in one run

Prints articles/s and words/s for ingest (read, clean, language, dedup,
analysis, store) and for the JSONL export, on a fresh SQLite file. With
``--without-stage NAME`` it runs ``--repeat`` rounds of one ingest without that
analysis stage and one with all of them, each in a fresh process (models loaded
before the clock starts), and prints how much the stage adds to ingest time: by CPU
time (the process and its workers) and by wall-clock time, and the stage's own CPU
time as a share of the rest of the same run. On a shared virtual machine the
difference of two runs moves by several per cent from round to round; the own share
moves less, since load elsewhere slows the stage and the rest alike.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import resource
import subprocess
import sys
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
                        help="ingest without this analysis stage and with it, and compare")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="with --without-stage: N rounds of without/with, and the median")
    parser.add_argument("--drop-stage", default=None, help=argparse.SUPPRESS)  # one child run
    parser.add_argument("--clock-stage", default=None, help=argparse.SUPPRESS)  # one child run
    args = parser.parse_args()
    if args.without_stage:
        _compare(args)
        return
    _load_models()
    with contextlib.ExitStack() as stack:
        if args.drop_stage:
            stack.enter_context(_default_order_without(args.drop_stage))
        own = stack.enter_context(_stage_clock(args.clock_stage)) if args.clock_stage else [0.0]
        cpu, wall = _run(args)
    if args.drop_stage or args.clock_stage:
        print("RESULT " + json.dumps({"cpu": cpu, "wall": wall, "own": own[0]}))


def _compare(args) -> None:
    """Rounds of two ingests, each in a fresh process as a user's ``dossier ingest`` is (no
    cache of one run helps the other): without the stage, then with it and its own CPU time
    counted. The two alternate, so a burst of load elsewhere falls on both sides; the median
    round is the figure."""
    stage = args.without_stage
    common = [sys.executable, __file__, "--csv", args.csv, "--workers", str(args.workers)]
    rounds = []
    for round_ in range(1, args.repeat + 1):
        print(f"-- round {round_}: without the {stage} stage", flush=True)
        baseline = _child(common + ["--drop-stage", stage])
        print(f"-- round {round_}: with all stages", flush=True)
        full = _child(common + ["--clock-stage", stage])
        share = full["own"] / (full["cpu"] - full["own"]) if args.workers == 1 else float("nan")
        rounds.append((full["cpu"] / baseline["cpu"], full["wall"] / baseline["wall"], share))
        print(f"the {stage} stage adds {100 * (rounds[-1][0] - 1):+.1f} % to ingest CPU time "
              f"({baseline['cpu']:.1f} -> {full['cpu']:.1f} s), {100 * (rounds[-1][1] - 1):+.1f} % to wall time; "
              f"its own CPU time in the run with it: {full['own']:.2f} s, {100 * share:.1f} % of the rest", flush=True)
    if args.repeat > 1:
        middle = args.repeat // 2
        cpu, wall, share = (sorted(r[i] for r in rounds)[middle] for i in range(3))
        print(f"median of {args.repeat} rounds: the {stage} stage adds {100 * (cpu - 1):+.1f} % to ingest CPU time, "
              f"{100 * (wall - 1):+.1f} % to wall time; its own CPU time is {100 * share:.1f} % of the rest of the "
              "ingest. Rounds (CPU difference / own share): "
              + ", ".join(f"{100 * (r[0] - 1):+.1f} % / {100 * r[2]:.1f} %" for r in rounds))


def _child(command: list[str]) -> dict:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command[1:])} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    lines = done.stdout.splitlines()
    print("\n".join(line for line in lines if not line.startswith("RESULT ")))
    return json.loads(next(line for line in lines if line.startswith("RESULT "))[len("RESULT "):])


@contextlib.contextmanager
def _stage_clock(name: str):
    """Count the process time spent inside stage ``name`` (with one worker the stages run in
    this process): the stage's own cost, measured in the same run as the rest, so that load
    elsewhere on the machine changes both alike."""
    spent = [0.0]
    registry = dossier.analyse._REGISTRY
    original = registry[name]

    def timed(article):
        started = time.process_time()
        try:
            return original.fn(article)
        finally:
            spent[0] += time.process_time() - started

    registry[name] = dataclasses.replace(original, fn=timed)
    try:
        yield spent
    finally:
        registry[name] = original


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


def _cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished workers."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _run(args) -> tuple[float, float]:
    """One ingest and export on a fresh database; returns the ingest's (CPU, wall) seconds."""
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
