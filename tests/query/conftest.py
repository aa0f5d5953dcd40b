"""A ``store`` fixture for the query tests: the in-memory double, a SQLite file and
PostgreSQL (skipped where no server binaries are installed)."""
from __future__ import annotations

import pytest

from store.pg_server import BACKENDS, open_backend, pg_server, pg_url  # noqa: F401  (fixtures: a throw-away PostgreSQL cluster)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    backend = open_backend(request, tmp_path)
    yield backend
    backend.close()
