"""Bytes to text: binary sniffing and encoding detection.

Readers never guess an encoding on their own; they all go through
:func:`decode_text`, so every document records how its bytes were read.

The policy, and why:

1. A byte order mark decides (UTF-8, UTF-16, UTF-32): it is the one explicit
   statement a plain file can make. A UTF-8 BOM is dropped so raw offsets do
   not start with an invisible character.
2. Strict UTF-8 next: almost all current news text is UTF-8, and bytes that
   decode as UTF-8 are very unlikely to be anything else.
3. If the file is *mostly* UTF-8 (it holds valid multi-byte sequences) but has
   some invalid bytes, it is a damaged UTF-8 file. Guessing a legacy code page
   would turn every umlaut into mojibake, so we report the first bad offset
   instead.
4. Otherwise a declared charset (HTML ``<meta>``) is tried, then
   charset-normalizer. charset-normalizer tends to name German Western text
   ``cp1250`` or even ``utf_16_be`` for short inputs; whenever one of its
   candidates reads the bytes exactly as cp1252 does, we call it cp1252, which
   is what German legacy files almost always are.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from dossier.errors import BinaryInput, InputError

# Magic numbers of formats people drop into an input folder by mistake.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT/XLSX)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old MS Office document"),
    (b"\x7fELF", "an executable program"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

SNIFF_WINDOW = 8192
# Text never holds NUL bytes; a few may be stray, a share this large is binary.
NUL_SHARE_BINARY = 0.01


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: str | None = None  # set when the encoding was not plain UTF-8


def detect_binary(data: bytes) -> str | None:
    """Name the binary kind of ``data`` (``"a PDF document"``), or None for text."""
    for magic, kind in BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    if data[257:262] == b"ustar":  # tar keeps its magic at offset 257
        return "a tar archive (unpack it first)"
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None  # UTF-16/32 text is full of NULs but is still text
    head = data[:SNIFF_WINDOW]
    nuls = head.count(0)
    if head and nuls / len(head) > NUL_SHARE_BINARY:
        return f"binary data ({nuls} NUL bytes in the first {len(head)} bytes)"
    return None


def check_not_binary(data: bytes, location: str) -> None:
    kind = detect_binary(data)
    if kind:
        raise BinaryInput(f"this is {kind}, not text", location=location)


def decode_text(data: bytes, location: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` by the policy in the module docstring.

    Raises :class:`InputError` ("invalid bytes at offset N") when no encoding
    reads the bytes cleanly.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, encoding, location)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        bad_offset = exc.start
    if _looks_like_damaged_utf8(data):
        raise _invalid_bytes(data, bad_offset, location, "the file is UTF-8 with damaged bytes")
    if declared:
        decoded = _try_declared(data, declared)
        if decoded:
            return decoded
    return _detect(data, bad_offset, location)


def _decode_with_bom(data: bytes, encoding: str, location: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _invalid_bytes(data, exc.start, location, f"the file starts with a {encoding} byte order mark")
    if encoding == "utf-8-sig":
        return Decoded(text, "utf-8")
    return Decoded(text, encoding, f"decoded as {encoding} (byte order mark)")


def _looks_like_damaged_utf8(data: bytes) -> bool:
    """At least as many valid multi-byte UTF-8 characters as invalid bytes: damaged UTF-8."""
    lenient = data.decode("utf-8", errors="replace")
    invalid = lenient.count("\ufffd")
    valid_multibyte = sum(1 for char in lenient if char > "\x7f" and char != "\ufffd")
    return valid_multibyte >= invalid


def _try_declared(data: bytes, declared: str) -> Decoded | None:
    try:
        name = codecs.lookup(declared).name
        return Decoded(data.decode(name), name, f"decoded as {name} (declared)")
    except (LookupError, ValueError):  # unknown name, undecodable bytes, a NUL in the name (fuzzing)
        return None


def _detect(data: bytes, bad_offset: int, location: str) -> Decoded:
    from charset_normalizer import from_bytes  # imported late: it is slow to load

    try:
        cp1252_text: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252_text = None
    first_plausible = None
    for match in from_bytes(data):
        wide = match.encoding.startswith(("utf_16", "utf_32"))
        if wide and b"\x00" not in data:
            continue  # UTF-16 without BOM and without NULs: a misreading of short text
        candidate = str(match)
        if cp1252_text is not None and candidate == cp1252_text:
            return Decoded(cp1252_text, "cp1252", "decoded as cp1252 (detected)")
        if first_plausible is None:
            first_plausible = (candidate, match.encoding)
    if first_plausible is None:
        raise _invalid_bytes(data, bad_offset, location, "no known encoding reads it")
    text, encoding = first_plausible
    return Decoded(text, encoding, f"decoded as {encoding} (detected)")


def _invalid_bytes(data: bytes, offset: int, location: str, why: str) -> InputError:
    sample = data[offset:offset + 4].hex(" ")
    return InputError(
        f"invalid bytes at offset {offset} ({sample}): {why}",
        location=location,
        hint="re-save the file as UTF-8 or repair the damaged bytes",
    )
