"""The pages of the German web UI: server-rendered HTML over dossier.query, usable without JavaScript.

    /                 Suche: full-text search over articles and quotes (or all articles) with facets
    /artikel/{id}     one article with its layers highlighted and the removed text on demand
    /entitaeten       entities by type and name
    /entitaet/{id}    an entity's dossier (id, or ?name=); /entitaet/{id}/zeitleiste its timeline
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
from dossier.api.routes import conflicts_of, mark_conflicts
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
                entitaet: str = "", seite: int = Query(1, ge=1)):
    backend = _backend(request)
    hits, problem = None, None
    if q.strip():
        page = Page([], 0, SEARCH_PAGE_SIZE, (max(seite, 1) - 1) * SEARCH_PAGE_SIZE)
        facets = charts.search_facets({})
        try:
            result = run_search(backend, q, entity=entitaet or None, source=quelle or None, since=von or None,
                                until=bis or None, layer="all", limit=page.limit, offset=page.offset,
                                facets=True)
            page.items, page.total = result["hits"], result["total"]
            facets = charts.search_facets(result["facets"])
        except ApiError as exc:
            problem = exc.message
        hits = page.items
        for hit in hits:
            hit["snippet_html"] = snippet_html(hit["snippet"])
        backend.with_store(lambda store: article_queries.with_display_titles(store, hits, "article_id"))
    else:
        rows = backend.with_store(lambda store: article_queries.list_articles(
            store, source=quelle or None, since=von or None, until=bis or None, entity=entitaet or None))
        page = _page(rows, seite)
        backend.with_store(lambda store: article_queries.with_display_titles(store, page.items))
        facets = charts.article_facets(rows)
    entity = backend.with_store(lambda store: store.get_entities_by_id([entitaet])) if entitaet else []
    sources = backend.with_store(lambda store: sorted({s.source for s in store.list_articles() if s.source}))
    return _render(request, "search.html", q=q, quelle=quelle, von=von, bis=bis, entitaet=entitaet,
                   entity_name=entity[0].name if entity else None, searched=hits is not None,
                   total=page.total, problem=problem, results=page.items, pager=_pager(request, page),
                   facets=facets, sources=sources)


@router.get("/artikel/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    record = _backend(request).with_store(lambda store: article_queries.article_detail(store, article_id))
    if record is None:
        return error_page(request, 404, f"Kein Artikel mit der Kennung „{article_id}“.")
    body = highlight(record["text"], article_marks(record, entity_link))
    return _render(request, "article.html", article=record, body=body,
                   entities=sorted(record["entities"], key=lambda e: (e["type"], e["name"])))


@router.get("/entitaeten", response_class=HTMLResponse)
def entities_page(request: Request, typ: str = "", name: str = "", seite: int = Query(1, ge=1)):
    rows = _backend(request).with_store(
        lambda store: entity_queries.entity_list(store, type=typ or None, name=name or None))
    page = _page(rows, seite)
    return _render(request, "entities.html", typ=typ, name=name, rows=page.items, pager=_pager(request, page))


@router.get("/entitaet", response_class=HTMLResponse)
def entity_by_name(request: Request, name: str = ""):
    entity_id = _backend(request).with_store(
        lambda store: entity_queries.find_entity_id(store, name)) if name else None
    if entity_id is None:
        return error_page(request, 404, f"Keine Entität namens „{name}“.")
    return RedirectResponse(entity_link(entity_id), status_code=303)


@router.get("/entitaet/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str):
    backend = _backend(request)
    dossier = backend.with_store(lambda store: entity_queries.entity_dossier(store, entity_id))
    if dossier is None:
        return error_page(request, 404, f"Keine Entität mit der Kennung „{entity_id}“.")
    mark_conflicts(backend, dossier["figures"])
    titled = dossier["quotes_by"] + dossier["quotes_about"] + dossier["figures"]
    openings: dict[str, str] = {}  # each untitled article's text read once for the whole page
    backend.with_store(lambda store: article_queries.with_display_titles(store, dossier["articles_list"],
                                                                         openings=openings))
    backend.with_store(lambda store: article_queries.with_display_titles(store, titled, "article", "article_title",
                                                                         openings=openings))
    return _render(request, "entity.html", e=dossier, series=charts.figure_series(dossier["figures"]),
                   graph=charts.co_mention_graph(dossier, entity_link))


@router.get("/entitaet/{entity_id}/zeitleiste", response_class=HTMLResponse)
def timeline_page(request: Request, entity_id: str):
    """The entity's timeline (dossier.query.timeline) on its own page; the entity page embeds it
    in a frame, so the dossier shows at once and the timeline, which reads every article of the
    entity, follows."""
    backend = _backend(request)
    found = backend.with_store(lambda store: store.get_entities_by_id([entity_id]))
    if not found:
        return error_page(request, 404, f"Keine Entität mit der Kennung „{entity_id}“.")
    entries = backend.with_store(lambda store: ledger_views.entity_timeline(store, entity_id))
    backend.with_store(lambda store: article_queries.with_display_titles(store, entries, "article"))
    dated = [{"date": day, "mentions": n} for day, n in _publication_days(entries)]
    return _render(request, "timeline.html", entity=found[0], entries=entries,
                   timeline=charts.timeline_chart(charts.timeline_points(entries, dated)))


def _publication_days(entries):
    from collections import Counter

    return sorted(Counter(e["published"][:10] for e in entries if e.get("published")).items())


@router.get("/zitate", response_class=HTMLResponse)
def quotes_page(request: Request, sprecher: str = "", art: str = "", seite: int = Query(1, ge=1)):
    backend = _backend(request)
    rows = backend.with_store(lambda store: layer_queries.list_quotes(store, speaker=sprecher or None,
                                                                      kind=art or None))
    page = _page(rows, seite)
    backend.with_store(lambda store: article_queries.with_display_titles(store, page.items, "article",
                                                                         "article_title"))
    return _render(request, "quotes.html", sprecher=sprecher, art=art, rows=page.items,
                   pager=_pager(request, page))


@router.get("/konflikte", response_class=HTMLResponse)
def conflicts_page(request: Request, toleranz: float = Query(ledger_views.DEFAULT_TOLERANCE, ge=0, le=1),
                   seite: int = Query(1, ge=1)):
    report = conflicts_of(_backend(request), toleranz)
    page = _page(report["conflicts"], seite)
    return _render(request, "conflicts.html", report=report, conflicts=page.items, pager=_pager(request, page),
                   toleranz=toleranz)


@router.get("/ueber", response_class=HTMLResponse)
def about_page(request: Request):
    counts = _backend(request).with_store(article_queries.corpus_counts)
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
