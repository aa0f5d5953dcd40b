"""HTML pages, RSS/Atom feeds (files and URLs) and WARC archives."""
from __future__ import annotations

import gzip
import http.server
import io
import threading

import pytest

from dossier.errors import EmptyInput, InputError, MalformedRecord, TruncatedArchive
from dossier.ingest.html import html_to_text
from dossier.ingest.limits import Limits
from tests.conftest import TEST_DATA, shared_path
from tests.ingest.helpers import read_all

DATA = TEST_DATA / "ingest"

ARTICLE_PARAGRAPHS = [
    "Die Stadtwerke Lindau erhöhen zum 1. Juli die Strompreise um durchschnittlich 12 Prozent. "
    "Betroffen sind rund 40.000 Haushalte in der Stadt und im Umland.",
    "„Wir geben nur die gestiegenen Einkaufspreise weiter“, sagte Geschäftsführerin Petra Lang "
    "am Montag bei einer Pressekonferenz im Rathaus.",
    "Die Verbraucherzentrale kritisierte die Erhöhung als zu hoch und riet Kunden, die Tarife "
    "anderer Anbieter zu vergleichen. Ein Wechsel sei in wenigen Minuten möglich.",
]


def article_page(paragraphs=ARTICLE_PARAGRAPHS, charset="utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="{charset}">
<title>Strompreise steigen | Lindauer Bote</title>
<meta property="og:title" content="Stadtwerke erhöhen Strompreise">
<meta property="og:site_name" content="Lindauer Bote">
<meta name="author" content="Jana Vogt">
<meta property="article:published_time" content="2024-06-03T11:00:00+02:00">
</head><body>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/lokal">Lokales</a></li></ul></nav>
<article><h1>Stadtwerke erhöhen Strompreise</h1>{body}</article>
<footer>© Lindauer Bote · Impressum · Datenschutz</footer>
</body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "seite.html"
    path.write_text(article_page(), encoding="utf-8")
    docs, errors = read_all([path])
    assert errors == []
    [doc] = docs
    assert doc.structured is True
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in doc.raw_text
    assert "\n\n".join(ARTICLE_PARAGRAPHS[:2]) in doc.raw_text  # blank line between paragraphs
    assert "Impressum" not in doc.raw_text and "Startseite" not in doc.raw_text
    assert doc.metadata["title"] == "Stadtwerke erhöhen Strompreise"
    assert doc.metadata["published"].startswith("2024-06-03")
    assert doc.metadata["authors"] == ["Jana Vogt"]
    assert doc.metadata["source"] == "Lindauer Bote"


def test_html_in_cp1252_follows_the_meta_charset(tmp_path):
    path = tmp_path / "alt.htm"
    path.write_bytes(article_page(charset="windows-1252").encode("cp1252"))
    [doc], errors = read_all([path])
    assert errors == [] and "Geschäftsführerin" in doc.raw_text
    assert doc.encoding == "cp1252" and "declared" in doc.metadata["encoding_note"]


@pytest.mark.parametrize("markup", [
    "<html><head><script>var a = 1;</script></head><body><nav>Menü</nav></body></html>",
    "<html><body><div><<<>>></div",
])
def test_broken_html_without_main_text(tmp_path, markup):
    path = tmp_path / "kaputt.html"
    path.write_text(markup, encoding="utf-8")
    docs, [error] = read_all([path])
    assert docs == [] and isinstance(error, InputError)
    assert "no main text" in error.message


def test_html_to_text_makes_paragraphs():
    fragment = "<p>Erster <b>Absatz</b>&nbsp;hier.</p>Lose<br>Zeile<script>x()</script><!-- k --> weiter<ul><li>eins</li></ul>"
    assert html_to_text(fragment) == "Erster Absatz hier.\n\nLose Zeile weiter\n\neins"


def _word_recall(expected: str, got: str) -> float:
    expected_words = expected.split()
    got_words = set(got.split())
    return sum(word in got_words for word in expected_words) / len(expected_words)


def test_boilerplate_benchmark_pages_have_their_main_text():
    import json

    folder = shared_path("data", "boilerplate-fulltext-de")
    truth = json.loads((folder / "scrapinghub" / "ground-truth-de.json").read_text(encoding="utf-8"))
    for page_id, expected in truth.items():
        [doc], errors = read_all([folder / "scrapinghub" / f"{page_id}.html.gz"])
        assert errors == []
        assert _word_recall(expected["articleBody"], doc.raw_text) > 0.9
    [heise], _ = read_all([folder / "readability-heise" / "source.html"])
    assert heise.metadata["title"] == "1Password für Mac generiert Einmal-Passwörter"
    assert heise.metadata["source"] == "Mac & i"
    assert "authors" not in heise.metadata  # "Mac & i" is the magazine, not two people


def test_rss_items_with_full_content_dates_and_authors():
    docs, errors = read_all([DATA / "feed.rss"])
    first, second = docs
    assert first.origin == f"{DATA / 'feed.rss'}#item 1"
    assert first.raw_text == ("Das Freibad in Talheim öffnet in diesem Jahr schon am 18. Mai.\n\n"
                              "„Wir freuen uns auf die Saison“, sagte Betriebsleiter Uwe Frank.")
    assert first.metadata == {
        "title": "Freibad öffnet früher", "published": "2024-05-14T22:30:00+02:00",
        "url": "https://talheim.example/freibad", "authors": ["Maria Schulz"],
        "source": "Lokalzeitung Talheim", "id": "https://talheim.example/freibad", "label": "Lokales"}
    assert first.structured is True
    assert second.raw_text == "Der Gemeinderat berät am Donnerstag über den Haushalt."  # summary HTML
    [error] = errors
    assert isinstance(error, MalformedRecord) and error.location.endswith("#item 3")


def test_atom_entry_prefers_content_over_summary():
    [doc], errors = read_all([DATA / "feed.atom"])
    assert errors == []
    assert doc.raw_text.startswith("Der Maschinenbauer Hirsch AG will 300 Stellen abbauen.\n\n")
    assert doc.metadata["published"] == "2024-06-01T08:00:00+02:00"
    assert doc.metadata["source"] == "Wirtschaftsdienst Süd"
    assert doc.metadata["authors"] == ["Karl Brandt"]


def test_xml_feed_is_sniffed_and_other_xml_is_refused(tmp_path):
    (tmp_path / "a.xml").write_bytes((DATA / "feed.atom").read_bytes())
    (tmp_path / "b.xml").write_text('<?xml version="1.0"?><bestellung><nr>5</nr></bestellung>')
    docs, [error] = read_all([tmp_path])
    assert len(docs) == 1 and docs[0].origin.endswith("a.xml#item 1")
    assert error.location.endswith("b.xml") and "neither an RSS nor an Atom" in error.message


def test_empty_feed(tmp_path):
    path = tmp_path / "leer.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Leer</title></channel></rss>')
    _, [error] = read_all([path])
    assert isinstance(error, EmptyInput)


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the http.server API)
        if self.path == "/feed":
            body = (DATA / "feed.rss").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    server = http.server.HTTPServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_feed_url_is_fetched(feed_server):
    # The test server is on loopback, which is fetched from only when allowed (tests/ingest/test_fetch.py).
    docs, errors = read_all([f"{feed_server}/feed", f"{feed_server}/fehlt"],
                            limits=Limits(allowed_networks=("127.0.0.1/32",)))
    assert [d.origin for d in docs] == [f"{feed_server}/feed#item 1", f"{feed_server}/feed#item 2"]
    assert len(errors) == 2
    assert errors[0].location.endswith("#item 3")
    assert "HTTP 404" in errors[1].message and errors[1].location == f"{feed_server}/fehlt"


