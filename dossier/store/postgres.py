"""The server store: one PostgreSQL database shared by a team.

Same contract as :class:`~dossier.store.sqlite.SQLiteStore` (the contract
tests run against both): versioned migrations from ``migrations_pg/`` applied
under an advisory lock (:mod:`dossier.store.postgres_migrate`), one transaction per write method, idempotent ingest by
content hash, layer data as JSONB, signatures as BYTEA.

PostgreSQL cannot keep a few values bit for bit: TEXT and JSONB refuse the NUL
character, JSONB refuses NaN/Infinity and prints numbers as plain decimals (so
``1e308`` would come back as an int). Such a value is stored twice: a close copy
in the typed column (NUL as U+FFFD, which keeps every offset; NaN as null) for
queries, and the exact JSON text in the row's ``exact``/``data_exact`` column,
which wins on reading. Ordinary articles never need it.

A connection the server cut (a restart) fails the statement that met the cut with a
StoreError saying so; the store connects again for the next one.

``psycopg`` (v3) is imported only when a PostgreSQL store is opened.
"""
from __future__ import annotations

import json
import logging
import re
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Iterator
from urllib.parse import urlsplit, urlunsplit

from dossier.errors import MissingDependency, StoreError
from dossier.model import Article, Entity
from dossier.store import codec, ledger_rows, postgres_search
from dossier.store.entity_index import EntityIndexSQL
from dossier.store.postgres_migrate import migrations, upgrade  # noqa: F401  (migrations: for tests)
from dossier.store.signature_index import SignatureIndexSQL
from dossier.store.base import ArticleSummary, BatchResult, Failure, Store

# Any id for pg_advisory_lock, held while entity resolution runs (see Store.resolution_lock).
RESOLUTION_LOCK = 0x646F7374
# JSON text JSONB may not keep exactly: NUL, NaN/Infinity, exponent-form numbers.
# A false alarm (the pattern inside a string) only costs an extra copy.
_LOSSY_JSON = re.compile(r"\\u0000|NaN|Infinity|\d[eE][-+]?\d")
JSON_ARTICLE_COLUMNS = set(codec.JSON_COLUMNS)
ARTICLE_COLUMNS = codec.SCALAR_COLUMNS + codec.JSON_COLUMNS + ("content_hash",)
SUMMARY_FIELDS = ("id", "title", "published", "source", "language", "duplicate_of", "origin")
SUMMARY_COLUMNS = "seq, " + ", ".join(SUMMARY_FIELDS) + ", length(text) AS chars, exact"
LOAD_COLUMNS = ", ".join(
    f"{c}::text AS {c}" if c in JSON_ARTICLE_COLUMNS else c for c in ARTICLE_COLUMNS) + ", exact"
INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}, exact, ingested_at) VALUES ("
    + ", ".join(f"%({c})s::jsonb" if c in JSON_ARTICLE_COLUMNS else f"%({c})s" for c in ARTICLE_COLUMNS)
    + ", %(exact)s, %(ingested_at)s) ON CONFLICT (content_hash) DO NOTHING RETURNING id"
)
# All annotations of an article in one statement (one round trip; unnest keeps the order,
# so ``seq`` follows the order the stage emitted).
INSERT_ANNOTATIONS = ('INSERT INTO annotations (article_id, layer, start, "end", data, data_exact) '
                      "SELECT %s, a.layer, a.start, a.stop, a.data, a.data_exact FROM unnest(%s::text[], %s::int[], %s::int[], %s::jsonb[], %s::text[]) "
                      "WITH ORDINALITY AS a(layer, start, stop, data, data_exact, n) ORDER BY a.n")
