"""Exports of a Dossier database: articles (the JSONL contract) and entities.

One JSONL line per article carries the contract fields of DESIGN.md, in this
order, and never renames them::

    id source url title authors published syndicated_from language text removed
    duplicate_of mentions entities quotes times figures events

Every span object carries all fields of its model dataclass (``Mention``,
``Quote``, ``TimeExpr``, ``Figure``, ``Event``), so the contract keys are a
subset. Extra top-level fields: ``headings``, ``flags``, ``origin``,
``encoding``, ``content_hash``, ``extra``, ``schema_version`` (:data:`SCHEMA_VERSION`), ``versions``
(layer -> the model that produced it, see :mod:`dossier.analyse.versions`) (and ``raw_text``,
``offset_map`` with ``include_raw=True``). ``dossier/schema/article.schema.json`` documents each.

CSV has one row per article: scalars as they are, lists and objects as JSON
text. Parquet has typed nested columns (lists of structs) built from the
model dataclasses; free-form objects (``extra``, ``flags``, entity ``roles``)
are JSON strings there.
"""
from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from types import UnionType
from typing import IO, Any, Union, get_args, get_origin, get_type_hints

from dossier.errors import ConfigError, MissingDependency
from dossier.model import Article, Entity, Event, Figure, Heading, Mention, Quote, Removed, TimeExpr
from dossier.store.base import Store

FORMATS = ("jsonl", "csv", "parquet")
CONTRACT_FIELDS = (
    "id", "source", "url", "title", "authors", "published", "syndicated_from", "language", "text",
    "removed", "duplicate_of", "mentions", "entities", "quotes", "times", "figures", "events",
)
EXTRA_FIELDS = ("headings", "flags", "origin", "encoding", "content_hash", "extra", "schema_version", "versions")
# Version of article.schema.json the lines follow: the major part changes only if a contract field
# ever had to change; the minor part counts added fields (1.1: ids and *_ref fields, versions).
SCHEMA_VERSION = "1.1"
# Version of entity.schema.json the lines of ``export --entities`` follow, counted the same way
# (1.1: schema_version added to the 1.0 fields id … last_seen).
ENTITY_SCHEMA_VERSION = "1.1"
RAW_FIELDS = ("raw_text", "offset_map")

# The Python type of every article column, from which the Parquet schema is built.
ARTICLE_COLUMN_TYPES: dict[str, Any] = {
    "id": str, "source": str | None, "url": str | None, "title": str | None, "authors": list[str],
    "published": str | None, "syndicated_from": str | None, "language": str | None, "text": str,
    "removed": list[Removed], "duplicate_of": str | None, "mentions": list[Mention],
    "entities": list[Entity], "quotes": list[Quote], "times": list[TimeExpr], "figures": list[Figure],
    "events": list[Event], "headings": list[Heading], "flags": list[dict], "origin": str,
    "encoding": str | None, "content_hash": str | None, "extra": dict, "schema_version": str, "versions": dict,
    "raw_text": str, "offset_map": list[list[int]],
}
ENTITY_COLUMN_TYPES: dict[str, Any] = {
    "id": str, "name": str, "type": str, "aliases": list[str], "external_id": str | None,
    "roles": list[dict], "mentions": int, "articles": int, "first_seen": str | None,
    "last_seen": str | None, "schema_version": str,
}


