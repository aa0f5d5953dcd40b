"""JSON endpoints under /api: thin shells over dossier.query.*."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request

from dossier.api.backend import Backend
from dossier.api.errors import ERROR_RESPONSES, ApiError
from dossier.model import FIGURE_KINDS, LABELS, QUOTE_KINDS, TIMEX_TYPES
from dossier.query import articles as article_queries
from dossier.query import entities as entity_queries
from dossier.query import layers as layer_queries
from dossier.query import ledger_views
from dossier.query.pages import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, paginate

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
EntityType = Literal[LABELS]  # type: ignore[valid-type]
QuoteKind = Literal[QUOTE_KINDS]  # type: ignore[valid-type]
TimexType = Literal[TIMEX_TYPES]  # type: ignore[valid-type]
FigureKind = Literal[FIGURE_KINDS]  # type: ignore[valid-type]


def backend(request: Request) -> Backend:
    return request.app.state.backend


class PageParams:
    def __init__(self, limit: int = Query(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE,
                                          description=f"page size, at most {MAX_PAGE_SIZE}"),
                 offset: int = Query(0, ge=0)):
        self.limit, self.offset = limit, offset

    def page(self, rows: list[Any]) -> dict[str, Any]:
        return paginate(rows, self.limit, self.offset).to_dict()


def check_range(since: str | None, until: str | None) -> None:
    if since and until and since > until[:len(since)]:
        raise ApiError(400, f"since ({since}) is after until ({until})")


@router.get("/stats", tags=["corpus"], summary="Corpus counts: articles, entities by type, annotations per layer")
def stats(db: Backend = Depends(backend)) -> dict[str, Any]:
    return db.with_store(article_queries.corpus_counts)


@router.get("/articles", tags=["corpus"], summary="Stored articles, filtered by source, date range and entity")
def list_articles(source: str | None = None,
                  since: str | None = Query(None, pattern=ISO_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD"),
                  until: str | None = Query(None, pattern=ISO_DATE),
                  entity: str | None = Query(None, description="an entity id the article mentions"),
                  language: str | None = None, page: PageParams = Depends(),
                  db: Backend = Depends(backend)) -> dict[str, Any]:
    check_range(since, until)

    def answer(store):
        rows = article_queries.list_articles(store, source=source, since=since, until=until, entity=entity,
                                             language=language)
        found = page.page(rows)
        article_queries.with_display_titles(store, found["items"])
        return found

    return db.with_store(answer)


@router.get("/articles/{article_id}", tags=["corpus"], summary="One article with every layer and its removed spans")
def get_article(article_id: str, db: Backend = Depends(backend)) -> dict[str, Any]:
    record = db.with_store(lambda store: article_queries.article_detail(store, article_id))
    if record is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return record


@router.get("/entities", tags=["entities"], summary="Canonical entities, most mentioned first")
def list_entities(type: EntityType | None = None,
                  name: str | None = Query(None, description="part of the name or an alias"),
                  page: PageParams = Depends(), db: Backend = Depends(backend)) -> dict[str, Any]:
    return page.page(db.with_store(lambda store: entity_queries.entity_list(store, type=type, name=name)))


@router.get("/entities/{entity}", tags=["entities"], summary="One entity's dossier (by id, name or alias), with its timeline "
            "and figure ledger")
def get_entity(entity: str, db: Backend = Depends(backend)) -> dict[str, Any]:
    entity_id = db.with_store(lambda store: entity_queries.find_entity_id(store, entity))
    if entity_id is None:
        raise ApiError(404, f"no entity {entity!r}")
    dossier = db.with_store(lambda store: entity_queries.entity_dossier(store, entity_id))
    mark_conflicts(db, dossier["figures"])
    dossier["timeline_url"] = f"/api/timeline?entity={entity_id}"
    return dossier


def conflicts_of(db: Backend, tolerance: float = ledger_views.DEFAULT_TOLERANCE) -> dict[str, Any]:
    """The corpus-wide conflicts report, kept until the store changes."""
    return db.report(("conflicts", tolerance), lambda store: ledger_views.conflict_report(store, tolerance))


def mark_conflicts(db: Backend, figures: list[dict[str, Any]]) -> None:
    """Set ``conflict`` on each figure row: is it a side of a conflict in the corpus-wide report."""
    conflicted = ledger_views.conflicting_figures(conflicts_of(db))
    for figure in figures:
        figure["conflict"] = (figure["article"], figure["start"]) in conflicted


@router.get("/quotes", tags=["layers"], summary="Quotes, filtered by speaker, kind and article")
def list_quotes(speaker: str | None = Query(None, description="part of the speaker's name or alias"),
                kind: QuoteKind | None = None, article: str | None = Query(None, description="article id (prefix)"),
                page: PageParams = Depends(), db: Backend = Depends(backend)) -> dict[str, Any]:
    return _titled(db, page.page(db.with_store(
        lambda store: layer_queries.list_quotes(store, speaker=speaker, kind=kind, article=article))))


@router.get("/times", tags=["layers"], summary="Time expressions with their TIMEX3 values")
def list_times(article: str | None = None, type: TimexType | None = None,
               value: str | None = Query(None, description="prefix of the normalised value, e.g. 2023-11"),
               page: PageParams = Depends(), db: Backend = Depends(backend)) -> dict[str, Any]:
    return _titled(db, page.page(db.with_store(
        lambda store: layer_queries.list_times(store, article=article, type=type, value=value))))


@router.get("/figures", tags=["layers"], summary="Figures (money, percentages, counts, quantities)")
def list_figures(article: str | None = None, kind: FigureKind | None = None,
                 subject: str | None = Query(None, description="part of the subject's name"),
                 unit: str | None = None, page: PageParams = Depends(),
                 db: Backend = Depends(backend)) -> dict[str, Any]:
    return _titled(db, page.page(db.with_store(
        lambda store: layer_queries.list_figures(store, article=article, kind=kind, subject=subject, unit=unit))))


@router.get("/events", tags=["layers"], summary="Events (empty until the events stage has run)")
def list_events(article: str | None = None, type: str | None = None,
                entity: str | None = Query(None, description="an entity id among the participants"),
                page: PageParams = Depends(), db: Backend = Depends(backend)) -> dict[str, Any]:
    return _titled(db, page.page(db.with_store(
        lambda store: layer_queries.list_events(store, article=article, type=type, entity=entity))))


def _titled(db: Backend, found: dict[str, Any]) -> dict[str, Any]:
    """The page's rows with the display title of their article (untitled: its first words)."""
    db.with_store(lambda store: article_queries.with_display_titles(store, found["items"], "article",
                                                                    "article_title"))
    return found
