"""Versioned schema migrations for the SQLite store.

Migrations are numbered SQL files in ``dossier/store/migrations``
(``0001_initial.sql``, ``0002_….sql``); each is applied inside one transaction
together with its row in ``schema_version``, so a failed migration leaves the
database at the previous version.
"""
from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timezone
from importlib import resources

from dossier.errors import StoreError

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")
VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
)


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every shipped migration, in order."""
    found = []
    for entry in resources.files("dossier.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"migration files are not numbered 1..n: {versions}",
                         hint="reinstall dossier-news")
    return found


def latest_version() -> int:
    return len(migrations())


def current_version(conn: sqlite3.Connection) -> int:
    """Schema version of an open database: 0 when empty; StoreError when not Dossier's."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_version" not in tables:
        if tables - {"sqlite_sequence"}:
            raise StoreError(
                "not a Dossier database (it has tables but no schema_version)",
                hint="point --db / DOSSIER_DB at a Dossier database or a new file name",
            )
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def upgrade(conn: sqlite3.Connection, *, location: str, target: int | None = None) -> int:
    """Apply the missing migrations up to ``target`` (default: latest); return the version.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so each
    migration runs in exactly the transaction written in :func:`_apply`.
    """
    steps = migrations()
    target = len(steps) if target is None else target
    version = current_version(conn)
    if version > len(steps):
        raise StoreError(
            f"the database has schema version {version}, this Dossier knows only up to {len(steps)}",
            location=location, hint="upgrade dossier-news (pip install -U dossier-news)",
        )
    for number, name, sql in steps:
        if number <= version or number > target:
            continue
        _apply(conn, number, name, sql, location)
        version = number
    return version


def _statements(sql: str) -> list[str]:
    """The statements of a migration file (SQLite's own tokenizer decides where one ends)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return statements


def _apply(conn: sqlite3.Connection, number: int, name: str, sql: str, location: str) -> None:
    """Apply one migration and its version row in one transaction. The version is read
    again under the write lock, so two processes opening a new file at once do not
    both apply it."""
    applied_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(VERSION_TABLE)
        if current_version(conn) >= number:
            conn.execute("COMMIT")
            return
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (number, applied_at))
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"migration {name} failed: {exc}", location=location,
                         hint="the database was left at its previous version; report this bug") from exc
