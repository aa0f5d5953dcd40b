"""Near-duplicate signatures and their LSH band index, in SQL shared by SQLite and PostgreSQL.

An ingest asks for the stored canonical articles that share an LSH band with a new article
(``similar_signatures``) or come from the source a syndicated copy names
(``signatures_from_source``), so it reads a handful of signatures per article instead of all
of them (tables of migration 7; the bands are :func:`dossier.resolve.dedup.band_keys`). The SQL
stores mix :class:`SignatureIndexSQL` in; it needs their ``_query``, ``_tx``, ``MARK`` and
``ORDER_A`` (see :class:`dossier.store.entity_index.EntityIndexSQL`).

    _write_signatures(conn, {article id: bytes})     inside a transaction (add_articles, mark_duplicates)
    put_signatures({article id: bytes})              one transaction, bands and source key too
    similar_signatures(band keys) -> [(id, bytes)]   canonical articles, ingest order
    signatures_from_source(source key) -> [(id, bytes)]
"""
from __future__ import annotations

from typing import Iterable, Iterator

from dossier.errors import StoreError
from dossier.store.entity_index import _batches


def signature_rows(article_id: str, signature: bytes, source: str | None):
    """(signatures row, band rows) of one canonical article."""
    from dossier.resolve.dedup import band_keys, source_key

    return ((article_id, bytes(signature), source_key(source)),
            [(key, article_id) for key in sorted(set(band_keys(signature)))])


class SignatureIndexSQL:
    MARK = "?"
    ORDER_A = "a.rowid"

    def _write_signatures(self, conn, signatures: dict[str, bytes]) -> None:
        """The one place signatures are written (inside the caller's transaction), with their
        bands and source key; a signature already stored for the article is replaced."""
        if not signatures:
            return
        m = self.MARK
        sources = {}
        for ids in _batches(sorted(signatures)):
            marks = ", ".join([m] * len(ids))
            for row in conn.execute(f"SELECT id, source FROM articles WHERE id IN ({marks})", tuple(ids)).fetchall():
                sources[row["id"]] = row["source"]
            conn.execute(f"DELETE FROM signature_bands WHERE article_id IN ({marks})", tuple(ids))
            conn.execute(f"DELETE FROM signatures WHERE article_id IN ({marks})", tuple(ids))
        missing = sorted(set(signatures) - set(sources))
        if missing:
            raise StoreError(f"no article {missing[0]} for this signature", hint="add the article first")
        self._insert_signatures(conn, [(i, s, sources[i]) for i, s in signatures.items()])

    def _insert_signatures(self, conn, rows: Iterable[tuple[str, bytes, str | None]]) -> None:
        signatures, bands = [], []
        for article_id, signature, source in rows:
            row, band_rows = signature_rows(article_id, signature, source)
            signatures.append(row)
            bands += band_rows
        self._insert_rows(conn, "signatures (article_id, minhash, source_key)", signatures)
        self._insert_rows(conn, "signature_bands (band_key, article_id)", bands)

    def _insert_rows(self, conn, table: str, rows: list[tuple]) -> None:
        """Multi-row INSERTs, not executemany: psycopg runs that in pipeline mode, which a lost
        connection makes print an extra warning beside the store's own clear error."""
        if not rows:
            return
        marks = "(" + ", ".join([self.MARK] * len(rows[0])) + ")"
        for chunk in _batches(rows):
            conn.execute(f"INSERT INTO {table} VALUES {', '.join([marks] * len(chunk))}",
                         tuple(value for row in chunk for value in row))

    def put_signature(self, article_id: str, signature: bytes) -> None:
        self.put_signatures({article_id: signature})

    def put_signatures(self, signatures: dict[str, bytes]) -> None:
        if signatures:
            with self._tx() as conn:
                self._write_signatures(conn, signatures)

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        rows = self._query(f"SELECT s.article_id, s.minhash FROM signatures s JOIN articles a "
                           f"ON a.id = s.article_id WHERE a.duplicate_of IS NULL ORDER BY {self.ORDER_A}")
        for row in rows:
            yield row["article_id"], bytes(row["minhash"])

    def similar_signatures(self, band_keys: list[int]) -> list[tuple[str, bytes]]:
        self._index_old_signatures()
        found: dict[str, tuple[object, bytes]] = {}
        for chunk in _batches(sorted(set(band_keys))):
            marks = ", ".join([self.MARK] * len(chunk))
            for row in self._query(
                    f"SELECT s.article_id, s.minhash, {self.ORDER_A} AS ingest_order FROM signatures s "
                    f"JOIN articles a ON a.id = s.article_id WHERE a.duplicate_of IS NULL AND s.article_id IN "
                    f"(SELECT article_id FROM signature_bands WHERE band_key IN ({marks}))", tuple(chunk)):
                found[row["article_id"]] = (row["ingest_order"], bytes(row["minhash"]))
        return [(i, data) for i, (_, data) in sorted(found.items(), key=lambda item: item[1][0])]

    def signatures_from_source(self, source_key: str) -> list[tuple[str, bytes]]:
        self._index_old_signatures()
        rows = self._query(f"SELECT s.article_id, s.minhash FROM signatures s JOIN articles a "
                           f"ON a.id = s.article_id WHERE s.source_key = {self.MARK} AND a.duplicate_of IS NULL "
                           f"ORDER BY {self.ORDER_A}", (source_key,))
        return [(r["article_id"], bytes(r["minhash"])) for r in rows]

    def _index_old_signatures(self) -> None:
        """Signatures stored before migration 7 have no source key and no bands: add them once
        (the check is one index look-up)."""
        if getattr(self, "_signatures_indexed", False):
            return
        if self._query("SELECT 1 FROM signatures WHERE source_key IS NULL LIMIT 1"):
            rows = self._query("SELECT s.article_id, s.minhash, a.source FROM signatures s "
                               "JOIN articles a ON a.id = s.article_id WHERE s.source_key IS NULL")
            with self._tx() as conn:
                self._write_signatures(conn, {r["article_id"]: bytes(r["minhash"]) for r in rows})
        self._signatures_indexed = True
