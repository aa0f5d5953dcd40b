"""A ``store`` fixture that runs each contract test against every backend."""
from __future__ import annotations

import pytest

from dossier.store import MemoryStore, SQLiteStore

from .pg_server import pg_server, pg_url  # noqa: F401  (fixtures: a throw-away PostgreSQL cluster)


@pytest.fixture(params=["memory", "sqlite-file", "postgres"])
def store(request, tmp_path):
    if request.param == "postgres":
        from dossier.store.postgres import PostgresStore

        backend = PostgresStore(request.getfixturevalue("pg_url"))
    else:
        backend = MemoryStore() if request.param == "memory" else SQLiteStore(str(tmp_path / "contract.db"))
    yield backend
    backend.close()
