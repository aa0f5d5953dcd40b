"""Whole-pipeline throughput with store writes, beside a SoMaJo + HanTa baseline, in one run.

    python benchmarks/throughput.py [--csv ../shared/data/10kgnad/test.csv] [--limit N]
        [--runs local-1,local-2,spark-2,postgres-1,baseline] [--pg-url postgresql://...]
        [--scale K | --scales 1,10] [--against DIR] [--repeat N]

Every run ingests the same texts into a fresh database in its own process (so each peak RSS
is its own: the driver's and, for pools, the largest worker's) and prints one line:
articles/s, tokens/s, peak RSS, and for ``local-1`` the seconds of every step (clean,
language, signature, each analysis stage, store writes, cross-document resolution).

Speeds are given twice. **Per CPU second** (the per-core figure): the process's CPU time, its
own and its worker processes' (``resource.getrusage``), so other jobs on a shared machine do
not count; for one-process runs after the first result (models loaded), for pools with model
loading (a worker's CPU time is known only once it has ended). **Per wall second**: what a user
waits, which on a busy machine says more about the load than about the code. Steps are CPU
seconds of the one process. The ratio to the SoMaJo + HanTa baseline is computed on CPU time.

    local-1      one process, SQLite             local-2   two worker processes, SQLite
    spark-2      Spark local[2], SQLite          postgres-1  one process, PostgreSQL (a throw-away
                                                             server, or --pg-url)
    baseline     SoMaJo tokenisation + HanTa tagging with lemmas of the same clean texts
                 (pip install -e '.[bench]'), what a user gets from the usual German tools alone

``--against DIR`` runs every configuration with the ``dossier`` package of another checkout
too (``git worktree add /tmp/main-before main``), the two taking turns, ``--repeat N`` times
(the median run counts), and prints both CPU times per article and per step: a before/after
comparison on a shared machine. The ratio lines compare runs of this invocation only: the machine is shared, so figures from
different invocations are not comparable. ``--scale K`` ingests K text variants of every
article (first half of one article, second half of another: new text, not near duplicates),
to show that memory stays flat as the corpus grows.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CSV = REPO.parent / "shared" / "data" / "10kgnad" / "test.csv"
TOKEN = re.compile(r"\w+|[^\w\s]")
RUNS = ("local-1", "local-2", "spark-2", "postgres-1", "baseline")


def read_texts(path: str, limit: int | None, scale: int = 1) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        texts = [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1]
    texts = texts[:limit] if limit else texts
    return [variant(texts, i, k) for k in range(scale) for i in range(len(texts))]


def variant(texts: list[str], i: int, k: int) -> str:
    """Variant ``k`` of article ``i``: itself for k=0, else its first half and the second half
    of another article (a new text that shares < 70 % of its shingles with either)."""
    if k == 0:
        return texts[i]
    other = texts[(i + 101 * k) % len(texts)]
    return texts[i][: len(texts[i]) // 2] + " " + other[len(other) // 2:]


def cpu_seconds() -> float:
    """User + system CPU time of this process and of its ended (waited-for) children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


class RssSampler(threading.Thread):
    """The largest resident memory of this process and its descendants together (a pool's
    driver and workers), read from /proc every ``interval`` seconds; 0 where there is no /proc."""

    def __init__(self, interval: float = 0.5):
        super().__init__(daemon=True)
        self.interval, self.peak_kb, self._stop_event = interval, 0, threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(self.interval):
            self.peak_kb = max(self.peak_kb, sum(map(_rss_kb, _family(os.getpid()))))

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_kb / 1024