LEDGER_INSERTS = {table: ledger_rows.insert_sql(table, "%s") for table in ledger_rows.INSERT_ORDER}
SUMMARY_OF_A = ", ".join(f"a.{f}" for f in SUMMARY_FIELDS) + ", length(a.text) AS chars, a.exact"
UPSERT_ENTITY = (
    "INSERT INTO entities (id, name, type, aliases, external_id, roles, exact) "
    "VALUES (%s, %s, %s, %s::jsonb, %s, %s::jsonb, %s) ON CONFLICT (id) DO UPDATE SET "
    "name = excluded.name, type = excluded.type, aliases = excluded.aliases, "
    "external_id = excluded.external_id, roles = excluded.roles, exact = excluded.exact"
)
UPSERT_FAILURE = (
    "INSERT INTO failures (origin, reason, message, at) VALUES (%s, %s, %s, %s) ON CONFLICT (origin) "
    "DO UPDATE SET reason = excluded.reason, message = excluded.message, at = excluded.at"
)


class _LostPipelineNotice(logging.Filter):
    """psycopg logs "error ignored terminating <Pipeline>" when the connection is cut during an
    executemany; the store reports that loss itself, as one clear error, so drop that line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("error ignored terminating")


logging.getLogger("psycopg").addFilter(_LostPipelineNotice())


def _psycopg():
    try:
        import psycopg
    except ImportError as exc:
        raise MissingDependency("psycopg[binary]", "the PostgreSQL store") from exc
    return psycopg


def redacted(url: str) -> str:
    """``url`` without its password, fit for messages and logs."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.hostname or ""
        netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    except ValueError:
        return url.split("://", 1)[0] + "://…"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- values PostgreSQL cannot keep exactly ------------------------------------------
