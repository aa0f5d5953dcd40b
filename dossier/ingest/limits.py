"""The limits every input is read under, with their defaults, and the checks they need.

A limit turns input that would exhaust memory or time (a 40 GB dump, a gzip bomb, a page
nested 100,000 levels deep, a feed server that never finishes answering) into one clear
error for that input; the rest of the batch is read. Each limit is a ``dossier ingest``
option (the table is in docs/reliability.md):

    max_bytes                 --max-bytes          size of one file, stdin or URL answer; a .gz
                                                   file's unpacked size; one WARC record's payload
    max_article_chars         --max-article-chars  characters of one article's raw text
    max_html_depth            --max-html-depth     nesting depth of an HTML page or feed item
    max_unpack_ratio          --max-unpack-ratio   unpacked : packed size of .gz and .warc.gz
    max_unpacked_bytes        --max-unpacked-bytes all bytes one WARC archive unpacks to
    fetch_timeout_s           --fetch-timeout      seconds for a whole URL fetch
    allow_private_urls        --allow-private-urls fetch from private, loopback, link-local addresses
    allowed_networks          --allow-network      fetch from these networks only (besides public ones)
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from dossier.errors import TooDeep, TooLarge

DEFAULT_MAX_BYTES = 50_000_000
# Ten times the longest German news long-read (about 50,000 characters); a text this long
# is a dump or a concatenation, and the analysis stages would spend minutes on it.
DEFAULT_MAX_ARTICLE_CHARS = 500_000
# Real pages nest 20-60 levels. libxml2 (behind lxml and trafilatura) silently drops
# everything below depth 256, so a limit above 255 could never trigger: the text would just vanish.
DEFAULT_MAX_HTML_DEPTH = 200
LIBXML2_MAX_DEPTH = 255
# gzip compresses text 3-10 times and a WARC of near-identical pages perhaps 30 times; its
# maximum is about 1,030. Below UNPACK_RATIO_FLOOR unpacked bytes the ratio is not checked:
# a small file of spaces compresses a thousandfold and harms nobody.
DEFAULT_MAX_UNPACK_RATIO = 100
UNPACK_RATIO_FLOOR = 10_000_000
DEFAULT_MAX_UNPACKED_BYTES = 2_000_000_000
DEFAULT_FETCH_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class Limits:
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
    max_html_depth: int = DEFAULT_MAX_HTML_DEPTH
    max_unpack_ratio: float = DEFAULT_MAX_UNPACK_RATIO
    max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES
    fetch_timeout_s: float = DEFAULT_FETCH_TIMEOUT_S
    allow_private_urls: bool = False
    allowed_networks: tuple[str, ...] = ()

    def networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(ipaddress.ip_network(net, strict=False) for net in self.allowed_networks)


def check_unpack_ratio(unpacked: int, packed: int, max_ratio: float, location: str) -> None:
    """Raise :class:`TooLarge` when ``unpacked`` bytes from ``packed`` look like a bomb."""
    if unpacked > UNPACK_RATIO_FLOOR and unpacked > max_ratio * max(packed, 1):
        raise TooLarge(
            f"unpacks to more than {max_ratio:g} times its packed size ({packed} bytes packed, "
            f"over {unpacked} unpacked so far): a decompression bomb or a broken archive",
            location=location, hint="if the archive is genuine, raise --max-unpack-ratio")


def check_article_length(text: str, max_chars: int, location: str) -> None:
    if len(text) > max_chars:
        raise TooLarge(f"the article is {len(text)} characters long, over the limit of {max_chars}",
                       location=location,
                       hint="split the text into articles, or raise --max-article-chars if it is one")


def check_html_depth(root, max_depth: int, location: str) -> None:
    """Raise :class:`TooDeep` when the lxml tree under ``root`` nests deeper than ``max_depth``.

    Walks iteratively (``iterwalk``), so the check itself cannot hit Python's recursion limit.
    """
    from lxml import etree

    depth = 0
    for event, _element in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > max_depth:
            raise TooDeep(
                f"the HTML nests elements more than {max_depth} levels deep", location=location)
