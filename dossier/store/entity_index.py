"""Indexed entity look-ups and the resolution index, in SQL shared by SQLite and PostgreSQL.

The two SQL stores mix :class:`EntityIndexSQL` in; it needs their ``_query(sql, params)``,
``_tx()``, ``_summary(row)``, ``_entities_where(where, params)`` and the class settings below. The in-memory
double answers the same questions in Python (dossier/store/memory.py). Tables: migration 5.

    entity_counts(ids=None) -> {entity id: (mentions, articles)}
    entity_articles(entity_id) -> [(ArticleSummary, mentions)]       ingest order
    co_mentioned(entity_id, limit) -> [(entity id, shared articles)]  most shared first
    quotes_by_speaker(entity_id) -> [(ArticleSummary, quote dict)]    ingest order
    entity_ids_by_key(key) -> [(entity id, is_alias)]                 by compact name key
    get_entities_by_id(ids) -> [Entity]

    put_resolution_nodes(article_id, refs, nodes)   nodes: [ResolutionNode]
    resolution_nodes(keys=None, entity_ids=None, article_ids=None)  [ResolutionNode], all when None
    unresolve_articles(article_ids)                  drop their refs: the next resolution re-indexes them
    set_resolution_entities({(article id, local id): entity id})
    resolution_refs(article_ids) -> {article id: refs JSON}
    unresolved_articles() -> [article id]           stored articles not yet in the index
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

from dossier.model import Entity

# Ids per IN (...) list: SQLite allows 32,766 host parameters, so stay well below.
IN_BATCH = 500


@dataclass
class ResolutionNode:
    article_id: str
    local_id: str
    entity_id: str | None
    data: str  # JSON of the node (see dossier/resolve/incremental.py)
    keys: tuple[str, ...] = ()


def name_rows(entities: list[Entity]) -> list[tuple[str, str, int]]:
    """(key, entity id, is alias) rows of ``entity_names`` for ``entities``."""
    from dossier.analyse.entities.names import compact_key

    rows = set()
    for e in entities:
        rows.add((compact_key(e.name), e.id, 0))
        rows.update((compact_key(a), e.id, 1) for a in e.aliases)
    return sorted(r for r in rows if r[0])


def _node_keys(row) -> tuple[str, ...]:
    try:
        text = row["node_keys"]
    except (KeyError, IndexError):  # not asked for
        return ()
    return tuple(text.split("\x1f")) if text else ()


def _batches(items: Iterable, size: int = IN_BATCH):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


class EntityIndexSQL:
    # Set by each SQL store: placeholder, article summary columns of ``a``, ingest order of
    # ``a``, and the LIMIT value meaning "no limit".
    MARK = "?"
    SUMMARY_A = ("a.id, a.title, a.published, a.source, a.language, a.duplicate_of, a.origin, "
                 "length(a.text) AS chars")
    ORDER_A = "a.rowid"
    NO_LIMIT: int | None = -1
    NULLS_LAST = ""  # SQLite sorts NULL lowest, so last in DESC
    # the keys of a node in one column (char 31, the unit separator, is in no key)
    KEYS_OF_NODE = ("(SELECT group_concat(k2.key, char(31)) FROM resolution_keys k2 "
                    "WHERE k2.article_id = n.article_id AND k2.local_id = n.local_id) AS node_keys")

    def _marks(self, n: int) -> str:
        return ", ".join([self.MARK] * n)

    def _write_entity_names(self, conn, entities: list[Entity]) -> None:
        """Replace the name keys of ``entities`` (inside the caller's transaction)."""
        m = self.MARK
        for ids in _batches([e.id for e in entities]):
            conn.execute(f"DELETE FROM entity_names WHERE entity_id IN ({self._marks(len(ids))})", tuple(ids))
        rows = name_rows(entities)
        if rows:
            conn.cursor().executemany(f"INSERT INTO entity_names (key, entity_id, alias) VALUES ({m}, {m}, {m})",
                                      rows)

    # --- entity look-ups ------------------------------------------------------------
    def entity_counts(self, ids: list[str] | None = None) -> dict[str, tuple[int, int]]:
        sql = "SELECT entity, SUM(mentions) AS n, COUNT(*) AS a FROM entity_mentions"
        if ids is None:
            rows = self._query(sql + " GROUP BY entity")
        else:
            rows = [r for chunk in _batches(ids) for r in self._query(
                f"{sql} WHERE entity IN ({self._marks(len(chunk))}) GROUP BY entity", tuple(chunk))]
        return {r["entity"]: (int(r["n"]), int(r["a"])) for r in rows}

    def _latest_articles(self, entity_id: str, limit: int | None) -> str:
        """SQL of (article_id, mentions) of the entity: all, or the ``limit`` most recently
        published (then ingested), chosen before any article text is read."""
        m = self.MARK
        if limit is None:
            return f"SELECT article_id, mentions FROM entity_mentions WHERE entity = {m}"
        return (f"SELECT article_id, mentions FROM entity_mentions WHERE entity = {m} "
                f"ORDER BY published DESC{self.NULLS_LAST}, article_id DESC LIMIT {int(limit)}")

    def entity_articles(self, entity_id: str, limit: int | None = None) -> list[tuple[Any, int]]:
        # with a limit: the most recently published ones (ties: highest id), in ingest order
        rows = self._query(f"SELECT {self.SUMMARY_A}, t.mentions FROM ({self._latest_articles(entity_id, limit)}) t "
                           f"JOIN articles a ON a.id = t.article_id ORDER BY {self.ORDER_A}", (entity_id,))
        return [(self._summary(r), int(r["mentions"])) for r in rows]

    def co_mentioned(self, entity_id: str, limit: int | None = None,
                     recent: int | None = None) -> list[tuple[str, int]]:
        m = self.MARK
        rows = self._query(f"SELECT o.entity, COUNT(*) AS shared FROM ({self._latest_articles(entity_id, recent)}) s "
                           f"JOIN entity_mentions o ON o.article_id = s.article_id AND o.entity <> {m} "
                           f"GROUP BY o.entity ORDER BY shared DESC, o.entity LIMIT {m}",
                           (entity_id, entity_id, self.NO_LIMIT if limit is None else limit))
        return [(r["entity"], int(r["shared"])) for r in rows]

    def quotes_by_speaker(self, entity_id: str, limit: int | None = None) -> list[tuple[Any, dict]]:
        order = f"ORDER BY {self.ORDER_A}, q.idx" if limit is None else (
            f"ORDER BY a.published IS NULL, a.published DESC, a.id DESC, q.idx LIMIT {int(limit)}")
        rows = self._query(f"SELECT {self.SUMMARY_A}, {self.ORDER_A} AS ingest_order, q.idx, q.data "
                           f"FROM quote_speakers q JOIN articles a ON a.id = q.article_id "
                           f"WHERE q.speaker_entity = {self.MARK} {order}", (entity_id,))
        rows = sorted(rows, key=lambda r: (r["ingest_order"], r["idx"]))
        return [(self._summary(r), json.loads(r["data"])) for r in rows]

    def figures_about(self, entity_id: str, limit: int | None = None) -> list[tuple[Any, dict]]:
        """Figures whose ``subject_entity`` is the entity (the ledger's table), as
        ``find_figures`` gives them; with ``limit`` those of the most recent articles, read from
        the first entries of the (subject_entity, published, article_id, idx) index."""
        from dossier.store.ledger_rows import figure_result

        m = self.MARK
        latest = ("" if limit is None else
                  f"ORDER BY f.published DESC{self.NULLS_LAST}, f.article_id DESC, f.idx LIMIT {int(limit)}")
        rows = self._query(f"SELECT {self.SUMMARY_A}, t.idx, t.subject_entity, t.data FROM ("
                           f"SELECT f.article_id, f.idx, f.subject_entity, f.data FROM figures f "
                           f"WHERE f.subject_entity = {m} {latest}) t "
                           f"JOIN articles a ON a.id = t.article_id ORDER BY {self.ORDER_A}, t.idx", (entity_id,))
        return [(self._summary(r), figure_result(r)) for r in rows]

    def entity_ids_by_key(self, key: str) -> list[tuple[str, bool]]:
        if not self._query("SELECT 1 FROM entity_names LIMIT 1") and self._query("SELECT 1 FROM entities LIMIT 1"):
            # a database resolved before migration 4: fill the name index once
            with self._tx() as conn:
                self._write_entity_names(conn, self.get_entities())
        rows = self._query(f"SELECT entity_id, alias FROM entity_names WHERE key = {self.MARK} "
                           f"ORDER BY alias, entity_id", (key,))
        return [(r["entity_id"], bool(r["alias"])) for r in rows]

    def get_entities_by_id(self, ids: list[str]) -> list[Entity]:
        found = []
        for chunk in _batches(ids):
            found += self._entities_where(f"id IN ({self._marks(len(chunk))})", tuple(chunk))
        return sorted(found, key=lambda e: e.id)

    def kb_entities(self) -> list[Entity]:
        # every resolution run reads them: a filter in SQL, not a decode of every entity
        return self._entities_where("external_id IS NOT NULL", ())

    # --- the resolution index ---------------------------------------------------------
    def put_resolution_nodes(self, article_id: str, refs: str, nodes: list[ResolutionNode]) -> None:
        m = self.MARK
        with self._tx() as conn:
            for table in ("resolution_keys", "resolution_nodes", "resolution_articles"):
                conn.execute(f"DELETE FROM {table} WHERE article_id = {m}", (article_id,))
            conn.execute(f"INSERT INTO resolution_articles (article_id, refs) VALUES ({m}, {m})", (article_id, refs))
            cursor = conn.cursor()
            if nodes:
                cursor.executemany(f"INSERT INTO resolution_nodes (article_id, local_id, entity_id, data) "
                                   f"VALUES ({m}, {m}, {m}, {m})",
                                   [(n.article_id, n.local_id, n.entity_id, n.data) for n in nodes])
            keys = sorted({(k, n.article_id, n.local_id) for n in nodes for k in n.keys})
            if keys:
                cursor.executemany(f"INSERT INTO resolution_keys (key, article_id, local_id) "
                                   f"VALUES ({m}, {m}, {m})", keys)

    def resolution_nodes(self, keys: Iterable[str] | None = None, entity_ids: Iterable[str] | None = None,
                         article_ids: Iterable[str] | None = None) -> list[ResolutionNode]:
        columns = "n.article_id, n.local_id, n.entity_id, n.data"
        if keys is None and entity_ids is None and article_ids is None:
            rows = self._query(f"SELECT {columns} FROM resolution_nodes n")
        else:  # a look-up gathers nodes for resolution, which wants their keys too
            columns += f", {self.KEYS_OF_NODE}"
            rows = []
            for chunk in _batches(sorted(set(keys or ()))):
                rows += self._query(f"SELECT DISTINCT {columns} FROM resolution_keys k JOIN resolution_nodes n "
                                    f"ON n.article_id = k.article_id AND n.local_id = k.local_id "
                                    f"WHERE k.key IN ({self._marks(len(chunk))})", tuple(chunk))
            for column, values in (("entity_id", entity_ids), ("article_id", article_ids)):
                for chunk in _batches(sorted(set(values or ()))):
                    rows += self._query(f"SELECT {columns} FROM resolution_nodes n "
                                        f"WHERE n.{column} IN ({self._marks(len(chunk))})", tuple(chunk))
        unique = {(r["article_id"], r["local_id"]): r for r in rows}
        return [ResolutionNode(r["article_id"], r["local_id"], r["entity_id"], r["data"], _node_keys(r))
                for _, r in sorted(unique.items())]

    def set_resolution_entities(self, entity_of: dict[tuple[str, str], str]) -> None:
        m = self.MARK
        with self._tx() as conn:
            conn.cursor().executemany(
                f"UPDATE resolution_nodes SET entity_id = {m} WHERE article_id = {m} AND local_id = {m}",
                [(entity_id, article_id, local_id) for (article_id, local_id), entity_id in entity_of.items()])

    def unresolve_articles(self, article_ids: list[str]) -> None:
        with self._tx() as conn:
            for chunk in _batches(article_ids):
                conn.execute(f"DELETE FROM resolution_articles WHERE article_id IN ({self._marks(len(chunk))})",
                             tuple(chunk))

    def resolution_refs(self, article_ids: list[str]) -> dict[str, str]:
        found = {}
        for chunk in _batches(article_ids):
            for r in self._query(f"SELECT article_id, refs FROM resolution_articles "
                                 f"WHERE article_id IN ({self._marks(len(chunk))})", tuple(chunk)):
                found[r["article_id"]] = r["refs"]
        return found

    def unresolved_articles(self) -> list[str]:
        rows = self._query(f"SELECT a.id FROM articles a LEFT JOIN resolution_articles r ON r.article_id = a.id "
                           f"WHERE r.article_id IS NULL ORDER BY {self.ORDER_A}")
        return [r["id"] for r in rows]
