"""Whole-pipeline throughput with store writes, beside a SoMaJo + HanTa baseline, in one run.

    python benchmarks/throughput.py [--csv ../shared/data/10kgnad/test.csv] [--limit N]
        [--runs local-1,local-2,spark-2,postgres-1,baseline] [--pg-url postgresql://...] [--scale K]

Every run ingests the same texts into a fresh database in its own process (so each peak RSS
is its own: the driver's and, for pools, the largest worker's) and prints one line:
articles/s, tokens/s, peak RSS, and for ``local-1`` the seconds of every step (clean,
language, signature, each analysis stage, store writes, cross-document resolution).

    local-1      one process, SQLite             local-2   two worker processes, SQLite
    spark-2      Spark local[2], SQLite          postgres-1  one process, PostgreSQL (a throw-away
                                                             server, or --pg-url)
    baseline     SoMaJo tokenisation + HanTa tagging with lemmas of the same clean texts
                 (pip install -e '.[bench]'), what a user gets from the usual German tools alone

The ratio lines compare runs of this invocation only: the machine is shared, so figures from
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


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


# --- one run, in its own process ------------------------------------------------------------


def _timed(seconds: dict, name: str, fn):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
    return wrapper


def instrument(seconds: dict) -> None:
    """Time every step of the one-process pipeline (wrappers around the module functions)."""
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
    add_processed = pipeline.Ingestor.add_processed

    def remember_first(self, processed):
        arrivals.append(time.perf_counter())
        return add_processed(self, processed)

    pipeline.Ingestor.add_processed = remember_first
    workers = int(name.rsplit("-", 1)[1])
    with tempfile.TemporaryDirectory() as tmp:
        url = pg_url if name.startswith("postgres") else str(Path(tmp) / "bench.db")
        store = open_store(url)
        docs = (RawDocument(text, f"bench/{i}") for i, text in enumerate(texts))
        started = time.perf_counter()
        summary = ingest_items(docs, store, workers=workers, engine="spark" if name.startswith("spark") else "local",
                               store_url=url)
        elapsed = time.perf_counter() - started
        tokens = sum(len(TOKEN.findall(a.text)) for a in store.iter_articles())
        store.close()
    # Steady state: the articles that arrived after the first batch of results, over the time
    # after it, so loading the models (seconds per process) is not charged to a short run. A
    # batch is what arrives at once (one article locally, a whole chunk from Spark).
    first_batch = sum(1 for t in arrivals if t - arrivals[0] < 0.005) if arrivals else 0
    steady_articles = len(arrivals) - first_batch
    steady = started + elapsed - arrivals[0] if steady_articles > 0 else elapsed
    return {"run": name, "articles": steady_articles if steady_articles > 0 else len(summary.new),
            "stored": len(summary.new), "seconds": steady, "wall_seconds": elapsed,
            "tokens": tokens, "peak_rss_mb": peak_rss_mb(), "steps": seconds}


def run_baseline(texts: list[str]) -> dict:
    from HanTa import HanoverTagger
    from somajo import SoMaJo

    from dossier.clean import clean_document
    from dossier.model import RawDocument

    clean = [clean_document(RawDocument(t, f"bench/{i}")).text for i, t in enumerate(texts)]
    tokenizer = SoMaJo("de_CMC", split_camel_case=True)
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    started = time.perf_counter()
    tokens = 0
    for sentences in tokenizer.tokenize_text(clean):  # one list of tokens per sentence
        words = [token.text for token in sentences]
        tagger.tag_sent(words)  # part of speech and lemma of every token
        tokens += len(words)
    elapsed = time.perf_counter() - started
    return {"run": "baseline", "articles": len(clean), "seconds": elapsed, "wall_seconds": elapsed, "tokens": tokens,
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


def report(results: list[dict]) -> None:
    by_name = {r["run"]: r for r in results}
    print("articles/s and tokens/s: the articles after the first result, over the time after it (models loaded)")
    for r in results:
        rate = r["articles"] / r["seconds"]
        print(f"{r['run']:<11} {r['articles']:6d} articles {r['seconds']:8.1f} s  {rate:7.1f} articles/s  "
              f"{r['tokens'] * r['articles'] / r.get('stored', r['articles']) / r['seconds']:9,.0f} tokens/s  "
              f"peak RSS {r['peak_rss_mb']:6.0f} MB  "
              f"(wall {r['wall_seconds']:.1f} s with model loading)")
        for step, s in sorted(r["steps"].items(), key=lambda item: -item[1]):
            print(f"    {step:<28} {s:7.2f} s  {100 * s / r['seconds']:5.1f} %")
    rate = {n: r["articles"] / r["seconds"] for n, r in by_name.items()}
    for a, b, label in (("local-2", "local-1", "2 processes / 1 process"),
                        ("spark-2", "local-2", "Spark local[2] / local 2 processes"),
                        ("postgres-1", "local-1", "PostgreSQL / SQLite (1 process)"),
                        ("local-1", "baseline", "pipeline (1 process) / SoMaJo+HanTa baseline")):
        if a in rate and b in rate:
            print(f"ratio {label}: {rate[a] / rate[b]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--scale", type=int, default=1, help="K text variants of every article")
    parser.add_argument("--runs", default=",".join(RUNS))
    parser.add_argument("--pg-url", help="PostgreSQL database for postgres-1 (default: a throw-away server)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one configuration, print JSON
    args = parser.parse_args()
    texts = read_texts(args.csv, args.limit, args.scale)
    if args.one:
        result = run_baseline(texts) if args.one == "baseline" else run_pipeline(args.one, texts, args.pg_url)
        print("RESULT " + json.dumps(result))
        return
    server, pg_url = None, args.pg_url
    runs = [r.strip() for r in args.runs.split(",") if r.strip()]
    if "postgres-1" in runs and not pg_url:
        server, pg_url = start_postgres()
        if pg_url is None:
            print("postgres-1 left out: no PostgreSQL server binaries", file=sys.stderr)
            runs.remove("postgres-1")
    print(f"{len(texts)} articles from {args.csv} (scale {args.scale}); runs: {', '.join(runs)}", flush=True)
    results = []
    try:
        for name in runs:
            command = [sys.executable, __file__, "--csv", args.csv, "--scale", str(args.scale), "--one", name]
            command += ["--limit", str(args.limit)] if args.limit else []
            command += ["--pg-url", pg_url] if pg_url and name.startswith("postgres") else []
            out = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
            line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                print(f"{name} failed:\n{out.stderr[-2000:]}", file=sys.stderr)
                continue
            results.append(json.loads(line[len("RESULT "):]))
            print(f"  {name} done: {results[-1]['seconds']:.1f} s", flush=True)
    finally:
        if server is not None:
            server.stop()
    report(results)


if __name__ == "__main__":
    main()
