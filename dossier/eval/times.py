"""Score the time normaliser on public annotated data.

Two formats:

* ``recognizers``: Recognizers-Text DateTime JSON (a list of cases with ``Input``,
  ``Context.ReferenceDateTime`` and ``Results[{Text, Start, End|Length, Resolution|Value}]``;
  ``End`` is inclusive). Each case is resolved against its own reference time with
  ``style="recognizers"`` (unstated years stay ``XXXX``; "15. November um 8 Uhr" and
  "den 28. Oktober" are one span). Recognizers-Text lists alternative readings; a value counts
  as right when it equals any of them.
* ``timex2``: the ACE APF layout of WikiWarsDE (``in/*.sgm`` text, ``key/*.key.apf.xml`` gold
  with TIMEX2 ``VAL``). APF offsets count UTF-8 bytes of the document with its SGML tags
  removed, end inclusive. Only the ``<TEXT>`` part is analysed, against the document's
  ``<DATETIME>``.

Spans are scored strictly (same start and end) and, for TIMEX2, relaxed (overlap); value
accuracy is the share of strictly matched spans whose value equals the gold value.

A deterministic split (``held`` = every case or document whose CRC32 of its key is divisible
by 4, ``dev`` = the rest) lets one tune on ``dev`` and check generalisation on ``held``.
"""
from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from dossier.analyse.times import normalise_times
from dossier.errors import EvalError
from dossier.eval import metrics

SPLITS = ("all", "dev", "held")


def in_split(key: str, split: str) -> bool:
    held = zlib.crc32(key.encode("utf-8")) % 4 == 0
    return split == "all" or (split == "held") == held


@dataclass
class Gold:
    start: int
    end: int  # exclusive
    text: str
    values: tuple[str, ...]  # alternatives; empty when the data gives no value


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    strict: int = 0
    relaxed_pred: int = 0
    relaxed_gold: int = 0
    valued: int = 0
    value_right: int = 0
    errors: list[dict] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("predicted", "gold", "strict", "relaxed_pred", "relaxed_gold", "valued", "value_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    def report(self, *, relaxed: bool) -> dict:
        precision, recall, f1 = metrics.prf(self.strict, self.predicted, self.strict, self.gold)
        out = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "value_accuracy": round(self.value_right / self.valued, 4) if self.valued else None,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.strict,
            "valued": self.valued,
        }
        if relaxed:
            rp, rr, rf = metrics.prf(self.relaxed_pred, self.predicted, self.relaxed_gold, self.gold)
            out.update({"relaxed_precision": round(rp, 4), "relaxed_recall": round(rr, 4),
                        "relaxed_f1": round(rf, 4)})
        return out


def normalise_value(value: str | None) -> str | None:
    """Map TIMEX2/TIMEX3 spelling differences that do not change the meaning.

    ``T07:00`` and ``T07`` name the same hour; a trailing time zone (``+01``) and zero seconds
    are dropped; case is ignored.
    """
    if value is None:
        return None
    value = value.strip().upper()
    value = re.sub(r"(T\d{2}:\d{2}):00$", r"\1", value)
    value = re.sub(r"(T\d{2}:\d{2})[+-]\d{2}(:?\d{2})?$", r"\1", value)
    value = re.sub(r"(T\d{2}):00$", r"\1", value)
    return value


def score_document(text: str, reference, gold: list[Gold], *, style: str,
                   label: str, with_errors: bool, offset: int = 0) -> Score:
    predicted = normalise_times(text, reference, style=style)
    for t in predicted:
        t.start += offset
        t.end += offset
    score = Score(predicted=len(predicted), gold=len(gold))
    by_span = {(t.start, t.end): t for t in predicted}
    for g in gold:
        match = by_span.get((g.start, g.end))
        if match is not None:
            score.strict += 1
            if g.values:
                score.valued += 1
                right = normalise_value(match.value) in {normalise_value(v) for v in g.values}
                score.value_right += right
                if not right and with_errors:
                    score.errors.append({"doc": label, "kind": "value", "text": g.text,
                                         "gold": list(g.values), "predicted": match.value})
        elif with_errors:
            near = [t.text for t in predicted if t.start < g.end and g.start < t.end]
            score.errors.append({"doc": label, "kind": "missed", "text": g.text, "gold": list(g.values),
                                 "overlapping": near})
    score.relaxed_gold = sum(any(t.start < g.end and g.start < t.end for t in predicted) for g in gold)
    score.relaxed_pred = sum(any(t.start < g.end and g.start < t.end for g in gold) for t in predicted)
    if with_errors:
        gold_spans = {(g.start, g.end) for g in gold}
        for t in predicted:
            if (t.start, t.end) not in gold_spans:
                score.errors.append({"doc": label, "kind": "spurious", "text": t.text, "predicted": t.value})
    return score


# --- Recognizers-Text -------------------------------------------------------------------------

def _recognizers_gold(case: dict, location: str) -> list[Gold]:
    text = case["Input"]
    gold: dict[tuple[int, int], Gold] = {}
    for result in case.get("Results") or []:
        try:
            start = int(result["Start"])
            end = start + int(result["Length"]) if "Length" in result else int(result["End"]) + 1
        except (KeyError, TypeError, ValueError) as exc:
            raise EvalError("a result lacks Start and End or Length", location=location) from exc
        values: list[str] = []
        resolution = result.get("Resolution") or {}
        for item in resolution.get("values", []) if isinstance(resolution, dict) else []:
            if item.get("timex"):
                values.append(item["timex"])
        if isinstance(result.get("Value"), dict) and result["Value"].get("Timex"):
            values.append(result["Value"]["Timex"])
        gold.setdefault((start, end), Gold(start, end, text[start:end], tuple(dict.fromkeys(values))))
    return list(gold.values())


