"""GET /api/search: full-text search (dossier.query.search) over articles and quotes."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query

from dossier.api.backend import Backend
from dossier.api.errors import ERROR_RESPONSES, ApiError
from dossier.api.routes import ISO_DATE, backend, check_range
from dossier.errors import QueryError
from dossier.query.entities import find_entity_id
from dossier.query.pages import MAX_PAGE_SIZE
from dossier.query.search import ensure_index, index_is_current, search

router = APIRouter(prefix="/api", tags=["search"], responses=ERROR_RESPONSES)
# Each hit's snippet is cut from its analysed text, so a page costs time per hit: 10 by default.
DEFAULT_HITS = 10


def run_search(db: Backend, query: str, *, entity: str | None = None, **options: Any) -> dict[str, Any]:
    """The search result as JSON-ready values; an unknown entity is a 404, a query the query
    language cannot read a 400 (with the hint on the syntax)."""
    entity_id = None
    if entity:
        entity_id = db.with_store(lambda store: find_entity_id(store, entity))
        if entity_id is None:
            raise ApiError(404, f"no entity {entity!r}")
    db.write_if(lambda store: not index_is_current(store), ensure_index)  # a database older than search
    try:
        result = db.with_store(lambda store: search(store, query, entity=entity_id, **options))
    except QueryError as exc:
        raise ApiError(400, exc.message, code="bad_query", detail={"hint": exc.hint or None}) from None
    return result.to_dict()


@router.get("/search", summary="German full-text search over articles and quotes (stemmed, umlaut-folded, BM25)")
def get_search(q: str = Query(..., min_length=1, description='words, "a phrase", Werbe* prefixes, OR, -word'),
               entity: str | None = Query(None, description="entity id, name or alias the article mentions"),
               source: str | None = None,
               since: str | None = Query(None, pattern=ISO_DATE), until: str | None = Query(None, pattern=ISO_DATE),
               layer: Literal["articles", "quotes", "all"] = "articles",
               speaker: str | None = Query(None, description="quotes by this speaker (implies layer=quotes)"),
               limit: int = Query(DEFAULT_HITS, ge=1, le=MAX_PAGE_SIZE), offset: int = Query(0, ge=0),
               facets: bool = Query(False, description="count all matches by source, month and entity"),
               db: Backend = Depends(backend)) -> dict[str, Any]:
    check_range(since, until)
    result = run_search(db, q, entity=entity, source=source, since=since, until=until, layer=layer,
                        speaker=speaker, limit=limit, offset=offset, facets=facets)
    result["next_offset"] = offset + limit if offset + limit < result["total"] else None
    return result
