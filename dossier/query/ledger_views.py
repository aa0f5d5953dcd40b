"""The timeline, figure ledger, conflicts and network queries (dossier.query.timeline, .ledger,
.conflicts, .network) as JSON-ready values, for the API and the web UI.

    entity_timeline(store, entity_id) -> list[dict]               oldest first
    figure_series(store, entity_id=None) -> list[dict]            the ledger's series
    conflict_report(store, tolerance=0.05, entity_id=None) -> dict
    conflicting_figures(report) -> set[(article id, start)]       figures on a side of a conflict
    network(store, since=, until=, min_articles=, entity_type=) -> dict
"""
from __future__ import annotations

from typing import Any

from dossier.model import Entity
from dossier.query.conflicts import find_conflicts
from dossier.query.ledger import figure_ledger
from dossier.query.network import cooccurrence_network
from dossier.query.records import plain
from dossier.query.timeline import timeline
from dossier.store.base import Store

DEFAULT_TOLERANCE = 0.05


def _entity(store: Store, entity_id: str | None) -> Entity | None:
    found = store.get_entities_by_id([entity_id]) if entity_id else []
    return found[0] if found else None


def entity_timeline(store: Store, entity_id: str) -> list[dict[str, Any]]:
    return plain(timeline(store, _entity(store, entity_id)))


def figure_series(store: Store, entity_id: str | None = None) -> list[dict[str, Any]]:
    return plain(figure_ledger(store, _entity(store, entity_id)))


def conflict_report(store: Store, tolerance: float = DEFAULT_TOLERANCE,
                    entity_id: str | None = None) -> dict[str, Any]:
    return plain(find_conflicts(store, tolerance=tolerance, subject=_entity(store, entity_id)))


def conflicting_figures(report: dict[str, Any]) -> set[tuple[str, int]]:
    return {(side["article"], side["start"]) for c in report["conflicts"] for side in (c["a"], c["b"])}


def network(store: Store, *, since: str | None = None, until: str | None = None,
            min_articles: int = 1, entity_type: str | None = None) -> dict[str, Any]:
    return plain(cooccurrence_network(store, since=since, until=until, min_articles=min_articles,
                                      entity_type=entity_type))
