"""CPU time of each analysis stage on 10kGNAD articles (process time, so other jobs on a busy
machine do not count).

    python benchmarks/stage_times.py [--csv ../shared/data/10kgnad/test.csv] [--articles 300]

Cleans each article, identifies its language, computes its MinHash signature and runs the
default pipeline stage by stage, adding up the process time each step takes; prints CPU seconds,
ms per article and shares per step, and articles per CPU second (the per-core figure). The first
article (which loads the models) is left out. The whole pipeline with store writes and
cross-document resolution, beside the SoMaJo + HanTa baseline, is benchmarks/throughput.py.
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from dossier.analyse import build_pipeline
from dossier.analyse.language import detect_language
from dossier.clean import clean_document
from dossier.errors import DossierError
from dossier.ingest import read_paths
from dossier.resolve.dedup import signature

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "10kgnad" / "test.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    pipeline = build_pipeline()
    seconds: dict[str, float] = defaultdict(float)
    done = -1  # the first article loads the models and is not counted
    for doc in read_paths([args.csv]):
        if done >= args.articles:
            break
        started = time.process_time()
        try:
            article = clean_document(doc)
        except (DossierError, AttributeError):
            continue  # a reader error item or an input the cleaner refuses
        spent = {"clean": time.process_time() - started}
        started = time.process_time()
        article.language = detect_language(article.text)
        spent["language"] = time.process_time() - started
        started = time.process_time()
        signature(article.text)
        spent["signature"] = time.process_time() - started
        article.language = "de"  # analyse every article, as the ingest does German ones
        for stage in pipeline:
            started = time.process_time()
            for layer, items in stage.fn(article).items():
                setattr(article, layer, items)
            spent[f"stage {stage.name}"] = time.process_time() - started
        done += 1
        for name, step in spent.items():
            seconds[name] += step if done > 0 else 0.0
    total = sum(seconds.values())
    print(f"{done} articles, CPU time {total:.1f} s: {1000 * total / max(done, 1):.1f} ms/article, "
          f"{done / total if total else 0:.1f} articles per CPU second (no store writes, no resolution)")
    for name, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"  {name:<16} {spent:7.2f} s  {1000 * spent / max(done, 1):6.2f} ms/article  {100 * spent / total:5.1f} %")


if __name__ == "__main__":
    main()