def load_schema(name: str = "article") -> dict[str, Any]:
    """The JSON Schema of one export line: ``article`` or ``entity``."""
    from importlib import resources

    path = resources.files("dossier").joinpath("schema", f"{name}.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _plain(item: Any) -> dict[str, Any]:
    """Fields of a layer dataclass as a dict (like ``asdict``, minus its slow deep copy)."""
    data = {name: getattr(item, name) for name, _ in _field_hints(type(item))}
    if isinstance(item, Event):
        data["participants"] = [_plain(p) for p in item.participants]
        data["figures"] = list(item.figures)
    return data


# --- records ---------------------------------------------------------------------------
def entity_record(entity: Entity) -> dict[str, Any]:
    """``{id, name, type, aliases, roles}`` plus ``external_id`` when it is known."""
    record: dict[str, Any] = {"id": entity.id, "name": entity.name, "type": entity.type,
                              "aliases": list(entity.aliases), "roles": list(entity.roles)}
    if entity.external_id is not None:
        record["external_id"] = entity.external_id
    return record


def _referenced_entities(article: Article) -> Iterator[tuple[str, str, str]]:
    """(entity id, fallback name, fallback type) of every resolved id in the layers, in text order."""
    for mention in article.mentions:
        if mention.entity:
            yield mention.entity, mention.text, mention.label
    for quote in article.quotes:
        if quote.speaker_entity:
            yield quote.speaker_entity, quote.speaker or quote.speaker_entity, "PER"
    for event in article.events:
        for participant in event.participants:
            if participant.entity:
                yield participant.entity, participant.name or participant.entity, "MISC"
    for figure in article.figures:
        if figure.subject_entity:
            yield figure.subject_entity, figure.subject or figure.subject_entity, "MISC"


def article_entities(article: Article, canonical: dict[str, Entity]) -> list[dict[str, Any]]:
    """The entities the article's layers point to: corpus-canonical first, else the
    article's own list, else a minimal entry from the first mention (so every id resolves)."""
    local = {e.id: e for e in article.entities}
    records: dict[str, dict[str, Any]] = {}
    for entity_id, name, label in _referenced_entities(article):
        if entity_id in records:
            continue
        entity = canonical.get(entity_id) or local.get(entity_id) or Entity(entity_id, name, label)
        records[entity_id] = entity_record(entity)
    return list(records.values())


def article_record(article: Article, store: Store | None = None, *,
                   canonical: dict[str, Entity] | None = None, include_raw: bool = False) -> dict[str, Any]:
    """The JSONL export object of one article (see the module docstring and the JSON Schema)."""
    if canonical is None:
        canonical = {e.id: e for e in store.get_entities()} if store is not None else {}
    record: dict[str, Any] = {
        "id": article.id, "source": article.source, "url": article.url, "title": article.title,
        "authors": list(article.authors), "published": article.published,
        "syndicated_from": article.syndicated_from, "language": article.language, "text": article.text,
        "removed": [_plain(r) for r in article.removed], "duplicate_of": article.duplicate_of,
        "mentions": [_plain(m) for m in article.mentions],
        "entities": article_entities(article, canonical),
        "quotes": [_plain(q) for q in article.quotes], "times": [_plain(t) for t in article.times],
        "figures": [_plain(f) for f in article.figures], "events": [_plain(e) for e in article.events],
        "headings": [_plain(h) for h in article.headings], "flags": list(article.flags),
        "origin": article.origin, "encoding": article.encoding,
        "content_hash": article.extra.get("content_hash"),
        "extra": {k: v for k, v in article.extra.items() if k != "versions"},
        "schema_version": SCHEMA_VERSION, "versions": dict(article.extra.get("versions") or {}),
    }
    if include_raw:
        record["raw_text"] = article.raw_text
        record["offset_map"] = article.offset_map.to_json()
    return record


def article_records(store: Store, *, include_raw: bool = False) -> Iterator[dict[str, Any]]:
    canonical = {e.id: e for e in store.get_entities()}
    for article in store.iter_articles():
        yield article_record(article, canonical=canonical, include_raw=include_raw)


def entity_records(store: Store) -> list[dict[str, Any]]:
    """Every canonical entity with mention and article counts, the first and last
    publication date of the articles that mention it, and ``schema_version``
    (:data:`ENTITY_SCHEMA_VERSION`). Duplicates (``duplicate_of``
    set) are not counted, so a syndicated copy does not double an entity's mentions.
    Ids the mentions point to that the entity table lacks (resolution not run) are
    listed too, from the article's own entity list."""
    stats: dict[str, dict[str, Any]] = {}
    for summary, mention in store.iter_layer("mentions"):
        entity_id = mention.get("entity")
        if not entity_id or summary.duplicate_of:
            continue
        seen = stats.setdefault(entity_id, {"mentions": 0, "articles": set(), "dates": set(),
                                            "first_article": summary.id, "mention": mention})
        seen["mentions"] += 1
        seen["articles"].add(summary.id)
        if summary.published:
            seen["dates"].add(summary.published[:10])
    entities = {e.id: e for e in store.get_entities()}
    for entity_id in sorted(set(stats) - set(entities)):
        entities[entity_id] = _local_entity(store, entity_id, stats[entity_id])
    records = []
    for entity_id in sorted(entities):
        seen = stats.get(entity_id, {"mentions": 0, "articles": set(), "dates": set()})
        entity = entities[entity_id]
        records.append({
            "id": entity.id, "name": entity.name, "type": entity.type, "aliases": list(entity.aliases),
            "external_id": entity.external_id, "roles": list(entity.roles),
            "mentions": seen["mentions"], "articles": len(seen["articles"]),
            "first_seen": min(seen["dates"], default=None), "last_seen": max(seen["dates"], default=None),
            "schema_version": ENTITY_SCHEMA_VERSION,
        })
    return records


def _local_entity(store: Store, entity_id: str, seen: dict[str, Any]) -> Entity:
    article = store.get_article(seen["first_article"])
    for entity in article.entities if article else []:
        if entity.id == entity_id:
            return entity
    return Entity(entity_id, seen["mention"].get("text", entity_id), seen["mention"].get("label", "MISC"))


# --- writers -------------------------------------------------------------------------
def export_articles(store: Store, out: IO | str | Path, fmt: str = "jsonl", *,
                    include_raw: bool = False) -> int:
    """Write every stored article to ``out`` (a path or an open text/binary stream);
    return how many were written."""
    columns = CONTRACT_FIELDS + EXTRA_FIELDS + (RAW_FIELDS if include_raw else ())
    types = {name: ARTICLE_COLUMN_TYPES[name] for name in columns}
    return _write(article_records(store, include_raw=include_raw), out, fmt, types)


def export_entities(store: Store, out: IO | str | Path, fmt: str = "jsonl") -> int:
    """Write every entity (see :func:`entity_records`) to ``out``; return how many."""
    return _write(entity_records(store), out, fmt, ENTITY_COLUMN_TYPES)


def _write(records: Iterable[dict[str, Any]], out: IO | str | Path, fmt: str, types: dict[str, Any]) -> int:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", hint=f"one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        with _binary_stream(out) as stream:
            return _write_parquet(records, stream, types)
    with _text_stream(out) as stream:
        if fmt == "jsonl":
            count = 0
            for record in records:
                stream.write(_json_line(record) + "\n")
                count += 1
            return count
        return _write_csv(records, stream, list(types))


def _json_line(record: dict[str, Any]) -> str:
    """Strict JSON: a NaN or infinite number (not valid JSON) is written as null."""
    try:
        return json.dumps(record, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(record), ensure_ascii=False, allow_nan=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _write_csv(records: Iterable[dict[str, Any]], stream: IO[str], columns: list[str]) -> int:
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                         for k, v in record.items()})
        count += 1
    return count


