"""The default store: one SQLite file (or ``:memory:``), no server.

WAL journal so readers do not block the writer, foreign keys on, versioned
migrations (see :mod:`dossier.store.migrate`). Every write method is one
transaction; iterators fetch in batches and hold no cursor open between
yields, so ``for a in store.iter_articles(): store.update_layers(a)`` is safe.
"""
from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Iterator

try:
    import fcntl
except ImportError:  # Windows: no flock; resolution runs unlocked there
    fcntl = None

from dossier.errors import StoreError
from dossier.model import Article, Entity
from dossier.search import SearchFacets, SearchFilters, SearchPage
from dossier.search.syntax import ParsedQuery
from dossier.store import codec, ledger_rows, migrate, sqlite_search
from dossier.store.entity_index import EntityIndexSQL
from dossier.store.signature_index import SignatureIndexSQL
from dossier.store.base import ArticleSummary, BatchResult, Failure, Store

SUMMARY_COLUMNS = "id, title, published, source, language, duplicate_of, origin, length(text) AS chars"
_PREFIXED_SUMMARY = ("a.id, a.title, a.published, a.source, a.language, a.duplicate_of, a.origin, "
                     "length(a.text) AS chars")
ARTICLE_COLUMNS = codec.SCALAR_COLUMNS + codec.JSON_COLUMNS + ("content_hash", "ingested_at")
INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in ARTICLE_COLUMNS)})"
)
INSERT_ANNOTATION = 'INSERT INTO annotations (article_id, layer, start, "end", data) VALUES (?, ?, ?, ?, ?)'
LEDGER_INSERTS = {table: ledger_rows.insert_sql(table, "?") for table in ledger_rows.INSERT_ORDER}
UPSERT_ENTITY = (
    "INSERT INTO entities (id, name, type, aliases, external_id, roles, data) "
    "VALUES (?, ?, ?, ?, ?, ?, '{}') ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
    "type = excluded.type, aliases = excluded.aliases, external_id = excluded.external_id, "
    "roles = excluded.roles"
)
UPSERT_FAILURE = (
    "INSERT INTO failures (origin, reason, message, at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT(origin) DO UPDATE SET reason = excluded.reason, message = excluded.message, at = excluded.at"
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _summary(row: sqlite3.Row) -> ArticleSummary:
    return ArticleSummary(row["id"], row["title"], row["published"], row["source"], row["language"],
                          row["duplicate_of"], row["origin"], row["chars"])


OPEN_WAIT_S = 60.0  # how long opening waits for another process that is setting up the same file
BUSY_TIMEOUT_MS = 5000  # how long one statement waits for another writer's lock


def _is_lock_error(exc: BaseException) -> bool:
    """SQLITE_BUSY / "database is locked", also when a migration wrapped it in a StoreError."""
    cause = exc if isinstance(exc, sqlite3.OperationalError) else exc.__cause__
    text = str(cause).lower()
    return isinstance(cause, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _open_hint(exc: sqlite3.Error, path: str) -> str:
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text:
        return "the file is not a Dossier (SQLite) database; point --db / DOSSIER_DB at a new file name"
    if "readonly" in text or "unable to open" in text or "permission" in text:
        return "check that the folder exists and that the file and folder are writable"
    return StoreError.default_hint


def _write_hint(exc: sqlite3.Error) -> str | None:
    """What to do about a failed write: the whole transaction was rolled back, so running the
    same command again (once the cause is fixed) adds exactly what is missing."""
    code = getattr(exc, "sqlite_errorname", "")
    again = "; then run the same command again: what was stored is skipped, the rest is added"
    if code.startswith("SQLITE_FULL") or code.startswith("SQLITE_IOERR"):
        return "the disk is full or failing: free space or check the disk" + again
    if code.startswith("SQLITE_READONLY"):
        return "the database file or its folder is read-only: make both writable" + again
    return None


class SQLiteStore(EntityIndexSQL, SignatureIndexSQL, Store):
    """A Dossier database in one SQLite file; ``":memory:"`` keeps it in RAM."""

    _summary = staticmethod(_summary)  # for EntityIndexSQL

    def __init__(self, path: str = ":memory:", *, migrate_to: int | None = None):
        self.path = str(path)
        try:
            # isolation_level=None: transactions are written out explicitly (see _tx).
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database: {exc}", location=self.path,
                             hint=_open_hint(exc, self.path)) from exc
        self._conn.row_factory = sqlite3.Row
        try:
            self._set_up(migrate_to)
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreError(f"cannot open database: {exc}", location=self.path,
                             hint=_open_hint(exc, self.path)) from exc
        except StoreError:
            self._conn.close()
            raise

    def _set_up(self, migrate_to: int | None) -> None:
        """Pragmas and migrations. Two processes that open a new file at once both want its
        write lock to switch it to WAL and create the tables; SQLite answers "database is
        locked" without waiting in some of these steps (the busy timeout does not cover a
        journal-mode switch), so the whole set-up is tried again until OPEN_WAIT_S has passed."""
        deadline = time.monotonic() + OPEN_WAIT_S
        while True:
            try:
                self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
                self._conn.execute("PRAGMA foreign_keys = ON")
                migrate.current_version(self._conn)  # refuses a foreign database before we write to it
                self._conn.execute("PRAGMA journal_mode = WAL")
                # With WAL, NORMAL cannot corrupt the file; it only syncs at checkpoints,
                # which makes the many small per-article transactions of resolution cheap.
                self._conn.execute("PRAGMA synchronous = NORMAL")
                migrate.upgrade(self._conn, location=self.path, target=migrate_to)
                return
            except (sqlite3.OperationalError, StoreError) as exc:
                if not _is_lock_error(exc) or time.monotonic() > deadline:
                    raise
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                time.sleep(0.1)

    # --- plumbing -------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; any error rolls back all of it."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot start a write: {exc}", location=self.path,
                             hint=_write_hint(exc) or _open_hint(exc, self.path)) from exc
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"write failed and was rolled back: {exc}", location=self.path,
                                 hint=_write_hint(exc)) from exc
            raise

    def _rollback(self) -> None:
        # After a full disk or an I/O error SQLite may have rolled back on its own; a second
        # ROLLBACK fails ("no transaction is active") and would hide the real error behind a traceback.
        if self._conn.in_transaction:
            try:
                self._conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"query failed: {exc}", location=self.path) from exc

    # --- articles ---------------------------------------------------------------
    def add_articles(self, articles: list[Article], signatures: dict[str, bytes] | None = None) -> BatchResult:
        result = BatchResult(new=[], unchanged=[])
        with self._tx() as conn:
            for article in articles:
                conn.execute("DELETE FROM failures WHERE origin = ?", (article.origin,))
                row = codec.article_columns(article)
                stored = conn.execute("SELECT id FROM articles WHERE content_hash = ?",
                                      (row["content_hash"],)).fetchone()
                if stored:
                    result.unchanged.append(stored["id"])
                    continue
                if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                    raise StoreError(f"article id {article.id} is stored with different content",
                                     location=article.origin or None,
                                     hint="ids must be derived from the content hash")
                conn.execute(INSERT_ARTICLE, {**row, "ingested_at": _now()})
                self._insert_layers(conn, article)
                sqlite_search.index_new_article(conn, article)
                result.new.append(article.id)
            self._write_signatures(conn, {i: (signatures or {})[i] for i in result.new if (signatures or {}).get(i)})
        return result

    @staticmethod
    def _insert_layers(conn: sqlite3.Connection, article: Article) -> None:
        rows = [(article.id, *layer_row) for layer_row in codec.layer_rows(article)]
        conn.executemany(INSERT_ANNOTATION, rows)
        SQLiteStore._insert_ledger(conn, ledger_rows.all_rows(article))

    @staticmethod
    def _insert_ledger(conn: sqlite3.Connection, tables: dict[str, list[tuple]]) -> None:
        for table in ledger_rows.INSERT_ORDER:
            conn.executemany(LEDGER_INSERTS[table], tables[table])

    def find_by_hash(self, content_hash: str) -> str | None:
        rows = self._query("SELECT id FROM articles WHERE content_hash = ?", (content_hash,))
        return rows[0]["id"] if rows else None

    def _resolve_id(self, article_id: str) -> str | None:
        return codec.resolve_article_id(
            article_id, exists=lambda i: bool(self._query("SELECT 1 FROM articles WHERE id = ?", (i,))),
            ids_with_prefix=lambda prefix: [r["id"] for r in self._query(
                "SELECT id FROM articles WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 3", (len(prefix), prefix))])

    def get_article(self, article_id: str) -> Article | None:
        full_id = self._resolve_id(article_id)
        return None if full_id is None else self._load([full_id])[0]

    def _load(self, ids: list[str]) -> list[Article]:
        marks = ", ".join("?" * len(ids))
        rows = {r["id"]: r for r in self._query(f"SELECT * FROM articles WHERE id IN ({marks})", tuple(ids))}
        layers: dict[str, dict[str, list[dict]]] = {i: {} for i in ids}
        for ann in self._query(f"SELECT article_id, layer, data FROM annotations "
                               f"WHERE article_id IN ({marks}) ORDER BY seq", tuple(ids)):
            layers[ann["article_id"]].setdefault(ann["layer"], []).append(json.loads(ann["data"]))
        return [codec.article_from_columns(dict(rows[i]), layers[i]) for i in ids]

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        rows = self._query(f"SELECT {SUMMARY_COLUMNS} FROM articles ORDER BY rowid LIMIT ? OFFSET ?",
                           (-1 if limit is None else limit, offset))
        return [_summary(r) for r in rows]

    def _summary_batches(self, batch_size: int) -> Iterator[list[ArticleSummary]]:
        last = 0
        while True:
            rows = self._query(f"SELECT rowid, {SUMMARY_COLUMNS} FROM articles WHERE rowid > ? "
                               f"ORDER BY rowid LIMIT ?", (last, batch_size))
            if not rows:
                return
            last = rows[-1]["rowid"]
            yield [_summary(r) for r in rows]

    def iter_articles(self, batch_size: int = 200) -> Iterator[Article]:
        for batch in self._summary_batches(batch_size):
            yield from self._load([s.id for s in batch])

    def iter_layer(self, layer: str) -> Iterator[tuple[ArticleSummary, dict[str, Any]]]:
        codec.check_layer(layer)
        for batch in self._summary_batches(200):
            by_id = {s.id: s for s in batch}
            marks = ", ".join("?" * len(batch))
            rows = self._query(f"SELECT article_id, data FROM annotations WHERE layer = ? "
                               f"AND article_id IN ({marks}) ORDER BY seq", (layer, *by_id))
            grouped: dict[str, list[dict]] = {}
            for row in rows:
                grouped.setdefault(row["article_id"], []).append(json.loads(row["data"]))
            for summary in batch:
                for data in grouped.get(summary.id, []):
                    yield summary, data

    def count_articles(self) -> int:
        return self._query("SELECT COUNT(*) FROM articles")[0][0]

    def update_layers(self, article: Article) -> None:
        layer_rows = codec.layer_rows(article)  # encode first: a bad value changes nothing
        ledger = ledger_rows.all_rows(article)
        entities = codec.dumps([codec.entity_to_dict(e) for e in article.entities],
                               what=f"article {article.id}: entities")
        extra = codec.dumps(article.extra, what=f"article {article.id}: extra")  # the layers' versions
        with self._tx() as conn:
            if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                raise StoreError(f"article {article.id} is not stored", hint="add it with add_articles first")
            conn.execute("DELETE FROM annotations WHERE article_id = ?", (article.id,))
            conn.executemany(INSERT_ANNOTATION, [(article.id, *row) for row in layer_rows])
            for table in reversed(ledger_rows.INSERT_ORDER):
                conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
            self._insert_ledger(conn, ledger)
            conn.execute("UPDATE articles SET entities = ?, extra = ? WHERE id = ?", (entities, extra, article.id))
            sqlite_search.reindex_layers(conn, article)

    def set_article_entities(self, entities_of: dict[str, list[Entity]]) -> None:
        self._set_json_column("entities", {i: [codec.entity_to_dict(e) for e in entities]
                                           for i, entities in entities_of.items()})

    def set_article_extra(self, extra_of: dict[str, dict]) -> None:
        self._set_json_column("extra", extra_of)

    def _set_json_column(self, column: str, values: dict[str, Any]) -> None:
        rows = [(codec.dumps(value, what=f"article {article_id}: {column}"), article_id)
                for article_id, value in values.items()]
        with self._tx() as conn:
            updated = conn.executemany(f"UPDATE articles SET {column} = ? WHERE id = ?", rows).rowcount
            if updated != len(rows):
                raise StoreError(f"an article whose {column} was to be replaced is not stored",
                                 hint="add it with add_articles first")

    # --- full-text search -------------------------------------------------------
    def search(self, query: ParsedQuery, filters: SearchFilters, limit: int, offset: int) -> SearchPage:
        try:
            return sqlite_search.search(self._conn, query, filters, limit, offset)
        except sqlite3.Error as exc:
            raise StoreError(f"search failed: {exc}", location=self.path) from exc

    def search_facets(self, query: ParsedQuery, filters: SearchFilters, top_entities: int) -> SearchFacets:
        try:
            return sqlite_search.facets(self._conn, query, filters, top_entities)
        except sqlite3.Error as exc:
            raise StoreError(f"search failed: {exc}", location=self.path) from exc

    def search_index_analyser(self) -> str | None:
        try:
            return sqlite_search.analyser(self._conn)
        except sqlite3.Error as exc:
            raise StoreError(f"query failed: {exc}", location=self.path) from exc

    def rebuild_search_index(self, progress=None) -> int:
        return sqlite_search.rebuild(self._tx, self.iter_articles(), progress)

    # --- ledger look-ups ---------------------------------------------------------
    def find_figures(self, *, subject_entity: str | None = None, attribute: str | None = None,
                     as_of_prefix: str | None = None, article_id: str | None = None,
                     ) -> list[tuple[ArticleSummary, dict[str, Any]]]:
        sql, params = ledger_rows.figure_query(_PREFIXED_SUMMARY, "rowid", "?", "substr(f.as_of, 1, ?) = ?",
                                               subject_entity=subject_entity, attribute=attribute,
                                               as_of_prefix=as_of_prefix, article_id=article_id)
        return [(_summary(r), ledger_rows.figure_result(r)) for r in self._query(sql, tuple(params))]

    def find_events(self, *, entity: str | None = None, event_type: str | None = None,
                    article_id: str | None = None) -> list[tuple[ArticleSummary, dict[str, Any]]]:
        sql, params = ledger_rows.event_query(_PREFIXED_SUMMARY, "rowid", "?", entity=entity,
                                              event_type=event_type, article_id=article_id)
        return [(_summary(r), ledger_rows.event_result(r)) for r in self._query(sql, tuple(params))]

    def mark_duplicates(self, duplicate_of: dict[str, str], signatures: dict[str, bytes] | None = None,
                        stored_origins: list[str] | tuple[str, ...] = ()) -> None:
        with self._tx() as conn:
            conn.executemany("UPDATE articles SET duplicate_of = ? WHERE id = ?",
                             [(canonical, article_id) for article_id, canonical in duplicate_of.items()])
            self._write_signatures(conn, signatures or {})
            conn.executemany("DELETE FROM failures WHERE origin = ?", [(origin,) for origin in stored_origins])

    # --- entities ---------------------------------------------------------------
    def upsert_entities(self, entities: list[Entity]) -> None:
        rows = [(e.id, e.name, e.type, codec.dumps(list(e.aliases), what=f"entity {e.id}: aliases"),
                 e.external_id, codec.dumps(e.roles, what=f"entity {e.id}: roles")) for e in entities]
        with self._tx() as conn:
            conn.executemany(UPSERT_ENTITY, rows)
            self._write_entity_names(conn, entities)

    def get_entities(self) -> list[Entity]:
        return self._entities_where("1", ())

    def _entities_where(self, where: str, params: tuple) -> list[Entity]:
        rows = self._query(f"SELECT id, name, type, aliases, external_id, roles FROM entities WHERE {where} "
                           f"ORDER BY id", params)
        return [Entity(r["id"], r["name"], r["type"], json.loads(r["aliases"]), r["external_id"],
                       json.loads(r["roles"])) for r in rows]

    def delete_entities(self, ids: list[str]) -> None:
        with self._tx() as conn:
            conn.executemany("DELETE FROM entities WHERE id = ?", [(i,) for i in ids])

    # --- failures ---------------------------------------------------------------
    def record_failures(self, failures: list[Failure]) -> None:
        with self._tx() as conn:
            conn.executemany(UPSERT_FAILURE, [(f.origin, f.reason, f.message, f.at) for f in failures])

    def list_failures(self) -> list[Failure]:
        rows = self._query("SELECT origin, reason, message, at FROM failures ORDER BY at, origin")
        return [Failure(r["origin"], r["reason"], r["message"], r["at"]) for r in rows]

    def clear_failure(self, origin: str) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM failures WHERE origin = ?", (origin,))

    # --- housekeeping -----------------------------------------------------------
    @contextmanager
    def resolution_lock(self) -> Iterator[None]:
        """An exclusive ``flock`` on ``<database>.resolve.lock`` (SQLite has no lock that outlives
        a transaction; the operating system releases this one when the process dies)."""
        if self.path == ":memory:" or fcntl is None:  # one connection, or no flock (Windows)
            yield
            return
        try:
            handle = open(f"{self.path}.resolve.lock", "a+b")
        except OSError as exc:
            raise StoreError(f"cannot open the resolution lock file: {exc}", location=self.path,
                             hint=_open_hint(exc, self.path)) from exc
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def schema_version(self) -> int:
        return migrate.current_version(self._conn)

    def revision(self) -> tuple[int, int]:
        # data_version moves when another connection commits; total_changes counts our own writes.
        return self._query("PRAGMA data_version")[0][0], self._conn.total_changes

    def close(self) -> None:
        self._conn.close()

