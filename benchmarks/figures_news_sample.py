"""Figures on a fixed random sample of 10kGNAD news articles: for reading precision by hand.

    python benchmarks/figures_news_sample.py [--csv ../shared/data/10kgnad/test.csv] [--n 100]
        [--seed 13] [--out figures.jsonl] [--compare before.jsonl] [--time]

Runs the figure stage (text only, no entity mentions: those change subjects, not which
numbers are figures) on ``--n`` articles drawn with ``--seed`` and prints the figure
count per kind. ``--out`` writes one JSON line per figure (article index, span, kind,
value, unit and 60 characters of context) so a reader can mark the false ones;
``--compare`` prints the figures that are new or changed against an earlier ``--out``
file, which is what needs reading after a change. ``--time`` times the stage over the
sample (three passes, the best one).
"""
from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

from dossier.analyse.figures import extract_figures
from dossier.ingest import read_paths
from dossier.model import RawDocument

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "10kgnad" / "test.csv"


def sample_texts(csv: str, n: int, seed: int) -> list[str]:
    texts = [doc.raw_text for doc in read_paths([csv])
             if isinstance(doc, RawDocument)]
    return random.Random(seed).sample(texts, min(n, len(texts)))


def figure_rows(texts: list[str]) -> list[dict]:
    rows = []
    for index, text in enumerate(texts):
        for fig in extract_figures(text):
            context = text[max(0, fig.start - 30):fig.end + 30].replace("\n", " ")
            rows.append({"article": index, "start": fig.start, "end": fig.end, "text": fig.text,
                         "kind": fig.kind, "value": fig.value, "unit": fig.unit, "context": context})
    return rows


def changed(before: list[dict], after: list[dict]) -> tuple[list[dict], list[dict]]:
    """Figures only in ``after`` (new or changed) and only in ``before`` (gone)."""
    def key(row):
        return row["article"], row["start"], row["end"], row["kind"], row["value"], row["unit"]
    old, new = {key(r) for r in before}, {key(r) for r in after}
    return [r for r in after if key(r) not in old], [r for r in before if key(r) not in new]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", help="write the figures as JSON lines")
    parser.add_argument("--compare", help="an earlier --out file: print new/changed and gone figures")
    parser.add_argument("--time", action="store_true", help="time the stage over the sample")
    args = parser.parse_args()
    texts = sample_texts(args.csv, args.n, args.seed)
    rows = figure_rows(texts)
    kinds = Counter(r["kind"] for r in rows)
    print(f"{len(texts)} articles, {len(rows)} figures: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    if args.out:
        Path(args.out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    if args.compare:
        before = [json.loads(line) for line in Path(args.compare).read_text("utf-8").splitlines()]
        new, gone = changed(before, rows)
        for label, group in (("new/changed", new), ("gone", gone)):
            print(f"{label}: {len(group)}")
            for r in group:
                print(f"  [{r['article']}] {r['kind']} {r['value']} {r['unit']}  «{r['text']}»  …{r['context']}…")
    if args.time:
        best = min(_timed(texts) for _ in range(3))
        chars = sum(len(t) for t in texts)
        print(f"stage time {best:.2f} s for {chars} characters ({chars / best / 1000:.0f} k characters/s)")


def _timed(texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        extract_figures(text)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
