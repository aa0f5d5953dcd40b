"""Plain text: one file, one article, characters kept exactly as read.

Nothing is stripped or normalised here (no line-ending or whitespace
changes): the cleaner recovers loose metadata lines and builds the offset map
from these exact characters, so any change here would shift every offset.
"""
from __future__ import annotations

from dossier.errors import EmptyInput
from dossier.ingest.base import ReadOptions, ReadResult, make_document
from dossier.ingest.decode import check_not_binary, decode_text


def read_text(data: bytes, origin: str, options: ReadOptions) -> ReadResult:
    check_not_binary(data, origin)
    decoded = decode_text(data, origin)
    if not decoded.text.strip():
        raise EmptyInput("the file holds only whitespace", location=origin)
    yield make_document(decoded.text, origin, decoded, structured=False)
