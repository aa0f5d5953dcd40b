"""CSV / TSV: one article per row.

Real exports disagree on everything: delimiter (``;`` in German Excel
exports, ``,``, tab), quote character (10kGNAD quotes with ``'``), and
whether there is a header row. :func:`detect_dialect` tries ``csv.Sniffer``
and then scores every candidate by how consistently it splits the first
records, because the Sniffer gives up on long quoted text fields.

Columns are chosen by the field map (names, or 0-based indexes for a
header-less file), else by header names, else by shape: in a header-less
file the column with the longest cells is the text, and in a two-column file
a short other column is the label (10kGNAD's ``label;'text'``).
Origins read ``path:row N`` where N counts CSV records from 1, header included.
"""
from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from dossier.errors import InputError, MalformedRecord
from dossier.ingest.base import DOSSIER_FIELDS, ReadOptions, ReadResult, make_document
from dossier.ingest.decode import decode_text
from dossier.ingest.fields import DEFAULT_NAMES, record_metadata, record_text

DELIMITERS = (";", ",", "\t", "|")
QUOTECHARS = ('"', "'")
SAMPLE_CHARS = 65536
SAMPLE_RECORDS = 50
SHORT_CELL = 40  # a label or a header cell is short; article text is not


def read_csv(data: bytes, origin: str, options: ReadOptions) -> ReadResult:
    yield from _read(data, origin, options, delimiter=None)


def read_tsv(data: bytes, origin: str, options: ReadOptions) -> ReadResult:
    yield from _read(data, origin, options, delimiter="\t")


def _read(data: bytes, origin: str, options: ReadOptions, delimiter: str | None) -> ReadResult:
    decoded = decode_text(data, origin)
    text = decoded.text
    dialect = detect_dialect(text[:SAMPLE_CHARS], delimiter)
    # Article texts can exceed the csv module's 128 KiB field limit.
    csv.field_size_limit(min(sys.maxsize, max(options.max_bytes, 1 << 20)))
    sample_rows = _parse(text[:SAMPLE_CHARS], dialect)[:SAMPLE_RECORDS]
    header = _detect_header(sample_rows, options.field_map)
    columns = _choose_columns(header, sample_rows[1 if header else 0:], options.field_map, origin)
    header_pending = header is not None
    for number, row in _records(text, dialect, origin):
        location = f"{origin}:row {number}"
        if not isinstance(row, _Unparsable) and not any(cell.strip() for cell in row):
            continue  # blank line
        if header_pending:
            header_pending = False
            continue
        try:
            if isinstance(row, _Unparsable):
                raise MalformedRecord(f"cannot parse the row: {row.message}", location=location)
            record = _row_record(row, columns, location)
            article_text = record_text(record.get("text"), location, {"text": columns["text"]})
        except InputError as exc:
            yield exc
            continue
        identity = {name: name for name in record}
        yield make_document(article_text, location, decoded, record_metadata(record, identity))


def detect_dialect(sample: str, delimiter: str | None = None) -> tuple[str, str]:
    """(delimiter, quotechar) that split ``sample`` most consistently."""
    candidates = [(d, q) for d in ((delimiter,) if delimiter else DELIMITERS) for q in QUOTECHARS]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS))
        if (not delimiter or sniffed.delimiter == delimiter) and sniffed.quotechar in QUOTECHARS:
            candidates.insert(0, (sniffed.delimiter, sniffed.quotechar))
    except csv.Error:
        pass  # the Sniffer fails on long quoted fields; the scoring below does not
    return max(candidates, key=lambda cand: _consistency(sample, cand))


def _consistency(sample: str, dialect: tuple[str, str]) -> tuple[float, int, int]:
    rows = _parse(sample, dialect)
    if len(rows) > 1:
        rows = rows[:-1]  # the sample may cut the last record in half
    rows = rows[:SAMPLE_RECORDS]
    if not rows:
        return (0.0, 0, 0)
    widths = Counter(len(row) for row in rows)
    width, count = widths.most_common(1)[0]
    if width < 2:
        return (0.0, 0, 0)
    delimiter, quote = dialect
    quoted_fields = sample.count(delimiter + quote) + sample.count("\n" + quote)
    return (count / len(rows), quoted_fields, width)


def _parse(text: str, dialect: tuple[str, str]) -> list[list[str]]:
    try:
        return [row for row in _reader(text, dialect) if row]
    except csv.Error:
        return []


