"""NER speed on the 10kGNAD benchmark corpus (1,028 derStandard articles), one core.

    python benchmarks/ner_speed.py [--csv ../shared/data/10kgnad/test.csv] [--articles N] [--model DIR]
                                   [--ner crf|accurate]

Runs ``dossier.analyse.ner.recognise`` over every article (tokenising,
sentence splitting, CRF tagging, decoding, consistency pass) and prints
tokens/s per CPU second (one core) and per wall-clock second.  The model is loaded (and a first article tagged) before timing.
"""
from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from dossier.analyse.ner import recognise, tokenize

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "10kgnad" / "test.csv"


def read_articles(path: str) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'") if len(row) > 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--articles", type=int, default=0, help="only the first N articles")
    parser.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    parser.add_argument("--ner", choices=("crf", "accurate"), default="crf",
                        help="the fast CRF (default) or the accurate BiLSTM-CRF")
    args = parser.parse_args()
    if args.model and args.ner == "accurate":
        from dossier.analyse.ner import neural

        neural.accurate_model_dir = lambda: Path(args.model)
        neural.load_accurate.cache_clear()
    elif args.model:
        from dossier.analyse.ner import model

        model.default_model_dir = lambda: Path(args.model)
        model.load_default.cache_clear()
    texts = read_articles(args.csv)
    if args.articles:
        texts = texts[: args.articles]
    recognise("Warm-up: Anna Berger fuhr nach Graz.", backend=args.ner)
    tokens = sum(len(tokenize(t)) for t in texts)
    started, cpu_started = time.perf_counter(), time.process_time()
    mentions = sum(len(recognise(t, backend=args.ner)) for t in texts)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    # CPU time is the one-core figure; wall time also counts waiting for a busy machine.
    print(f"{args.ner}: {len(texts)} articles, {tokens} tokens, {mentions} mentions: "
          f"{tokens / cpu:,.0f} tokens/s of CPU time ({cpu:.1f}s), "
          f"{tokens / seconds:,.0f} tokens/s wall ({seconds:.1f}s)")


if __name__ == "__main__":
    main()
