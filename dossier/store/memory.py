"""An in-memory double of the store, for tests and throw-away runs.

It keeps the same encoded records as the SQLite store (see
:mod:`dossier.store.codec`), so a value that SQLite cannot hold fails here
too, and nothing a caller mutates after a write leaks into the store.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any, Iterator

from dossier.errors import StoreError
from dossier.model import Article, Entity
from dossier.store import codec, ledger_rows, migrate
from dossier.search import SearchFacets, SearchFilters, SearchPage
from dossier.search.analysis import analyser_signature
from dossier.search.documents import mentioned_entities, search_documents
from dossier.search.memory import MemoryIndex
from dossier.search.syntax import ParsedQuery
from dossier.store.entity_index_memory import EntityIndexMemory
from dossier.store.base import ArticleSummary, BatchResult, Failure, Store


@dataclass
class _Record:
    columns: dict[str, Any]  # as codec.article_columns, JSON columns encoded
    layers: dict[str, list[str]] = field(default_factory=dict)  # layer -> JSON of each item
    ingested_at: str = ""
    ledger: dict[str, list[dict]] = field(default_factory=dict)  # table -> rows (ledger_rows)

    def summary(self) -> ArticleSummary:
        c = self.columns
        return ArticleSummary(c["id"], c["title"], c["published"], c["source"], c["language"],
                              c["duplicate_of"], c["origin"], len(c["text"]))

    def article(self) -> Article:
        layers = {name: [json.loads(item) for item in items] for name, items in self.layers.items()}
        return codec.article_from_columns(self.columns, layers)


def _ledger(article: Article) -> dict[str, list[dict]]:
    return {table: ledger_rows.as_dicts(ledger_rows.TABLE_COLUMNS[table], rows)
            for table, rows in ledger_rows.all_rows(article).items()}


def _encoded_layers(article: Article) -> dict[str, list[str]]:
    layers: dict[str, list[str]] = {}
    for layer, _start, _end, data in codec.layer_rows(article):
        layers.setdefault(layer, []).append(data)
    return layers


class MemoryStore(EntityIndexMemory, Store):
    """Everything in dicts; gone when the object is."""

    def __init__(self) -> None:
        self._articles: dict[str, _Record] = {}  # insertion order = ingest order
        self._by_hash: dict[str, str] = {}
        self._signatures: dict[str, bytes] = {}
        self._entities: dict[str, str] = {}  # id -> JSON of the entity
        self._failures: dict[str, Failure] = {}
        self._search = MemoryIndex()

    # --- articles -----------------------------------------------------------------
    def add_articles(self, articles: list[Article], signatures: dict[str, bytes] | None = None) -> BatchResult:
        result = BatchResult(new=[], unchanged=[])
        staged: dict[str, _Record] = {}
        staged_hashes: dict[str, str] = {}
        staged_search: list[tuple[str, list, list[str]]] = []
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        # Encode and check the whole batch before touching the store: all or nothing.
        for article in articles:
            columns = codec.article_columns(article)
            key = columns["content_hash"]
            stored = self._by_hash.get(key) or staged_hashes.get(key)
            if stored:
                result.unchanged.append(stored)
                continue
            if article.id in self._articles or article.id in staged:
                raise StoreError(f"article id {article.id} is stored with different content",
                                 location=article.origin or None,
                                 hint="ids must be derived from the content hash")
            staged[article.id] = _Record(columns, _encoded_layers(article), now, _ledger(article))
            staged_hashes[key] = article.id
            staged_search.append((article.id, search_documents(article), mentioned_entities(article)))
            result.new.append(article.id)
        self._articles.update(staged)
        self._by_hash.update(staged_hashes)
        for article_id, documents, entities in staged_search:
            self._search.add(article_id, documents, entities)
        self._signatures.update({i: bytes(s) for i, s in (signatures or {}).items() if i in staged and s})
        for article in articles:
            self._failures.pop(article.origin, None)
        return result

    def find_by_hash(self, content_hash: str) -> str | None:
        return self._by_hash.get(content_hash)

    def _resolve_id(self, article_id: str) -> str | None:
        return codec.resolve_article_id(
            article_id, exists=self._articles.__contains__,
            ids_with_prefix=lambda prefix: sorted(i for i in self._articles if i.startswith(prefix))[:3])

    def get_article(self, article_id: str) -> Article | None:
        full_id = self._resolve_id(article_id)
        return self._articles[full_id].article() if full_id else None

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        records = list(self._articles.values())[offset:]
        if limit is not None:
            records = records[:limit]
        return [r.summary() for r in records]

    def iter_articles(self, batch_size: int = 200) -> Iterator[Article]:
        for article_id in list(self._articles):
            if article_id in self._articles:
                yield self._articles[article_id].article()

    def iter_layer(self, layer: str) -> Iterator[tuple[ArticleSummary, dict[str, Any]]]:
        codec.check_layer(layer)
        for record in list(self._articles.values()):
            summary = record.summary()
            for item in list(record.layers.get(layer, [])):
                yield summary, json.loads(item)

    def count_articles(self) -> int:
        return len(self._articles)

    def update_layers(self, article: Article) -> None:
        record = self._articles.get(article.id)
        if record is None:
            raise StoreError(f"article {article.id} is not stored", hint="add it with add_articles first")
        layers = _encoded_layers(article)
        ledger = _ledger(article)
        entities = codec.dumps([codec.entity_to_dict(e) for e in article.entities],
                               what=f"article {article.id}: entities")
        extra = codec.dumps(article.extra, what=f"article {article.id}: extra")  # the layers' versions
        self._articles[article.id] = replace(record, layers=layers, ledger=ledger,
                                             columns={**record.columns, "entities": entities, "extra": extra})
        self._search.replace_layers(article.id, search_documents(article), mentioned_entities(article))

    def set_article_entities(self, entities_of: dict[str, list[Entity]]) -> None:
        self._set_json_column("entities", {i: [codec.entity_to_dict(e) for e in entities]
                                           for i, entities in entities_of.items()})

    def set_article_extra(self, extra_of: dict[str, dict]) -> None:
        self._set_json_column("extra", extra_of)

    def _set_json_column(self, column: str, values: dict[str, Any]) -> None:
        encoded = {i: codec.dumps(value, what=f"article {i}: {column}") for i, value in values.items()}
        missing = sorted(set(encoded) - set(self._articles))
        if missing:
            raise StoreError(f"article {missing[0]} is not stored", hint="add it with add_articles first")
        for article_id, text in encoded.items():
            record = self._articles[article_id]
            self._articles[article_id] = replace(record, columns={**record.columns, column: text})

    # --- full-text search ----------------------------------------------------------
    def _article_fields(self):
        order = {article_id: n for n, article_id in enumerate(self._articles)}

        def article(article_id: str) -> dict:
            columns = self._articles[article_id].columns
            return {"order": order[article_id], "title": columns["title"], "source": columns["source"],
                    "published": columns["published"], "text": columns["text"]}

        return article

    def search(self, query: ParsedQuery, filters: SearchFilters, limit: int, offset: int) -> SearchPage:
        return self._search.search(query, filters, limit, offset, self._article_fields())

    def search_facets(self, query: ParsedQuery, filters: SearchFilters, top_entities: int) -> SearchFacets:
        def entity(entity_id: str) -> tuple[str, str] | None:
            stored = self._entities.get(entity_id)
            return None if stored is None else tuple(json.loads(stored)[k] for k in ("name", "type"))

        return self._search.facets(query, filters, top_entities, self._article_fields(), entity)

    def search_index_analyser(self) -> str | None:
        return analyser_signature()  # built as articles arrive, always by this code

    def rebuild_search_index(self, progress=None) -> int:
        self._search = MemoryIndex()
        for article in self.iter_articles():
            self._search.add(article.id, search_documents(article), mentioned_entities(article))
            if progress:
                progress(1)
        return len(self._articles)

    # --- ledger look-ups ------------------------------------------------------------
    def find_figures(self, *, subject_entity: str | None = None, attribute: str | None = None,
                     as_of_prefix: str | None = None, article_id: str | None = None,
                     ) -> list[tuple[ArticleSummary, dict[str, Any]]]:
        found = []
        for record in list(self._articles.values()):
            rows = [r for r in record.ledger.get("figures", [])
                    if ledger_rows.matches_figure(r, subject_entity, attribute, as_of_prefix, article_id)]
            found += [(record.summary(), ledger_rows.figure_result(r)) for r in rows]
        return found

    def find_events(self, *, entity: str | None = None, event_type: str | None = None,
                    article_id: str | None = None) -> list[tuple[ArticleSummary, dict[str, Any]]]:
        found = []
        for record in list(self._articles.values()):
            with_entity = {p["event_idx"] for p in record.ledger.get("event_participants", [])
                           if p["entity"] == entity}
            for row in record.ledger.get("events", []):
                if ((entity is None or row["idx"] in with_entity)
                        and (event_type is None or row["type"] == event_type)
                        and (article_id is None or row["article_id"] == article_id)):
                    found.append((record.summary(), ledger_rows.event_result(row)))
        return found

    def mark_duplicates(self, duplicate_of: dict[str, str], signatures: dict[str, bytes] | None = None,
                        stored_origins: list[str] | tuple[str, ...] = ()) -> None:
        missing = [i for i in [*duplicate_of, *(signatures or {})] if i not in self._articles]
        if missing:
            raise StoreError(f"article {missing[0]} is not stored", hint="add it with add_articles first")
        for article_id, canonical in duplicate_of.items():
            record = self._articles[article_id]
            self._articles[article_id] = replace(record, columns={**record.columns, "duplicate_of": canonical})
        self._signatures.update({i: bytes(s) for i, s in (signatures or {}).items()})
        for origin in stored_origins:
            self._failures.pop(origin, None)

    # --- signatures -------------------------------------------------------------------
    def signatures(self) -> Iterator[tuple[str, bytes]]:
        for article_id, record in list(self._articles.items()):
            if article_id in self._signatures and record.columns["duplicate_of"] is None:
                yield article_id, self._signatures[article_id]

    def put_signature(self, article_id: str, signature: bytes) -> None:
        self.put_signatures({article_id: signature})

    def put_signatures(self, signatures: dict[str, bytes]) -> None:
        missing = sorted(set(signatures) - set(self._articles))
        if missing:
            raise StoreError(f"no article {missing[0]} for this signature", hint="add the article first")
        for article_id, signature in signatures.items():
            self._signatures[article_id] = bytes(signature)

    def similar_signatures(self, band_keys: list[int]) -> list[tuple[str, bytes]]:
        from dossier.resolve.dedup import band_keys as bands_of

        wanted = set(band_keys)
        return [(i, s) for i, s in self.signatures() if wanted & set(bands_of(s))]

    def signatures_from_source(self, source_key: str) -> list[tuple[str, bytes]]:
        from dossier.resolve.dedup import source_key as key_of

        return [(i, s) for i, s in self.signatures()
                if key_of(self._articles[i].columns["source"]) == source_key]

    # --- entities -------------------------------------------------------------------
    def upsert_entities(self, entities: list[Entity]) -> None:
        encoded = {e.id: codec.dumps(codec.entity_to_dict(e), what=f"entity {e.id}") for e in entities}
        self._entities.update(encoded)

    def get_entities(self) -> list[Entity]:
        return [codec.entity_from_dict(json.loads(self._entities[i])) for i in sorted(self._entities)]

    def delete_entities(self, ids: list[str]) -> None:
        for entity_id in ids:
            self._entities.pop(entity_id, None)

    # --- failures ---------------------------------------------------------------------
    def record_failures(self, failures: list[Failure]) -> None:
        self._failures.update({f.origin: replace(f) for f in failures})

    def list_failures(self) -> list[Failure]:
        return [replace(f) for f in sorted(self._failures.values(), key=lambda f: (f.at, f.origin))]

    def clear_failure(self, origin: str) -> None:
        self._failures.pop(origin, None)

    # --- housekeeping -----------------------------------------------------------------
    def schema_version(self) -> int:
        return migrate.latest_version()

    def close(self) -> None:
        """Nothing to release; the data lives as long as the object."""
