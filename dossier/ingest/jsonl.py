"""JSONL / NDJSON: one JSON object per line, one article per object.

Each line is parsed on its own, so a broken line costs only that line: it is
yielded as :class:`MalformedRecord` with its line number and the next line is
read. Blank lines are skipped (editors and ``cat`` often leave them).

Plain ``.json`` exports come here too: a top-level array yields one article
per element (origin ``path#item N``), a single pretty-printed object one
article. Such a file is parsed as a whole, so one syntax error costs it all.
"""
from __future__ import annotations

import json

from dossier.errors import InputError, MalformedRecord
from dossier.ingest.base import ReadOptions, ReadResult, make_document
from dossier.ingest.decode import Decoded, decode_text
from dossier.ingest.fields import lookup, record_metadata, record_text


def read_jsonl(data: bytes, origin: str, options: ReadOptions) -> ReadResult:
    decoded = decode_text(data, origin)
    if _is_whole_document(decoded.text):
        yield from _read_json_document(decoded, origin, options)
        return
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
        raise MalformedRecord(f"not valid JSON ({exc.msg}, column {exc.colno})",
                              location=location) from None
    except RecursionError:
        raise _too_deep(location) from None
    if not isinstance(record, dict):
        raise MalformedRecord(f"expected a JSON object, found {type(record).__name__}",
                              location=location)
    return record


def _too_deep(location: str) -> MalformedRecord:
    # Python's JSON parser recurses once per nesting level: about a thousand levels of
    # [[[... or {"a": {"a": ... exhaust the stack (found by the property tests).
    return MalformedRecord("the JSON nests arrays or objects too deeply to parse", location=location,
                           hint="an article record nests a few levels at most; check the file")


def _is_whole_document(text: str) -> bool:
    """A JSON array, or one object spread over several lines (not JSONL).

    A file whose first line is broken JSON but which does not parse as a
    whole stays JSONL, so one bad first line costs only that line.
    """
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        return True
    if not stripped.startswith("{"):
        return False
    try:
        json.loads(stripped.split("\n", 1)[0])
        return False
    except (json.JSONDecodeError, RecursionError):
        pass
    try:
        return isinstance(json.loads(text), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _read_json_document(decoded: Decoded, origin: str, options: ReadOptions) -> ReadResult:
    try:
        document = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
                              location=origin, hint="fix the JSON syntax") from None
    except RecursionError:
        raise _too_deep(origin) from None
    records = document if isinstance(document, list) else [document]
    for number, record in enumerate(records, start=1):
        location = f"{origin}#item {number}" if isinstance(document, list) else origin
        try:
            if not isinstance(record, dict):
                raise MalformedRecord(f"expected a JSON object, found {type(record).__name__}",
                                      location=location)
            text = record_text(lookup(record, "text", options.field_map), location, options.field_map)
        except InputError as exc:
            yield exc
            continue
        yield make_document(text, location, decoded, record_metadata(record, options.field_map))
