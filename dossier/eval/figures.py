"""Scoring numbers, percentages and amounts on Recognizers-Text JSON test files.

A file is a JSON list of cases ``{Input, Results: [{Text, Start, End, TypeName,
Resolution: {value, unit?, isoCurrency?}}]}``; ``End`` is inclusive and ``Text`` may be
lower-cased. The model a file tests comes from its name (``NumberModel``,
``PercentModel``, ``CurrencyModel``); other models in a folder are listed as skipped.

- span precision / recall / F1: a prediction counts when its start and end equal a gold
  result's;
- value accuracy: the share of gold results that some overlapping prediction gets right —
  the value (relative tolerance 1e-6) and, for currency, the ISO 4217 unit (gold English
  names are mapped with ``resources/de/currency_en_names.tsv``, then pycountry).
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dossier.errors import EvalError
from dossier.eval import metrics

MODELS = {"NumberModel": "number", "PercentModel": "percentage", "CurrencyModel": "currency"}


@dataclass(frozen=True)
class Item:
    start: int
    end: int  # exclusive
    value: float | None
    unit: str | None = None


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    span_hits: int = 0
    value_hits: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.span_hits += other.span_hits
        self.value_hits += other.value_hits
        self.errors.extend(other.errors)

    def report(self, with_errors: bool = False) -> dict[str, Any]:
        precision, recall, f1 = metrics.prf(self.span_hits, self.predicted, self.span_hits, self.gold)
        out = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
               "value_accuracy": round(self.value_hits / self.gold, 4) if self.gold else 0.0,
               "gold": self.gold, "predicted": self.predicted}
        if with_errors:
            out["errors"] = self.errors
        return out


@lru_cache(maxsize=1)
def _gold_currency_names() -> dict[str, str]:
    text = resources.files("dossier.resources.de").joinpath("currency_en_names.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {name.lower(): code for name, code in rows}


def gold_currency(resolution: dict[str, Any]) -> tuple[str | None, float]:
    """ISO code of a gold unit and the factor its value is multiplied by (Cent → 0.01 EUR)."""
    iso = resolution.get("isoCurrency")
    if iso:
        return iso, 1.0
    name = (resolution.get("unit") or "").strip()
    code = _gold_currency_names().get(name.lower())
    if code is None:
        code = _pycountry_code(name) or name
    if "/" in code:
        iso, divisor = code.split("/")
        return iso, 1 / float(divisor)
    return code, 1.0


def _pycountry_code(name: str) -> str | None:
    """ISO code of an English currency name: pycountry's name, or one with the same noun and a
    country word of the same stem ("Icelandic krona" is pycountry's "Iceland Krona")."""
    import pycountry

    words = name.lower().split()
    for currency in pycountry.currencies:
        known = currency.name.lower().split()
        if known == words or (len(words) == len(known) == 2 and known[1] == words[1]
                              and known[0][:5] == words[0][:5]):
            return currency.alpha_3
    return None


def _gold_value(raw: Any) -> float | None:
    if raw is None:
        return None
    text = str(raw).strip().rstrip("%").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def gold_items(case: dict[str, Any], model: str, location: str) -> list[Item]:
    text = case["Input"]
    items = []
    for result in case.get("Results", []):
        res = result.get("Resolution") or {}
        start = result.get("Start")
        if start is None:
            start = text.lower().find(result["Text"].lower())
            if start < 0:
                raise EvalError(f"result text {result['Text']!r} is not in the input", location=location)
        end = result["End"] + 1 if result.get("End") is not None else start + len(result["Text"])
        value, unit = _gold_value(res.get("value")), None
        if model == "currency":
            unit, factor = gold_currency(res)
            value = value * factor if value is not None else None
        items.append(Item(start, end, value, unit))
    return items


def predict(text: str, model: str) -> list[Item]:
    if model == "number":
        from dossier.analyse.numbers import find_number_spans

        return [Item(n.start, n.end, n.value) for n in find_number_spans(text)]
    from dossier.analyse.figures import extract_figures

    kind = "percent" if model == "percentage" else "money"
    return [Item(f.start, f.end, f.value, f.unit if kind == "money" else None)
            for f in extract_figures(text) if f.kind == kind]


def _same_value(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def score_case(case: dict[str, Any], model: str, location: str) -> Tally:
    gold = gold_items(case, model, location)
    predicted = predict(case["Input"], model)
    tally = Tally(gold=len(gold), predicted=len(predicted))
    spans = {(p.start, p.end) for p in predicted}
    for g in gold:
        tally.span_hits += (g.start, g.end) in spans
        overlapping = [p for p in predicted if p.start < g.end and g.start < p.end]
        if any(_same_value(p.value, g.value) and (model != "currency" or p.unit == g.unit)
               for p in overlapping):
            tally.value_hits += 1
        else:
            tally.errors.append({"input": case["Input"], "gold": g.__dict__,
                                 "predicted": [p.__dict__ for p in overlapping]})
    if len(predicted) > len(gold):
        matched = {(g.start, g.end) for g in gold}
        tally.errors.extend({"input": case["Input"], "gold": None, "predicted": p.__dict__}
                            for p in predicted if (p.start, p.end) not in matched
                            and not any(p.start < g.end and g.start < p.end for g in gold))
    return tally


SPLITS = (None, "even", "odd", "dev", "held")


def in_split(case: dict[str, Any], number: int, split: str | None) -> bool:
    """Whether case ``number`` (1-based) of a file belongs to ``split``.

    even/odd: by position (case 1 is position 0, even). dev/held: by the first byte of the
    SHA-1 of the input; about half of the cases are held out, to be scored only at the end.
    """
    if split in ("even", "odd"):
        return (number % 2 == 1) == (split == "even")
    if split in ("dev", "held"):
        held = hashlib.sha1(case["Input"].encode("utf-8")).digest()[0] % 2 == 1
        return held == (split == "held")
    return True


def model_of(path: Path) -> str | None:
    return MODELS.get(path.stem)


def load_cases(path: Path) -> list[dict[str, Any]]:
    try:
        cases = json.loads(path.read_text("utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"cannot read Recognizers-Text JSON: {exc}", location=str(path),
                        hint="give a Recognizers-Text test file such as Number/German/NumberModel.json") from exc
    if not isinstance(cases, list) or not all(isinstance(c, dict) and "Input" in c for c in cases):
        raise EvalError("expected a JSON list of cases with Input and Results", location=str(path))
    return cases


def evaluate_path(path: str | Path, with_errors: bool = False, split: str | None = None) -> dict[str, Any]:
    """Scores for one Recognizers-Text file or every supported file under a folder.

    ``split`` ("even" or "odd") scores only the cases at even or odd positions of each file:
    rules tuned while looking at one half can be checked on the other. ``dev`` and ``held``
    split by a hash of the input instead (see :func:`in_split`), so a case stays on its side
    however the file is reordered or extended.
    """
    if split not in SPLITS:
        raise EvalError(f"unknown split {split!r}", hint="use even, odd, dev or held")
    root = Path(path)
    if not root.exists():
        raise EvalError("no such file or folder", location=str(root))
    files = sorted(root.rglob("*.json")) if root.is_dir() else [root]
    total, per_type = Tally(), {}
    per_file, skipped = {}, []
    for file in files:
        model = model_of(file)
        if model is None:
            skipped.append(str(file))
            continue
        tally = Tally()
        for number, case in enumerate(load_cases(file), 1):
            if not in_split(case, number, split):
                continue
            tally.add(score_case(case, model, f"{file}#case {number}"))
        per_file[str(file)] = tally.report(with_errors)
        per_type.setdefault(model, Tally()).add(tally)
        total.add(tally)
    if not per_file:
        raise EvalError("no NumberModel, PercentModel or CurrencyModel JSON file found", location=str(root))
    report = total.report()
    report["per_type"] = {model: t.report() for model, t in sorted(per_type.items())}
    report["per_file"] = per_file
    report["skipped"] = skipped
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = [f"{'':<12} {'P':>6} {'R':>6} {'F1':>6} {'value':>6} {'gold':>5}"]
    rows = [("all", report)] + list(report["per_type"].items())
    for name, row in rows:
        lines.append(f"{name:<12} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} "
                     f"{row['value_accuracy']:>6.3f} {row['gold']:>5}")
    if report["skipped"]:
        lines.append(f"skipped {len(report['skipped'])} file(s) of other models")
    return "\n".join(lines)
