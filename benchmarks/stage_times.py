"""CPU time of each analysis stage on 10kGNAD articles (process time, so other jobs on a busy
machine do not count).

    python benchmarks/stage_times.py [--csv ../shared/data/10kgnad/test.csv] [--articles 300]

Cleans each article and runs the default pipeline stage by stage, adding up the process time
each stage takes; prints seconds and shares per stage. Wall-clock ingest speed, with storage
and resolution, is measured by benchmarks/ingest_speed.py.
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from dossier.analyse import build_pipeline
from dossier.clean import clean_document
from dossier.errors import DossierError
from dossier.ingest import read_paths

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "10kgnad" / "test.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    pipeline = build_pipeline()
    seconds: dict[str, float] = defaultdict(float)
    done = 0
    for doc in read_paths([args.csv]):
        if done >= args.articles:
            break
        try:
            article = clean_document(doc)
        except (DossierError, AttributeError):
            continue  # a reader error item or an input the cleaner refuses
        article.language = "de"
        for stage in pipeline:
            started = time.process_time()
            for layer, items in stage.fn(article).items():
                setattr(article, layer, items)
            seconds[stage.name] += time.process_time() - started
        done += 1
    total = sum(seconds.values())
    print(f"{done} articles, analysis CPU time {total:.1f} s ({1000 * total / max(done, 1):.0f} ms/article)")
    for name, spent in seconds.items():
        print(f"  {name:<10} {spent:7.2f} s  {100 * spent / total:5.1f} %")


if __name__ == "__main__":
    main()
