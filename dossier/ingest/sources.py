"""Where input bytes come from: files, directories, stdin and URLs.

Expanding the paths the user named and loading bytes are kept apart from
parsing, so every format reader works on ``bytes`` and can be tested without
touching the file system. Each problem with one file (broken symlink,
permission denied, vanished, too large) becomes an :class:`InputError` for that
file only; the walk goes on.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Iterator

from dossier.errors import EmptyInput, InputError, TooLarge

if TYPE_CHECKING:
    from dossier.ingest.base import ReadOptions

STDIN_NAME = "-"
URL_PREFIXES = ("http://", "https://")
# "ftp://...", "file:///etc/passwd": a URL of a kind that is never fetched, not a file name.
OTHER_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class Source:
    """One input to read: ``name`` is how origins and errors call it."""

    name: str
    kind: str  # "file", "stdin" or "url"


def is_url(path: str) -> bool:
    return path.lower().startswith(URL_PREFIXES)


def expand(paths: list[str]) -> Iterator[Source | InputError]:
    """Sources in the order given; directories recursively in sorted order."""
    for path in paths:
        if path == STDIN_NAME:
            yield Source(STDIN_NAME, "stdin")
        elif is_url(path):
            yield Source(path, "url")
        elif OTHER_URL.match(path) and not os.path.lexists(path):
            yield InputError(f"only http and https URLs are fetched, not {path.split(':', 1)[0]}:",
                             location=path, hint="download the file and ingest it from disk")
        elif os.path.isdir(path):
            yield from _walk(path)
        elif os.path.lexists(path):
            yield Source(path, "file")
        else:
            yield InputError("no such file or directory", location=path,
                             hint="check the path; the other inputs were read")


def count_inputs(paths: list[str]) -> int:
    """Cheap estimate of how many sources :func:`expand` yields (for a progress bar)."""
    return sum(1 for _ in expand(paths))


def _walk(root: str) -> Iterator[Source | InputError]:
    errors: list[OSError] = []
    # followlinks=False: a symlink loop must not make the walk endless.
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        # Sorting in place also fixes the order os.walk descends in.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        while errors:
            failed = errors.pop(0)
            yield InputError(f"cannot list directory: {failed.strerror or failed}",
                             location=failed.filename or dirpath)
        for filename in sorted(filenames):
            if not filename.startswith("."):
                yield Source(os.path.join(dirpath, filename), "file")
    for failed in errors:  # an unreadable root reports only after the walk
        yield InputError(f"cannot list directory: {failed.strerror or failed}",
                         location=failed.filename or root)


def load(source: Source, options: "ReadOptions", stdin: BinaryIO | None = None) -> bytes:
    """The bytes of ``source``; raises an :class:`InputError` subclass on failure."""
    max_bytes = options.max_bytes
    if source.kind == "stdin":
        data = _read_capped(stdin, max_bytes, source.name) if stdin is not None else b""
    elif source.kind == "url":
        from dossier.ingest.fetch import fetch_url  # http.client and ssl only when a URL is read

        data = fetch_url(source.name, max_bytes, options.limits)
    else:
        data = _read_file(source.name, max_bytes)
    if not data:
        raise EmptyInput("the input is empty (0 bytes)", location=source.name)
    return data


def _read_file(path: str, max_bytes: int) -> bytes:
    try:
        # The size check comes before reading, so a 40 GB dump is never loaded.
        size = os.stat(path).st_size
        if size > max_bytes:
            raise TooLarge(f"file is {size} bytes, over the limit of {max_bytes}", location=path)
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        reason = "broken symbolic link" if os.path.islink(path) else "file vanished before it was read"
        raise InputError(f"cannot read: {reason}", location=path) from None
    except IsADirectoryError:
        raise InputError("cannot read: is a directory", location=path) from None
    except PermissionError:
        raise InputError("cannot read: permission denied", location=path,
                         hint="check the file's permissions; the rest was read") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", location=path) from None


def _read_capped(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    # One byte more than allowed tells "exactly at the limit" from "over it"
    # without reading an endless stream to the end.
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"input is over the limit of {max_bytes} bytes", location=name)
    return data


def display_name(source: Source) -> str:
    """The name format detection looks at (stdin has none)."""
    return "" if source.kind == "stdin" else Path(source.name.split("?")[0]).name
