"""HTML pages: main text and metadata with trafilatura.

A web page is mostly navigation, teasers and footers; trafilatura finds the
article body and the page metadata (title, date, author, site name). Its
text comes one paragraph per line; we separate paragraphs with a blank line,
the convention of plain-text articles, so the cleaner and the sentence
splitter see paragraph breaks the same way for every source.

Feed items carry HTML *fragments* (``content:encoded``), too short for
trafilatura's page heuristics, so :func:`html_to_text` converts those with
plain lxml: every block element becomes a paragraph.
"""
from __future__ import annotations

import re

from dossier.errors import InputError
from dossier.ingest.base import ReadOptions, ReadResult, make_document, split_authors
from dossier.ingest.decode import decode_text
from dossier.ingest.limits import DEFAULT_MAX_HTML_DEPTH, check_html_depth
from dossier.ingest.sources import is_url
from dossier.model import RawDocument

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
BLOCK_TAGS = frozenset((
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "tr", "section", "article", "header", "footer", "aside",
    "figure", "figcaption", "address", "hr", "main", "nav"))
DROP_TAGS = ("script", "style", "noscript", "template")
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# trafilatura falls back to whatever text a page has (a menu, a stray "<<>>");
# fewer words than this is not an article.
MIN_MAIN_TEXT_WORDS = 8
# Dates from <meta>/JSON-LD only: a date guessed from anywhere in the page
# (a sidebar, a copyright line) is worse than no date.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(data: bytes, origin: str, options: ReadOptions) -> ReadResult:
    # A page fetched from a URL knows its address even when it has no <link rel=canonical>.
    yield html_document(data, origin, url=origin if is_url(origin) else None,
                        max_depth=options.limits.max_html_depth)


def html_document(data: bytes, location: str, *, url: str | None = None,
                  declared: str | None = None, max_depth: int = DEFAULT_MAX_HTML_DEPTH) -> RawDocument:
    """One :class:`RawDocument` from an HTML page; raises InputError without main text,
    :class:`~dossier.errors.TooDeep` when it nests deeper than ``max_depth``."""
    decoded = decode_text(data, location, declared=declared or declared_charset(data))
    extracted = _extract(decoded.text, location, url, max_depth)
    paragraphs = [line.strip() for line in (extracted.text or "").split("\n")]
    raw_text = "\n\n".join(line for line in paragraphs if line)
    words = sum(1 for word in raw_text.split() if any(char.isalpha() for char in word))
    if words < MIN_MAIN_TEXT_WORDS:
        raise InputError(
            f"no main text found ({words} words): the page is empty, broken, or only navigation and scripts",
            location=location, hint="check the page in a browser; save the article text if needed")
    metadata = {
        "title": extracted.title,
        "published": extracted.date,
        "authors": _authors(extracted.author, extracted.sitename),
        "url": extracted.url or url,
        "source": extracted.sitename,
        "description": extracted.description,
    }
    return make_document(raw_text, location, decoded, metadata, structured=True)


def _authors(author: str | None, sitename: str | None) -> list[str]:
    """Authors, unless they are just the site name cut apart.

    trafilatura splits a byline such as "Mac & i" (a magazine, not people)
    into "Mac; I"; names whose every word occurs in the site name are dropped.
    """
    names = split_authors(author)
    site_words = set((sitename or "").lower().split())
    if site_words and all(set(name.lower().split()) <= site_words for name in names):
        return []
    return names


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta>`` or its XML declaration."""
    head = data[:4096]
    match = META_CHARSET.search(head) or XML_ENCODING.search(head)
    return match.group(1).decode("ascii") if match else None


def _extract(text: str, location: str, url: str | None, max_depth: int):
    import trafilatura  # imported late: it takes a second to load

    # Parsed here (as trafilatura would) so the depth is checked on the very tree it reads.
    tree = _parse_page(text, location)
    if tree is None:
        raise InputError("no main text found: the HTML is broken or holds no article",
                         location=location, hint="check the page in a browser; save the article text if needed")
    check_html_depth(tree, max_depth, location)
    try:
        extracted = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params=DATE_PARAMS)
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on junk
        raise InputError(f"cannot parse the HTML: {exc}", location=location) from None
    if extracted is None:
        raise InputError("no main text found: the HTML is broken or holds no article",
                         location=location, hint="check the page in a browser; save the article text if needed")
    return extracted


def _parse_page(text: str, location: str):
    from trafilatura import load_html

    try:
        return load_html(text)
    except Exception as exc:  # lxml raises assorted parser errors on junk
        raise InputError(f"cannot parse the HTML: {exc}", location=location) from None


def html_to_text(fragment: str, *, max_depth: int = DEFAULT_MAX_HTML_DEPTH,
                 location: str | None = None) -> str:
    """Text of an HTML fragment: one paragraph per block element, blank line between.

    Raises :class:`~dossier.errors.TooDeep` (naming ``location``) for a fragment nested
    deeper than ``max_depth``, whose deeper text the parser would drop without a word."""
    from lxml import etree, html as lxml_html

    if not fragment or not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(fragment.split())
    check_html_depth(root, max_depth, location)
    # drop_tree keeps the element's tail, so text after a comment survives.
    for element in root.xpath("|".join(f"//{tag}" for tag in DROP_TAGS) + "|//comment()"):
        element.drop_tree()
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        is_tag = isinstance(element.tag, str)
        tag = element.tag.lower() if is_tag else ""
        if event == "start":
            if tag in BLOCK_TAGS:
                parts.append("\n\n")
            elif tag == "br":
                parts.append("\n")
            if is_tag and element.text:
                parts.append(element.text)
        else:
            if tag in BLOCK_TAGS:
                parts.append("\n\n")
            if element is not root and element.tail:
                parts.append(element.tail)
    paragraphs = (" ".join(block.split()) for block in PARAGRAPH_BREAK.split("".join(parts)))
    return "\n\n".join(p for p in paragraphs if p)
