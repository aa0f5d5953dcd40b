"""`dossier entity NAME` at 1x and 10x the corpus: look-up time, and the ingest's peak memory.

    python benchmarks/entity_lookup.py [--csv ../shared/data/10kgnad/test.csv] [--scales 1,10]
                                       [--workers 2] [--keep DIR]

For each scale K it ingests K text variants of every article (see benchmarks/throughput.py:
first half of one article, second half of another) into a fresh SQLite database, in a child
process whose peak RSS it reports, then times the look-up behind `dossier entity NAME`
(find_entities + entity_profile as the command calls it: counts, the latest 20 articles, quotes
and figures, the top co-mentioned entities) for the five most mentioned entities, the median of
nine calls each (wall and CPU time), and one `dossier entity NAME` command (process start
included).

``--replicate`` builds the larger scales from the analysed 1x database instead: each article
stored K times, its raw text marked as copy k (a new id) and its layers as they are. That
costs seconds instead of the analysis of K x 1,028 articles, gives the look-up the same K-fold
rows, but reports no ingest memory for those scales.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CSV, peak_rss_mb, read_texts  # noqa: E402

NAMES = 5
REPEATS = 9
CLI_LIMIT = 20  # what `dossier entity NAME` shows by default (--limit)


def build(csv_path: str, scale: int, db: str, workers: int) -> None:
    from dossier.model import RawDocument
    from dossier.pipeline import ingest_items
    from dossier.store import open_store

    texts = read_texts(csv_path, None, scale)
    store = open_store(db)
    started = time.perf_counter()
    summary = ingest_items((RawDocument(t, f"v{i}") for i, t in enumerate(texts)), store, workers=workers)
    print("RESULT " + json.dumps({"articles": len(summary.new), "seconds": time.perf_counter() - started,
                                  "peak_rss_mb": peak_rss_mb()}))
    store.close()


def replicate(source: str, db: str, scale: int) -> None:
    """``db``: the articles of ``source`` ``scale`` times (copies k >= 1 with a marked raw text)."""
    import copy

    from dossier.model import article_id, content_hash
    from dossier.store import open_store

    shutil.copy(source, db)
    store = open_store(db)
    originals = list(store.iter_articles())
    for k in range(1, scale):
        batch = []
        for original in originals:
            article = copy.deepcopy(original)
            article.raw_text = f"{original.raw_text}\n(Kopie {k})"
            article.id, article.extra["content_hash"] = article_id(article.raw_text), content_hash(article.raw_text)
            for entity in article.entities:
                for role in entity.roles:
                    role["article"] = article.id
            batch.append(article)
        store.add_articles(batch)
    store.close()


def time_lookups(db: str) -> list[tuple[str, int, float, float]]:
    from dossier.resolve.entity_query import entity_profile, entity_table, find_entities
    from dossier.store import open_store

    store = open_store(db)
    timings = []
    for row in entity_table(store, limit=NAMES):
        runs, cpu = [], []
        for _ in range(REPEATS):
            started, started_cpu = time.perf_counter(), time.process_time()
            entity = find_entities(store, row.name)[0]
            entity_profile(store, entity, limit=CLI_LIMIT)
            runs.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)  # what other jobs on the machine do not inflate
        timings.append((row.name, row.mentions, statistics.median(runs), statistics.median(cpu)))
    store.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", help="keep the databases in this folder (reused when present)")
    parser.add_argument("--replicate", action="store_true", help="scales > 1 from copies of the 1x articles")
    parser.add_argument("--build", nargs=2, help=argparse.SUPPRESS)  # internal: SCALE DB
    args = parser.parse_args()
    if args.build:
        build(args.csv, int(args.build[0]), args.build[1], args.workers)
        return
    folder = Path(args.keep or tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    for scale in [int(s) for s in args.scales.split(",")]:
        db = folder / f"entity_{scale}x{'-replicated' if args.replicate and scale > 1 else ''}.db"
        if not db.exists() and args.replicate and scale > 1:
            started = time.perf_counter()
            replicate(str(folder / "entity_1x.db"), str(db), scale)
            print(f"{scale}x: the 1x articles stored {scale} times in {time.perf_counter() - started:.0f} s "
                  f"(layers copied, not re-analysed)", flush=True)
        if not db.exists():
            out = subprocess.run([sys.executable, __file__, "--csv", args.csv, "--workers", str(args.workers),
                                  "--build", str(scale), str(db)], capture_output=True, text=True)
            line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                sys.exit(f"building {scale}x failed:\n{out.stderr[-2000:]}")
            built = json.loads(line[len("RESULT "):])
            print(f"{scale}x: {built['articles']} articles ingested in {built['seconds']:.0f} s "
                  f"({args.workers} workers), peak RSS {built['peak_rss_mb']:.0f} MB", flush=True)
        timings = time_lookups(str(db))
        for name, mentions, seconds, cpu in timings:
            print(f"{scale}x: entity {name!r} ({mentions} mentions): {1000 * seconds:.1f} ms "
                  f"(CPU {1000 * cpu:.1f} ms)", flush=True)
        top = timings[0][0]
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "dossier.cli.main", "--db", str(db), "entity", top],
                             capture_output=True, text=True)
        print(f"{scale}x: `dossier entity {top!r}` command (exit {out.returncode}), process start included: "
              f"{1000 * (time.perf_counter() - started):.0f} ms", flush=True)


if __name__ == "__main__":
    main()
