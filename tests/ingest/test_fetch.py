"""URL fetching: only http(s), only public addresses unless allowed (also after redirects),
one deadline for the whole fetch, a size cap. The server is a local one on 127.0.0.1 (stopped
through its handle); loopback is allowed explicitly where a test needs a fetch to succeed."""
from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading
import time
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from dossier.errors import InputError, TooLarge
from dossier.ingest import read_bytes
from dossier.ingest.fetch import address_refusal
from dossier.ingest.limits import Limits
from tests.conftest import TEST_DATA
from tests.ingest.helpers import read_all

LOOPBACK_ALLOWED = Limits(allowed_networks=("127.0.0.1/32",))


class _Handler(http.server.BaseHTTPRequestHandler):
    requests: list[str]  # set per server: every path asked for

    def do_GET(self):  # noqa: N802 (the http.server API)
        self.server.requests.append(self.path)
        route = urlparse(self.path)
        if route.path == "/feed":
            self._send((TEST_DATA / "ingest" / "feed.rss").read_bytes(), "application/rss+xml")
        elif route.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", parse_qs(route.query)["to"][0])
            self.end_headers()
        elif route.path == "/stall":  # accepts, then says nothing for 10 s
            time.sleep(10)
        elif route.path == "/drip":  # headers at once, then one byte every 0.2 s for 10 s
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self._drip(50, 0.2)
        elif route.path == "/endless":  # no Content-Length, 20 MB of text
            self.send_response(200)
            self.end_headers()
            self._drip(320, 0, b"Die Stadt baut eine Br\xc3\xbccke. " * 2048)
        else:
            self.send_error(404)

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, count: int, pause_s: float, piece: bytes = b" ") -> None:
        try:
            for _ in range(count):
                self.wfile.write(piece)
                self.wfile.flush()
                time.sleep(pause_s)
        except OSError:
            pass  # the client gave up, as it should

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _fetch(url: str, limits: Limits, **kwargs):
    return read_all([url], limits=limits, **kwargs)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.178.1", "169.254.169.254",
    "100.100.100.200", "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1",
    "::ffff:169.254.169.254", "::"])
def test_private_loopback_link_local_and_metadata_addresses_are_refused(address):
    refusal = address_refusal(address, Limits())
    assert refusal and refusal.startswith(address.replace("::ffff:", ""))
    assert address_refusal(address, Limits(allow_private_urls=True)) is None


@pytest.mark.parametrize("address", ["93.184.215.14", "2a00:1450:4001:82b::200e", "::ffff:93.184.215.14"])
def test_public_addresses_are_allowed(address):
    assert address_refusal(address, Limits()) is None


def test_an_allowed_network_opens_only_that_network():
    limits = Limits(allowed_networks=("10.20.0.0/16",))
    assert address_refusal("10.20.3.4", limits) is None
    assert address_refusal("10.21.3.4", limits) == "10.21.3.4, a private address"


def test_loopback_url_is_refused_unless_allowed_and_never_asked(server):
    before = len(server.requests)
    docs, [error] = _fetch(f"{server.base}/feed", Limits())
    assert not docs and error.location == f"{server.base}/feed"
    assert error.message == "refused to fetch: 127.0.0.1 resolves to 127.0.0.1, a loopback address"
    assert "--allow-private-urls" in error.hint
    assert len(server.requests) == before  # refused before connecting
    docs, errors = _fetch(f"{server.base}/feed", Limits(allow_private_urls=True))
    assert len(docs) == 2 and len(errors) == 1  # feed.rss: two items and one without text


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "127.1", "[::ffff:127.0.0.1]", "localhost"])
def test_other_spellings_of_loopback_are_refused(server, host):
    port = server.server_address[1]
    _, [error] = _fetch(f"http://{host}:{port}/feed", Limits())
    assert error.message.startswith("refused to fetch:") and "loopback" in error.message


@pytest.mark.parametrize("target", ["http://127.0.0.2:{port}/feed", "http://[::1]:{port}/feed",
                                    "http://169.254.169.254/latest/meta-data/"])
def test_a_redirect_to_a_refused_address_is_refused(server, target):
    """The first hop is allowed (loopback 127.0.0.1 explicitly), the redirect target is not."""
    target = target.format(port=server.server_address[1])
    url = f"{server.base}/redirect?to={target}"
    docs, [error] = _fetch(url, LOOPBACK_ALLOWED)
    assert not docs and error.location == url
    assert error.message.startswith("refused to fetch:") and "address" in error.message


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml"])
def test_a_redirect_to_another_scheme_is_refused(server, target):
    _, [error] = _fetch(f"{server.base}/redirect?to={target}", LOOPBACK_ALLOWED)
    assert error.message.startswith("refused to fetch:") and "only http and https" in error.message


def test_a_redirect_within_allowed_addresses_is_followed(server):
    docs, _ = _fetch(f"{server.base}/redirect?to={server.base}/feed", LOOPBACK_ALLOWED)
    assert len(docs) == 2