def _family(pid: int) -> list[int]:
    """``pid`` and its descendants (/proc/PID/task/TID/children)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0
    return int(line.split()[1])


# --- one run, in its own process ------------------------------------------------------------


def _timed(seconds: dict, name: str, fn):
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds[name] = seconds.get(name, 0.0) + time.process_time() - started
    return wrapper


def instrument(seconds: dict) -> None:
    """CPU time of every step of the one-process pipeline (wrappers around the module functions)."""
    import dossier.analyse.language as language
    import dossier.clean as clean
    import dossier.pipeline as pipeline
    import dossier.resolve.dedup as dedup
    from dossier.analyse import Stage, build_pipeline
    from dossier.store.sqlite import SQLiteStore

    clean.clean_document = _timed(seconds, "clean", clean.clean_document)
    language.detect_language = _timed(seconds, "language", language.detect_language)
    dedup.signature = _timed(seconds, "signature", dedup.signature)
    pipeline.resolve_entities = _timed(seconds, "resolve (cross-document)", pipeline.resolve_entities)
    SQLiteStore.add_articles = _timed(seconds, "store writes", SQLiteStore.add_articles)
    pipeline.build_pipeline = lambda names=None: [
        Stage(s.name, _timed(seconds, f"stage {s.name}", s.fn), s.requires, s.assigns) for s in build_pipeline(names)]


def run_pipeline(name: str, texts: list[str], pg_url: str | None) -> dict:
    from dossier.model import RawDocument
    from dossier.pipeline import ingest_items
    from dossier.store import open_store

    import dossier.pipeline as pipeline

    seconds: dict[str, float] = {}
    if name == "local-1":
        instrument(seconds)
    arrivals: list[float] = []  # when each analysed article reached the driver
    cpu_at_first: list[float] = []  # CPU time when the first one did
    loading: dict[str, float] = {}
    add_processed = pipeline.Ingestor.add_processed

    def remember_first(self, processed):
        arrivals.append(time.perf_counter())
        if not cpu_at_first:
            cpu_at_first.append(cpu_seconds())
            loading.update(seconds)  # the steps' CPU time up to the first result (models loaded)
        return add_processed(self, processed)

    pipeline.Ingestor.add_processed = remember_first
    workers = int(name.rsplit("-", 1)[1])
    with tempfile.TemporaryDirectory() as tmp:
        url = pg_url if name.startswith("postgres") else str(Path(tmp) / "bench.db")
        store = open_store(url)
        docs = (RawDocument(text, f"bench/{i}") for i, text in enumerate(texts))
        sampler = RssSampler()
        sampler.start()
        started, cpu_started = time.perf_counter(), cpu_seconds()
        summary = ingest_items(docs, store, workers=workers, engine="spark" if name.startswith("spark") else "local",
                               store_url=url)
        elapsed, cpu_end = time.perf_counter() - started, cpu_seconds()
        all_processes_mb = sampler.stop()
        tokens = sum(len(TOKEN.findall(a.text)) for a in store.iter_articles())
        store.close()
    # Steady state: the articles that arrived after the first batch of results, over the time
    # after it, so loading the models (seconds per process) is not charged to a short run. A
    # batch is what arrives at once (one article locally, a whole chunk from Spark).
    first_batch = sum(1 for t in arrivals if t - arrivals[0] < 0.005) if arrivals else 0
    steady_articles = len(arrivals) - first_batch
    steady = started + elapsed - arrivals[0] if steady_articles > 0 else elapsed
    # CPU: one process after its first result; a pool (its workers' time is known only after
    # they ended) and Spark (its Python workers are the JVM's children) with model loading.
    steady_cpu = workers == 1 and not name.startswith("spark") and steady_articles > 0
    return {"run": name, "articles": steady_articles if steady_articles > 0 else len(summary.new),
            "stored": len(summary.new), "seconds": steady, "wall_seconds": elapsed,
            "cpu_articles": steady_articles if steady_cpu else len(summary.new),
            "cpu_seconds": cpu_end - (cpu_at_first[0] if steady_cpu else cpu_started),
            "cpu_with_loading": not steady_cpu, "cpu_total_seconds": cpu_end - cpu_started,
            "tokens": tokens, "peak_rss_mb": peak_rss_mb(), "peak_rss_all_mb": all_processes_mb,
            "steps": {step: spent - loading.get(step, 0.0) for step, spent in seconds.items()}}


def run_baseline(texts: list[str]) -> dict:
    from HanTa import HanoverTagger
    from somajo import SoMaJo

    from dossier.clean import clean_document
    from dossier.model import RawDocument

    clean = [clean_document(RawDocument(t, f"bench/{i}")).text for i, t in enumerate(texts)]
    tokenizer = SoMaJo("de_CMC", split_camel_case=True)
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    started, cpu_started = time.perf_counter(), cpu_seconds()
    tokens = 0
    for sentences in tokenizer.tokenize_text(clean):  # one list of tokens per sentence
        words = [token.text for token in sentences]
        tagger.tag_sent(words)  # part of speech and lemma of every token
        tokens += len(words)
    elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    return {"run": "baseline", "articles": len(clean), "stored": len(clean), "seconds": elapsed, "wall_seconds": elapsed, "tokens": tokens,
            "cpu_articles": len(clean), "cpu_seconds": cpu, "cpu_with_loading": False, "cpu_total_seconds": cpu,
            "peak_rss_mb": peak_rss_mb(), "steps": {}}


# --- the driver ------------------------------------------------------------------------------


def start_postgres():
    """A throw-away PostgreSQL cluster (the tests' helper), or None without server binaries."""
    sys.path.insert(0, str(REPO / "tests"))
    from store.pg_server import TEST_DATABASE, PgServer, server_bin_dir

    bin_dir = server_bin_dir()
    if bin_dir is None:
        return None, None
    server = PgServer(bin_dir)
    server.start()
    return server, server.url(TEST_DATABASE)


def per_cpu_second(r: dict) -> float:
    return r["cpu_articles"] / r["cpu_seconds"] if r.get("cpu_seconds") else 0.0


def _together(r: dict) -> str:
    return f" ({r['peak_rss_all_mb']:.0f} MB all processes)" if r.get("peak_rss_all_mb") else ""


def report(results: list[dict]) -> None:
    by_name = {r["run"]: r for r in results}
    print("per CPU second (per core): CPU time of the run's processes, after the first result for one process,"
          " with model loading (*) for pools and Spark;")
    print("per wall second: the articles after the first result, over the time after it (models loaded)")
    for r in results:
        cpu_rate, wall_rate = per_cpu_second(r), r["articles"] / r["seconds"]
        tokens_per_article = r["tokens"] / r.get("stored", r["articles"])
        loading = "*" if r["cpu_with_loading"] else " "
        print(f"{r['run']:<11} {r.get('stored', r['articles']):6d} articles  "
              f"CPU {1000 / cpu_rate if cpu_rate else 0:6.1f} ms/article {cpu_rate:6.1f}{loading} articles/CPU-s "
              f"{tokens_per_article * cpu_rate:8,.0f} tokens/CPU-s  |  "
              f"wall {wall_rate:6.1f} articles/s {tokens_per_article * wall_rate:8,.0f} tokens/s  "
              f"peak RSS {r['peak_rss_mb']:5.0f} MB{_together(r)}  (CPU {r['cpu_total_seconds']:.1f} s, "
              f"wall {r['wall_seconds']:.1f} s with model loading)")
        for step, s in sorted(r["steps"].items(), key=lambda item: -item[1]):  # after the first result
            print(f"    {step:<28} {s:7.2f} CPU-s  {1000 * s / r['cpu_articles']:6.2f} ms/article"
                  f"  {100 * s / r['cpu_seconds']:5.1f} %")
    cpu = {n: per_cpu_second(r) for n, r in by_name.items()}
    wall = {n: r["articles"] / r["seconds"] for n, r in by_name.items()}
    for a, b, label in (("local-2", "local-1", "2 processes / 1 process"),
                        ("spark-2", "local-2", "Spark local[2] / local 2 processes"),
                        ("postgres-1", "local-1", "PostgreSQL / SQLite (1 process)"),
                        ("local-1", "baseline", "pipeline (1 process) / SoMaJo+HanTa baseline")):
        if a in cpu and b in cpu and cpu[b] and wall[b]:
            print(f"ratio {label}: per CPU second {cpu[a] / cpu[b]:.2f}, per wall second {wall[a] / wall[b]:.2f}")
    if "local-2" in cpu and "local-1" in by_name:
        one = by_name["local-1"]
        total_one = one["cpu_total_seconds"] / one["stored"]
        total_two = by_name["local-2"]["cpu_total_seconds"] / by_name["local-2"]["stored"]
        print(f"CPU per article with model loading: local-1 {1000 * total_one:.1f} ms, local-2 "
              f"{1000 * total_two:.1f} ms (2 processes on 2 free cores: {2 * total_one / total_two:.2f}x one)")


def run_one(args, name: str, scale: int, pg_url: str | None, tree: str | None = None) -> dict | None:
    """One configuration in its own process (its own peak RSS), with the ``dossier`` package
    of ``tree`` (another checkout) instead of this one's when given."""
    command = [sys.executable, __file__, "--csv", args.csv, "--scale", str(scale), "--one", name]
    command += ["--limit", str(args.limit)] if args.limit else []
    command += ["--pg-url", pg_url] if pg_url and name.startswith("postgres") else []
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if tree:
        env["PYTHONPATH"] = os.pathsep.join([str(Path(tree).resolve()), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    out = subprocess.run(command, capture_output=True, text=True, env=env)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        print(f"{name} failed:\n{out.stderr[-2000:]}", file=sys.stderr)
        return None
    result = json.loads(line[len("RESULT "):])
    result["tree"] = tree or "this checkout"
    print(f"  {name} x{scale} ({result['tree']}) done: CPU {result['cpu_total_seconds']:.1f} s, wall {result['wall_seconds']:.1f} s",
          flush=True)
    return result


def median_run(results: list[dict]) -> dict:
    """Of repeated runs of one configuration, the one with the median CPU time per article."""
    ordered = sorted(results, key=lambda r: r["cpu_seconds"] / max(r["cpu_articles"], 1))
    return ordered[len(ordered) // 2]


def run_alternating(args, runs: list[str], scale: int, pg_url: str | None) -> dict[str | None, list[dict]]:
    """Every configuration ``--repeat`` times, this checkout and ``--against`` taking turns,
    so both see the same load of a shared machine; the median run of each."""
    trees = [None, args.against] if args.against else [None]
    found: dict[str | None, dict[str, list[dict]]] = {tree: {} for tree in trees}
    for name in runs:
        for _ in range(args.repeat):
            for tree in trees:
                result = run_one(args, name, scale, pg_url, tree)
                if result:
                    found[tree].setdefault(name, []).append(result)
    return {tree: [median_run(r) for r in by_name.values()] for tree, by_name in found.items()}


def report_against(this: list[dict], other: list[dict], other_tree: str) -> None:
    """CPU per article of this checkout beside ``--against``'s, per run and per step."""
    theirs = {r["run"]: r for r in other}
    print(f"\nthis checkout against {other_tree} (CPU ms/article, same invocation, runs alternating):")
    for mine in this:
        base = theirs.get(mine["run"])
        if base is None:
            continue
        a, b = (1000 * r["cpu_seconds"] / r["cpu_articles"] for r in (mine, base))
        print(f"  {mine['run']:<11} {a:7.1f} vs {b:7.1f} ms/article  speed-up {b / a:5.2f}x")
        for step in sorted(mine["steps"], key=lambda k: -base["steps"].get(k, 0.0)):
            x = 1000 * mine["steps"][step] / mine["cpu_articles"]
            y = 1000 * base["steps"].get(step, 0.0) / base["cpu_articles"]
            print(f"      {step:<28} {x:7.2f} vs {y:7.2f} ms/article  {y / x if x else 0:5.2f}x")


def report_memory(by_scale: dict[int, list[dict]]) -> None:
    """Peak RSS of each configuration at each scale, beside the smallest scale's."""
    if len(by_scale) < 2:
        return
    smallest = min(by_scale)
    first = {r["run"]: r for r in by_scale[smallest]}
    print("peak RSS by corpus size (largest single process: the driver, or a worker; and the sum of the"
          " driver's and its workers' resident memory, sampled every 0.5 s):")
    for scale, results in sorted(by_scale.items()):
        for r in results:
            base = first.get(r["run"])
            ratio = f"  {r['peak_rss_mb'] / base['peak_rss_mb']:.2f}x the x{smallest} run" if base else ""
            together = f", all processes together {r['peak_rss_all_mb']:5.0f} MB" if r.get("peak_rss_all_mb") else ""
            print(f"  x{scale:<3} {r['run']:<11} {r['stored']:7d} articles  peak RSS {r['peak_rss_mb']:6.0f} MB{ratio}"
                  f"{together}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--scale", type=int, default=1, help="K text variants of every article")
    parser.add_argument("--scales", help="several scales in one invocation, e.g. 1,10: peak RSS of each")
    parser.add_argument("--runs", default=",".join(RUNS))
    parser.add_argument("--pg-url", help="PostgreSQL database for postgres-1 (default: a throw-away server)")
    parser.add_argument("--against", metavar="DIR",
                        help="another checkout (e.g. a git worktree of main): run its dossier package too, in turns")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each configuration (the median is reported)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one configuration, print JSON
    args = parser.parse_args()
    if args.one:
        texts = read_texts(args.csv, args.limit, args.scale)
        result = run_baseline(texts) if args.one == "baseline" else run_pipeline(args.one, texts, args.pg_url)
        print("RESULT " + json.dumps(result))
        return
    scales = [int(k) for k in args.scales.split(",")] if args.scales else [args.scale]
    server, pg_url = None, args.pg_url
    runs = [r.strip() for r in args.runs.split(",") if r.strip()]
    if "postgres-1" in runs and not pg_url:
        server, pg_url = start_postgres()
        if pg_url is None:
            print("postgres-1 left out: no PostgreSQL server binaries", file=sys.stderr)
            runs.remove("postgres-1")
    print(f"{args.limit or 'all'} articles of {args.csv} at scales {scales}; runs: {', '.join(runs)}", flush=True)
    by_scale: dict[int, dict[str | None, list[dict]]] = {}
    try:
        for scale in scales:
            by_scale[scale] = run_alternating(args, runs, scale, pg_url)
    finally:
        if server is not None:
            server.stop()
    for scale, by_tree in by_scale.items():
        for tree, results in by_tree.items():
            print(f"\n== scale x{scale}" + (f", {tree}" if tree else ""))
            report(results)
        if args.against:
            report_against(by_tree[None], by_tree[args.against], args.against)
    report_memory({scale: by_tree[None] for scale, by_tree in by_scale.items()})


if __name__ == "__main__":
    main()
