"""Injection strings through every query and path parameter of the read API (taken from the
app's own OpenAPI description, so a new parameter is covered without editing this test) and
through the filters and arguments of the CLI query commands: never a 500 or a crash, no change
to the database, and a filter that matches nothing returns nothing (no rows leak out).
Each test runs on SQLite and on PostgreSQL (a throw-away cluster; skipped without one)."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from dossier.api import create_app
from dossier.cli.main import main
from store.pg_server import pg_server  # noqa: F401  (fixture: a throw-away PostgreSQL cluster)
from web.conftest import ARTICLES

INJECTIONS = [
    "' OR 1=1 --",
    '"; DROP TABLE articles; --',
    "') UNION SELECT id, text FROM articles --",
    "1; DELETE FROM articles",
    "%", "_", "%' --", "\\", "*",  # LIKE wildcards, escapes
    '"Zebrafink', "Zebrafink OR 1", "NEAR(Zebrafink Eule)", "title:*", "^Zebrafink", "-", "(",  # FTS5 / tsquery
    "x\x00' OR '1'='1", "\x00",
]
# None of them names anything in the test corpus ("Zebrafink" is in no article), so a filter set
# to one of them must select nothing.
# Except where the string is a real value of that filter: "%" is the unit of percentages.
REAL_VALUES = {("unit", "%")}
# Numeric and boolean parameters: an injection there must be refused (400), never run.
NOT_TEXT = {"limit", "offset", "tolerance", "min_articles", "facets"}
# Free-text query: it is searched for, so it may match; it must not break or change anything.
FREE_TEXT = {"q"}


def database_fingerprint(db) -> str:
    """A hash of the whole database content (schema and rows)."""
    digest = hashlib.sha256()
    if str(db).startswith("postgresql://"):
        import psycopg

        with psycopg.connect(str(db)) as conn:
            tables = [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables "
                                                 "WHERE table_schema = current_schema() ORDER BY 1")]
            for table in tables:  # every row as JSON text, in a fixed order
                rows = sorted(r[0] for r in conn.execute(f"SELECT row_to_json(t)::text FROM {table} t"))
                digest.update("\n".join([table, *rows]).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
    with sqlite3.connect(db) as conn:
        for line in conn.iterdump():
            digest.update(line.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def injection_db(request, web_db, tmp_path_factory):
    """A private copy of the web test database (SQLite), or the same articles ingested into a
    fresh PostgreSQL schema, so its fingerprint is this module's alone."""
    if request.param == "postgres":
        server = request.getfixturevalue("pg_server")
        url = server.new_schema()
        assert main(["--db", url, "ingest", "-q", str(ARTICLES)]) == 0
        yield url
        server.drop_schema(url)
        return
    db = tmp_path_factory.mktemp("injection") / "web.db"
    with sqlite3.connect(web_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    yield db


@pytest.fixture(scope="module")
def client(injection_db):
    return TestClient(create_app(str(injection_db)), raise_server_exceptions=False)


def read_operations(client) -> list[tuple[str, list[dict]]]:
    spec = client.app.openapi()
    return [(path, op.get("parameters", [])) for path, ops in spec["paths"].items()
            for method, op in ops.items() if method == "get" and path.startswith("/api/")]


def assert_answered(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    assert "Traceback" not in response.text and "sqlite3." not in response.text, what
    assert "psycopg" not in response.text, what


def assert_no_rows(body, what: str) -> None:
    """A filter value that names nothing stored selects nothing."""
    if isinstance(body, dict):
        for key in ("items", "hits", "nodes", "series", "conflicts"):
            if isinstance(body.get(key), list):
                assert body[key] == [], f"{what}: {key} leaked {len(body[key])} rows"


def test_every_api_parameter_resists_injection(client, injection_db):
    before = database_fingerprint(injection_db)
    operations = read_operations(client)
    assert {"/api/articles", "/api/search", "/api/quotes"} <= {path for path, _ in operations}
    checked = 0
    for path, parameters in operations:
        required = {p["name"]: "Stadt" for p in parameters if p["in"] == "query" and p.get("required")}
        for parameter in parameters:
            name = parameter["name"]
            for value in INJECTIONS:
                what = f"{path} {name}={value!r}"
                if parameter["in"] == "path":
                    url = path.replace("{" + name + "}", quote(value, safe=""))
                    response = client.get(url)
                else:
                    url = path.replace("{", "").replace("}", "")  # unused path params get a dummy
                    response = client.get(url, params={**required, name: value})
                assert_answered(response, what)
                checked += 1
                if name in NOT_TEXT:
                    assert response.status_code in (400, 422), what
                elif (response.status_code == 200 and name not in FREE_TEXT and path != "/api/stats"
                      and (name, value) not in REAL_VALUES):
                    assert_no_rows(response.json(), what)
    assert checked > 300
    assert database_fingerprint(injection_db) == before


def test_injection_in_the_search_query_finds_no_more_than_its_words(client):
    """`' OR 1=1 --` is searched as the words it holds, not as SQL: it does not return every article."""
    total = client.get("/api/articles").json()["total"]
    for value in INJECTIONS:
        response = client.get("/api/search", params={"q": value})
        assert_answered(response, value)
        if response.status_code == 200:
            assert response.json()["total"] < total, value


CLI_CALLS = [
    ["search", "{v}"], ["search", "Stadt", "--source", "{v}"], ["search", "Stadt", "--entity", "{v}"],
    ["search", "Stadt", "--since", "{v}"], ["search", "Stadt", "--until", "{v}"],
    ["search", "Stadt", "--speaker", "{v}"], ["show", "{v}"], ["entity", "{v}"], ["timeline", "{v}"],
    ["timeline", "Stadt", "--since", "{v}"], ["ledger", "--subject", "{v}"], ["ledger", "--attribute", "{v}"],
    ["conflicts", "--subject", "{v}"], ["network", "--since", "{v}"], ["network", "--until", "{v}"],
    ["quotes", "--speaker", "{v}"], ["quotes", "--since", "{v}"],
]


def test_cli_query_commands_resist_injection(injection_db, tmp_path, capsys):
    db = injection_db  # PostgreSQL: the commands only read; the fingerprint shows they changed nothing
    if not str(db).startswith("postgresql://"):
        db = tmp_path / "cli.db"
        shutil.copy(injection_db, db)
    before = database_fingerprint(db)
    for call in CLI_CALLS:
        for value in INJECTIONS:
            if "\x00" in value:
                continue  # a command line cannot hold a NUL byte
            argv = ["--db", str(db)] + [part.replace("{v}", value) for part in call]
            code = main(argv)  # anything but a DossierError or a usage error would raise here
            out, err = capsys.readouterr()
            assert code in (0, 1, 2), f"{argv}: exit {code}: {err[-300:]}"
            assert "Traceback" not in err and "sqlite3." not in err and "psycopg" not in err, argv
            if code == 0 and call[0] == "quotes" and out.strip():
                pytest.fail(f"{argv} listed quotes for a speaker or date that does not exist:\n{out[:300]}")
    assert database_fingerprint(db) == before
