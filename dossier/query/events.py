"""Events (who did what to whom) across the stored articles, for ``dossier events``, the API and
the UI: by type, by a participant (or the quote's speaker that tells it) and by modality.

``entity`` is a name, alias or id as in ``dossier entity NAME``: the events that entity takes
part in or tells (as the speaker of the quote an event is told in); a name no entity carries
is matched as a case-insensitive part of the participants' and sources' names instead.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dossier.errors import StoreError
from dossier.resolve.entity_query import find_entity
from dossier.store.base import ArticleSummary, Store


@dataclass
class EventRow:
    article: ArticleSummary
    event: dict[str, Any]  # the Event's fields (participants as dicts) and its ``index``

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article.id, "published": self.article.published, **self.event}


def find_events(store: Store, *, event_type: str | None = None, entity: str | None = None,
                modality: str | None = None) -> list[EventRow]:
    """Stored events (of a type, with a participant or source, of a modality; each when
    given), in ingest then text order."""
    entity_id = None
    if entity:
        try:
            entity_id = find_entity(store, entity).id
        except StoreError:
            entity_id = None  # no entity of that name: match the names as written
    rows = store.find_events(event_type=event_type)
    if entity_id is not None:
        rows = [(s, e) for s, e in rows if _takes_part(e, entity_id)]
    elif entity:
        rows = [(s, e) for s, e in rows if _named(e, entity)]
    return [EventRow(s, e) for s, e in rows if not modality or e.get("modality") == modality]


def _takes_part(event: dict[str, Any], entity_id: str) -> bool:
    return event.get("source_entity") == entity_id or any(
        p.get("entity") == entity_id for p in event.get("participants") or [])


def _named(event: dict[str, Any], name: str) -> bool:
    wanted = name.casefold()
    names = [p.get("name") or "" for p in event.get("participants") or []] + [event.get("source") or ""]
    return any(wanted in n.casefold() for n in names)
