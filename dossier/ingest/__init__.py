"""Input readers: files, directories, stdin and URLs into :class:`RawDocument`.

    read_paths(paths, field_map=None, fmt=None, max_bytes=50_000_000, stdin=None, limits=None)
        -> Iterator[RawDocument | InputError]

One module per format (``text``, ``jsonl``, ``tabular``, ``html``, ``feed``,
``warc``); ``sources`` expands paths and loads bytes, ``gz`` unwraps gzip,
``sniff`` picks the reader, ``decode`` turns bytes into text.

Every input is read under :class:`~dossier.ingest.limits.Limits` (article length,
HTML depth, unpacking ratio, fetch timeout, which addresses a URL may lead to).
Bad input never stops a batch: each bad file, line, row, item or record is
*yielded* as an :class:`InputError` whose ``location`` names it, and reading
goes on with the next one. Only a bad option (unknown format, a field map
naming an unknown Dossier field) raises :class:`ConfigError`, at once, since
it would spoil every input alike.
"""
from __future__ import annotations

from typing import BinaryIO, Callable, Iterator

from dossier.errors import ConfigError, EmptyInput, InputError
from dossier.ingest import gz
from dossier.ingest.base import DOSSIER_FIELDS, ReadOptions, ReadResult
from dossier.ingest.decode import check_not_binary
from dossier.ingest.limits import DEFAULT_MAX_BYTES, Limits, check_article_length
from dossier.ingest.sniff import format_from_name, is_xml_name, normalise_format, sniff_format
from dossier.ingest.sources import count_inputs, display_name, expand, load
from dossier.model import RawDocument

__all__ = ["read_paths", "read_bytes", "count_inputs"]


def read_paths(paths: list[str], *, field_map: dict[str, str] | None = None,
               fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               stdin: BinaryIO | None = None,
               limits: Limits | None = None) -> Iterator[RawDocument | InputError]:
    """Read every path (file, directory, ``-`` for stdin, http(s) URL).

    ``field_map`` maps Dossier fields (``text``, ``title``, ``published``,
    ``source``, ``url``, ``authors``, ``label``, ``id``) to the input's field
    names, or to 0-based column indexes for a header-less CSV. ``fmt`` forces
    one reader (``text``, ``jsonl``, ``csv``, ``tsv``, ``html``, ``feed``,
    ``warc``) for every input. ``limits`` bounds what one input may cost
    (defaults in :mod:`dossier.ingest.limits`). Raises :class:`ConfigError` for a bad option;
    input problems are yielded, never raised.
    """
    options = ReadOptions(field_map=_check_field_map(field_map), fmt=_check_format(fmt),
                          max_bytes=max_bytes, limits=limits or Limits())
    if isinstance(paths, (str, bytes)):
        paths = [paths]  # one path given bare would otherwise be read letter by letter
    return _read_all([str(path) for path in paths], options, stdin)


def _read_all(paths: list[str], options: ReadOptions, stdin: BinaryIO | None) -> ReadResult:
    for source in expand(paths):
        if isinstance(source, InputError):
            yield source
            continue
        try:
            data = load(source, options, stdin)
        except InputError as exc:
            yield exc
            continue
        yield from read_bytes(data, source.name, options, name=display_name(source))


def read_bytes(data: bytes, origin: str, options: ReadOptions | None = None,
               *, name: str | None = None) -> ReadResult:
    """Read one input's bytes; ``name`` (file name) guides format detection."""
    options = options or ReadOptions()
    name = origin if name is None else name
    try:
        for item in _dispatch(data, origin, name, options):
            yield _within_length(item, options.limits.max_article_chars)
    except InputError as exc:
        yield exc
    except Exception as exc:  # a reader bug must cost one file, not the batch
        yield InputError(f"unexpected {type(exc).__name__}: {exc}", location=origin,
                         hint="please report this with the file; the rest was read")


def _dispatch(data: bytes, origin: str, name: str, options: ReadOptions) -> ReadResult:
    fmt = options.fmt or format_from_name(name)
    if fmt != "warc" and gz.is_gzip(data):
        inner = gz.gunzip(data, origin, options.max_bytes, options.limits.max_unpack_ratio)
        yield from _dispatch(inner, origin, gz.inner_name(name), options)
        return
    if fmt != "warc":
        if not data.lstrip(b"\xef\xbb\xbf \t\r\n"):
            raise EmptyInput("the input is empty or holds only whitespace", location=origin)
        check_not_binary(data, origin)
    if fmt is None:
        fmt = sniff_format(data)
        if fmt is None or (fmt == "text" and is_xml_name(name)):
            raise InputError("XML that is neither an RSS nor an Atom feed", location=origin,
                             hint="Dossier reads RSS/Atom feeds; convert other XML to text or JSONL")
    yield from _reader(fmt)(data, origin, options)


def _within_length(item: RawDocument | InputError, max_chars: int) -> RawDocument | InputError:
    """The document, or a :class:`TooLarge` naming it when its text is over ``max_chars``."""
    if isinstance(item, RawDocument):
        try:
            check_article_length(item.raw_text, max_chars, item.origin)
        except InputError as exc:
            return exc
    return item


def _reader(fmt: str) -> Callable[[bytes, str, ReadOptions], ReadResult]:
    # Imported on demand: trafilatura, feedparser and warcio are slow to load
    # and a plain-text run should not pay for them.
    if fmt == "text":
        from dossier.ingest.text import read_text
        return read_text
    if fmt == "jsonl":
        from dossier.ingest.jsonl import read_jsonl
        return read_jsonl
    if fmt in ("csv", "tsv"):
        from dossier.ingest.tabular import read_csv, read_tsv
        return read_tsv if fmt == "tsv" else read_csv
    if fmt == "html":
        from dossier.ingest.html import read_html
        return read_html
    if fmt == "feed":
        from dossier.ingest.feed import read_feed
        return read_feed
    from dossier.ingest.warc import read_warc
    return read_warc


def _check_format(fmt: str | None) -> str | None:
    try:
        return normalise_format(fmt)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def _check_field_map(field_map: dict[str, str] | None) -> dict[str, str]:
    checked = {}
    for dossier_field, input_field in (field_map or {}).items():
        if dossier_field not in DOSSIER_FIELDS:
            raise ConfigError(f"unknown Dossier field {dossier_field!r} in the field map",
                              hint=f"map one of: {', '.join(DOSSIER_FIELDS)}")
        checked[dossier_field] = str(input_field)
    return checked
