"""A ``store`` fixture for the query tests: the in-memory double, a SQLite file and
PostgreSQL (skipped where no server binaries are installed)."""
from __future__ import annotations

import pytest

from dossier.store import MemoryStore, SQLiteStore

from store.pg_server import pg_server, pg_url  # noqa: F401  (fixtures: a throw-away PostgreSQL cluster)


@pytest.fixture(params=["memory", "sqlite-file", "postgres"])
def store(request, tmp_path):
    if request.param == "postgres":
        from dossier.store.postgres import PostgresStore

        backend = PostgresStore(request.getfixturevalue("pg_url"))
    else:
        backend = MemoryStore() if request.param == "memory" else SQLiteStore(str(tmp_path / "query.db"))
    yield backend
    backend.close()