def _close_copy(value: Any) -> Any:
    """``value`` with NUL as U+FFFD and NaN/Infinity as None: what JSONB/TEXT accept."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, list):
        return [_close_copy(v) for v in value]
    if isinstance(value, dict):
        return {_close_copy(k): _close_copy(v) for k, v in value.items()}
    return value


def fit_json(text: str) -> tuple[str, str | None]:
    """(JSON for the JSONB column, exact JSON text or None when JSONB keeps it as is)."""
    if not _LOSSY_JSON.search(text):
        return text, None
    return json.dumps(_close_copy(json.loads(text)), ensure_ascii=False), text


def fit_text(value: Any) -> tuple[Any, Any]:
    """(value for a TEXT column, exact value or None)."""
    if isinstance(value, str) and "\x00" in value:
        return _close_copy(value), value
    return value, None


def _fit_row(row: dict[str, Any], json_columns: set[str]) -> str | None:
    """Replace the values of ``row`` PostgreSQL cannot keep; return the exact ones as JSON."""
    exact = {}
    for name, value in row.items():
        stored, original = fit_json(value) if name in json_columns else fit_text(value)
        if original is not None:
            row[name], exact[name] = stored, original
    return json.dumps(exact) if exact else None


def _with_exact(row: dict[str, Any]) -> dict[str, Any]:
    if row.get("exact"):
        row.update(json.loads(row["exact"]))
    return row


def _layer_json_columns(article: Article) -> dict[str, str]:
    """The article's ``entities`` and ``extra`` (which records the layers' versions) as JSON."""
    return {"entities": codec.dumps([codec.entity_to_dict(e) for e in article.entities],
                                    what=f"article {article.id}: entities"),
            "extra": codec.dumps(article.extra, what=f"article {article.id}: extra")}


def _summary(row: dict[str, Any]) -> ArticleSummary:
    row = _with_exact(row)
    return ArticleSummary(*(row[f] for f in SUMMARY_FIELDS), row["chars"])


def _ledger_params(article: Article) -> dict[str, list[tuple]]:
    """The ledger rows of ``article`` with the values TEXT cannot hold replaced (``data``
    is JSON text, which escapes them, so it stays exact)."""
    params = {}
    for table, rows in ledger_rows.all_rows(article).items():
        columns = ledger_rows.TABLE_COLUMNS[table]
        params[table] = [tuple(v if c == "data" else _close_copy(v) for c, v in zip(columns, row))
                         for row in rows]
    return params


def _insert_ledger(conn, params: dict[str, list[tuple]]) -> None:
    with conn.cursor() as cursor:
        for table in ledger_rows.INSERT_ORDER:
            if params[table]:
                cursor.executemany(LEDGER_INSERTS[table], params[table])


# --- the store -----------------------------------------------------------------------
class PostgresStore(EntityIndexSQL, SignatureIndexSQL, postgres_search.SearchMethods, Store):
    """A Dossier database in PostgreSQL, opened from a ``postgresql://`` URL (full-text
    search methods: :class:`dossier.store.postgres_search.SearchMethods`)."""

    # for EntityIndexSQL
    MARK, SUMMARY_A, ORDER_A, NO_LIMIT, NULLS_LAST = "%s", SUMMARY_OF_A, "a.seq", None, " NULLS LAST"
    KEYS_OF_NODE = ("(SELECT string_agg(k2.key, chr(31)) FROM resolution_keys k2 "
                    "WHERE k2.article_id = n.article_id AND k2.local_id = n.local_id) AS node_keys")
    _summary = staticmethod(_summary)

    def __init__(self, url: str, *, migrate_to: int | None = None):
        psycopg = _psycopg()
        self._errors = psycopg.Error
        self.location = redacted(url)
        self._url = url  # to connect again after the server cut the connection (see _live)
        try:
            # autocommit: reads see the latest commit; writes use explicit transactions (_tx).
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {self._scrub(exc, url)}", location=self.location,
                             hint=f"check that the server of {self.location} runs and accepts this user "
                                  "and database (create it with: createdb NAME)") from exc
        try:
            encoding = self._conn.execute("SHOW server_encoding").fetchone()[0]
            if encoding.upper() not in ("UTF8", "UTF-8"):
                raise StoreError(f"the database encoding is {encoding}, not UTF8", location=self.location,
                                 hint="create the database with ENCODING 'UTF8'")
            upgrade(self._conn, location=self.location, target=migrate_to)
        except BaseException as exc:
            self._conn.close()
            if isinstance(exc, psycopg.Error):
                raise StoreError(f"cannot open database: {exc}", location=self.location) from exc
            raise
        from psycopg.rows import dict_row

        self._conn.row_factory = dict_row

    @staticmethod
    def _scrub(exc: Exception, url: str) -> str:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        try:
            password = urlsplit(url).password
        except ValueError:
            password = None
        return text.replace(password, "***") if password else text

    # --- plumbing -------------------------------------------------------------------
    def _live(self):
        """The connection; a new one when the server cut the last (a restart): the statement that
        met the cut failed with ``_failed``'s error, the next one works again."""
        if self._conn.broken:
            from psycopg.rows import dict_row

            try:
                self._conn = _psycopg().connect(self._url, autocommit=True, connect_timeout=10, row_factory=dict_row)
            except self._errors as exc:
                raise self._failed("cannot connect to PostgreSQL again", exc) from exc
        return self._conn

    def _failed(self, what: str, exc: Exception) -> StoreError:
        """The StoreError for ``exc``; a lost connection says what became of the work."""
        if self._conn.broken:
            return StoreError(f"{what}: the connection to PostgreSQL was lost: {self._scrub(exc, self._url)}",
                              location=self.location,
                              hint="the server stopped or restarted; the unfinished transaction was rolled back "
                                   "and nothing of it is stored: run the same command again once the server is up")
        return StoreError(f"{what}: {exc}", location=self.location)

    @contextmanager
    def _tx(self):
        """One write transaction; any error rolls back all of it."""
        try:
            with self._live().transaction():
                yield self._conn
        except self._errors as exc:
            raise self._failed("write failed and was rolled back", exc) from exc

    def _query(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        # TEXT cannot hold NUL: a value asked for with one is looked up as its stored close copy.
        params = _close_copy(params) if isinstance(params, dict) else tuple(_close_copy(list(params)))
        try:
            return self._live().execute(sql, params).fetchall()
        except self._errors as exc:
            raise self._failed("query failed", exc) from exc

    @staticmethod
    def _exists(conn, article_id: str) -> bool:
        return conn.execute("SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone() is not None

    @staticmethod
    def _annotation_columns(article: Article) -> tuple:
        """Parameters of INSERT_ANNOTATIONS: the article id, then one list per column."""
        columns: tuple[list, ...] = ([], [], [], [], [])
        for layer, start, end, data in codec.layer_rows(article):
            for column, value in zip(columns, (layer, start, end, *fit_json(data))):
                column.append(value)
        return (article.id, *columns)

    # --- articles ---------------------------------------------------------------------
    def add_articles(self, articles: list[Article], signatures: dict[str, bytes] | None = None) -> BatchResult:
        result = BatchResult(new=[], unchanged=[])
        with self._tx() as conn:
            for article in articles:
                conn.execute("DELETE FROM failures WHERE origin = %s", (_close_copy(article.origin),))
                row = codec.article_columns(article)
                stored = conn.execute("SELECT id FROM articles WHERE content_hash = %s",
                                      (row["content_hash"],)).fetchone()
                if stored:
                    result.unchanged.append(stored["id"])
                    continue
                if self._exists(conn, article.id):
                    # Each statement sees the latest commit: another process may have stored this
                    # very article between the two look-ups (found by the concurrent-ingest test).
                    stored = conn.execute("SELECT id FROM articles WHERE content_hash = %s",
                                          (row["content_hash"],)).fetchone()
                    if stored:
                        result.unchanged.append(stored["id"])
                        continue
                    raise StoreError(f"article id {article.id} is stored with different content",
                                     location=article.origin or None,
                                     hint="ids must be derived from the content hash")
                row["exact"] = _fit_row(row, JSON_ARTICLE_COLUMNS)
                inserted = conn.execute(INSERT_ARTICLE, {**row, "ingested_at": _now()}).fetchone()
                if inserted is None:  # another process stored the same content just now
                    stored = conn.execute("SELECT id FROM articles WHERE content_hash = %s",
                                          (row["content_hash"],)).fetchone()
                    result.unchanged.append(stored["id"])
                    continue
                conn.execute(INSERT_ANNOTATIONS, self._annotation_columns(article))
                _insert_ledger(conn, _ledger_params(article))
                postgres_search.index_new_article(conn, article)
                result.new.append(article.id)
            self._write_signatures(conn, {i: (signatures or {})[i] for i in result.new if (signatures or {}).get(i)})
        return result

    def find_by_hash(self, content_hash: str) -> str | None:
        rows = self._query("SELECT id FROM articles WHERE content_hash = %s", (content_hash,))
        return rows[0]["id"] if rows else None

    def _resolve_id(self, article_id: str) -> str | None:
        return codec.resolve_article_id(
            article_id, exists=lambda i: bool(self._query("SELECT 1 FROM articles WHERE id = %s", (i,))),
            ids_with_prefix=lambda prefix: [r["id"] for r in self._query(
                'SELECT id FROM articles WHERE left(id, %s) = %s ORDER BY id COLLATE "C" LIMIT 3',
                (len(prefix), prefix))])

    def get_article(self, article_id: str) -> Article | None:
        full_id = self._resolve_id(article_id)
        return None if full_id is None else self._load([full_id])[0]

    def _layer_data(self, ids: list[str], layer: str | None = None) -> dict[str, dict[str, list[dict]]]:
        where = "article_id = ANY(%s)" + (" AND layer = %s" if layer else "")
        params = (ids, layer) if layer else (ids,)
        grouped: dict[str, dict[str, list[dict]]] = {i: {} for i in ids}
        for ann in self._query(f"SELECT article_id, layer, data::text AS data, data_exact FROM annotations "
                               f"WHERE {where} ORDER BY seq", params):
            data = json.loads(ann["data_exact"] if ann["data_exact"] is not None else ann["data"])
            grouped[ann["article_id"]].setdefault(ann["layer"], []).append(data)
        return grouped

    def _load(self, ids: list[str]) -> list[Article]:
        rows = {r["id"]: _with_exact(r) for r in
                self._query(f"SELECT {LOAD_COLUMNS} FROM articles WHERE id = ANY(%s)", (ids,))}
        layers = self._layer_data(ids)
        return [codec.article_from_columns(rows[i], layers[i]) for i in ids]

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        rows = self._query(f"SELECT {SUMMARY_COLUMNS} FROM articles ORDER BY seq LIMIT %s OFFSET %s",
                           (limit, offset))
        return [_summary(r) for r in rows]

    def _summary_batches(self, batch_size: int) -> Iterator[list[ArticleSummary]]:
        last = 0
        while True:
            rows = self._query(f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE seq > %s ORDER BY seq LIMIT %s",
                               (last, batch_size))
            if not rows:
                return
            last = rows[-1]["seq"]
            yield [_summary(r) for r in rows]

    def iter_articles(self, batch_size: int = 200) -> Iterator[Article]:
        for batch in self._summary_batches(batch_size):
            yield from self._load([s.id for s in batch])

    def iter_layer(self, layer: str) -> Iterator[tuple[ArticleSummary, dict[str, Any]]]:
        codec.check_layer(layer)
        for batch in self._summary_batches(200):
            grouped = self._layer_data([s.id for s in batch], layer)
            for summary in batch:
                for data in grouped[summary.id].get(layer, []):
                    yield summary, data

    def count_articles(self) -> int:
        return self._query("SELECT COUNT(*) AS n FROM articles")[0]["n"]

    def update_layers(self, article: Article) -> None:
        annotations = self._annotation_columns(article)  # encode first: a bad value changes nothing
        ledger = _ledger_params(article)
        columns = _layer_json_columns(article)
        with self._tx() as conn:
            self._replace_json_columns(conn, article.id, columns)
            conn.execute("DELETE FROM annotations WHERE article_id = %s", (article.id,))
            conn.execute(INSERT_ANNOTATIONS, annotations)
            for table in reversed(ledger_rows.INSERT_ORDER):
                conn.execute(f"DELETE FROM {table} WHERE article_id = %s", (article.id,))
            _insert_ledger(conn, ledger)
            postgres_search.reindex_layers(conn, article)

    @staticmethod
    def _replace_json_columns(conn, article_id: str, columns: dict[str, str]) -> None:
        """Set JSON columns of a stored article (exact copies of what JSONB cannot keep in ``exact``)."""
        row = conn.execute("SELECT exact FROM articles WHERE id = %s", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"article {article_id} is not stored", hint="add it with add_articles first")
        exact = json.loads(row["exact"]) if row["exact"] else {}
        values = []
        for name, encoded in columns.items():
            stored, original = fit_json(encoded)
            exact.pop(name, None)
            if original is not None:
                exact[name] = original
            values.append(stored)
        assignments = ", ".join(f"{name} = %s::jsonb" for name in columns)
        conn.execute(f"UPDATE articles SET {assignments}, exact = %s WHERE id = %s",
                     (*values, json.dumps(exact) if exact else None, article_id))

    def set_article_entities(self, entities_of: dict[str, list[Entity]]) -> None:
        encoded = {i: {"entities": codec.dumps([codec.entity_to_dict(e) for e in entities],
                                               what=f"article {i}: entities")}
                   for i, entities in entities_of.items()}
        with self._tx() as conn:
            for article_id, columns in encoded.items():
                self._replace_json_columns(conn, article_id, columns)

    def set_article_extra(self, extra_of: dict[str, dict]) -> None:
        encoded = {i: {"extra": codec.dumps(extra, what=f"article {i}: extra")} for i, extra in extra_of.items()}
        with self._tx() as conn:
            for article_id, columns in encoded.items():
                self._replace_json_columns(conn, article_id, columns)

    # --- ledger look-ups -----------------------------------------------------------
    def find_figures(self, *, subject_entity: str | None = None, attribute: str | None = None,
                     as_of_prefix: str | None = None, article_id: str | None = None,
                     ) -> list[tuple[ArticleSummary, dict[str, Any]]]:
        sql, params = ledger_rows.figure_query(SUMMARY_OF_A, "seq", "%s", "left(f.as_of, %s) = %s",
                                               subject_entity=subject_entity, attribute=attribute,
                                               as_of_prefix=as_of_prefix, article_id=article_id)
        return [(_summary(r), ledger_rows.figure_result(r)) for r in self._query(sql, tuple(params))]

    def find_events(self, *, entity: str | None = None, event_type: str | None = None,
                    article_id: str | None = None) -> list[tuple[ArticleSummary, dict[str, Any]]]:
        sql, params = ledger_rows.event_query(SUMMARY_OF_A, "seq", "%s", entity=entity,
                                              event_type=event_type, article_id=article_id)
        return [(_summary(r), ledger_rows.event_result(r)) for r in self._query(sql, tuple(params))]

    def mark_duplicates(self, duplicate_of: dict[str, str], signatures: dict[str, bytes] | None = None,
                        stored_origins: list[str] | tuple[str, ...] = ()) -> None:
        with self._tx() as conn:
            for article_id, canonical in duplicate_of.items():
                conn.execute("UPDATE articles SET duplicate_of = %s WHERE id = %s", (canonical, article_id))
            self._write_signatures(conn, signatures or {})
            if stored_origins:
                conn.execute("DELETE FROM failures WHERE origin = ANY(%s)",
                             ([_close_copy(origin) for origin in stored_origins],))

    # --- entities ---------------------------------------------------------------------
    def upsert_entities(self, entities: list[Entity]) -> None:
        rows = []
        for e in entities:
            row = {"id": e.id, "name": e.name, "type": e.type,
                   "aliases": codec.dumps(list(e.aliases), what=f"entity {e.id}: aliases"),
                   "external_id": e.external_id, "roles": codec.dumps(e.roles, what=f"entity {e.id}: roles")}
            exact = _fit_row(row, {"aliases", "roles"})
            rows.append((*row.values(), exact))
        with self._tx() as conn, conn.cursor() as cursor:
            cursor.executemany(UPSERT_ENTITY, rows)
            self._write_entity_names(conn, entities)

    def get_entities(self) -> list[Entity]:
        return self._entities_where("TRUE", ())

    def _entities_where(self, where: str, params: tuple) -> list[Entity]:
        rows = self._query("SELECT id, name, type, aliases::text AS aliases, external_id, roles::text AS roles, "
                           f'exact FROM entities WHERE {where} ORDER BY id COLLATE "C"', params)
        entities = []
        for r in map(_with_exact, rows):
            entities.append(Entity(r["id"], r["name"], r["type"], json.loads(r["aliases"]), r["external_id"],
                                   json.loads(r["roles"])))
        return entities

    def delete_entities(self, ids: list[str]) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM entities WHERE id = ANY(%s)", (list(ids),))

    # --- failures: diagnostics, so a NUL in a message is simply shown as U+FFFD ---------
    def record_failures(self, failures: list[Failure]) -> None:
        rows = [tuple(_close_copy(v) for v in (f.origin, f.reason, f.message, f.at)) for f in failures]
        with self._tx() as conn, conn.cursor() as cursor:
            cursor.executemany(UPSERT_FAILURE, rows)

    def list_failures(self) -> list[Failure]:
        rows = self._query('SELECT origin, reason, message, at FROM failures ORDER BY at COLLATE "C", '
                           'origin COLLATE "C"')
        return [Failure(r["origin"], r["reason"], r["message"], r["at"]) for r in rows]

    def clear_failure(self, origin: str) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM failures WHERE origin = %s", (_close_copy(origin),))

    # --- housekeeping -------------------------------------------------------------------
    @contextmanager
    def resolution_lock(self) -> Iterator[None]:
        """A session advisory lock: the server releases it when the connection ends."""
        self._query("SELECT pg_advisory_lock(%s) AS locked", (RESOLUTION_LOCK,))
        try:
            yield
        finally:
            if not self._conn.broken:
                self._query("SELECT pg_advisory_unlock(%s) AS unlocked", (RESOLUTION_LOCK,))

    def schema_version(self) -> int:
        try:
            return int(self._conn.execute("SELECT MAX(version) AS v FROM schema_version").fetchone()["v"] or 0)
        except self._errors as exc:
            raise StoreError(f"query failed: {exc}", location=self.location) from exc

    def close(self) -> None:
        self._conn.close()
