"""The in-memory double's answers to the entity look-ups and the resolution index
(the SQL stores' are in :mod:`dossier.store.entity_index`; the contract tests run both).

Mixed into :class:`~dossier.store.memory.MemoryStore`, which keeps ``_articles`` (records
with ``ledger`` rows per table) and ``_entities`` (id -> entity JSON).
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, Iterable

from dossier.model import Entity
from dossier.store import codec
from dossier.store.entity_index import ResolutionNode, name_rows


def _latest(found: list[tuple[Any, Any]], limit: int | None) -> list[tuple[Any, Any]]:
    """The items of the ``limit`` most recently published articles (ties: highest id; undated
    last), in ingest order (as SQL)."""
    if limit is None:
        return found
    newest_first = sorted(range(len(found)), key=lambda i: (found[i][0].published or "", found[i][0].id),
                          reverse=True)
    return [found[i] for i in sorted(newest_first[:limit])]


class EntityIndexMemory:
    def _resolution(self) -> dict:
        # article id -> (refs, {local id: ResolutionNode}); made on first use
        if not hasattr(self, "_resolution_index"):
            self._resolution_index: dict[str, tuple[str, dict[str, ResolutionNode]]] = {}
        return self._resolution_index

    def _mention_rows(self):
        for record in list(self._articles.values()):
            for row in record.ledger.get("entity_mentions", []):
                yield record, row

    # --- entity look-ups ------------------------------------------------------------
    def entity_counts(self, ids: list[str] | None = None) -> dict[str, tuple[int, int]]:
        wanted = None if ids is None else set(ids)
        mentions, articles = Counter(), Counter()
        for _, row in self._mention_rows():
            if wanted is None or row["entity"] in wanted:
                mentions[row["entity"]] += row["mentions"]
                articles[row["entity"]] += 1
        return {e: (mentions[e], articles[e]) for e in mentions}

    def entity_articles(self, entity_id: str, limit: int | None = None) -> list[tuple[Any, int]]:
        found = [(record.summary(), row["mentions"]) for record, row in self._mention_rows()
                 if row["entity"] == entity_id]
        return _latest(found, limit)

    def co_mentioned(self, entity_id: str, limit: int | None = None,
                     recent: int | None = None) -> list[tuple[str, int]]:
        by_article: dict[str, set[str]] = {}
        for record, row in self._mention_rows():
            by_article.setdefault(row["article_id"], set()).add(row["entity"])
        own = {s.id for s, _ in self.entity_articles(entity_id, recent)}
        shared = Counter(other for article, entities in by_article.items() if article in own
                         for other in entities if other != entity_id)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return ranked if limit is None else ranked[:limit]

    def quotes_by_speaker(self, entity_id: str, limit: int | None = None) -> list[tuple[Any, dict]]:
        found = [(record.summary(), json.loads(row["data"])) for record in list(self._articles.values())
                 for row in record.ledger.get("quote_speakers", []) if row["speaker_entity"] == entity_id]
        return _latest(found, limit)

    def figures_about(self, entity_id: str, limit: int | None = None) -> list[tuple[Any, dict]]:
        return _latest(self.find_figures(subject_entity=entity_id), limit)

    def entity_ids_by_key(self, key: str) -> list[tuple[str, bool]]:
        rows = {(alias, entity_id) for entity_id, text in self._entities.items()
                for k, _, alias in name_rows([codec.entity_from_dict(json.loads(text))]) if k == key}
        return [(entity_id, bool(alias)) for alias, entity_id in sorted(rows)]

    def get_entities_by_id(self, ids: list[str]) -> list[Entity]:
        return [codec.entity_from_dict(json.loads(self._entities[i])) for i in sorted(set(ids))
                if i in self._entities]

    def kb_entities(self) -> list[Entity]:
        return [e for e in self.get_entities() if e.external_id]

    # --- the resolution index ---------------------------------------------------------
    def put_resolution_nodes(self, article_id: str, refs: str, nodes: list[ResolutionNode]) -> None:
        self._resolution()[article_id] = (refs, {n.local_id: n for n in nodes})

    def _all_nodes(self):
        index = self._resolution()
        for article_id in list(index):
            if article_id in self._articles:  # an article's rows go with it, as ON DELETE CASCADE
                yield from index[article_id][1].values()

    def resolution_nodes(self, keys: Iterable[str] | None = None, entity_ids: Iterable[str] | None = None,
                         article_ids: Iterable[str] | None = None) -> list[ResolutionNode]:
        with_keys = not (keys is None and entity_ids is None and article_ids is None)  # as the SQL stores
        if not with_keys:
            found = list(self._all_nodes())
        else:
            keys, entity_ids, article_ids = set(keys or ()), set(entity_ids or ()), set(article_ids or ())
            found = [n for n in self._all_nodes()
                     if keys & set(n.keys) or n.entity_id in entity_ids or n.article_id in article_ids]
        return [ResolutionNode(n.article_id, n.local_id, n.entity_id, n.data, tuple(n.keys) if with_keys else ())
                for n in sorted(found, key=lambda n: (n.article_id, n.local_id))]

    def set_resolution_entities(self, entity_of: dict[tuple[str, str], str]) -> None:
        index = self._resolution()
        for (article_id, local_id), entity_id in entity_of.items():
            node = index.get(article_id, ("", {}))[1].get(local_id)
            if node is not None:
                node.entity_id = entity_id

    def unresolve_articles(self, article_ids: list[str]) -> None:
        index = self._resolution()
        for article_id in article_ids:
            if article_id in index:
                index[article_id] = (None, index[article_id][1])

    def resolution_refs(self, article_ids: list[str]) -> dict[str, str]:
        index = self._resolution()
        return {a: index[a][0] for a in article_ids if a in index and index[a][0] is not None
                and a in self._articles}

    def unresolved_articles(self) -> list[str]:
        index = self._resolution()
        return [a for a in self._articles if a not in index or index[a][0] is None]
