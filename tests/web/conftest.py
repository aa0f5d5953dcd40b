"""Fixtures for the API and browser tests: a database ingested from the German test articles in
tests/data/web/ (written for these tests), a served copy of it, and Debian's headless Chromium."""
from __future__ import annotations

from pathlib import Path

import pytest

from dossier.cli.main import main
from web_support import CHROMIUM, CHROMIUM_ARGS, Server

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "web" / "articles.jsonl"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("web") / "web.db"
    assert main(["--db", str(db), "ingest", "-q", str(ARTICLES)]) == 0
    return db


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: apt-get install chromium (.ci/run does it)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' installs playwright")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(web_db):
    running = Server(web_db)
    yield running
    running.stop()
