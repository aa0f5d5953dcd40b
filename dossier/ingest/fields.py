"""Field mapping for record formats (JSONL, CSV): input fields to Dossier fields.

Without a field map each Dossier field is looked up under the names that
common exports use, English and German, case-insensitively; a field map
overrides that per field. Values are normalised here once, so every reader
hands the cleaner the same shapes: strings, and ``authors`` as a list.
"""
from __future__ import annotations

from typing import Any, Mapping

from dossier.errors import MalformedRecord
from dossier.ingest.base import split_authors

DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "fulltext", "inhalt", "volltext", "artikel"),
    "title": ("title", "headline", "titel", "überschrift", "ueberschrift", "schlagzeile"),
    "published": ("published", "date", "datum", "pubdate", "published_at", "publication_date",
                  "veröffentlicht", "datetime"),
    "url": ("url", "link", "uri"),
    "source": ("source", "quelle", "site", "sitename", "publisher", "medium", "outlet"),
    "authors": ("authors", "author", "autor", "autoren", "byline", "autorin"),
    "label": ("label", "category", "kategorie", "ressort", "section", "class"),
    "id": ("id", "article_id", "doc_id", "docid", "guid"),
}
METADATA_FIELDS = tuple(name for name in DEFAULT_NAMES if name != "text")


def lookup(record: Mapping[str, Any], dossier_field: str, field_map: Mapping[str, str]) -> Any:
    """The record's value for ``dossier_field``, or None when it has none."""
    if dossier_field in field_map:
        return _get_path(record, field_map[dossier_field])
    lowered = {str(key).lower(): key for key in record}
    for name in DEFAULT_NAMES[dossier_field]:
        if name in lowered:
            return record[lowered[name]]
    return None


def _get_path(record: Mapping[str, Any], path: str) -> Any:
    """``meta.title`` reaches into nested objects, common in API dumps."""
    if path in record:
        return record[path]
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def record_text(value: Any, location: str, field_map: Mapping[str, str]) -> str:
    """The article text; a missing or empty text is a :class:`MalformedRecord`."""
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        value = "\n\n".join(value)  # a list of paragraphs
    if value is None:
        names = field_map.get("text") or ", ".join(DEFAULT_NAMES["text"][:3])
        raise MalformedRecord(f"no text field (looked for {names})", location=location,
                              hint="name the text field with --field text=NAME")
    if not isinstance(value, str):
        raise MalformedRecord(f"the text field holds {type(value).__name__}, not a string",
                              location=location)
    if not value.strip():
        raise MalformedRecord("the text field is empty", location=location)
    return value


def record_metadata(record: Mapping[str, Any], field_map: Mapping[str, str]) -> dict[str, Any]:
    """Dossier metadata fields found in ``record``, normalised."""
    metadata: dict[str, Any] = {}
    for name in METADATA_FIELDS:
        value = lookup(record, name, field_map)
        if value is None or value == "":
            continue
        metadata[name] = split_authors(value) if name == "authors" else _as_text(value)
    return metadata


def _as_text(value: Any) -> Any:
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    return value
