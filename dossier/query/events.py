"""Events (who did what to whom) across the stored articles, for ``dossier events``, the API and
the UI: by type, by a participant (or the quote's speaker that tells it) and by modality.

``entity`` is a name, alias or id as in ``dossier entity NAME``: the events that entity takes
part in or tells (as the speaker of the quote an event is told in); a name no entity carries
is matched as a case-insensitive part of the participants' and sources' names instead.

A story stored twice (a syndicated or near-identical copy: ``duplicate_of`` set at ingest) is
one event: the copy's event that repeats one of its original is not listed again but named in
the original's ``also_in`` (:func:`one_per_story`); an event only the copy tells is kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from dossier.errors import StoreError
from dossier.resolve.entity_query import find_entity
from dossier.store.base import ArticleSummary, Store


@dataclass
class EventRow:
    article: ArticleSummary
    event: dict[str, Any]  # the Event's fields (participants as dicts) and its ``index``
    copies: list[ArticleSummary] = field(default_factory=list)  # duplicates that tell it again

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article.id, "published": self.article.published, **self.event,
                "also_in": [copy_of(c) for c in self.copies]}


def copy_of(summary: ArticleSummary) -> dict[str, Any]:
    return {"article": summary.id, "published": summary.published, "source": summary.source}


def story_key(event: dict[str, Any]) -> tuple:
    """What makes two stored events the same event: type, trigger words and who takes part."""
    people = sorted((p.get("role") or "", p.get("entity") or (p.get("name") or "").casefold())
                    for p in event.get("participants") or [])
    return event.get("type"), (event.get("text") or "").casefold(), tuple(people)


def one_per_story(rows: Iterable[tuple[ArticleSummary, dict[str, Any]]]) -> list[EventRow]:
    """The rows with a duplicate article's repeated events folded into the original's row."""
    rows = [EventRow(s, e) for s, e in rows]
    originals: dict[tuple, EventRow] = {}
    for row in rows:
        if not row.article.duplicate_of:
            originals.setdefault((row.article.id, story_key(row.event)), row)
    out = []
    for row in rows:
        original = originals.get((row.article.duplicate_of, story_key(row.event))) if row.article.duplicate_of else None
        if original is None:
            out.append(row)
        elif all(c.id != row.article.id for c in original.copies):
            original.copies.append(row.article)
    return out


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
    return one_per_story((s, e) for s, e in rows if not modality or e.get("modality") == modality)


def _takes_part(event: dict[str, Any], entity_id: str) -> bool:
    return event.get("source_entity") == entity_id or any(
        p.get("entity") == entity_id for p in event.get("participants") or [])


def _named(event: dict[str, Any], name: str) -> bool:
    wanted = name.casefold()
    names = [p.get("name") or "" for p in event.get("participants") or []] + [event.get("source") or ""]
    return any(wanted in n.casefold() for n in names)
