"""Who may do what over HTTP: the write endpoint only with the configured token, no cross-site
access unless origins are configured, and request bodies of a bounded size (refused before
they are read, whether their length is declared or they arrive in chunks)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dossier.api import create_app
from dossier.api.backend import settings_from_env
from dossier.api.ingest import MAX_ARTICLES_PER_REQUEST
from dossier.errors import ConfigError

from .test_api import assert_error

AUTH = {"Authorization": "Bearer s3cret"}
ARTICLE = {"title": "Neue Fähre", "published": "2024-09-02", "source": "api",
           "text": "Die Stadt Stralsund bestellt eine neue Fähre für den Sund."}


@pytest.fixture
def writable(web_db, tmp_path):
    db = tmp_path / "writable.db"
    db.write_bytes(web_db.read_bytes())
    return db


def test_no_write_endpoint_without_a_token_and_none_with_the_wrong_one(writable):
    read_only = TestClient(create_app(str(writable)), raise_server_exceptions=False)
    assert_error(read_only.post("/api/ingest", json={"articles": [ARTICLE]}, headers=AUTH), 404, "not_found")
    for method in ("put", "delete", "patch"):  # no route changes data through another method
        assert getattr(read_only, method)("/api/articles").status_code in (404, 405)
    guarded = TestClient(create_app(str(writable), token="s3cret"), raise_server_exceptions=False)
    for headers in ({}, {"Authorization": "s3cret"}, {"Authorization": "Basic s3cret"},
                    {"Authorization": "Bearer "}, {"Authorization": "Bearer s3cre"},
                    {"Authorization": "Bearer s3cret2"}, {"Authorization": "Bearer S3CRET"}):
        response = guarded.post("/api/ingest", json={"articles": [ARTICLE]}, headers=headers)
        assert response.status_code in (401, 403), (headers, response.text)
    assert guarded.get("/api/articles").json()["total"] == 6  # nothing was written


def test_more_articles_than_one_request_takes_is_refused(writable):
    app = TestClient(create_app(str(writable), token="s3cret"), raise_server_exceptions=False)
    many = [{**ARTICLE, "text": f"{ARTICLE['text']} Meldung {n}."} for n in range(MAX_ARTICLES_PER_REQUEST + 1)]
    assert_error(app.post("/api/ingest", json={"articles": many}, headers=AUTH), 413, "too_large")
    assert app.get("/api/articles").json()["total"] == 6


def test_a_body_over_the_limit_is_refused_before_it_is_read(writable):
    app = TestClient(create_app(str(writable), token="s3cret", max_request_bytes=2_000),
                     raise_server_exceptions=False)
    big = {"articles": [{**ARTICLE, "text": ARTICLE["text"] + " Noch ein Satz." * 200}]}
    error = assert_error(app.post("/api/ingest", json=big, headers=AUTH), 413, "too_large")
    assert "2000 bytes" in error["message"]
    # Without a Content-Length (chunked): counted as it arrives.
    chunks = (b'{"articles": [{"text": "' + b"x" * 500 + b'"' for _ in range(8))
    assert_error(app.post("/api/ingest", content=chunks, headers={**AUTH, "Content-Type": "application/json"}),
                 413, "too_large")
    # A Content-Length that is not a number is refused as well.
    assert app.post("/api/ingest", content=b"{}", headers={**AUTH, "Content-Length": "zwei"}).status_code in (400, 413)
    assert app.get("/api/articles").json()["total"] == 6
    small = app.post("/api/ingest", json={"articles": [ARTICLE]}, headers=AUTH)
    assert small.status_code == 200 and len(small.json()["new"]) == 1


def test_cross_site_requests_only_from_configured_origins_and_only_to_read(web_db):
    evil = {"Origin": "https://evil.example"}
    plain = TestClient(create_app(str(web_db), token="s3cret"))
    preflight = plain.options("/api/ingest", headers={**evil, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in plain.get("/api/stats", headers=evil).headers
    allowed = TestClient(create_app(str(web_db), token="s3cret", cors_origins=["https://a.example"]))
    assert "access-control-allow-origin" not in allowed.get("/api/stats", headers=evil).headers
    post = allowed.options("/api/ingest", headers={"Origin": "https://a.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert post.status_code == 400 and "POST" not in post.headers.get("access-control-allow-methods", "")


def test_settings_from_the_environment():
    assert settings_from_env({}) == {"token": None, "cors_origins": []}
    assert settings_from_env({"DOSSIER_TOKEN": "", "DOSSIER_CORS_ORIGINS": " , "}) == {"token": None,
                                                                                        "cors_origins": []}
    assert settings_from_env({"DOSSIER_MAX_REQUEST_BYTES": "65536"})["max_request_bytes"] == 65536
    for bad in ("0", "-5", "8MB", "1e6"):
        with pytest.raises(ConfigError, match="DOSSIER_MAX_REQUEST_BYTES"):
            settings_from_env({"DOSSIER_MAX_REQUEST_BYTES": bad})
