"""Plain records of query results, for JSON and CSV: dataclasses as dicts, nested values of
a CSV cell as JSON text, infinities (an open bound) as null."""
from __future__ import annotations

import csv
import json
import math
from dataclasses import asdict, is_dataclass
from typing import IO, Any, Iterable


def plain(item: Any) -> Any:
    """A dataclass (or list/dict of them) as JSON-ready values."""
    if is_dataclass(item) and not isinstance(item, type):
        return plain(asdict(item))
    if isinstance(item, dict):
        return {key: plain(value) for key, value in item.items()}
    if isinstance(item, (list, tuple)):
        return [plain(value) for value in item]
    if isinstance(item, float) and not math.isfinite(item):
        return None
    return item


def flat(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One CSV row: nested dicts as ``outer_inner`` columns, lists as JSON text."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(flat(value, f"{name}_"))
        elif isinstance(value, list):
            row[name] = json.dumps(value, ensure_ascii=False)
        else:
            row[name] = value
    return row


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write flat rows as CSV with a header (the union of their columns); returns the count."""
    rows = [flat(plain(r)) for r in rows]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)