def _is_binary(stream: IO) -> bool:
    if isinstance(stream, io.TextIOBase):
        return False
    return isinstance(stream, (io.BufferedIOBase, io.RawIOBase)) or "b" in getattr(stream, "mode", "")


@contextmanager
def _text_stream(out: IO | str | Path) -> Iterator[IO[str]]:
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle
    elif not _is_binary(out):
        yield out
    else:  # write UTF-8 through a wrapper that must not close the caller's stream
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


@contextmanager
def _binary_stream(out: IO | str | Path) -> Iterator[IO[bytes]]:
    if isinstance(out, (str, Path)):
        with open(out, "wb") as handle:
            yield handle
    elif not _is_binary(out):
        if not hasattr(out, "buffer"):
            raise ConfigError("parquet is binary and cannot be written to a text stream",
                              hint="give a file path or a binary stream")
        out.flush()
        yield out.buffer
    else:
        yield out


# --- parquet -------------------------------------------------------------------------
def _write_parquet(records: Iterable[dict[str, Any]], stream: IO[bytes], types: dict[str, Any],
                   batch_size: int = 500) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise MissingDependency("pyarrow", "Parquet export") from exc
    schema = pa.schema([(name, _arrow_type(pa, hint)) for name, hint in types.items()])
    converters = {name: _converter(hint) for name, hint in types.items()}
    count = 0
    with pq.ParquetWriter(stream, schema) as writer:
        for batch in _batches(records, batch_size):
            rows = [{name: convert(record.get(name)) for name, convert in converters.items()}
                    for record in batch]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


_SCALARS = {int: "int64", float: "float64", str: "string", bool: "bool_"}


def _unwrap_optional(hint: Any) -> Any:
    if get_origin(hint) in (Union, UnionType):
        (inner,) = [arg for arg in get_args(hint) if arg is not type(None)]
        return inner
    return hint


@lru_cache(maxsize=None)
def _field_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, resolved type) of each dataclass field; resolving is slow, so once per class."""
    hints = get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in fields(cls))


def _arrow_type(pa: Any, hint: Any) -> Any:
    """Arrow type of a model type: dataclass -> struct, list -> list, dict/Any -> JSON string."""
    hint = _unwrap_optional(hint)
    if get_origin(hint) is list:
        return pa.list_(_arrow_type(pa, get_args(hint)[0]))
    if is_dataclass(hint):
        return pa.struct([(name, _arrow_type(pa, sub)) for name, sub in _field_hints(hint)])
    return getattr(pa, _SCALARS.get(hint, "string"))()


@lru_cache(maxsize=None)
def _converter(hint: Any) -> Callable[[Any], Any]:
    """A function shaping a value for :func:`_arrow_type` of ``hint`` (free-form objects as
    JSON text); built once per type because walking type hints per value is slow."""
    hint = _unwrap_optional(hint)
    if get_origin(hint) is list:
        item = _converter(get_args(hint)[0])
        return lambda value: None if value is None else [item(v) for v in value]
    if is_dataclass(hint):
        parts = [(name, _converter(sub)) for name, sub in _field_hints(hint)]
        return lambda value: None if value is None else {name: conv(value.get(name)) for name, conv in parts}
    if hint is float:
        return lambda value: None if value is None else float(value)
    if hint in _SCALARS:
        return lambda value: value
    return lambda value: None if value is None else json.dumps(value, ensure_ascii=False)
