"""Which reader handles an input: by extension first, by content otherwise.

The extension wins because it is what the user chose; content sniffing covers
stdin, URLs and files with a missing or unknown extension. Sniffing only looks
at the first few KiB, so it stays cheap on large files.
"""
from __future__ import annotations

import json
import re

FORMATS = ("text", "jsonl", "csv", "tsv", "html", "feed", "warc")
FORMAT_ALIASES = {"txt": "text", "ndjson": "jsonl", "htm": "html", "rss": "feed", "atom": "feed"}

EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed",
    ".warc": "warc", ".arc": "warc",
}
# ``.xml`` may be a feed or anything else: sniff it, but never fall back to text.
XML_EXTENSIONS = (".xml",)

SNIFF_BYTES = 4096
FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
HTML_MARK = re.compile(rb"<(!doctype\s+html|html|head|body|article|div|p)[\s>]", re.IGNORECASE)


def normalise_format(fmt: str | None) -> str | None:
    """Canonical format name, or None; raises ValueError for an unknown one."""
    if fmt is None:
        return None
    name = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
    if name not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return name


def format_from_name(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".warc.gz") or lower.endswith(".arc.gz"):
        return "warc"  # the WARC reader streams gzip members itself
    for extension, fmt in EXTENSIONS.items():
        if lower.endswith(extension):
            return fmt
    return None


def is_xml_name(name: str) -> bool:
    return name.lower().endswith(XML_EXTENSIONS)


def sniff_format(data: bytes) -> str | None:
    """Guess the format from content; None means "XML, but not a feed"."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"<"):
        if FEED_ROOT.search(head):
            return "feed"
        if HTML_MARK.search(head):
            return "html"
        return None if head.startswith(b"<?xml") else "html"
    if head.startswith(b"{") and _first_line_is_json_object(data):
        return "jsonl"
    if head.startswith(b"[") and _json_array_of_objects(head):
        return "jsonl"
    return "text"


def _json_array_of_objects(head: bytes) -> bool:
    return re.match(rb"\[\s*\{\s*\"", head) is not None


def _first_line_is_json_object(data: bytes) -> bool:
    # The whole first line, not the sniff window: one JSONL article is often
    # longer than 4 KiB.
    start = data.find(b"{")
    end = data.find(b"\n", start)
    first_line = data[start:end if end >= 0 else len(data)]
    try:
        return isinstance(json.loads(first_line), dict)
    except ValueError:
        return False
