"""WARC archives (plain or ``.warc.gz``): one document per HTML response.

Web crawls (Common Crawl, our own ``wget --warc-file``) store every fetched
page as a ``response`` record; the ones with an HTML content type go through
the same extraction as ``.html`` files. Requests, metadata, images and other
records are skipped silently, as they are not articles.

warcio does not complain about an archive that ends early: it just stops, or
hands out a record shorter than its ``Content-Length``. We therefore check
both ourselves (the record's reader must be used up, the gzip stream must
end properly), yield the complete records read before the break, and then
one :class:`TruncatedArchive`.

Unpacking is bounded twice (see :mod:`dossier.ingest.limits`): the whole
``.warc.gz`` by its unpacked size and ratio before any record is read, and
each HTML payload (which may itself be gzip-encoded over HTTP) by ``max_bytes``
and the ratio to the record's stored length.
"""
from __future__ import annotations

import io
import zlib

from dossier.errors import EmptyInput, InputError, TooLarge, TruncatedArchive
from dossier.ingest import gz
from dossier.ingest.base import ReadOptions, ReadResult
from dossier.ingest.html import html_document
from dossier.ingest.limits import check_unpack_ratio

HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")


# warcio's parser is lenient and raises whatever its code hits on a broken record
# (AttributeError for a response without a target URI, found by fuzzing); every one of
# these from inside warcio means the archive cannot be read on from there.
WARCIO_ERRORS = (EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError, KeyError, IndexError)


def read_warc(data: bytes, origin: str, options: ReadOptions) -> ReadResult:
    limits = options.limits
    complete = (gz.gzip_is_complete(data, origin, limits.max_unpacked_bytes, limits.max_unpack_ratio)
                if gz.is_gzip(data) else True)
    number = 0
    found_html = False
    try:
        for number, record in _records(data):
            location = f"{origin}#record {number}"
            charset = _html_charset(record)
            if charset is None:
                continue
            try:
                payload = _read_payload(record, options, location)
            except InputError as exc:
                yield exc
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:
                complete = False  # the record is shorter than its Content-Length
                break
            found_html = True
            try:
                yield html_document(payload, location, url=record.rec_headers.get_header("WARC-Target-URI"),
                                    declared=charset or None, max_depth=limits.max_html_depth)
            except InputError as exc:
                yield exc
    except _BrokenArchive as exc:
        if complete:
            raise InputError(f"cannot read the WARC archive after record {number}: {exc}",
                             location=origin, hint="check that the file is a WARC archive") from None
    if not complete:
        yield TruncatedArchive(f"the archive ends early, inside or after record {number}",
                               location=origin)
    elif not found_html:
        raise EmptyInput("the archive holds no HTML responses", location=origin)


class _BrokenArchive(Exception):
    pass


def _records(data: bytes):
    """(number, record) for each record warcio reads; :class:`_BrokenArchive` where it fails."""
    from warcio.archiveiterator import ArchiveIterator  # imported late: only WARC needs it
    from warcio.exceptions import ArchiveLoadFailed

    records = iter(ArchiveIterator(io.BytesIO(data), arc2warc=True))
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (ArchiveLoadFailed, *WARCIO_ERRORS) as exc:
            raise _BrokenArchive(str(exc) or type(exc).__name__) from None
        number += 1
        yield number, record


def _read_payload(record, options: ReadOptions, location: str) -> bytes:
    """The record's HTTP payload, decoded; warcio undoes a ``Content-Encoding: gzip`` itself."""
    try:
        stream = record.content_stream()
        payload = bytearray()
        while chunk := stream.read(gz.CHUNK):
            payload += chunk
            _check_payload_size(payload, record, options, location)
    except WARCIO_ERRORS as exc:  # a broken Content-Encoding (gzip, deflate, brotli) in the record
        raise InputError(f"cannot unpack the record's payload: {exc or type(exc).__name__}",
                         location=location) from None
    return bytes(payload)


def _check_payload_size(payload: bytearray, record, options: ReadOptions, location: str) -> None:
    if len(payload) > options.max_bytes:
        raise TooLarge(f"the record's payload is over the limit of {options.max_bytes} bytes",
                       location=location)
    check_unpack_ratio(len(payload), record.length or 0, options.limits.max_unpack_ratio, location)


def _html_charset(record) -> str | None:
    """None for a record that is not an HTML response, else its charset ("" if none)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(HTML_CONTENT_TYPES):
        return None
    _, _, charset = content_type.partition("charset=")
    return charset.strip(' "\';')
