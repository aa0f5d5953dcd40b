"""CPU time of cleaning and of each analysis stage for two code trees, alternating, in one run.

    git archive BEFORE_REV dossier | tar -x -C /tmp/before      # the old package, once
    python benchmarks/stage_times_ab.py /tmp/before . [--articles 300] [--rounds 3]

Each round runs both trees in fresh processes (A, then B; the order flips every round, so a
machine that gets busier or quieter does not favour one side) over the same 10kGNAD articles:
it cleans each article and runs the default pipeline stage by stage, adding up the process time
each step takes (other jobs on a busy machine do not count). The first article of each run warms
the models and is not counted. Prints per step the best of the rounds for A and B and B/A.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

DEFAULT_CSV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "10kgnad" / "test.csv"

# Runs inside a child whose working directory holds the tree's ``dossier`` package.
CHILD = r"""
import json, sys, time
from collections import defaultdict
from dossier.analyse import build_pipeline
from dossier.clean import clean_document
from dossier.errors import DossierError
from dossier.ingest import read_paths

csv, limit = sys.argv[1], int(sys.argv[2])
pipeline = build_pipeline()
seconds = defaultdict(float)
done = 0
for doc in read_paths([csv]):
    if done > limit:
        break
    started = time.process_time()
    try:
        article = clean_document(doc)
    except (DossierError, AttributeError):
        continue
    article.language = "de"
    steps = {"clean": time.process_time() - started}
    for stage in pipeline:
        started = time.process_time()
        for layer, items in stage.fn(article).items():
            setattr(article, layer, items)
        steps[stage.name] = time.process_time() - started
    if done:  # the first article loads the models
        for name, spent in steps.items():
            seconds[name] += spent
    done += 1
print(json.dumps(dict(seconds)))
"""


def run_tree(tree: Path, csv: str, articles: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, csv, str(articles)], cwd=tree,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path, help="directory holding the first tree's dossier/ package")
    parser.add_argument("b", type=Path, help="directory holding the second tree's dossier/ package")
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    best: dict[str, dict[str, float]] = {"A": {}, "B": {}}
    for round_ in range(args.rounds):
        order = [("A", args.a), ("B", args.b)]
        for side, tree in order if round_ % 2 == 0 else reversed(order):
            times = run_tree(tree.resolve(), args.csv, args.articles)
            for name, spent in times.items():
                best[side][name] = min(best[side].get(name, spent), spent)
            print(f"round {round_ + 1} {side}: {sum(times.values()):.2f} s", file=sys.stderr, flush=True)
    print(f"{args.articles} articles, best of {args.rounds} rounds, CPU seconds")
    print(f"  {'step':<10} {'A':>8} {'B':>8}  B/A")
    for name in best["A"]:
        a, b = best["A"][name], best["B"].get(name, float("nan"))
        print(f"  {name:<10} {a:8.2f} {b:8.2f}  {b / a if a else float('nan'):.3f}")
    total_a, total_b = sum(best["A"].values()), sum(best["B"].values())
    print(f"  {'total':<10} {total_a:8.2f} {total_b:8.2f}  {total_b / total_a:.3f}")


if __name__ == "__main__":
    main()
