"""Gzip handling shared by the ``.gz`` wrapper and the WARC reader.

We decompress with :mod:`zlib` rather than :mod:`gzip` because we need two
things ``gzip`` does not give cleanly: a cap on the *decompressed* size (a
1 MB ``.gz`` can expand to gigabytes) and a clear "this stream ends early"
signal for truncated downloads, instead of a generic ``EOFError``.
"""
from __future__ import annotations

import zlib

from dossier.errors import InputError, TooLarge, TruncatedArchive
from dossier.ingest.limits import DEFAULT_MAX_UNPACK_RATIO, check_unpack_ratio

GZIP_MAGIC = b"\x1f\x8b"
# 16 + MAX_WBITS: expect a gzip header and trailer, not a raw zlib stream.
GZIP_WBITS = 16 + zlib.MAX_WBITS
CHUNK = 1 << 16


def is_gzip(data: bytes) -> bool:
    return data.startswith(GZIP_MAGIC)


def gunzip(data: bytes, location: str, max_bytes: int,
           max_ratio: float = DEFAULT_MAX_UNPACK_RATIO) -> bytes:
    """Decompress every gzip member of ``data`` (concatenated members are legal).

    Raises :class:`TruncatedArchive` when the last member ends early,
    :class:`TooLarge` when the output would exceed ``max_bytes`` or ``max_ratio``
    times the input's size, and :class:`InputError` for corrupt data.
    """
    out = bytearray()
    rest = data
    while rest:
        decompressor = zlib.decompressobj(GZIP_WBITS)
        try:
            _inflate_member(decompressor, rest, out, location, max_bytes, max_ratio, len(data))
        except zlib.error as exc:
            raise InputError(f"corrupt gzip data: {exc}", location=location,
                             hint="the file is damaged; fetch or compress it again") from exc
        if not decompressor.eof:
            raise TruncatedArchive(
                f"gzip stream ends early after {len(data)} compressed bytes", location=location,
                hint="the download or copy was cut off; fetch the file again")
        # Trailing NUL padding after the last member is common (tape/blocked writes).
        rest = decompressor.unused_data.lstrip(b"\x00")
    return bytes(out)


def _inflate_member(decompressor, data: bytes, out: bytearray, location: str, max_bytes: int,
                    max_ratio: float, packed: int) -> None:
    pending = data
    while pending and not decompressor.eof:
        # max_length bounds each step so a gzip bomb is stopped early.
        out += decompressor.decompress(pending, CHUNK)
        pending = decompressor.unconsumed_tail
        if len(out) > max_bytes:
            raise TooLarge(f"decompresses to more than {max_bytes} bytes", location=location)
        check_unpack_ratio(len(out), packed, max_ratio, location)
    if not decompressor.eof:
        out += decompressor.flush()


def gzip_is_complete(data: bytes, location: str, max_unpacked: int,
                     max_ratio: float = DEFAULT_MAX_UNPACK_RATIO) -> bool:
    """True when every gzip member in ``data`` ends properly.

    The output is thrown away, but a bomb would still cost minutes of CPU: past
    ``max_unpacked`` bytes, or ``max_ratio`` times the input, it raises :class:`TooLarge`.
    """
    rest = data
    unpacked = 0
    while rest:
        decompressor = zlib.decompressobj(GZIP_WBITS)
        try:
            pending = rest
            while pending and not decompressor.eof:
                unpacked += len(decompressor.decompress(pending, CHUNK))
                pending = decompressor.unconsumed_tail
                if unpacked > max_unpacked:
                    raise TooLarge(f"unpacks to more than {max_unpacked} bytes", location=location,
                                   hint="split the archive, or raise --max-unpacked-bytes")
                check_unpack_ratio(unpacked, len(data), max_ratio, location)
        except zlib.error:
            return False
        if not decompressor.eof:
            return False
        rest = decompressor.unused_data.lstrip(b"\x00")
    return True


def inner_name(name: str) -> str:
    """``feed.rss.gz`` -> ``feed.rss``: the name the content is dispatched on."""
    return name[:-3] if name.lower().endswith(".gz") else name
