"""Full-text search machinery shared by the stores and dossier.query.search.

    analysis   words -> folded words and Snowball German stems (one place for all stores)
    documents  what the index holds per article: the article and each quote
    syntax     the query language -> ParsedQuery (no store syntax ever comes from a user)
    memory     the in-memory index of the MemoryStore (BM25 as SQLite's FTS5 computes it)
    snippets   the passage shown for a hit, with highlight offsets into the clean text

The store side of the contract is :class:`SearchFilters` in, :class:`SearchPage` out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from dossier.search.documents import ARTICLE, KINDS, QUOTE

# BM25 constants, as SQLite FTS5's bm25() uses them; the memory index uses the same.
BM25_K1 = 1.2
BM25_B = 0.75


@dataclass(frozen=True)
class SearchFilters:
    """Which documents may match, besides the query itself."""

    kinds: tuple[str, ...] = (ARTICLE,)  # ARTICLE and/or QUOTE
    entity_ids: tuple[str, ...] | None = None  # the article mentions one of these
    source: str | None = None
    since: str | None = None  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive
    until: str | None = None  # inclusive: 2023-11 takes all of November
    speaker_ids: tuple[str, ...] = ()  # quotes whose speaker_entity is one of these ...
    speaker_key: str | None = None  # ... or whose folded speaker name is this or ends with it

    @property
    def speaker_filter(self) -> bool:
        return bool(self.speaker_ids or self.speaker_key)


@dataclass
class SearchRow:
    """One matching document as a store returns it (best first)."""

    kind: str
    article_id: str
    start: int
    end: int
    quote_index: int | None
    speaker: str | None
    speaker_entity: str | None
    score: float  # higher is better; comparable within one result only
    title: str | None = None
    source: str | None = None
    published: str | None = None
    text: str = ""  # the article's clean text (for the snippet)


@dataclass
class SearchPage:
    total: int  # all matches, not only this page
    rows: list[SearchRow] = field(default_factory=list)


@dataclass
class FacetCount:
    value: str | None  # a source, a month (YYYY-MM), an entity id; None: not known
    count: int  # matching documents
    name: str | None = None  # entities: canonical name and type
    type: str | None = None

    def to_dict(self) -> dict:
        found = {"value": self.value, "count": self.count}
        return found if self.name is None else {**found, "name": self.name, "type": self.type}


@dataclass
class SearchFacets:
    """How the matching documents spread over sources, publication months and the
    (canonical) entities their articles mention; counts of documents, not of pages."""

    sources: list[FacetCount] = field(default_factory=list)
    months: list[FacetCount] = field(default_factory=list)
    entities: list[FacetCount] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {name: [c.to_dict() for c in getattr(self, name)] for name in ("sources", "months", "entities")}


def facets_in_order(sources: list[FacetCount], months: list[FacetCount],
                    entities: list[FacetCount]) -> SearchFacets:
    """The same order from every store: sources by count, months by time (unknown last),
    entities by count then id (as the store's top-N query already cut them)."""
    return SearchFacets(sorted(sources, key=lambda c: (-c.count, c.value is None, c.value or "")),
                        sorted(months, key=lambda c: (c.value is None, c.value or "")),
                        sorted(entities, key=lambda c: (-c.count, c.value or "")))


def speaker_matches(filters: SearchFilters, speaker_entity: str | None, speaker_key: str | None) -> bool:
    """The --speaker rule every store applies (SQL in the database stores)."""
    if speaker_entity and speaker_entity in filters.speaker_ids:
        return True
    key = filters.speaker_key
    return bool(key and speaker_key and (speaker_key == key or speaker_key.endswith(" " + key)))


def published_matches(filters: SearchFilters, published: str | None) -> bool:
    """The --since/--until rule every store applies: ISO strings compared as text."""
    if filters.since and (published is None or published < filters.since):
        return False
    if filters.until and (published is None or published[: len(filters.until)] > filters.until):
        return False
    return True


__all__ = ["ARTICLE", "QUOTE", "KINDS", "BM25_K1", "BM25_B", "SearchFilters", "SearchRow", "SearchPage",
           "FacetCount", "SearchFacets", "facets_in_order",
           "speaker_matches", "published_matches"]
