"""The atheris fuzz target (scripts/fuzz_readers.py) without atheris: its seed inputs pass,
and every crash the fuzzer found stays fixed (one input each, as libFuzzer saved it)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_target():
    spec = importlib.util.spec_from_file_location("fuzz_readers", ROOT / "scripts" / "fuzz_readers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fuzz = _load_target()
WARC_HEAD = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
             b"Content-Type: application/http; msgtype=response\r\n")



def _warc_page(content_type: bytes) -> bytes:
    """One WARC response record with a page in cp1252 (so the declared charset is consulted)."""
    page = ("<html><body><p>" + "Die Stadt Lindau baut eine neue Brücke über den Hafen. " * 4
            + "</p></body></html>").encode("cp1252")
    block = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type + b"\r\n\r\n" + page
    return (WARC_HEAD.replace(b"<urn:uuid:1>", b"<urn:uuid:1>\r\nWARC-Target-URI: https://x.example/")
            + f"Content-Length: {len(block)}\r\n\r\n".encode() + block + b"\r\n\r\n")


# Found by `python scripts/fuzz_readers.py`: (what broke, the input).
CRASHES = {
    # warcio: AttributeError ('NoneType' has no 'startswith') on a response record whose
    # WARC-Target-URI header is missing; now an InputError for the archive.
    "warc response without target URI": bytes([6]) + WARC_HEAD + b"Content-Length: 30\r\n\r\n"
                                        b"HTTP/1.1 200 OK\r\n\r\n<p>Stadt</p>\r\n\r\n",
    # tabular: IndexError in a header-less CSV of mostly two columns whose longest column is a
    # later one (a few wide rows): the label column was computed as 1 - 3 = -2.
    # feedparser: ValueError ("embedded null character") for a NUL in the declared encoding.
    "feed encoding name with NUL": bytes([5]) + b'<?xml version="1.0" encoding="ut\x00f8"?><rss version="2.0">'
                                   b"<channel><item><description>" + b"Die Stadt baut. " * 20 +
                                   b"</description></item></channel></rss>",
    # tabular: IndexError when a one-cell row held the text the reader used as its in-band
    # "cannot parse this row" marker ("\x00csv-error"); errors are now out of band.
    "csv cell that looked like the reader's error marker": bytes([2]) + b"titel,text\n"
    + b"Neue Br\xc3\xbccke,Die Stadt baut eine neue Br\xc3\xbccke \xc3\xbcber den Fluss.\n" * 4 + b"\x00csv-error\n",
    # decode: ValueError from codecs.lookup for a WARC record whose declared charset ends in
    # control bytes and a NUL ("utf-8\r\x01\x00\x01"), on a page that is not UTF-8.
    "warc charset name with NUL": bytes([6]) + _warc_page(b"text/html; charset=utf-8\r\x01\x00\x01"),
    "csv whose longest column lies beyond two": bytes([2]) + b"a,b\nc,d\ne,f\nx,y,z," + b"Stadt " * 40 + b"\ng\n",
}


@pytest.mark.parametrize("name", sorted(fuzz.seed_inputs()))
def test_seed_inputs_read_without_crash(name):
    assert fuzz.one_input(fuzz.seed_inputs()[name]) == 0


@pytest.mark.parametrize("name", sorted(CRASHES))
def test_inputs_that_crashed_the_readers_now_give_documented_errors(name):
    assert fuzz.one_input(CRASHES[name]) == 0


def test_the_target_reports_what_is_not_a_documented_error(monkeypatch):
    """A reader bug must surface in the target (read_bytes would hide it as one file's error)."""
    from dossier.ingest import text

    def broken_reader(data, origin, options):
        raise KeyError("bug")
        yield  # a generator, as the readers are

    monkeypatch.setattr(text, "read_text", broken_reader)
    with pytest.raises(KeyError):
        fuzz.one_input(bytes([0]) + "Die Stadt baut eine Brücke.".encode())
