"""Limits on one input: each gives a clear error naming the input (and record), and the rest
of the batch is read. Fetch limits (timeout, addresses) are in test_fetch.py."""
from __future__ import annotations

import gzip
import io
import json
import zipfile

import pytest
from click.testing import CliRunner

from dossier.errors import BinaryInput, TooDeep, TooLarge
from dossier.ingest import read_bytes
from dossier.ingest.base import ReadOptions
from dossier.ingest.limits import UNPACK_RATIO_FLOOR, Limits
from dossier.model import RawDocument
from tests.ingest.helpers import read_all

SENTENCE = "Die Stadt Lindau baut bis zum Sommer eine neue Brücke über den Hafen. "


def _page(body: str) -> str:
    return f"<html><head><title>Brücke</title></head><body><article>{body}</article></body></html>"


def _nested(depth: int) -> str:
    return "<div>" * depth + f"<p>{SENTENCE * 3}</p>" + "</div>" * depth


def _split(items):
    items = list(items)
    return ([item for item in items if isinstance(item, RawDocument)],
            [item for item in items if not isinstance(item, RawDocument)])


def test_an_overlong_article_costs_only_its_record(tmp_path):
    path = tmp_path / "artikel.jsonl"
    records = [{"text": SENTENCE}, {"text": SENTENCE * 100}, {"text": SENTENCE * 2}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    docs, [error] = read_all([path], limits=Limits(max_article_chars=5_000))
    assert [d.origin for d in docs] == [f"{path}:line 1", f"{path}:line 3"]
    assert isinstance(error, TooLarge) and error.location == f"{path}:line 2"
    assert error.message == f"the article is {len(SENTENCE) * 100} characters long, over the limit of 5000"
    assert "--max-article-chars" in error.hint


def test_article_length_limit_holds_for_plain_text_and_default_is_generous(tmp_path):
    path = tmp_path / "lang.txt"
    path.write_text(SENTENCE * 1000, encoding="utf-8")  # 70,000 characters: a long read, not a dump
    assert len(read_all([path])[0]) == 1
    _, [error] = read_all([path], limits=Limits(max_article_chars=50_000))
    assert isinstance(error, TooLarge) and error.location == str(path)


def test_html_nested_deeper_than_the_limit_is_refused_and_others_are_read(tmp_path):
    deep, flat = tmp_path / "a-tief.html", tmp_path / "b-flach.html"
    deep.write_text(_page(_nested(300)), encoding="utf-8")
    flat.write_text(_page(_nested(20)), encoding="utf-8")
    docs, [error] = read_all([deep, flat])
    assert [d.origin for d in docs] == [str(flat)]
    assert isinstance(error, TooDeep) and error.location == str(deep)
    assert error.message == "the HTML nests elements more than 200 levels deep"
    _, [error] = read_all([flat], limits=Limits(max_html_depth=10))
    assert isinstance(error, TooDeep)


def test_without_the_depth_check_deep_text_would_vanish():
    """Why the limit exists: lxml keeps nothing below depth 255, so the article text is lost
    and the page looked empty (the old error said "no main text found")."""
    from lxml import html as lxml_html

    assert SENTENCE.strip() not in lxml_html.fromstring(_page(_nested(300))).text_content()


def test_a_deep_feed_item_costs_only_that_item():
    items = [f"<item><title>{n}</title><description><![CDATA[{body}]]></description></item>"
             for n, body in enumerate([_nested(2), _nested(400), _nested(3)], start=1)]
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{"".join(items)}</channel></rss>'
    docs, [error] = _split(read_bytes(feed.encode(), "f.rss"))
    assert [d.origin for d in docs] == ["f.rss#item 1", "f.rss#item 3"]
    assert isinstance(error, TooDeep) and error.location == "f.rss#item 2"


def test_gzip_bomb_stops_at_the_ratio_and_the_batch_goes_on(tmp_path):
    bomb = tmp_path / "a-bombe.txt.gz"
    bomb.write_bytes(gzip.compress(b" " * (UNPACK_RATIO_FLOOR * 3)))  # 30 MB of spaces in about 30 KB
    fine = tmp_path / "b-artikel.txt.gz"
    fine.write_bytes(gzip.compress(SENTENCE.encode() * 50))
    docs, [error] = read_all([bomb, fine])
    assert [d.origin for d in docs] == [str(fine)]
    assert isinstance(error, TooLarge) and error.location == str(bomb)
    assert "unpacks to more than 100 times its packed size" in error.message
    assert "--max-unpack-ratio" in error.hint


def test_gzip_absolute_cap_is_max_bytes(tmp_path):
    path = tmp_path / "artikel.txt.gz"
    path.write_bytes(gzip.compress(SENTENCE.encode() * 100))
    _, [error] = read_all([path], max_bytes=2_000)
    assert isinstance(error, TooLarge) and error.message == "decompresses to more than 2000 bytes"


def _warc(pages: list[tuple[bytes, list[tuple[str, str]]]], gzip_records: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    for number, (body, headers) in enumerate(pages):
        http_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"), *headers],
                                        protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://lindau.example/{number}", "response", payload=io.BytesIO(body), http_headers=http_headers))
    return buffer.getvalue()


def test_warc_gz_bomb_is_refused_before_any_record_is_read():
    page = _page(f"<p>{SENTENCE * 3}</p>").encode()
    data = _warc([(page, []), (page + b" " * (UNPACK_RATIO_FLOOR * 3), [])], gzip_records=True)
    [error] = list(read_bytes(data, "crawl.warc.gz"))
    assert isinstance(error, TooLarge) and error.location == "crawl.warc.gz"
    assert "unpacks to more than 100 times" in error.message


def test_warc_absolute_unpacked_cap():
    page = _page(f"<p>{SENTENCE * 3}</p>").encode()
    data = _warc([(page, [])] * 3, gzip_records=True)
    [error] = list(read_bytes(data, "crawl.warc.gz", ReadOptions(limits=Limits(max_unpacked_bytes=2_000))))
    assert isinstance(error, TooLarge) and error.message == "unpacks to more than 2000 bytes"


def test_gzip_encoded_warc_payload_bomb_costs_only_its_record():
    """An HTTP response stored with Content-Encoding: gzip is unpacked by warcio while reading."""
    page = _page(f"<p>{SENTENCE * 3}</p>").encode()
    bomb = gzip.compress(page + b" " * (UNPACK_RATIO_FLOOR * 3))
    data = _warc([(page, []), (bomb, [("Content-Encoding", "gzip")]), (page, [])], gzip_records=False)
    docs, [error] = _split(read_bytes(data, "crawl.warc"))
    assert [d.origin for d in docs] == ["crawl.warc#record 1", "crawl.warc#record 3"]
    assert isinstance(error, TooLarge) and error.location == "crawl.warc#record 2"


def test_zip_archives_are_not_unpacked_at_all():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bombe.txt", b" " * 1_000_000)
    [error] = list(read_bytes(buffer.getvalue(), "artikel.zip"))
    assert isinstance(error, BinaryInput) and "a ZIP archive" in error.message


def test_cli_limit_options_reach_the_readers(tmp_path):
    from dossier.cli.main import cli

    page = tmp_path / "seite.html"
    page.write_text(_page(_nested(30)), encoding="utf-8")
    db = str(tmp_path / "d.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", "-q", "--no-analyse", "--max-html-depth", "20", str(page)])
    assert result.exit_code == 3
    assert f"Error: {page}: the HTML nests elements more than 20 levels deep [TooDeep]" in result.output
    result = CliRunner().invoke(cli, ["--db", db, "ingest", "-q", "--no-analyse", str(page)])
    assert result.exit_code == 0 and "1 new" in result.output


@pytest.mark.parametrize("option", [["--max-html-depth", "256"], ["--max-unpack-ratio", "0.5"],
                                    ["--fetch-timeout", "0"], ["--allow-network", "intranet"]])
def test_cli_refuses_limits_that_cannot_work(tmp_path, option):
    from dossier.cli.main import cli

    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "d.db"), "ingest", *option, str(tmp_path)])
    assert result.exit_code == 2 and option[0] in result.output
