"""A seed knowledge base: canonical names, aliases and external ids (e.g. Wikidata QIDs).

``dossier kb import FILE`` reads CSV, JSON or JSONL records with the fields
``name``, ``type`` (PER/ORG/LOC/MISC), ``aliases`` (a list, or ``|``/``;``
separated in CSV) and ``external_id`` (also accepted as ``qid``, ``wikidata``
or ``id``), and stores each as a canonical entity. Cross-document resolution
then links matching article entities to them, so the export carries the
``external_id``.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from dossier.analyse.entities.names import canonical_id, compact_key
from dossier.errors import InputError, MalformedRecord
from dossier.model import LABELS, Entity
from dossier.store.base import Store

TYPE_SYNONYMS = {"PERSON": "PER", "ORGANIZATION": "ORG", "ORGANISATION": "ORG", "LOCATION": "LOC",
                 "PLACE": "LOC", "GPE": "LOC", "OTHER": "MISC", "OTH": "MISC"}
EXTERNAL_ID_FIELDS = ("external_id", "qid", "wikidata", "id")


def read_kb(path: str | Path) -> list[Entity]:
    """The entities in a KB file (CSV, JSON list/object, or JSONL)."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read the knowledge-base file: {exc.strerror}", location=str(path),
                         hint="check the path") from exc
    records = list(_records(raw, path))
    entities = [_entity(record, f"{path}:{where}") for where, record in records]
    if not entities:
        raise InputError("the knowledge-base file has no records", location=str(path),
                         hint="give a CSV with a header name,type,aliases,external_id or a JSON list")
    return entities


def _records(raw: str, path: Path):
    text = raw.strip()
    if path.suffix.lower() == ".jsonl" or (text.startswith("{") and "\n{" in text):
        for number, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                yield f"line {number}", _json(line, f"{path}:line {number}")
    elif path.suffix.lower() == ".json" or text[:1] in "[{":
        data = _json(text, str(path))
        items = data.get("entities", [data]) if isinstance(data, dict) else data
        for number, item in enumerate(items, 1):
            yield f"record {number}", item
    else:
        reader = csv.DictReader(io.StringIO(raw))
        if not reader.fieldnames or "name" not in [f.strip().lower() for f in reader.fieldnames]:
            raise MalformedRecord("the CSV header has no 'name' column", location=f"{path}:line 1",
                                  hint="use the header name,type,aliases,external_id")
        for number, row in enumerate(reader, 2):
            yield f"line {number}", {k.strip().lower(): v for k, v in row.items() if k}


def _json(text: str, location: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"invalid JSON: {exc.msg}", location=location) from exc


def _entity(record, location: str) -> Entity:
    if not isinstance(record, dict):
        raise MalformedRecord("a record must be an object with name and type", location=location)
    name = str(record.get("name") or "").strip()
    if not name:
        raise MalformedRecord("the record has no name", location=location)
    entity_type = str(record.get("type") or "").strip().upper()
    entity_type = TYPE_SYNONYMS.get(entity_type, entity_type)
    if entity_type not in LABELS:
        raise MalformedRecord(f"unknown type {record.get('type')!r} for {name!r}", location=location,
                              hint=f"use one of {', '.join(LABELS)}")
    aliases = record.get("aliases") or []
    if isinstance(aliases, str):
        aliases = aliases.replace(";", "|").split("|")
    aliases = sorted({str(a).strip() for a in aliases if str(a).strip() and str(a).strip() != name})
    external_id = next((str(record[f]).strip() for f in EXTERNAL_ID_FIELDS if record.get(f)), None)
    return Entity(canonical_id(entity_type, name), name, entity_type, aliases, external_id)


def import_kb(store: Store, path: str | Path) -> list[Entity]:
    """Store the KB file's entities as canonical entities (aliases merge with stored ones)."""
    stored = {e.id: e for e in store.get_entities()}
    merged = []
    for entity in read_kb(path):
        old = stored.get(entity.id)
        if old is not None:
            entity.aliases = sorted(set(old.aliases) | set(entity.aliases))
            entity.roles = old.roles
            entity.external_id = entity.external_id or old.external_id
        merged.append(entity)
    store.upsert_entities(merged)
    return merged


def kb_entities(store: Store) -> list[Entity]:
    """Stored entities that came from a KB (they carry an external id)."""
    return store.kb_entities()


def kb_keys(entity: Entity) -> set[str]:
    return {k for k in (compact_key(n) for n in [entity.name, *entity.aliases]) if k}