@pytest.mark.parametrize("path", ["file:///etc/passwd", "ftp://ftp.example.org/feed.xml", "gopher://x/1"])
def test_urls_of_other_schemes_are_not_read(path):
    docs, [error] = read_all([path])
    assert not docs and error.location == path and "only http and https" in error.message


@pytest.mark.parametrize("route", ["/stall", "/drip"])
def test_the_fetch_timeout_bounds_the_whole_fetch(server, route):
    """/drip sends a byte every 0.2 s for 10 s: each read is quick, the whole is not."""
    started = time.monotonic()
    docs, [error] = _fetch(f"{server.base}{route}", Limits(fetch_timeout_s=1, allow_private_urls=True))
    took = time.monotonic() - started
    assert not docs and "no complete answer within 1 s" in error.message
    assert took < 4, f"the fetch took {took:.1f} s under a 1 s limit"


def test_an_endless_answer_stops_at_max_bytes(server):
    _, [error] = _fetch(f"{server.base}/endless", LOOPBACK_ALLOWED, max_bytes=1_000_000)
    assert isinstance(error, TooLarge) and "over the limit of 1000000 bytes" in error.message


def test_one_refused_url_costs_only_itself(server, tmp_path):
    article = tmp_path / "artikel.txt"
    article.write_text("Die Stadt baut eine neue Brücke über den Fluss.", encoding="utf-8")
    docs, errors = read_all([f"{server.base}/feed", str(article)])
    assert [d.origin for d in docs] == [str(article)]
    assert [type(e) for e in errors] == [InputError]


def test_cli_refuses_loopback_and_allows_it_by_flag_or_environment(server, tmp_path):
    from dossier.cli.main import cli

    url = f"{server.base}/feed"
    runner = CliRunner()
    refused = runner.invoke(cli, ["--db", str(tmp_path / "a.db"), "ingest", "-q", "--no-analyse", url])
    assert refused.exit_code == 3 and "a loopback address" in refused.output
    for args, env in ((["--allow-private-urls"], {}), (["--allow-network", "127.0.0.0/8"], {}),
                      ([], {"DOSSIER_ALLOW_PRIVATE_URLS": "1"})):
        db = tmp_path / f"b{len(args)}{len(env)}.db"
        result = runner.invoke(cli, ["--db", str(db), "ingest", "-q", "--no-analyse", *args, url], env=env)
        assert "2 new" in result.output, result.output


def test_api_ingest_never_fetches_the_urls_in_articles(server, tmp_path):
    """POST /api/ingest takes article texts; a url field is metadata, never fetched."""
    from fastapi.testclient import TestClient

    from dossier.api.app import create_app

    before = len(server.requests)
    app = TestClient(create_app(str(tmp_path / "api.db"), token="s3cret"))
    answer = app.post("/api/ingest", headers={"Authorization": "Bearer s3cret"}, json={"articles": [
        {"text": "Die Stadt baut eine neue Brücke über den Fluss.", "url": f"{server.base}/feed"}]})
    assert answer.status_code == 200 and len(answer.json()["new"]) == 1
    assert len(server.requests) == before


def test_feed_bytes_that_name_a_local_file_do_not_open_it(tmp_path):
    """feedparser opens bytes naming an existing file as that file; a URL's answer "/etc/passwd"
    (or a feed file holding a path) must be read as the text it is, never as a local file."""
    secret = tmp_path / "geheim.rss"
    secret.write_text('<rss version="2.0"><channel><title>Geheim</title><item><title>x</title>'
                      "<description>Inhalt der geheimen Datei auf dem Server</description></item>"
                      "</channel></rss>", encoding="utf-8")
    items = list(read_bytes(str(secret).encode(), "antwort.rss"))
    assert items and all(isinstance(item, InputError) for item in items)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """The same handler over TLS, with a certificate for 127.0.0.1 made by openssl."""
    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads, httpd.block_on_close, httpd.requests = True, False, []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.base, httpd.cert = f"https://127.0.0.1:{httpd.server_address[1]}", cert
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture
def trust(monkeypatch):
    """Make the fetcher trust one extra certificate (as a private CA would be)."""
    default = ssl.create_default_context

    def trusting(cert):
        monkeypatch.setattr(ssl, "create_default_context", lambda *args, **kwargs: default(cafile=str(cert)))
    return trusting


def test_https_is_fetched_with_the_certificate_checked(tls_server, trust):
    _, [error] = _fetch(f"{tls_server.base}/feed", LOOPBACK_ALLOWED)
    assert "CERTIFICATE_VERIFY_FAILED" in error.message  # a self-signed certificate is not trusted
    trust(tls_server.cert)
    docs, _ = _fetch(f"{tls_server.base}/feed", LOOPBACK_ALLOWED)
    assert len(docs) == 2
    _, [error] = _fetch(f"{tls_server.base}/feed", Limits())
    assert "a loopback address" in error.message


def test_the_fetch_timeout_holds_over_tls(tls_server, trust):
    trust(tls_server.cert)
    started = time.monotonic()
    _, [error] = _fetch(f"{tls_server.base}/drip", Limits(fetch_timeout_s=1, allow_private_urls=True))
    took = time.monotonic() - started
    assert "no complete answer within 1 s" in error.message and took < 4, (error, took)
