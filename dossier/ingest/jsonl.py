"""JSONL / NDJSON: one JSON object per line, one article per object.

Each line is parsed on its own, so a broken line costs only that line: it is
yielded as :class:`MalformedRecord` with its line number and the next line is
read. Blank lines are skipped (editors and ``cat`` often leave them).
"""
from __future__ import annotations

import json

from dossier.errors import InputError, MalformedRecord
from dossier.ingest.base import ReadOptions, ReadResult, make_document
from dossier.ingest.decode import decode_text
from dossier.ingest.fields import lookup, record_metadata, record_text


def read_jsonl(data: bytes, origin: str, options: ReadOptions) -> ReadResult:
    decoded = decode_text(data, origin)
    # split("\n"), not splitlines(): U+2028 inside a JSON string is not a line break.
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        location = f"{origin}:line {number}"
        try:
            record = _parse_line(line, location)
            text = record_text(lookup(record, "text", options.field_map), location, options.field_map)
        except InputError as exc:
            yield exc
            continue
        metadata = record_metadata(record, options.field_map)
        yield make_document(text, location, decoded, metadata, structured=False)


def _parse_line(line: str, location: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"not valid JSON: {exc.msg} at column {exc.colno}",
                              location=location) from None
    if not isinstance(record, dict):
        raise MalformedRecord(f"expected a JSON object, found {type(record).__name__}",
                              location=location)
    return record