def load_recognizers(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read Recognizers-Text JSON: {exc}", location=str(path)) from exc
    if not isinstance(data, list) or any(not isinstance(c, dict) or "Input" not in c for c in data):
        raise EvalError("expected a JSON list of cases with an Input field", location=str(path))
    return data


def eval_recognizers_file(path: Path, *, split: str = "all", with_errors: bool = False) -> Score:
    total = Score()
    for number, case in enumerate(load_recognizers(path), 1):
        if not in_split(case["Input"], split):
            continue
        reference = (case.get("Context") or {}).get("ReferenceDateTime")
        gold = _recognizers_gold(case, f"{path}#case {number}")
        total.add(score_document(case["Input"], reference, gold, style="recognizers",
                                 label=f"{path.name}#{number}", with_errors=with_errors))
    return total


def evaluate_recognizers(target: str | Path, *, split: str = "all", with_errors: bool = False) -> dict:
    target = Path(target)
    files = sorted(target.rglob("*.json")) if target.is_dir() else [target]
    if not files:
        raise EvalError("no JSON files found", location=str(target))
    total, per_file = Score(), {}
    for path in files:
        score = eval_recognizers_file(path, split=split, with_errors=with_errors)
        per_file[str(path.relative_to(target)) if target.is_dir() else path.name] = score.report(relaxed=False)
        total.add(score)
    report = total.report(relaxed=False) | {"format": "recognizers", "split": split, "files": per_file}
    if with_errors:
        report["errors"] = total.errors
    return report


# --- WikiWarsDE / ACE TIMEX2 -----------------------------------------------------------------

TAG = re.compile(r"<[^>]*>")
TIMEX2 = re.compile(r"<timex2 ([^>]*)>(.*?)</timex2>", re.DOTALL)
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
CHARSEQ = re.compile(r'<charseq START="(\d+)" END="(\d+)">', re.DOTALL)


def _byte_to_char(text: str) -> list[int]:
    """Char index for every UTF-8 byte offset of ``text`` (plus its end)."""
    table = []
    for index, char in enumerate(text):
        table.extend([index] * len(char.encode("utf-8")))
    table.append(len(text))
    return table


def load_timex2_document(sgm: Path, key: Path) -> tuple[str, str | None, int, int, list[Gold]]:
    """Signal text, document time, TEXT section bounds and gold mentions of one APF document."""
    raw = sgm.read_text(encoding="utf-8")
    signal = TAG.sub("", raw)
    head = re.search(r"<DATETIME>(.*?)</DATETIME>", raw, re.DOTALL)
    dct = head.group(1).strip() if head else None
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    if not body:
        raise EvalError("document has no <TEXT> section", location=str(sgm))
    text_start = len(TAG.sub("", raw[:body.start(1)]))
    text_end = text_start + len(TAG.sub("", body.group(1)))
    chars = _byte_to_char(signal)
    gold = []
    for match in TIMEX2.finditer(key.read_text(encoding="utf-8")):
        attributes: dict[str, str] = {}
        for name, value in ATTRIBUTE.findall(match.group(1)):
            attributes.setdefault(name, value)  # a few entries repeat VAL; the first one counts
        span = CHARSEQ.search(match.group(2))
        if not span:
            raise EvalError("a timex2 has no charseq", location=str(key))
        start, end = chars[int(span.group(1))], chars[int(span.group(2)) + 1]
        if start < text_start:
            continue  # the document time in the header is not part of the text
        value = attributes.get("VAL")
        gold.append(Gold(start, end, signal[start:end], (value,) if value else ()))
    return signal, dct, text_start, text_end, gold


def evaluate_timex2(target: str | Path, *, split: str = "all", with_errors: bool = False) -> dict:
    target = Path(target)
    texts = target / "in"
    if not texts.is_dir():
        raise EvalError("expected a folder with in/ and key/", location=str(target),
                        hint="point at the WikiWarsDE folder (in/ text, key/ APF XML)")
    total, per_file = Score(), {}
    for sgm in sorted(texts.glob("*.sgm")):
        key = target / "key" / f"{sgm.stem}.key.apf.xml"
        if not key.exists() or not in_split(sgm.stem, split):
            continue
        signal, dct, text_start, text_end, gold = load_timex2_document(sgm, key)
        score = score_document(signal[text_start:text_end], dct, gold, style="timex",
                               label=sgm.stem, with_errors=with_errors, offset=text_start)
        per_file[sgm.stem] = score.report(relaxed=True)
        total.add(score)
    if not per_file:
        raise EvalError("no document with a key file in this split", location=str(target))
    report = total.report(relaxed=True) | {"format": "timex2", "split": split, "files": per_file}
    if with_errors:
        report["errors"] = total.errors
    return report


def format_report(report: dict) -> str:
    lines = []
    relaxed = report["format"] == "timex2"
    header = f"{'file':<40} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"
    header += f" {'relF1':>6}" if relaxed else ""
    lines.append(header + f" {'value':>6}")

    def row(name: str, r: dict) -> str:
        value = f"{r['value_accuracy']:.3f}" if r["value_accuracy"] is not None else "   -  "
        text = f"{name:<40} {r['gold']:>5} {r['predicted']:>5} {r['precision']:.3f} {r['recall']:.3f} {r['f1']:.3f}"
        text += f" {r['relaxed_f1']:.3f}" if relaxed else ""
        return text + f" {value}"

    for name, r in report["files"].items():
        lines.append(row(name, r))
    lines.append(row(f"TOTAL ({report['split']})", report))
    return "\n".join(lines)
