"""Corpus-wide lists of one analysis layer (quotes, times, figures, events) with filters.

Each row is the stored annotation plus ``article`` (its id), ``article_title`` and ``published``,
so a list can link back to the exact characters it came from. A list of one article reads only
that article; quotes of one speaker and events of one entity use the store's indexed look-ups.
"""
from __future__ import annotations

from dataclasses import asdict
from typing import Any, Callable, Iterable

from dossier.model import Entity
from dossier.store.base import ArticleSummary, Store

Pairs = Iterable[tuple[ArticleSummary, dict[str, Any]]]


def _fold(text: str | None) -> str:
    return (text or "").casefold()


def located(pairs: Pairs) -> list[dict[str, Any]]:
    """Annotations as rows with ``article`` (id), ``article_title`` and ``published``."""
    return [{**item, "article": summary.id, "article_title": summary.title, "published": summary.published}
            for summary, item in pairs]


def _layer(store: Store, layer: str, article: str | None) -> Pairs:
    """The layer's annotations of one article (id or unique prefix), or of all."""
    if not article:
        return store.iter_layer(layer)
    found = store.get_article(article)
    if found is None:
        return []
    summary = ArticleSummary(found.id, found.title, found.published, found.source, found.language,
                             found.duplicate_of, found.origin, len(found.text))
    return [(summary, asdict(item)) for item in getattr(found, layer)]


def _entities(store: Store, ids: Iterable[str | None]) -> dict[str, Entity]:
    return {e.id: e for e in store.get_entities_by_id(sorted({i for i in ids if i}))}


def with_speaker_names(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    known = _entities(store, (r.get("speaker_entity") for r in rows))
    for row in rows:
        entity = known.get(row.get("speaker_entity"))
        row["speaker_name"] = entity.name if entity else row.get("speaker")
    return rows


def list_quotes(store: Store, *, speaker: str | None = None, kind: str | None = None,
                article: str | None = None, speaker_entity: str | None = None) -> list[dict[str, Any]]:
    """Quotes; ``speaker`` matches part of the speaker's name as written or of its entity's name."""
    pairs = store.quotes_by_speaker(speaker_entity) if speaker_entity else _layer(store, "quotes", article)
    rows = with_speaker_names(store, [r for r in located(pairs) if not kind or r.get("kind") == kind])
    wanted = _fold(speaker)
    return [r for r in rows if not wanted or wanted in _fold(r.get("speaker")) or wanted in _fold(r["speaker_name"])]


def _filtered(store: Store, layer: str, article: str | None, keep: Callable[[dict[str, Any]], bool]):
    return located((s, item) for s, item in _layer(store, layer, article) if keep(item))


def list_times(store: Store, *, article: str | None = None, type: str | None = None,
               value: str | None = None) -> list[dict[str, Any]]:
    """Time expressions; ``value`` is a prefix of the normalised TIMEX3 value (``2023``, ``2023-11``)."""
    return _filtered(store, "times", article, lambda t: (not type or t.get("type") == type)
                     and (not value or (t.get("value") or "").startswith(value)))


def list_figures(store: Store, *, article: str | None = None, kind: str | None = None,
                 subject: str | None = None, unit: str | None = None) -> list[dict[str, Any]]:
    """Figures; ``subject`` matches part of the subject's name as written."""
    wanted = _fold(subject)
    return _filtered(store, "figures", article, lambda f: (not kind or f.get("kind") == kind)
                     and (not unit or f.get("unit") == unit) and (not wanted or wanted in _fold(f.get("subject"))))


def list_events(store: Store, *, article: str | None = None, type: str | None = None,
                entity: str | None = None) -> list[dict[str, Any]]:
    """Events; ``entity`` is an entity id among the participants (an indexed look-up). Across
    articles a copy's repeated event is folded into its original's row (``also_in``)."""
    from dossier.query.events import copy_of, one_per_story

    if article:
        return _filtered(store, "events", article, lambda e: (not type or e.get("type") == type) and (
            not entity or any(p.get("entity") == entity for p in e.get("participants") or [])))
    pairs = store.find_events(entity=entity, event_type=type) if entity else \
        ((s, e) for s, e in store.iter_layer("events") if not type or e.get("type") == type)
    return [{**located([(row.article, row.event)])[0], "also_in": [copy_of(c) for c in row.copies]}
            for row in one_per_story(pairs)]
