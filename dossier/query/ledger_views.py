"""The timeline, figure ledger, conflicts and network queries (dossier.query.timeline, .ledger,
.conflicts, .network) run over the in-memory corpus index, as JSON-ready values, computed once per
index (per store revision) and question.

    entity_timeline(store, index, entity_id) -> list[dict]         oldest first
    figure_series(store, index, entity_id=None) -> list[dict]      the ledger's series
    conflict_report(store, index, tolerance=0.05, entity_id=None) -> dict
    conflicting_figures(store, index) -> set[(article id, start)]  figures on a side of a conflict
    network(store, index, since=, until=, min_articles=, entity_type=) -> dict
    entity_report(store, index, entity_id) -> dict | None          entity_dossier + timeline + series
"""
from __future__ import annotations

from typing import Any, Callable

from dossier.query.conflicts import find_conflicts
from dossier.query.entities import entity_dossier
from dossier.query.index import CorpusIndex
from dossier.query.ledger import figure_ledger
from dossier.query.network import cooccurrence_network
from dossier.query.records import plain
from dossier.query.timeline import timeline
from dossier.query.view import IndexedStore
from dossier.store.base import Store

DEFAULT_TOLERANCE = 0.05


def _once(index: CorpusIndex, key: tuple, compute: Callable[[], Any]) -> Any:
    if key not in index.memo:
        index.memo[key] = compute()
    return index.memo[key]


def entity_timeline(store: Store, index: CorpusIndex, entity_id: str) -> list[dict[str, Any]]:
    view = IndexedStore(store, index)
    return _once(index, ("timeline", entity_id), lambda: plain(timeline(view, index.entities[entity_id])))


def figure_series(store: Store, index: CorpusIndex, entity_id: str | None = None) -> list[dict[str, Any]]:
    view = IndexedStore(store, index)
    subject = index.entities[entity_id] if entity_id else None
    return _once(index, ("ledger", entity_id), lambda: plain(figure_ledger(view, subject)))


def conflict_report(store: Store, index: CorpusIndex, tolerance: float = DEFAULT_TOLERANCE,
                    entity_id: str | None = None) -> dict[str, Any]:
    view = IndexedStore(store, index)
    subject = index.entities[entity_id] if entity_id else None
    return _once(index, ("conflicts", tolerance, entity_id),
                 lambda: plain(find_conflicts(view, tolerance=tolerance, subject=subject)))


def conflicting_figures(store: Store, index: CorpusIndex) -> set[tuple[str, int]]:
    report = conflict_report(store, index)
    return {(side["article"], side["start"]) for c in report["conflicts"] for side in (c["a"], c["b"])}


def network(store: Store, index: CorpusIndex, *, since: str | None = None, until: str | None = None,
            min_articles: int = 1, entity_type: str | None = None) -> dict[str, Any]:
    view = IndexedStore(store, index)
    return _once(index, ("network", since, until, min_articles, entity_type),
                 lambda: plain(cooccurrence_network(view, since=since, until=until, min_articles=min_articles,
                                                    entity_type=entity_type)))


def entity_report(store: Store, index: CorpusIndex, entity_id: str) -> dict[str, Any] | None:
    """The entity's dossier with its timeline, its ledger series, and each figure flagged
    ``conflict`` when it stands on a side of a conflict."""
    dossier = entity_dossier(index, entity_id)
    if dossier is None:
        return None
    conflicted = conflicting_figures(store, index)
    for figure in dossier["figures"]:
        figure["conflict"] = (figure["article"], figure["start"]) in conflicted
    dossier["timeline"] = entity_timeline(store, index, entity_id)
    dossier["figure_series"] = figure_series(store, index, entity_id)
    return dossier
