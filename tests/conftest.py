"""Shared fixtures. Public data sets are read from ../shared/data; tests that
need them skip with a clear reason when the folder is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOSSIER_SHARED", REPO.parent / "shared"))
TEST_DATA = Path(__file__).resolve().parent / "data"


def shared_path(*parts: str) -> Path:
    """Path under ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: public data lives in ../shared (see shared/data/README.md)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture
def test_data() -> Path:
    return TEST_DATA
