"""The pages of the German web UI: server-rendered HTML over dossier.query, usable without JavaScript.

    /                 Suche: full-text search over articles and quotes (or all articles) with facets
    /artikel/{id}     one article with its layers highlighted and the removed text on demand
    /entitaeten       entities by type and name
    /entitaet/{id}    an entity's dossier (id, or ?name=)
    /zitate           quotes by speaker and kind
    /konflikte        conflicting figures
    /ueber            corpus counts
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from dossier.api.backend import Backend
from dossier.api.errors import ApiError
from dossier.api.search_routes import run_search
from dossier.model import LABELS, QUOTE_KINDS
from dossier.query import articles as article_queries
from dossier.query import entities as entity_queries
from dossier.query import layers as layer_queries
from dossier.query import ledger_views
from dossier.query.pages import Page, paginate
from dossier.web import charts, labels
from dossier.web.highlight import article_marks, highlight, snippet_html

HERE = Path(__file__).parent
PAGE_SIZE = 25
SEARCH_PAGE_SIZE = 10  # hits per page of the search (each hit's snippet costs time)
templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescape on for .html
templates.env.globals.update(
    type_label=labels.type_label, type_plurals=labels.TYPE_PLURALS, quote_kind_label=labels.quote_kind_label,
    figure_value=labels.figure_value, time_label=labels.time_label, german_date=labels.german_date,
    german_number=labels.german_number, reason_label=labels.reason_label, labels_list=LABELS,
    quote_kinds=QUOTE_KINDS, layer_label=lambda layer: charts.LAYER_NAMES.get(layer, layer))
router = APIRouter(include_in_schema=False)


def entity_link(entity_id: str) -> str:
    return f"/entitaet/{url_quote(entity_id, safe='')}"


templates.env.globals["entity_link"] = entity_link


def _backend(request: Request) -> Backend:
    return request.app.state.backend


def _render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status)


def _pager(request: Request, page) -> dict[str, Any]:
    """Links to the previous and next page, keeping the other parameters."""
    params = {k: v for k, v in request.query_params.items() if k != "seite"}

    def link(offset: int | None):
        if offset is None or offset < 0:
            return None
        return "?" + urlencode({**params, "seite": offset // page.limit + 1})

    return {"total": page.total, "first": page.offset + 1 if page.total else 0,
            "last": min(page.offset + page.limit, page.total),
            "previous": link(page.offset - page.limit) if page.offset else None,
            "next": link(page.next_offset)}


def _page(rows: list, seite: int):
    return paginate(rows, PAGE_SIZE, (max(seite, 1) - 1) * PAGE_SIZE)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", quelle: str = "", von: str = "", bis: str = "",
                typ: str = "", entitaet: str = "", seite: int = Query(1, ge=1)):
    backend = _backend(request)
    index = backend.index()
    hits, problem, facets = None, None, charts.search_facets({})
    if q.strip():
        page = Page([], 0, SEARCH_PAGE_SIZE, (max(seite, 1) - 1) * SEARCH_PAGE_SIZE)
        try:
            result = run_search(backend, q, entity=entitaet or None, source=quelle or None, since=von or None,
                                until=bis or None, layer="all", limit=page.limit, offset=page.offset,
                                facets=True)
            page.items, page.total = result["hits"], result["total"]
            facets = charts.search_facets(result["facets"])
        except ApiError as exc:
            problem = exc.message
        hits = page.items
    else:
        rows = article_queries.list_articles(index, source=quelle or None, since=von or None,
                                             until=bis or None, entity=entitaet or None)
        if typ:
            rows = [r for r in rows if _mentions_type(index, r["id"], typ)]
        page = _page(rows, seite)
        facets = charts.article_facets(index, rows)
    for hit in hits or []:
        hit["snippet_html"] = snippet_html(hit["snippet"])
        hit["display_title"] = article_queries.display_title(hit["title"], index.openings.get(hit["article_id"], ""))
    return _render(request, "search.html", q=q, quelle=quelle, von=von, bis=bis, typ=typ, entitaet=entitaet,
                   entity_name=index.entity_name(entitaet) if entitaet else None, searched=hits is not None,
                   total=page.total, problem=problem, results=page.items, pager=_pager(request, page),
                   facets=facets,
                   sources=sorted({s.source for s in index.summaries.values() if s.source}))


def _mentions_type(index, article_id: str, entity_type: str) -> bool:
    return any(index.entities[e].type == entity_type for e in index.article_entities.get(article_id, {})
               if e in index.entities)


@router.get("/artikel/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    record = _backend(request).with_store(
        lambda store, index: article_queries.article_detail(store, index, article_id))
    if record is None:
        return error_page(request, 404, f"Kein Artikel mit der Kennung „{article_id}“.")
    body = highlight(record["text"], article_marks(record, entity_link))
    return _render(request, "article.html", article=record, body=body,
                   entities=sorted(record["entities"], key=lambda e: (e["type"], e["name"])))


@router.get("/entitaeten", response_class=HTMLResponse)
def entities_page(request: Request, typ: str = "", name: str = "", seite: int = Query(1, ge=1)):
    index = _backend(request).index()
    rows = entity_queries.entity_list(index, type=typ or None, name=name or None)
    page = _page(rows, seite)
    return _render(request, "entities.html", typ=typ, name=name, rows=page.items, pager=_pager(request, page))


@router.get("/entitaet", response_class=HTMLResponse)
def entity_by_name(request: Request, name: str = ""):
    entity_id = entity_queries.find_entity_id(_backend(request).index(), name) if name else None
    if entity_id is None:
        return error_page(request, 404, f"Keine Entität namens „{name}“.")
    return RedirectResponse(entity_link(entity_id), status_code=303)


@router.get("/entitaet/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str):
    dossier = _backend(request).with_store(
        lambda store, index: ledger_views.entity_report(store, index, entity_id))
    if dossier is None:
        return error_page(request, 404, f"Keine Entität mit der Kennung „{entity_id}“.")
    return _render(request, "entity.html", e=dossier,
                   timeline=charts.timeline_chart(charts.timeline_points(dossier["timeline"],
                                                                         dossier["mentions_over_time"])),
                   series=charts.figure_series(dossier["figures"]),
                   graph=charts.co_mention_graph(dossier, entity_link))


@router.get("/zitate", response_class=HTMLResponse)
def quotes_page(request: Request, sprecher: str = "", art: str = "", seite: int = Query(1, ge=1)):
    index = _backend(request).index()
    rows = layer_queries.list_quotes(index, speaker=sprecher or None, kind=art or None)
    page = _page(rows, seite)
    return _render(request, "quotes.html", sprecher=sprecher, art=art, rows=page.items,
                   pager=_pager(request, page))


@router.get("/konflikte", response_class=HTMLResponse)
def conflicts_page(request: Request, toleranz: float = Query(ledger_views.DEFAULT_TOLERANCE, ge=0, le=1),
                   seite: int = Query(1, ge=1)):
    report = _backend(request).with_store(
        lambda store, index: ledger_views.conflict_report(store, index, toleranz))
    page = _page(report["conflicts"], seite)
    return _render(request, "conflicts.html", report=report, conflicts=page.items, pager=_pager(request, page),
                   toleranz=toleranz)


@router.get("/ueber", response_class=HTMLResponse)
def about_page(request: Request):
    counts = article_queries.corpus_counts(_backend(request).index())
    return _render(request, "about.html", counts=counts)


def wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path.startswith("/openapi") or path.startswith("/static"))


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    titles = {404: "Nicht gefunden", 422: "Ungültige Angabe", 400: "Ungültige Anfrage", 500: "Interner Fehler"}
    if status == 422:
        message = "Eine Angabe in der Adresse hat nicht die erwartete Form."
    elif status >= 500:
        message = "Beim Beantworten der Anfrage ist ein Fehler aufgetreten."
    return _render(request, "error.html", status=status, title=titles.get(status, "Fehler"), message=message)


def install(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(router)
