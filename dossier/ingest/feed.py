"""RSS and Atom feeds (files or URLs): one document per item.

feedparser reads RSS 0.9x/1.0/2.0 and Atom alike and copes with the many
broken feeds in the wild. Per item we prefer the full text
(``content:encoded`` / Atom ``content``) and fall back to the summary, since
many feeds carry only a teaser there. Item HTML becomes paragraphs via
:func:`dossier.ingest.html.html_to_text`.

Dates are kept with their time zone: feedparser's own ``*_parsed`` fields
are converted to UTC and would move a late-evening German article to the
next day, so we parse the raw RFC 822 / ISO 8601 string first.
"""
from __future__ import annotations

import calendar
import io
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from dossier.errors import EmptyInput, InputError, MalformedRecord
from dossier.ingest.base import ReadOptions, ReadResult, make_document, split_authors
from dossier.ingest.decode import Decoded
from dossier.ingest.html import html_to_text
from dossier.ingest.limits import DEFAULT_MAX_HTML_DEPTH

HTML_TYPES = ("html", "xhtml")
DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_feed(data: bytes, origin: str, options: ReadOptions) -> ReadResult:
    import feedparser  # imported late: only feeds need it

    # A stream, never the bytes: feedparser opens bytes that name an existing file as that
    # file, so a feed (or URL answer) reading "/etc/passwd" would ingest the local file.
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser's own bugs on junk, e.g. ValueError for a NUL in the encoding name
        raise InputError(f"not a readable RSS/Atom feed: {type(exc).__name__}: {exc}", location=origin,
                         hint="check that the file or URL is a feed") from None
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise InputError(f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}",
                             location=origin, hint="check that the file or URL is a feed")
        raise EmptyInput("the feed has no items", location=origin)
    decoded = _encoding(parsed)
    feed_title = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, start=1):
        location = f"{origin}#item {number}"
        try:
            text = item_text(entry, location, options.limits.max_html_depth)
        except InputError as exc:
            yield exc
            continue
        if not text:
            yield MalformedRecord("the item has neither content nor a summary", location=location,
                                  hint="the other items were read")
            continue
        yield make_document(text, location, decoded, _item_metadata(entry, feed_title),
                            structured=True)


def item_text(entry: dict[str, Any], location: str | None = None,
              max_depth: int = DEFAULT_MAX_HTML_DEPTH) -> str:
    """Full content when the item has it, else the summary, as plain text."""
    for content in entry.get("content") or []:
        text = _as_text(content.get("value"), content.get("type"), location, max_depth)
        if text:
            return text
    detail = entry.get("summary_detail") or {}
    return _as_text(entry.get("summary"), detail.get("type"), location, max_depth)


def _as_text(value: str | None, content_type: str | None, location: str | None, max_depth: int) -> str:
    if not value:
        return ""
    if content_type and not any(kind in content_type for kind in HTML_TYPES):
        return value.strip()
    return html_to_text(value, max_depth=max_depth, location=location)


def _item_metadata(entry: dict[str, Any], feed_title: str | None) -> dict[str, Any]:
    tags = entry.get("tags") or []
    return {
        "title": entry.get("title"),
        "published": item_date(entry),
        "url": entry.get("link"),
        "authors": _authors(entry),
        "source": feed_title,
        "id": entry.get("id"),
        "label": tags[0].get("term") if tags else None,
    }


def _authors(entry: dict[str, Any]) -> list[str]:
    names = [author.get("name") for author in entry.get("authors") or [] if author.get("name")]
    if names:
        return split_authors(names)
    # RSS <author> is often "mail@example.de (Name)"; feedparser puts the name in author_detail.
    detail = entry.get("author_detail") or {}
    return split_authors(detail.get("name") or entry.get("author"))


def item_date(entry: dict[str, Any]) -> str | None:
    """The item's date as ISO 8601, keeping the feed's time zone."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            parsed = _parse_date(raw)
            if parsed:
                return parsed
    for key in ("published_parsed", "updated_parsed"):
        struct = entry.get(key)
        if struct:
            return datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc).isoformat()
    return None


def _parse_date(raw: str) -> str | None:
    raw = raw.strip()
    if DATE_ONLY.fullmatch(raw):
        return raw  # a bare date stays a date; midnight would be invented precision
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _encoding(parsed: dict[str, Any]) -> Decoded:
    encoding = (parsed.get("encoding") or "utf-8").lower()
    note = None if encoding.replace("_", "-") in ("utf-8", "utf8") else f"decoded as {encoding} (declared)"
    return Decoded("", encoding, note)
