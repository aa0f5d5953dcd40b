"""Run every `dossier eval` on the shared data sets and write the accuracy table.

    python benchmarks/accuracy_table.py [--shared ../shared] [--out docs/accuracy.md] [--only ner,times]

Each evaluation runs as the `dossier eval ... --json` command a user would type (listed in
EVALS, each printed in the table beside its figures); a set that is absent from ../shared is
listed as skipped. The headline figures are read from the JSON (precision, recall, F1 and
the stage's own accuracy measure where it has one).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# (stage, data set, arguments after `dossier eval`, path that must exist; {shared} = ../shared)
EVALS = [
    ("ner", "GermEval 2014 dev", "ner {shared}/data/germeval2014/NER-de-dev.tsv", "data/germeval2014/NER-de-dev.tsv"),
    ("times", "Recognizers-Text DateTime (de)",
     "times --format recognizers {shared}/data/recognizers-text-de/DateTime", "data/recognizers-text-de"),
    ("times", "WikiWarsDE (TIMEX2)", "times --format timex2 {shared}/data/wikiwarsde", "data/wikiwarsde"),
    ("figures", "Recognizers-Text numbers/currency (de)", "figures {shared}/data/recognizers-text-de",
     "data/recognizers-text-de"),
    ("quotes", "SpkAtt-2023 task 1 (dev split)",
     "quotes --format spkatt {shared}/data/spkatt2023/train/task1 --split dev", "data/spkatt2023/train/task1"),
    ("quotes", "Redewiedergabe (dev split)", "quotes --format redewiedergabe {shared}/data/redewiedergabe --split dev",
     "data/redewiedergabe"),
    ("quotes", "news gold (tests/data, test split)", "quotes --format news tests/data/quotes/news_gold.jsonl --split test",
     None),
    ("clean", "synthetic boilerplate on 10kGNAD", "clean --shared {shared}", "data/10kgnad"),
]
HEADLINE = ("precision", "recall", "f1", "accuracy", "value_accuracy", "speaker_accuracy", "type_accuracy",
            "value_exact")


def headline(result) -> dict[str, float]:
    """The top-level figures of an eval's JSON (or of its one 'overall'/'outer' block)."""
    if isinstance(result, dict):
        block = result
        for name in ("overall", "outer", "total", "micro"):
            if isinstance(result.get(name), dict):
                block = result[name]
                break
        found = {k: v for k, v in block.items() if isinstance(v, (int, float)) and not isinstance(v, bool)
                 and (k in HEADLINE or k.endswith(("_f1", "_accuracy")))}
        if not found:  # figures one level down (e.g. a "detection" block)
            for name, inner in block.items():
                if isinstance(inner, dict):
                    found.update({f"{name} {k}": v for k, v in headline(inner).items()})
        return found
    return {}


def run_eval(arguments: str) -> tuple[dict | None, float, str]:
    """The eval's JSON; for an eval without --json, its text report as {"report": lines}."""
    command = [sys.executable, "-m", "dossier.cli.main", "eval", *shlex.split(arguments)]
    started = time.perf_counter()
    out = subprocess.run(command + ["--json"], capture_output=True, text=True, cwd=REPO)
    if "No such option" in out.stderr and "--json" in out.stderr:
        out = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
        if out.returncode == 0:
            return {"report": out.stdout.strip().splitlines()}, time.perf_counter() - started, ""
    seconds = time.perf_counter() - started
    try:
        return json.loads(out.stdout), seconds, ""
    except json.JSONDecodeError:
        return None, seconds, (out.stderr.strip().splitlines() or ["no output"])[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--out", default=str(REPO / "docs" / "accuracy.md"))
    parser.add_argument("--only", help="comma-separated stages")
    args = parser.parse_args()
    shared = Path(args.shared)
    only = set(args.only.split(",")) if args.only else None
    lines = ["# Accuracy of every stage on the public sets",
             "",
             f"Written by `python benchmarks/accuracy_table.py` on {dt.date.today().isoformat()}; each row's "
             "command is the `dossier eval` run behind it (add `--json` for all figures, `--errors` where offered "
             "for the misses). Parts of every public set are kept back by the project's owners.",
             "",
             "| stage | data set | P | R | F1 | other | command |",
             "|---|---|---|---|---|---|---|"]
    for stage, dataset, template, needed in EVALS:
        if only and stage not in only:
            continue
        arguments = template.format(shared=shared)
        shown = "dossier eval " + template.format(shared="../shared")
        if needed and not (shared / needed).exists():
            lines.append(f"| {stage} | {dataset} | | | | skipped: {needed} absent | `{shown}` |")
            continue
        result, seconds, error = run_eval(arguments)
        print(f"{stage:8} {dataset:40} {seconds:6.1f} s {'ERROR ' + error if error else ''}", flush=True)
        if result is None:
            lines.append(f"| {stage} | {dataset} | | | | failed: {error} | `{shown}` |")
            continue
        if "report" in result:
            text = "; ".join(line.strip() for line in result["report"][:4] if line.strip())
            lines.append(f"| {stage} | {dataset} | | | | {text} | `{shown}` |")
            continue
        figures = headline(result)
        cell = lambda k: f"{figures[k]:.3f}" if k in figures else ""  # noqa: E731
        other = ", ".join(f"{k} {v:.3f}" for k, v in figures.items() if k not in ("precision", "recall", "f1"))
        lines.append(f"| {stage} | {dataset} | {cell('precision')} | {cell('recall')} | {cell('f1')} | "
                     f"{other} | `{shown}` |")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
