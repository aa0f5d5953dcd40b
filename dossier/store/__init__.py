"""Storage: one interface (:class:`Store`), a SQLite file by default, and an
in-memory double for tests.

    >>> from dossier.store import open_store
    >>> with open_store(":memory:") as store:
    ...     store.count_articles()
    0
"""
from __future__ import annotations

from pathlib import Path

from dossier.errors import StoreError
from dossier.store.base import ArticleSummary, BatchResult, Failure, Store
from dossier.store.memory import MemoryStore
from dossier.store.sqlite import SQLiteStore

__all__ = ["ArticleSummary", "BatchResult", "Failure", "MemoryStore", "SQLiteStore", "Store", "open_store"]


def open_store(target: str | Path) -> Store:
    """Open (and create or upgrade) the Dossier database at ``target``.

    A file path opens a SQLite file, ``":memory:"`` a SQLite database in RAM,
    ``postgresql://user@host:port/dbname`` (or ``postgres://``) a PostgreSQL database.
    Raises :class:`StoreError` with a hint when the file is not a Dossier
    database, is newer than this code, or cannot be written.
    """
    target = str(target)
    if target.startswith(("postgresql://", "postgres://")):
        from dossier.store.postgres import PostgresStore  # psycopg is optional: import it only here

        return PostgresStore(target)
    if "://" in target:
        from dossier.store.postgres import redacted

        raise StoreError(f"unsupported database address {redacted(target)!r}",
                         hint="give a SQLite file path, ':memory:' or a postgresql:// URL")
    if target != ":memory:":
        path = Path(target)
        if path.is_dir():
            raise StoreError("the database path is a folder", location=target,
                             hint="give a file name inside it, e.g. dossier.db")
        if not path.parent.exists():
            raise StoreError("the folder for the database does not exist", location=target,
                             hint=f"create it first: mkdir -p {path.parent}")
    return SQLiteStore(target)