def build_warc(gzip_records: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "dossier-tests"}))
    pages = [("text/html; charset=utf-8", article_page().encode()),
             ("image/png", b"\x89PNG\r\n\x1a\n"),
             ("text/html", article_page(ARTICLE_PARAGRAPHS[::-1]).encode())]
    for number, (content_type, body) in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://lindau.example/{number}", "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


@pytest.mark.parametrize("compressed", [True, False])
def test_warc_html_responses(tmp_path, compressed):
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(build_warc(compressed))
    docs, errors = read_all([path])
    assert errors == []
    assert [d.origin for d in docs] == [f"{path}#record 2", f"{path}#record 4"]
    assert docs[0].metadata["url"] == "https://lindau.example/0"
    assert docs[1].raw_text.startswith("Die Verbraucherzentrale") or ARTICLE_PARAGRAPHS[2] in docs[1].raw_text
    assert all(d.structured for d in docs)


@pytest.mark.parametrize("compressed", [True, False])
def test_truncated_warc_yields_records_before_the_break(tmp_path, compressed):
    data = build_warc(compressed)
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(data[:-200])
    docs, errors = read_all([path])
    assert [d.origin for d in docs] == [f"{path}#record 2"]
    [error] = errors
    assert isinstance(error, TruncatedArchive) and error.location == str(path)


def test_gzipped_feed_is_dispatched_on_inner_name(tmp_path):
    path = tmp_path / "feed.atom.gz"
    path.write_bytes(gzip.compress((DATA / "feed.atom").read_bytes()))
    [doc], errors = read_all([path])
    assert errors == [] and doc.origin == f"{path}#item 1"
