"""Full-text search over articles and quotes: the one function the CLI, the API and
the web UI call.

    >>> from dossier.store import MemoryStore
    >>> from dossier.query.search import search
    >>> search(MemoryStore(), "Werbekunden").total
    0

The query language is described in :mod:`dossier.search.syntax`; matching is on
Snowball German stems of umlaut-folded words (``Werbekunde`` finds
``Werbekunden``, ``Aerzte`` finds ``Ärzte``), ranking is BM25 (SQLite, memory) or
``ts_rank_cd`` (PostgreSQL), and each hit carries a plain-text snippet with
highlight offsets into the article's clean text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from dossier.errors import QueryError
from dossier.search import ARTICLE, QUOTE, SearchFacets, SearchFilters, SearchRow
from dossier.search.analysis import analyser_signature
from dossier.search.documents import name_key
from dossier.search.snippets import Snippet, snippet
from dossier.search.syntax import ParsedQuery, parse
from dossier.store.base import Store

LAYERS = {"articles": (ARTICLE,), "quotes": (QUOTE,), "all": (ARTICLE, QUOTE)}
MAX_LIMIT = 200
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class SearchHit:
    kind: str  # "article" or "quote"
    article_id: str
    title: str | None
    source: str | None
    published: str | None
    score: float  # higher is better; compare only within one result
    snippet: Snippet
    start: int  # the matched document in the article's clean text (the whole text, or the quote)
    end: int
    quote_index: int | None = None  # position in the article's quotes layer
    speaker: str | None = None
    speaker_entity: str | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "article_id": self.article_id, "title": self.title, "source": self.source,
                "published": self.published, "score": self.score, "start": self.start, "end": self.end,
                "quote_index": self.quote_index, "speaker": self.speaker, "speaker_entity": self.speaker_entity,
                "snippet": self.snippet.to_dict()}


@dataclass
class SearchResult:
    query: str
    total: int  # every match, not only this page
    limit: int
    offset: int
    hits: list[SearchHit] = field(default_factory=list)
    facets: SearchFacets | None = None  # with facets=True

    def to_dict(self) -> dict:
        found = {"query": self.query, "total": self.total, "limit": self.limit, "offset": self.offset,
                 "hits": [h.to_dict() for h in self.hits]}
        return found if self.facets is None else {**found, "facets": self.facets.to_dict()}


def search(store: Store, query: str, *, entity: str | None = None, source: str | None = None,
           since: str | None = None, until: str | None = None, layer: str = "articles",
           speaker: str | None = None, limit: int = 20, offset: int = 0, facets: bool = False,
           top_entities: int = 20) -> SearchResult:
    """Search articles and/or quotes (``layer``: articles, quotes or all; ``speaker`` implies
    quotes). ``entity`` and ``speaker`` take an entity id or name. With ``facets`` the result
    also counts all matches by source, month and the ``top_entities`` most mentioned
    entities. Raises QueryError for a query or option that cannot be read, StoreError for
    an unknown entity or an index that must be rebuilt first (see :func:`ensure_index`)."""
    parsed = parse(query)
    filters = _filters(store, entity=entity, source=source, since=since, until=until, layer=layer,
                       speaker=speaker)
    _check_page(limit, offset)
    _require_current_index(store)
    page = store.search(parsed, filters, limit, offset)
    result = SearchResult(query, page.total, limit, offset, [_hit(row, parsed) for row in page.rows])
    if facets:
        result.facets = store.search_facets(parsed, filters, top_entities) if page.total else SearchFacets()
    return result


def index_is_current(store: Store) -> bool:
    return store.search_index_analyser() in ("", analyser_signature())


def ensure_index(store: Store, progress: Callable[[int], None] | None = None) -> int:
    """Build the search index when the database predates it or was indexed by another
    analysis (an upgraded stemmer); returns the number of articles indexed (0: it was current)."""
    if index_is_current(store):
        return 0
    return store.rebuild_search_index(progress)


def _require_current_index(store: Store) -> None:
    if not index_is_current(store):
        from dossier.errors import StoreError

        raise StoreError("the search index of this database is missing or was built by another version",
                         hint="run `dossier reindex` once (dossier search does it by itself)")


def _check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise QueryError(f"offset must be 0 or more, not {offset}")


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    if not ISO_DATE.match(value.strip()):
        raise QueryError(f"{option} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value.strip()


def _entity_ids(store: Store, name: str) -> tuple[str, ...]:
    from dossier.resolve.entity_query import find_entities

    return tuple(e.id for e in find_entities(store, name))


def _filters(store: Store, *, entity, source, since, until, layer, speaker) -> SearchFilters:
    if layer not in LAYERS:
        raise QueryError(f"layer must be one of {', '.join(LAYERS)}, not {layer!r}")
    kinds = LAYERS["quotes"] if speaker else LAYERS[layer]
    speaker_ids, speaker_key = (), None
    if speaker:
        speaker_key = name_key(speaker)
        if speaker_key is None:
            raise QueryError(f"the speaker {speaker!r} has no letters or digits")
        speaker_ids = _known_entity_ids(store, speaker)
    return SearchFilters(kinds=kinds, entity_ids=_entity_ids(store, entity) if entity else None,
                         source=source, since=_date(since, "since"), until=_date(until, "until"),
                         speaker_ids=speaker_ids, speaker_key=speaker_key)


def _known_entity_ids(store: Store, name: str) -> tuple[str, ...]:
    """The entities a speaker name stands for; none when the name is no entity (the
    folded name still matches unresolved speakers)."""
    from dossier.errors import ConfigError, StoreError

    try:
        return _entity_ids(store, name)
    except (StoreError, ConfigError):
        return ()


def _hit(row: SearchRow, parsed: ParsedQuery) -> SearchHit:
    return SearchHit(row.kind, row.article_id, row.title, row.source, row.published, row.score,
                     snippet(row.text, row.start, row.end, parsed), row.start, row.end, row.quote_index,
                     row.speaker, row.speaker_entity)
