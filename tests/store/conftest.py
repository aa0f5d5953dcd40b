"""A ``store`` fixture that runs each contract test against every backend."""
from __future__ import annotations

import pytest

from dossier.store import MemoryStore, SQLiteStore


@pytest.fixture(params=["memory", "sqlite-file"])
def store(request, tmp_path):
    backend = MemoryStore() if request.param == "memory" else SQLiteStore(str(tmp_path / "contract.db"))
    yield backend
    backend.close()