def _reader(text: str, dialect: tuple[str, str]):
    delimiter, quote = dialect
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar=quote,
                      doublequote=True, skipinitialspace=False)


def _records(text: str, dialect: tuple[str, str], origin: str) -> Iterator[tuple[int, "list[str] | _Unparsable"]]:
    reader = _reader(text, dialect)
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield number, _Unparsable(str(exc))
            continue
        yield number, row


@dataclass(frozen=True)
class _Unparsable:
    """A row the csv module could not parse. Not an in-band marker row: a cell holding the
    marker text once passed for an error and crashed the reader (found by fuzzing)."""

    message: str


def _detect_header(rows: list[list[str]], field_map: dict[str, str]) -> list[str] | None:
    """The header row, or None. A field map naming columns by name implies one."""
    if not rows:
        return None
    first = rows[0]
    if field_map and not all(value.isdigit() for value in field_map.values()):
        return first
    if field_map:
        return first if _header_like(first) and _names_known(first) else None
    if not _header_like(first):
        return None
    if _names_known(first):
        return first
    try:
        sample = "\n".join(",".join(f'"{c}"' for c in row) for row in rows[:20])
        return first if csv.Sniffer().has_header(sample) else None
    except csv.Error:
        return None


def _header_like(row: list[str]) -> bool:
    cells = [cell.strip() for cell in row]
    return all(cells) and len(set(cells)) == len(cells) and all(
        len(cell) <= SHORT_CELL and not cell.replace(".", "").isdigit() for cell in cells)


def _names_known(row: list[str]) -> bool:
    known = {name for names in DEFAULT_NAMES.values() for name in names}
    return any(cell.strip().lower() in known for cell in row)


def _choose_columns(header: list[str] | None, rows: list[list[str]],
                    field_map: dict[str, str], origin: str) -> dict[str, int]:
    """Dossier field -> column index: defaults first, the field map overrides them."""
    columns = _columns_by_header(header, rows) if header else _columns_by_shape(rows)
    if field_map:
        mapped = {name: _column_index(value, header, origin) for name, value in field_map.items()}
        if "text" in mapped:
            columns = {name: index for name, index in columns.items() if index != mapped["text"]}
        columns.update(mapped)
    return columns


def _columns_by_header(header: list[str], rows: list[list[str]]) -> dict[str, int]:
    lowered = [cell.strip().lower() for cell in header]
    columns = {}
    for name in DOSSIER_FIELDS:
        for candidate in DEFAULT_NAMES[name]:
            if candidate in lowered:
                columns[name] = lowered.index(candidate)
                break
    if "text" not in columns:
        columns["text"] = _longest_column(rows)
    return columns


def _column_index(value: str, header: list[str] | None, origin: str) -> int:
    if value.isdigit():
        return int(value)
    names = [cell.strip().lower() for cell in header or []]
    if value.lower() not in names:
        raise InputError(f"no column named {value!r} (columns: {', '.join(header or [])})",
                         location=origin, hint="check the names given with --field")
    return names.index(value.lower())


def _columns_by_shape(rows: list[list[str]]) -> dict[str, int]:
    text_column = _longest_column(rows)
    columns = {"text": text_column}
    width = Counter(len(row) for row in rows).most_common(1)[0][0] if rows else 1
    # The longest column can lie beyond the usual two when a few rows are wider (found by
    # fuzzing: 1 - text_column was then negative and indexed short rows from the end).
    if width == 2 and text_column in (0, 1):
        other = 1 - text_column
        cells = [row[other] for row in rows if len(row) > other]
        if cells and max(len(cell) for cell in cells) <= SHORT_CELL:
            columns["label"] = other
    return columns


def _longest_column(rows: list[list[str]]) -> int:
    totals: Counter[int] = Counter()
    for row in rows:
        for index, cell in enumerate(row):
            totals[index] += len(cell)
    return totals.most_common(1)[0][0] if totals else 0


def _row_record(row: list[str], columns: dict[str, int], location: str) -> dict[str, str]:
    needed = columns["text"] + 1
    if len(row) < needed:
        raise MalformedRecord(f"the row has {len(row)} columns, the text is in column {needed}",
                              location=location, hint="check the delimiter and quoting of that row")
    return {name: row[index] for name, index in columns.items() if index < len(row)}
