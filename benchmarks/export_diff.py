"""Compare two `dossier export --format jsonl` files article by article, layer by layer.

Fields added to the export contract since the older file are ignored (``--ignore``, by default the
ids and references the data-model work added), so what is left are real changes of output. Prints
per layer how many items changed, appeared or vanished, and up to ``--show`` examples.

    dossier --db /tmp/before.db ingest ../shared/data/10kgnad/test.csv   # with the old code
    dossier --db /tmp/before.db export --format jsonl > /tmp/before.jsonl
    ... the same with the new code into /tmp/after.jsonl ...
    python benchmarks/export_diff.py /tmp/before.jsonl /tmp/after.jsonl
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

LAYERS = ("mentions", "entities", "quotes", "times", "figures", "events")
# Fields the integrity work added (issue 14); entity ids are compared as they are.
NEW_FIELDS = ("id", "said_at_ref", "as_of_ref", "time_ref", "schema_version", "versions")


def read(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: row for row in map(json.loads, handle)}


def strip(item, ignore: set[str]):
    if isinstance(item, dict):
        return {k: strip(v, ignore) for k, v in item.items() if k not in ignore}
    if isinstance(item, list):
        return [strip(v, ignore) for v in item]
    return item


def key(item) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def compare(before: dict[str, dict], after: dict[str, dict], ignore: set[str], show: int) -> dict:
    counts: dict[str, Counter] = {layer: Counter() for layer in ("article", *LAYERS)}
    examples: dict[str, list] = {layer: [] for layer in counts}
    for article_id in sorted(before.keys() | after.keys()):
        old, new = before.get(article_id), after.get(article_id)
        if old is None or new is None:
            counts["article"]["only before" if new is None else "only after"] += 1
            continue
        rest_old = strip({k: v for k, v in old.items() if k not in LAYERS}, ignore | {"id"})
        rest_new = strip({k: v for k, v in new.items() if k not in LAYERS}, ignore | {"id"})
        counts["article"]["same" if rest_old == rest_new else "changed"] += 1
        for layer in LAYERS:
            a = Counter(key(strip(x, ignore)) for x in old.get(layer) or [])
            b = Counter(key(strip(x, ignore)) for x in new.get(layer) or [])
            counts[layer]["same"] += sum((a & b).values())
            gone, added = a - b, b - a
            counts[layer]["only before"] += sum(gone.values())
            counts[layer]["only after"] += sum(added.values())
            if (gone or added) and len(examples[layer]) < show:
                examples[layer].append({"article": article_id, "before": list(gone)[:3], "after": list(added)[:3]})
    return {"counts": {k: dict(v) for k, v in counts.items()}, "examples": examples}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--ignore", nargs="*", default=list(NEW_FIELDS), help="field names to leave out")
    parser.add_argument("--show", type=int, default=5, help="examples per layer")
    args = parser.parse_args()
    report = compare(read(args.before), read(args.after), set(args.ignore), args.show)
    for layer, counts in report["counts"].items():
        print(f"{layer:9s} " + "  ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    for layer, found in report["examples"].items():
        for example in found:
            print(f"\n[{layer}] {example['article']}")
            for line in example["before"]:
                print(f"  - {line}")
            for line in example["after"]:
                print(f"  + {line}")


if __name__ == "__main__":
    main()
