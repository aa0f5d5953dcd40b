"""The JSON API through FastAPI's TestClient: every endpoint, pagination cap, one error shape,
token on ingest, CORS off by default."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dossier.api import create_app
from dossier.api.backend import Backend
from dossier.model import EVENT_TYPES
from dossier.store import MemoryStore
from dossier.query.pages import MAX_PAGE_SIZE


@pytest.fixture(scope="module")
def client(web_db):
    return TestClient(create_app(str(web_db)), raise_server_exceptions=False)


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "detail"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body["error"]


def article_id(client, title_part: str) -> str:
    items = client.get("/api/articles").json()["items"]
    return next(a["id"] for a in items if title_part in (a["title"] or ""))


def test_articles_list_and_filters(client):
    page = client.get("/api/articles").json()
    assert page["total"] == 6 and len(page["items"]) == 6 and page["next_offset"] is None
    assert {a["source"] for a in page["items"]} == {"harzbote", "elbkurier"}
    harz = client.get("/api/articles", params={"source": "harzbote"}).json()
    assert harz["total"] == 3 and all(a["source"] == "harzbote" for a in harz["items"])
    spring = client.get("/api/articles", params={"since": "2024-03", "until": "2024-05"}).json()
    assert sorted(a["published"] for a in spring["items"]) == ["2024-03-12", "2024-05-02"]
    kestner = client.get("/api/entities", params={"name": "Kestner"}).json()["items"][0]
    mentioning = client.get("/api/articles", params={"entity": kestner["id"]}).json()
    assert mentioning["total"] == 2


def test_pagination_and_its_cap(client):
    first = client.get("/api/articles", params={"limit": 4}).json()
    assert len(first["items"]) == 4 and first["next_offset"] == 4
    rest = client.get("/api/articles", params={"limit": 4, "offset": 4}).json()
    assert len(rest["items"]) == 2 and rest["next_offset"] is None
    assert {a["id"] for a in first["items"]}.isdisjoint(a["id"] for a in rest["items"])
    assert client.get("/api/articles", params={"limit": MAX_PAGE_SIZE}).status_code == 200
    error = assert_error(client.get("/api/quotes", params={"limit": MAX_PAGE_SIZE + 1}), 422, "invalid_parameter")
    assert error["detail"][0]["location"] == ["query", "limit"]


def test_one_article_with_every_layer_and_removed_spans(client):
    record = client.get(f"/api/articles/{article_id(client, 'Strompreise')}").json()
    assert record["text"].startswith("Die Stadtwerke Halberstadt")
    for layer in ("mentions", "entities", "quotes", "times", "figures", "events", "removed"):
        assert isinstance(record[layer], list)
    quote = next(q for q in record["quotes"] if q["kind"] == "direct")
    assert record["text"][quote["start"]:quote["end"]] == quote["text"]
    assert quote["speaker_name"] == "Miriam Kestner"
    assert any(f["unit"] == "EUR" and f["value"] == 40_000_000 for f in record["figures"])
    assert {t["value"] for t in record["times"]} & {"2024-04-01", "2023"}
    short = client.get(f"/api/articles/{record['id'][:6]}").json()
    assert short["id"] == record["id"]  # a unique prefix is enough


def test_entities_and_one_dossier(client):
    people = client.get("/api/entities", params={"type": "PER"}).json()["items"]
    assert people[0]["name"] == "Miriam Kestner" and people[0]["articles"] == 2
    assert all(p["type"] == "PER" for p in people)
    dossier = client.get("/api/entities/Miriam Kestner").json()
    assert dossier["id"] == people[0]["id"] and "Kestner" in dossier["aliases"]
    assert len({q["article"] for q in dossier["quotes_by"]}) == 2
    assert any("Beschaffungskosten" in q["text"] for q in dossier["quotes_by"])
    assert [a["published"] for a in dossier["articles_list"]] == ["2024-03-12", "2024-05-02"]
    assert [p["date"] for p in dossier["mentions_over_time"]] == ["2024-03-12", "2024-05-02"]
    assert set(dossier["sources"]) == {"harzbote", "elbkurier"}
    assert any(c["name"] == "Halberstadt" for c in dossier["co_mentioned"])
    assert any(f["value"] == 40_000_000 for f in dossier["figures"])
    timeline = client.get(dossier["timeline_url"]).json()["items"]
    said = [t for t in timeline if t["layer"] == "quotes"]
    assert said and said == sorted(said, key=lambda t: t["when"])
    by_id = client.get(f"/api/entities/{dossier['id']}").json()
    assert by_id["name"] == "Miriam Kestner"


def test_layer_lists_with_filters(client):
    quotes = client.get("/api/quotes", params={"speaker": "kestner"}).json()["items"]
    assert quotes and all(q["speaker_name"] == "Miriam Kestner" for q in quotes)
    direct = client.get("/api/quotes", params={"kind": "direct"}).json()["items"]
    assert direct and all(q["kind"] == "direct" for q in direct)
    one = article_id(client, "Brockenbahn")
    assert {q["article"] for q in client.get("/api/quotes", params={"article": one}).json()["items"]} == {one}
    times = client.get("/api/times", params={"value": "2024"}).json()["items"]
    assert times and all(t["value"].startswith("2024") for t in times)
    money = client.get("/api/figures", params={"kind": "money", "unit": "EUR"}).json()["items"]
    assert {f["value"] for f in money} >= {40_000_000, 90_000_000, 3_500_000}
    events = client.get("/api/events").json()["items"]  # the events stage runs in the pipeline now
    assert events and all(e["type"] in EVENT_TYPES and e["participants"] for e in events)
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 6 and stats["layers"]["quotes"] >= 8


def test_timeline_ledger_conflicts_and_network(client):
    timeline = client.get("/api/timeline", params={"entity": "Miriam Kestner"}).json()
    assert timeline["total"] >= 3 and {t["article"] for t in timeline["items"]}
    later = client.get("/api/timeline", params={"entity": "Kestner", "since": "2024-05"}).json()
    assert 0 < later["total"] < timeline["total"]
    conflicts = client.get("/api/conflicts").json()
    assert conflicts["total"] == 1
    pair = conflicts["items"][0]
    assert pair["attribute"] == "Kaufpreis" and {pair["a"]["value"], pair["b"]["value"]} == {610e6, 840e6}
    assert client.get("/api/conflicts", params={"tolerance": 0.5}).json()["total"] == 0
    ledger = client.get("/api/ledger", params={"subject": "Werftgruppe Ostsee AG"}).json()["items"]
    assert [len(series["values"]) for series in ledger if series["attribute"] == "Kaufpreis"] == [2]
    buyer = client.get("/api/entities/Werftgruppe Ostsee AG").json()
    assert sorted(f["conflict"] for f in buyer["figures"] if f["unit"] == "EUR") == [True, True]
    network = client.get("/api/network", params={"limit": 5}).json()
    assert len(network["nodes"]) == 5 and network["nodes_total"] >= 5
    kept = {n["id"] for n in network["nodes"]}
    assert all(e["source"] in kept and e["target"] in kept for e in network["edges"])
    assert_error(client.get("/api/timeline"), 422, "invalid_parameter")
    assert_error(client.get("/api/timeline", params={"entity": "Niemand"}), 404, "not_found")


def test_search(client):
    found = client.get("/api/search", params={"q": "Strompreis"}).json()
    assert found["total"] >= 1 and found["hits"][0]["title"] == "Stadtwerke Halberstadt erhöhen die Strompreise"
    snippet = found["hits"][0]["snippet"]
    mark = snippet["highlights"][0]
    assert snippet["text"][mark["start"] - snippet["start"]:mark["end"] - snippet["start"]] == "Strompreise"
    quotes = client.get("/api/search", params={"q": "Fahrgäste", "layer": "quotes"}).json()["hits"]
    assert [h["speaker"] for h in quotes] == ["Uwe Hartmann"]
    kestner = client.get("/api/search", params={"q": "Stadtwerke", "entity": "Miriam Kestner"}).json()
    assert kestner["total"] == 2
    faceted = client.get("/api/search", params={"q": "Stadtwerke", "facets": "true"}).json()
    assert sum(c["count"] for c in faceted["facets"]["sources"]) == faceted["total"]
    assert any(e["name"] == "Miriam Kestner" for e in faceted["facets"]["entities"])
    assert "facets" not in client.get("/api/search", params={"q": "Stadtwerke"}).json()
    paged = client.get("/api/search", params={"q": "Stadtwerke", "limit": 1}).json()
    assert len(paged["hits"]) == 1 and paged["next_offset"] == 1
    assert_error(client.get("/api/search", params={"q": '"offen'}), 400, "bad_query")
    assert_error(client.get("/api/search", params={"q": "x", "entity": "Niemand"}), 404, "not_found")
    assert_error(client.get("/api/search"), 422, "invalid_parameter")
    assert_error(client.get("/api/search", params={"q": "x", "limit": MAX_PAGE_SIZE + 1}), 422, "invalid_parameter")


def test_error_shape_for_400_404_422_and_500(client, web_db):
    assert_error(client.get("/api/articles", params={"since": "2024-06", "until": "2024-01"}), 400, "bad_request")
    assert_error(client.get("/api/articles/ffffffffffff"), 404, "not_found")
    assert_error(client.get("/api/entities/Niemand Unbekannt"), 404, "not_found")
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert_error(client.get("/api/quotes", params={"kind": "shouted"}), 422, "invalid_parameter")
    assert_error(client.get("/api/articles", params={"since": "gestern"}), 422, "invalid_parameter")
    assert_error(client.post("/api/ingest", json={"articles": []}), 404, "not_found")  # no token configured
    assert_error(client.post("/api/stats"), 405, "method_not_allowed")

    class BrokenBackend(Backend):
        def with_store(self, question):
            raise RuntimeError("secret internals /etc/passwd")

    broken = TestClient(create_app(BrokenBackend(MemoryStore())), raise_server_exceptions=False)
    error = assert_error(broken.get("/api/stats"), 500, "internal_error")
    assert "secret" not in error["message"]


def test_openapi_and_local_docs(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/articles/{article_id}", "/api/entities/{entity}", "/api/quotes",
            "/api/times", "/api/figures", "/api/events", "/api/timeline", "/api/ledger", "/api/conflicts",
            "/api/network", "/api/search"} <= set(spec["paths"])
    assert "/api/ingest" not in spec["paths"]  # read-only without a token
    assert spec["paths"]["/api/quotes"]["get"]["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorBody"}  # the documented error shape is the one sent
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_ingest_needs_the_configured_token(web_db, tmp_path):
    db = tmp_path / "writable.db"
    db.write_bytes(web_db.read_bytes())
    app = TestClient(create_app(str(db), token="s3cret"), raise_server_exceptions=False)
    body = {"articles": [{"title": "Neuer Bericht", "published": "2024-08-01", "source": "api",
                          "text": "Die Bürgermeisterin Karin Vogt eröffnete am Freitag in Quedlinburg die neue Brücke. "
                                  "„Das ist ein guter Tag für die Stadt“, sagte Vogt."}]}
    assert_error(app.post("/api/ingest", json=body), 401, "unauthorized")
    assert_error(app.post("/api/ingest", json=body, headers={"Authorization": "Bearer falsch"}), 403, "forbidden")
    assert_error(app.post("/api/ingest", json={"articles": "x"}, headers={"Authorization": "Bearer s3cret"}),
                 400, "bad_request")
    done = app.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
    assert done.status_code == 200 and len(done.json()["new"]) == 1, done.text
    assert app.get("/api/articles").json()["total"] == 7
    again = app.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"}).json()
    assert again["new"] == [] and len(again["unchanged"]) == 1


def test_cors_is_off_unless_configured(web_db):
    origin = {"Origin": "https://example.org"}
    plain = TestClient(create_app(str(web_db)))
    assert "access-control-allow-origin" not in plain.get("/api/stats", headers=origin).headers
    allowed = TestClient(create_app(str(web_db), cors_origins=["https://example.org"]))
    assert allowed.get("/api/stats", headers=origin).headers["access-control-allow-origin"] == "https://example.org"


def test_answers_follow_a_change_made_by_another_process(web_db, tmp_path):
    """The corpus index is rebuilt when the store reports a change (SQLite: another connection's
    commit), so a running server shows what `dossier ingest` added meanwhile."""
    from dossier.cli.main import main

    db = tmp_path / "live.db"
    db.write_bytes(web_db.read_bytes())
    app = TestClient(create_app(str(db)))
    assert app.get("/api/stats").json()["articles"] == 6
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"title": "Neue Fähre für Stralsund", "published": "2024-09-02", "source": "api", '
                     '"text": "Die Stadt Stralsund bestellt eine neue Fähre. Bürgermeister Ole Brandt sagte: '
                     '„Die Fähre kommt im Frühjahr.“"}\n', encoding="utf-8")
    assert main(["--db", str(db), "ingest", "-q", str(extra)]) == 0
    assert app.get("/api/stats").json()["articles"] == 7
    assert app.get("/api/search", params={"q": "Fähre"}).json()["total"] >= 1
