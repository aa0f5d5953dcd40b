"""Turn an :class:`Article` into plain JSON-able records and back.

Both stores keep exactly these records (SQLite as columns and JSON text, the
in-memory double as JSON strings), so the round trip ``get_article(add(a))``
is the same for every backend and only JSON-representable values survive.
Unknown keys in a stored record are dropped on the way back, so a database
written by a newer version with extra dataclass fields still loads.
"""
from __future__ import annotations

import copy
import json
from dataclasses import fields
from functools import lru_cache
from typing import Any, Callable

from dossier.errors import ConfigError, StoreError
from dossier.model import (
    Article, Entity, Event, Figure, Heading, Mention, OffsetMap, Participant, Quote, Removed,
    TimeExpr, content_hash,
)

# The per-article analysis layers kept in the ``annotations`` table, with their span class.
LAYER_CLASSES: dict[str, type] = {
    "mentions": Mention,
    "quotes": Quote,
    "times": TimeExpr,
    "figures": Figure,
    "events": Event,
}
LAYERS = tuple(LAYER_CLASSES)

# Article columns stored as they are (scalars) and as JSON text (lists, dicts).
SCALAR_COLUMNS = (
    "id", "origin", "source", "url", "title", "published", "syndicated_from", "language",
    "encoding", "duplicate_of", "text", "raw_text",
)
JSON_COLUMNS = ("authors", "offset_map", "removed", "headings", "flags", "extra", "entities")


# One encoder for every record (json.dumps with options builds a new one per call).
_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=True)


def dumps(value: Any, *, what: str) -> str:
    """JSON text of ``value``; a value JSON cannot hold fails the whole batch."""
    try:
        text = _JSON.encode(value)
    except (TypeError, ValueError) as exc:
        raise StoreError(
            f"{what} cannot be stored: {exc}",
            hint="only JSON values (str, number, bool, None, list, dict) can be stored",
        ) from exc
    return checked_text(text, what=what)


def checked_text(text: str, *, what: str) -> str:
    """``text`` if it is valid Unicode; lone surrogates (from ``surrogateescape``) cannot be stored."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise StoreError(f"{what} cannot be stored: it holds undecodable bytes ({exc.reason})",
                         hint="decode the input with its real encoding first") from exc
    return text


def hash_of(article: Article) -> str:
    """The idempotency key: ``extra["content_hash"]``, else a hash of the text."""
    stored = article.extra.get("content_hash")
    if stored:
        return str(stored)
    return content_hash(article.text or article.raw_text)


@lru_cache(maxsize=None)
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def _build(cls: type, data: dict[str, Any]) -> Any:
    known = _field_names(cls)
    return cls(**{k: v for k, v in data.items() if k in known})


# Values that ``plain`` returns as they are (``dataclasses.asdict`` would deep-copy them to themselves).
_ATOMS = (str, int, float, bool, type(None))


@lru_cache(maxsize=None)
def _field_order(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass in declaration order, None for other types."""
    return tuple(f.name for f in fields(cls)) if hasattr(cls, "__dataclass_fields__") else None


def plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` makes of a dataclass (nested dataclasses as dicts, lists,
    tuples and dicts rebuilt), several times faster: the stores encode every annotation."""
    if isinstance(value, _ATOMS):
        return value
    names = _field_order(type(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return type(value)((plain(k), plain(v)) for k, v in value.items())
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return type(value)(plain(v) for v in value)
    return _copy(value)


def _copy(value: Any) -> Any:
    """Anything else as ``dataclasses.asdict`` leaves it: named tuples field by field, the rest deep-copied."""
    if isinstance(value, tuple):  # a named tuple
        return type(value)(*[plain(v) for v in value])
    return copy.deepcopy(value)


def layer_item_to_dict(item: Any) -> dict[str, Any]:
    return plain(item)


def layer_item_from_dict(layer: str, data: dict[str, Any]) -> Any:
    if layer == "events":
        participants = [_build(Participant, p) for p in data.get("participants", [])]
        return _build(Event, {**data, "participants": participants})
    return _build(LAYER_CLASSES[layer], data)


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    return plain(entity)


def entity_from_dict(data: dict[str, Any]) -> Entity:
    return _build(Entity, data)


def article_columns(article: Article) -> dict[str, Any]:
    """Column values of the ``articles`` row (JSON columns already encoded)."""
    row: dict[str, Any] = {name: getattr(article, name) for name in SCALAR_COLUMNS}
    for name, value in row.items():
        if isinstance(value, str):
            checked_text(value, what=f"article {article.id}: field {name!r}")
    json_values = {
        "authors": list(article.authors),
        "offset_map": article.offset_map.to_json(),
        "removed": [plain(r) for r in article.removed],
        "headings": [plain(h) for h in article.headings],
        "flags": article.flags,
        "extra": article.extra,
        "entities": [entity_to_dict(e) for e in article.entities],
    }
    for name, value in json_values.items():
        row[name] = dumps(value, what=f"article {article.id}: field {name!r}")
    row["content_hash"] = hash_of(article)
    return row


def article_from_columns(row: dict[str, Any], layers: dict[str, list[dict[str, Any]]]) -> Article:
    """Rebuild the full article from its row and its layers' data dicts."""
    decoded = {name: json.loads(row[name]) if row[name] is not None else None for name in JSON_COLUMNS}
    article = Article(
        **{name: row[name] for name in SCALAR_COLUMNS},
        authors=decoded["authors"] or [],
        offset_map=OffsetMap.from_json(decoded["offset_map"] or []),
        removed=[_build(Removed, r) for r in decoded["removed"] or []],
        headings=[_build(Heading, h) for h in decoded["headings"] or []],
        flags=decoded["flags"] or [],
        extra=decoded["extra"] or {},
        entities=[entity_from_dict(e) for e in decoded["entities"] or []],
    )
    for layer in LAYERS:
        setattr(article, layer, [layer_item_from_dict(layer, d) for d in layers.get(layer, [])])
    return article


def layer_rows(article: Article) -> list[tuple[str, int, int, str]]:
    """(layer, start, end, data JSON) of every annotation of ``article``, in layer order."""
    rows = []
    for layer in LAYERS:
        for item in getattr(article, layer):
            data = layer_item_to_dict(item)
            rows.append((layer, item.start, item.end, dumps(data, what=f"article {article.id}: {layer}")))
    return rows


def check_layer(layer: str) -> None:
    if layer not in LAYER_CLASSES:
        raise ConfigError(f"unknown layer {layer!r}", hint=f"one of {', '.join(LAYERS)}")


def resolve_article_id(article_id: str, *, exists: Callable[[str], bool],
                       ids_with_prefix: Callable[[str], list[str]]) -> str | None:
    """The full id for ``article_id`` — itself if stored, else the one id it is a prefix of.
    One policy for every store; each passes its own two look-ups (``ids_with_prefix`` returns
    sorted ids, a few at most: two are enough to know a prefix is ambiguous)."""
    if exists(article_id):
        return article_id
    if not article_id:
        return None
    matches = ids_with_prefix(article_id)
    if len(matches) > 1:
        raise ambiguous_id(article_id, matches)
    return matches[0] if matches else None


def ambiguous_id(prefix: str, matches: list[str]) -> StoreError:
    shown = ", ".join(matches[:3])
    return StoreError(f"id prefix {prefix!r} matches several articles: {shown}",
                      hint="give more characters of the id")
