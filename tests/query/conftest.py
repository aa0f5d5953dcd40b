"""A ``store`` fixture for the query tests: the in-memory double and a SQLite file (the
store contract tests already hold PostgreSQL to the same answers)."""
from __future__ import annotations

import pytest

from dossier.store import MemoryStore, SQLiteStore


@pytest.fixture(params=["memory", "sqlite-file"])
def store(request, tmp_path):
    backend = MemoryStore() if request.param == "memory" else SQLiteStore(str(tmp_path / "query.db"))
    yield backend
    backend.close()
