"""Property tests (Hypothesis) for every reader, the cleaner and the offset map, on hostile
input: random bytes, combining marks, emoji, right-to-left and zero-width characters, nested and
unbalanced quotes, very long lines, deep or broken markup, cut-off archives.

A reader may give documents and the documented InputError subclasses, each naming its input,
nothing else. The readers run *without* read_bytes' last-resort ``except Exception`` (which would
hide a reader bug as one file's error), so a bug fails the test. Every document is cleaned and
its offsets checked. tests/ingest/test_properties.py holds the earlier, coarser ones."""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.clean import clean_document
from dossier.errors import InputError, TooDeep, TruncatedArchive
from dossier.ingest import _dispatch
from dossier.ingest.base import ReadOptions
from dossier.ingest.limits import Limits
from dossier.model import OffsetMap, RawDocument

# Short in the suite; a long search: DOSSIER_PROPERTY_EXAMPLES=2000 python -m pytest this file.
EXAMPLES = int(os.environ.get("DOSSIER_PROPERTY_EXAMPLES", "40"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HOSTILE = ["e\u0301", "a\u0308\u0308\u0308", "👩\u200d👩\u200d👧", "🇩🇪", "👍🏽", "\u200b", "\u200c", "\u200d",
           "\ufeff", "\u202e", "\u2066", "\u200f", "שלום", "مرحبا", "„", "“", "‚", "‘", "»", "«", '"', "'",
           "\u00ad", "\u2028", "\u2029", "\t", "\n", "\r\n", "\r", " ", "\\", "<", ">", "&", "&amp;",
           "Die Stadt baut eine Brücke.", "sagte er", "2024-05-01", "Müller", "ﬁ", "ẞ", "\U0001d54f"]
hostile_text = st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=40).map("".join)
long_line = st.integers(0, 2).map(lambda n: ("Wort„ " * 20_000) * n)
unicode_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


def read(data: bytes, name: str, fmt: str | None = None, limits: Limits | None = None) -> list:
    """Documents and InputErrors as the reader yields them; any other exception propagates."""
    options = ReadOptions(fmt=fmt, limits=limits or Limits())
    items = []
    try:
        for item in _dispatch(data, name, name, options):
            items.append(item)
    except InputError as error:
        items.append(error)
    for item in items:
        location = item.location if isinstance(item, InputError) else item.origin
        assert location and location.startswith(name), item
        if isinstance(item, RawDocument):
            assert_offsets_valid(item)
    return items


def assert_offsets_valid(doc: RawDocument) -> None:
    raw, article = doc.raw_text, clean_document(doc)
    text, offsets = article.text, article.offset_map
    assert offsets.clean_length == len(text)
    assert "".join(raw[r.raw_start:r.raw_start + r.length] for r in offsets.runs) == text
    for run in offsets.runs:
        assert 0 <= run.raw_start and run.raw_start + run.length <= len(raw)
    for removed in article.removed:
        assert raw[removed.start:removed.end] == removed.text
    for heading in article.headings:
        assert text[heading.start:heading.end] == heading.text
    for flag in article.flags:
        assert 0 <= flag["start"] <= flag["end"] <= len(text)


def documents(items: list) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


@SETTINGS
@given(st.binary(max_size=2_000), st.sampled_from(["text", "jsonl", "csv", "tsv", "html", "feed", "warc"]))
def test_random_bytes_into_every_reader(data, fmt):
    read(data, f"a.{fmt}", fmt)


@SETTINGS
@given(hostile_text, long_line)
def test_plain_text_keeps_every_character(text, line):
    text = (text + line).lstrip("\ufeff")
    items = read(text.encode("utf-8"), "a.txt", "text")
    if text.strip():
        [doc] = documents(items)
        assert doc.raw_text == text


@SETTINGS
@given(st.lists(hostile_text, min_size=1, max_size=5), long_line)
def test_jsonl_records_keep_their_text(texts, line):
    texts[0] += line
    data = "\n".join(json.dumps({"text": t, "title": t[:20]}, ensure_ascii=False) for t in texts)
    items = read(data.encode("utf-8"), "a.jsonl", "jsonl")
    assert len(items) == len(texts) or any(not t.strip() for t in texts)
    for doc in documents(items):
        assert doc.raw_text in texts


@SETTINGS
@given(st.integers(1, 50_000))
def test_json_nested_too_deep_is_a_malformed_record(depth):
    items = read(b"[" * depth + b"]" * depth, "a.json", "jsonl")
    assert all(isinstance(item, InputError) for item in items)


@SETTINGS
@given(st.lists(st.tuples(hostile_text, hostile_text), min_size=1, max_size=5), st.sampled_from([",", "\t"]),
       st.booleans())
def test_csv_and_tsv_rows_with_quotes_and_line_breaks(rows, delimiter, broken):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["titel", "text"])
    writer.writerows(rows)
    data = buffer.getvalue() + ('"unbalanced „quote' if broken else "")
    fmt = "tsv" if delimiter == "\t" else "csv"
    read(data.encode("utf-8"), f"a.{fmt}", fmt)


