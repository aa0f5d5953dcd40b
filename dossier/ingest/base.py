"""What every format reader shares: the options and the document factory.

A reader is a generator ``read(data, origin, options)`` over the bytes of one
input. It yields :class:`RawDocument` for each article and an
:class:`InputError` for each bad part; it raises only for a problem that
spoils the whole input (so the caller turns it into one error for that file).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Union

from dossier.errors import InputError
from dossier.ingest.decode import Decoded
from dossier.ingest.limits import DEFAULT_MAX_BYTES, Limits
from dossier.model import RawDocument

ReadResult = Iterator[Union[RawDocument, InputError]]

# Dossier's metadata fields a field map may name.
DOSSIER_FIELDS = ("text", "title", "published", "source", "url", "authors", "label", "id")


@dataclass(frozen=True)
class ReadOptions:
    field_map: dict[str, str] = field(default_factory=dict)
    fmt: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    limits: Limits = field(default_factory=Limits)


def make_document(raw_text: str, origin: str, decoded: Decoded | None,
                  metadata: dict[str, Any] | None = None, *, structured: bool = False) -> RawDocument:
    """A :class:`RawDocument` with the encoding (and a note when it was guessed)."""
    meta = {key: value for key, value in (metadata or {}).items() if value not in (None, "", [])}
    encoding = decoded.encoding if decoded else None
    if decoded and decoded.note:
        meta["encoding_note"] = decoded.note
    return RawDocument(raw_text=raw_text, origin=origin, metadata=meta,
                       encoding=encoding, structured=structured)


def split_authors(value: Any) -> list[str]:
    """Authors as a list: feeds and CSVs give a string, JSONL often a list."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        names = [str(item.get("name", "")) if isinstance(item, dict) else str(item) for item in value]
    else:
        # ';' and ' und ' separate people; ',' does not, because
        # "Müller, Anna" is one person written surname first.
        text = str(value).replace(" und ", ";").replace(" and ", ";")
        names = text.split(";")
    return [name.strip() for name in names if name and name.strip()]
