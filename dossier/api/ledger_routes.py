"""JSON endpoints for the corpus-wide layers: timeline, figure ledger, conflicts, network."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from dossier.api.backend import Backend
from dossier.api.errors import ERROR_RESPONSES, ApiError
from dossier.api.routes import ISO_DATE, EntityType, PageParams, backend, check_range, conflicts_of
from dossier.query import ledger_views
from dossier.query.entities import find_entity_id
from dossier.query.pages import MAX_PAGE_SIZE

router = APIRouter(prefix="/api", tags=["ledger"], responses=ERROR_RESPONSES)


def _entity_id(db: Backend, name: str | None) -> str | None:
    if not name:
        return None
    entity_id = db.with_store(lambda store: find_entity_id(store, name))
    if entity_id is None:
        raise ApiError(404, f"no entity {name!r}")
    return entity_id


@router.get("/timeline", summary="An entity's timeline: events, quotes and figures in time order")
def get_timeline(entity: str = Query(..., description="entity id, name or alias"),
                 since: str | None = Query(None, pattern=ISO_DATE), until: str | None = Query(None, pattern=ISO_DATE),
                 page: PageParams = Depends(), db: Backend = Depends(backend)) -> dict[str, Any]:
    check_range(since, until)
    entity_id = _entity_id(db, entity)
    entries = db.with_store(lambda store: ledger_views.entity_timeline(store, entity_id))
    if since or until:
        entries = [e for e in entries if e["when"] and (not since or e["when"][:len(since)] >= since)
                   and (not until or e["when"][:len(until)] <= until)]
    return page.page(entries)


@router.get("/ledger", summary="The figure ledger: values per subject, attribute and period")
def get_ledger(subject: str | None = Query(None, description="entity id, name or alias"),
               page: PageParams = Depends(), db: Backend = Depends(backend)) -> dict[str, Any]:
    entity_id = _entity_id(db, subject)
    return page.page(db.with_store(lambda store: ledger_views.figure_series(store, entity_id)))


@router.get("/conflicts", summary="Figures that disagree across articles, and claims marked false")
def get_conflicts(subject: str | None = Query(None, description="entity id, name or alias"),
                  tolerance: float = Query(ledger_views.DEFAULT_TOLERANCE, ge=0, le=1,
                                           description="relative difference still counted as agreement"),
                  page: PageParams = Depends(), db: Backend = Depends(backend)) -> dict[str, Any]:
    entity_id = _entity_id(db, subject)
    report = (db.with_store(lambda store: ledger_views.conflict_report(store, tolerance, entity_id)) if entity_id
              else conflicts_of(db, tolerance))
    return {**page.page(report["conflicts"]), "tolerance": report["tolerance"],
            "series_compared": report["series_compared"], "false_claims": report["false_claims"][:MAX_PAGE_SIZE],
            "false_claims_total": len(report["false_claims"])}


@router.get("/network", summary="Co-occurrence network: entities and the articles and sentences they share")
def get_network(since: str | None = Query(None, pattern=ISO_DATE), until: str | None = Query(None, pattern=ISO_DATE),
                min_articles: int = Query(1, ge=1), type: EntityType | None = None,
                limit: int = Query(100, ge=1, le=MAX_PAGE_SIZE, description="most connected nodes to keep"),
                db: Backend = Depends(backend)) -> dict[str, Any]:
    check_range(since, until)
    graph = db.report(("network", since, until, min_articles, type), lambda store: ledger_views.network(
        store, since=since, until=until, min_articles=min_articles, entity_type=type))
    nodes = sorted(graph["nodes"], key=lambda n: (-n["articles"], -n["mentions"], n["id"]))[:limit]
    kept = {n["id"] for n in nodes}
    edges = [e for e in graph["edges"] if e["source"] in kept and e["target"] in kept]
    return {"nodes": nodes, "edges": edges, "nodes_total": len(graph["nodes"]), "edges_total": len(graph["edges"]),
            "articles": graph["articles"], "since": since, "until": until}
