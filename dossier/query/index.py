"""An in-memory view of the corpus for the API and the web UI.

Every request of the HTTP API asks about a few entities or articles, but the answers (an entity's
articles, its co-mentions, the quotes about it) need every mention of the corpus. Reading those from
the store per request costs a scan of all annotations; this index reads them once and is rebuilt
when the store says its content changed (``Store.revision``) or, for a store that cannot say, after
``FALLBACK_TTL_S`` seconds.

    index = CorpusIndex.build(store)
    index.summaries[article_id], index.entities[entity_id], index.layer("quotes")
    index.entity_articles[entity_id] -> Counter(article id -> mentions)
    index.in_article(layer, article_id) -> that article's annotations of the layer
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from dossier.model import Article, Entity
from dossier.store.base import ArticleSummary, Store

LAYERS = ("mentions", "quotes", "times", "figures", "events")
FALLBACK_TTL_S = 10.0
OPENING_CHARS = 200


@dataclass
class CorpusIndex:
    summaries: dict[str, ArticleSummary]  # in ingest order
    entities: dict[str, Entity]
    layers: dict[str, list[tuple[str, dict[str, Any]]]]  # layer -> [(article id, annotation)]
    openings: dict[str, str] = field(default_factory=dict)  # first characters of each text
    articles: dict[str, Article] = field(default_factory=dict)  # for the ledger queries (see view.py)
    entity_articles: dict[str, Counter] = field(default_factory=dict)
    article_entities: dict[str, Counter] = field(default_factory=dict)
    # layer -> article id -> its annotations; entity id -> [(article id, quote)] it spoke
    by_article: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    quotes_by_speaker: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)
    # Answers computed from the whole store (conflicts, network), kept as long as this index.
    memo: dict[Any, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, store: Store) -> "CorpusIndex":
        """One pass over the stored articles (every layer of each)."""
        summaries: dict[str, ArticleSummary] = {}
        articles: dict[str, Article] = {}
        openings: dict[str, str] = {}
        layers: dict[str, list[tuple[str, dict[str, Any]]]] = {name: [] for name in LAYERS}
        for article in store.iter_articles():
            summaries[article.id] = ArticleSummary(
                article.id, article.title, article.published, article.source, article.language,
                article.duplicate_of, article.origin, len(article.text))
            openings[article.id] = article.text[:OPENING_CHARS]
            articles[article.id] = article
            for name in LAYERS:
                layers[name].extend((article.id, asdict(item)) for item in getattr(article, name))
        index = cls(summaries, {e.id: e for e in store.get_entities()}, layers, openings, articles)
        index._link()
        return index

    def _link(self) -> None:
        for name, pairs in self.layers.items():
            grouped = self.by_article.setdefault(name, {})
            for article_id, item in pairs:
                grouped.setdefault(article_id, []).append(item)
        for article_id, mention in self.layers["mentions"]:
            entity_id = mention.get("entity")
            if entity_id:
                self.entity_articles.setdefault(entity_id, Counter())[article_id] += 1
                self.article_entities.setdefault(article_id, Counter())[entity_id] += 1
        for article_id, quote in self.layers["quotes"]:
            if quote.get("speaker_entity"):
                self.quotes_by_speaker.setdefault(quote["speaker_entity"], []).append((article_id, quote))

    def in_article(self, layer: str, article_id: str) -> list[dict[str, Any]]:
        return self.by_article.get(layer, {}).get(article_id, [])

    def layer(self, name: str) -> list[tuple[str, dict[str, Any]]]:
        return self.layers.get(name, [])

    def mention_count(self, entity_id: str) -> int:
        return sum(self.entity_articles.get(entity_id, Counter()).values())

    def entity_name(self, entity_id: str | None) -> str | None:
        entity = self.entities.get(entity_id) if entity_id else None
        return entity.name if entity else None


class IndexCache:
    """One :class:`CorpusIndex` per store, rebuilt when the store's revision changes."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._index: CorpusIndex | None = None
        self._revision: Any = None
        self._built_at = 0.0

    def get(self) -> CorpusIndex:
        with self._lock:
            revision = _revision(self.store)
            stale = (self._index is None or revision != self._revision
                     or (revision is None and time.monotonic() - self._built_at > FALLBACK_TTL_S))
            if stale:
                self._index = CorpusIndex.build(self.store)
                self._revision, self._built_at = revision, time.monotonic()
            return self._index


    def invalidate(self) -> None:
        """Forget the index (after a write through this process)."""
        with self._lock:
            self._index = None


def _revision(store: Store) -> Any:
    revision = getattr(store, "revision", None)
    return revision() if callable(revision) else None
