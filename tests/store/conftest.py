"""A ``store`` fixture that runs each contract test against every backend."""
from __future__ import annotations

import pytest

from .pg_server import BACKENDS, open_backend, pg_server, pg_url  # noqa: F401  (fixtures: a throw-away PostgreSQL cluster)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    backend = open_backend(request, tmp_path)
    yield backend
    backend.close()
