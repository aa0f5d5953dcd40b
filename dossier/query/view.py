"""A read-only store over a :class:`CorpusIndex`: the corpus-wide queries (timeline, figure ledger,
conflicts, network) read every article or layer, which the index already holds in memory, so they
run against this view instead of the database. What the index does not hold (``find_figures``,
``find_events``, search) is asked of the real store.
"""
from __future__ import annotations

from typing import Any, Iterator

from dossier.model import Article, Entity
from dossier.query.index import CorpusIndex
from dossier.store.base import ArticleSummary, Store


class IndexedStore:
    """Answers the reading half of :class:`Store` from memory; writes are not offered."""

    def __init__(self, store: Store, index: CorpusIndex):
        self._store = store
        self._index = index

    def get_article(self, article_id: str) -> Article | None:
        article = self._index.articles.get(article_id)
        return article if article is not None else self._store.get_article(article_id)

    def iter_articles(self, batch_size: int = 200) -> Iterator[Article]:
        return iter(list(self._index.articles.values()))

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        summaries = list(self._index.summaries.values())
        return summaries[offset:None if limit is None else offset + limit]

    def count_articles(self) -> int:
        return len(self._index.summaries)

    def iter_layer(self, layer: str) -> Iterator[tuple[ArticleSummary, dict[str, Any]]]:
        summaries = self._index.summaries
        for article_id, item in self._index.layer(layer):
            yield summaries[article_id], item

    def entity_articles(self, entity_id: str) -> list[tuple[ArticleSummary, int]]:
        summaries = self._index.summaries
        return [(summaries[a], n) for a, n in self._index.entity_articles.get(entity_id, {}).items()
                if a in summaries]

    def get_entities(self) -> list[Entity]:
        return list(self._index.entities.values())

    def __getattr__(self, name: str) -> Any:
        if name in {"add_articles", "update_layers", "upsert_entities", "delete_entities", "put_signature",
                    "record_failures", "clear_failure", "mark_duplicates"}:
            raise AttributeError(f"{name}: the indexed view is read-only")
        return getattr(self._store, name)
