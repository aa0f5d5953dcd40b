"""Corpus-wide lists of one analysis layer (quotes, times, figures, events) with filters.

Each row is the stored annotation plus ``article`` (its id), ``article_title`` and ``published``,
so a list can link back to the exact characters it came from.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from dossier.query.articles import display_title
from dossier.query.index import CorpusIndex


def _fold(text: str | None) -> str:
    return (text or "").casefold()


def located(index: CorpusIndex, pairs: Iterable[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Annotations as rows with ``article`` (id), ``article_title`` and ``published``."""
    rows = []
    for article_id, item in pairs:
        summary = index.summaries.get(article_id)
        rows.append({**item, "article": article_id,
                     "article_title": display_title(summary.title if summary else None,
                                                    index.openings.get(article_id, "")),
                     "published": summary.published if summary else None})
    return rows


def with_speaker_names(index: CorpusIndex, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        row["speaker_name"] = index.entity_name(row.get("speaker_entity")) or row.get("speaker")
    return rows


def _rows(index: CorpusIndex, layer: str, keep: Callable[[str, dict[str, Any]], bool]) -> list[dict[str, Any]]:
    return located(index, ((a, item) for a, item in index.layer(layer) if keep(a, item)))


def _names_of(index: CorpusIndex, entity_id: str | None) -> Iterable[str]:
    entity = index.entities.get(entity_id) if entity_id else None
    return [entity.name, *entity.aliases] if entity else []


def list_quotes(index: CorpusIndex, *, speaker: str | None = None, kind: str | None = None,
                article: str | None = None, speaker_entity: str | None = None) -> list[dict[str, Any]]:
    """Quotes; ``speaker`` matches part of the speaker's name or of its entity's names and aliases."""
    wanted = _fold(speaker)

    def keep(article_id: str, quote: dict[str, Any]) -> bool:
        if article and not article_id.startswith(article):
            return False
        if kind and quote.get("kind") != kind:
            return False
        if speaker_entity and quote.get("speaker_entity") != speaker_entity:
            return False
        names = [quote.get("speaker") or "", *_names_of(index, quote.get("speaker_entity"))]
        return not wanted or any(wanted in _fold(name) for name in names)

    if speaker_entity:  # the index knows each speaker's quotes
        pairs = [(a, q) for a, q in index.quotes_by_speaker.get(speaker_entity, []) if keep(a, q)]
        return with_speaker_names(index, located(index, pairs))
    return with_speaker_names(index, _rows(index, "quotes", keep))


def list_times(index: CorpusIndex, *, article: str | None = None, type: str | None = None,
               value: str | None = None) -> list[dict[str, Any]]:
    """Time expressions; ``value`` is a prefix of the normalised TIMEX3 value (``2023``, ``2023-11``)."""
    def keep(article_id: str, time: dict[str, Any]) -> bool:
        return ((not article or article_id.startswith(article)) and (not type or time.get("type") == type)
                and (not value or (time.get("value") or "").startswith(value)))

    return _rows(index, "times", keep)


def list_figures(index: CorpusIndex, *, article: str | None = None, kind: str | None = None,
                 subject: str | None = None, unit: str | None = None) -> list[dict[str, Any]]:
    """Figures; ``subject`` matches part of the subject's name or of its entity's names."""
    wanted = _fold(subject)

    def keep(article_id: str, figure: dict[str, Any]) -> bool:
        if article and not article_id.startswith(article):
            return False
        if kind and figure.get("kind") != kind or unit and figure.get("unit") != unit:
            return False
        names = [figure.get("subject") or "", *_names_of(index, figure.get("subject_entity"))]
        return not wanted or any(wanted in _fold(name) for name in names)

    return _rows(index, "figures", keep)


def list_events(index: CorpusIndex, *, article: str | None = None, type: str | None = None,
                entity: str | None = None) -> list[dict[str, Any]]:
    """Events; ``entity`` is an entity id among the participants."""
    def keep(article_id: str, event: dict[str, Any]) -> bool:
        if article and not article_id.startswith(article):
            return False
        if type and event.get("type") != type:
            return False
        return not entity or any(p.get("entity") == entity for p in event.get("participants") or [])

    return _rows(index, "events", keep)
