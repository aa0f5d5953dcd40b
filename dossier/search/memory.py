"""The in-memory search index of the MemoryStore: the same documents, matches and
BM25 scores as SQLite's FTS5 (``bm25()`` with k1 = 1.2, b = 0.75, one IDF per
query item, the row length over both indexed columns), computed in plain Python.
Every query scans all documents: fine for tests and throw-away runs."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterator

from dossier.search import (
    BM25_B, BM25_K1, FacetCount, SearchFacets, SearchFilters, SearchPage, SearchRow, facets_in_order,
    published_matches, speaker_matches,
)
from dossier.search.documents import SearchDocument, positions
from dossier.search.syntax import PREFIX, TERM, Item, ParsedQuery


@dataclass
class _Indexed:
    article_id: str
    document: SearchDocument
    stems: dict[str, list[int]]
    words: dict[str, list[int]]

    def frequency(self, item: Item) -> int:
        """How often ``item`` occurs (FTS5's phrase hit count)."""
        if item.kind == TERM:
            return len(self.stems.get(item.terms[0], ()))
        if item.kind == PREFIX:
            return sum(len(at) for word, at in self.words.items() if word.startswith(item.terms[0]))
        first, rest = item.terms[0], item.terms[1:]
        return sum(1 for p in self.stems.get(first, ())
                   if all(p + i in self.stems.get(term, ()) for i, term in enumerate(rest, 1)))

    def matches(self, query: ParsedQuery) -> bool:
        return (all(any(self.frequency(item) for item in group) for group in query.groups)
                and not any(self.frequency(item) for item in query.excluded))


class MemoryIndex:
    """Documents in insertion order; ids grow like an INTEGER PRIMARY KEY."""

    def __init__(self) -> None:
        self._documents: dict[int, _Indexed] = {}
        self._entities: dict[str, set[str]] = {}  # article id -> mentioned entity ids
        self._next_id = 1
        self._average_length: float | None = None  # of the current documents; None after a change

    def add(self, article_id: str, documents: list[SearchDocument], entities: list[str]) -> None:
        self._average_length = None
        for document in documents:
            self._documents[self._next_id] = _Indexed(article_id, document, positions(document.stems),
                                                      positions(document.words))
            self._next_id += 1
        self._entities[article_id] = set(entities)

    def replace_layers(self, article_id: str, documents: list[SearchDocument], entities: list[str]) -> None:
        """New quotes and mentions of a stored article; its article document stays."""
        for doc_id in [i for i, d in self._documents.items()
                       if d.article_id == article_id and d.document.kind != "article"]:
            del self._documents[doc_id]
        self._average_length = None
        self.add(article_id, [d for d in documents if d.kind != "article"], entities)

    def search(self, query: ParsedQuery, filters: SearchFilters, limit: int, offset: int,
               article: Callable[[str], dict]) -> SearchPage:
        """``article(id)`` gives the article's order, title, source, published and text."""
        idf = self._idf(query)
        scored = sorted((-self._bm25(indexed, query, idf), meta["order"], indexed.document.kind,
                         indexed.document.start, doc_id)
                        for doc_id, indexed, meta in self._matching(query, filters, article))
        rows = []
        for score, _order, _kind, _start, doc_id in scored[offset:offset + limit]:
            indexed = self._documents[doc_id]
            meta, document = article(indexed.article_id), indexed.document
            rows.append(SearchRow(document.kind, indexed.article_id, document.start, document.end,
                                  document.quote_index, document.speaker, document.speaker_entity, -score,
                                  meta["title"], meta["source"], meta["published"], meta["text"]))
        return SearchPage(len(scored), rows)

    def facets(self, query: ParsedQuery, filters: SearchFilters, top_entities: int,
               article: Callable[[str], dict], entity: Callable[[str], tuple[str, str] | None]) -> SearchFacets:
        """``entity(id)`` gives (name, type) of a stored canonical entity, else None."""
        sources: Counter = Counter()
        months: Counter = Counter()
        entities: Counter = Counter()
        for _doc_id, indexed, meta in self._matching(query, filters, article):
            sources[meta["source"]] += 1
            months[meta["published"][:7] if meta["published"] else None] += 1
            entities.update(e for e in self._entities.get(indexed.article_id, ()) if entity(e))
        top = sorted(entities.items(), key=lambda item: (-item[1], item[0]))[:top_entities]
        return facets_in_order([FacetCount(v, n) for v, n in sources.items()],
                               [FacetCount(v, n) for v, n in months.items()],
                               [FacetCount(e, n, *entity(e)) for e, n in top])

    def _matching(self, query: ParsedQuery, filters: SearchFilters,
                  article: Callable[[str], dict]) -> Iterator[tuple[int, _Indexed, dict]]:
        for doc_id, indexed in self._documents.items():
            if indexed.matches(query):
                meta = article(indexed.article_id)
                if self._passes(indexed, meta, filters):
                    yield doc_id, indexed, meta

    def _passes(self, indexed: _Indexed, meta: dict, filters: SearchFilters) -> bool:
        document = indexed.document
        if document.kind not in filters.kinds:
            return False
        if filters.source is not None and meta["source"] != filters.source:
            return False
        if not published_matches(filters, meta["published"]):
            return False
        if filters.entity_ids is not None and not self._entities.get(indexed.article_id, set()) & set(
                filters.entity_ids):
            return False
        return not filters.speaker_filter or speaker_matches(filters, document.speaker_entity,
                                                             document.speaker_key)

    def _idf(self, query: ParsedQuery) -> dict[Item, float]:
        rows = len(self._documents)
        idf = {}
        for item in query.positive_items:
            hits = sum(1 for d in self._documents.values() if d.frequency(item))
            value = math.log((rows - hits + 0.5) / (hits + 0.5))
            idf[item] = value if value > 0 else 1e-6
        return idf

    def _bm25(self, indexed: _Indexed, query: ParsedQuery, idf: dict[Item, float]) -> float:
        if self._average_length is None:
            # FTS5 counts a row's tokens over all its columns (stems and words: twice the words).
            self._average_length = sum(2 * len(d.document.stems) for d in self._documents.values()) / len(
                self._documents)
        length_factor = BM25_K1 * (1 - BM25_B + BM25_B * 2 * len(indexed.document.stems) / self._average_length)
        score = 0.0
        for item in query.positive_items:
            frequency = indexed.frequency(item)
            if frequency:
                score += idf[item] * frequency * (BM25_K1 + 1) / (frequency + length_factor)
        return score