@SETTINGS
@given(hostile_text, st.integers(0, 300), st.sampled_from(["", "</div>", "<p>", "<b><i>", "<!--", "<![CDATA[", "</"]))
def test_html_with_hostile_text_deep_and_broken_markup(text, depth, junk):
    body = "<div>" * depth + f"<p>{escape(text)} Die Stadt baut eine neue Brücke über den Fluss im Süden.</p>{junk}"
    page = f"<html><head><title>{escape(text[:30])}</title></head><body>{body}</body></html>"
    items = read(page.encode("utf-8"), "a.html", "html")
    if depth + 3 > Limits().max_html_depth:  # html, body and p above the divs
        assert any(isinstance(item, TooDeep) for item in items)


@SETTINGS
@given(st.lists(hostile_text, min_size=1, max_size=4), st.booleans(), st.integers(0, 10))
def test_feeds_with_hostile_items_and_broken_xml(texts, as_html, cut):
    items_xml = "".join(f"<item><title>{escape(t[:20])}</title><description>"
                        f"{escape('<p>' + t + '</p>') if as_html else escape(t)}</description></item>"
                        for t in texts)
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{items_xml}</channel></rss>'
    data = feed.encode("utf-8")
    read(data[:len(data) - cut * 7] if cut else data, "a.rss", "feed")


def _warc(pages: list[str], compressed: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compressed)
    for number, page in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://x.example/{number}", "response",
                                                      payload=io.BytesIO(page.encode("utf-8")), http_headers=headers))
    return buffer.getvalue()


@SETTINGS
@given(st.lists(hostile_text, min_size=1, max_size=3), st.booleans(), st.floats(0, 1))
def test_warc_with_hostile_pages_whole_or_cut_off(texts, compressed, keep):
    pages = [f"<html><body><p>{escape(t)} Die Stadt baut eine neue Brücke über den Fluss im Süden.</p></body></html>"
             for t in texts]
    data = _warc(pages, compressed)
    cut = data[:max(1, int(len(data) * keep))]
    items = read(cut, "a.warc.gz" if compressed else "a.warc", "warc")
    if cut == data:
        assert not any(isinstance(item, TruncatedArchive) for item in items)


@SETTINGS
@given(hostile_text, st.floats(0, 1))
def test_gzip_whole_or_cut_off(text, keep):
    packed = gzip.compress(text.encode("utf-8"))
    cut = packed[:max(2, int(len(packed) * keep))]
    items = read(cut, "a.txt.gz")
    if cut != packed:
        assert all(isinstance(item, InputError) for item in items)


@SETTINGS
@given(unicode_text, hostile_text, long_line, st.booleans())
def test_cleaner_keeps_offsets_on_hostile_unicode(noise, text, line, structured):
    raw = noise + text + line
    assert_offsets_valid(RawDocument(raw, "prop", structured=structured))


@st.composite
def kept_ranges(draw):
    raw = draw(st.text(max_size=200))
    cuts = sorted(draw(st.lists(st.integers(0, len(raw)), max_size=12)))
    pairs = list(zip(cuts[::2], cuts[1::2]))
    return raw, pairs


@settings(max_examples=5 * EXAMPLES, deadline=None)
@given(kept_ranges(), st.data())
def test_offset_map_leads_every_clean_character_back(raw_and_ranges, data):
    raw, ranges = raw_and_ranges
    offsets = OffsetMap.from_kept_ranges(ranges)
    clean = "".join(raw[start:end] for start, end in ranges)
    assert offsets.clean_length == len(clean)
    for position, char in enumerate(clean):
        assert raw[offsets.to_raw(position)] == char
    assert OffsetMap.from_json(offsets.to_json()) == offsets
    if clean:
        start = data.draw(st.integers(0, len(clean) - 1))
        end = data.draw(st.integers(start, len(clean)))
        raw_start, raw_end = offsets.raw_span(start, end)
        assert 0 <= raw_start <= raw_end <= len(raw)
        assert raw_end - raw_start >= end - start  # the raw span covers at least the clean one
    runs = offsets.runs
    assert all(a.clean_start + a.length == b.clean_start and a.raw_start + a.length <= b.raw_start
               for a, b in zip(runs, runs[1:]))
