"""Find the raw ranges to drop and the metadata they carry.

Three passes over the raw lines:

* **anywhere**: teaser/cross-link lines (and the link list under a header such
  as ``Mehr zum Thema:``), syndication footers, teaser markers glued to the end
  of a body line, embedded social-media posts inside a line (:mod:`~dossier.clean.embeds`);
* **top block**: on plain text, loose metadata lines and the title line; on
  structured input only lines that repeat the container's own title or date;
* **bottom block**: metadata lines (plain text only), syndication footers,
  teasers and short author bios — scanning upwards until the first body line,
  so a body sentence in the middle of the article is never taken for a bio;
  that body line may close with a signature ``(APA, 24.9.2015)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from dossier.clean import patterns
from dossier.clean.embeds import find_embeds, is_post_line
from dossier.clean.resources import boilerplate, heading_words
from dossier.clean.text_build import split_raw_lines
from dossier.model import Removed

_TITLE_BAD_ENDINGS = ".,;:-–…"
_BULLETS = "-–•*·▸►➤"
LINK_ITEM_MAX_WORDS = 15
# Two sentences on the line: a lead paragraph, not a headline.
_SENTENCE_INSIDE = re.compile(r"[a-zäöüß0-9)][.!?][\"“”»]?\s+\S")


@dataclass
class _Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    cut: int | None = None  # raw offset where an inline teaser removal starts
    embedded: bool = False  # an embedded post was removed from inside the line

    @property
    def content_end(self) -> int:
        return self.end if self.cut is None else self.cut


@dataclass
class Recovered:
    removed: list[Removed] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)

    def drop(self, raw: str, start: int, end: int, reason: str) -> None:
        self.removed.append(Removed(start, end, reason, raw[start:end]))

    def keep_field(self, name: str | None, value: Any) -> None:
        if name is None or value in (None, "", []):
            return
        if name == "authors":
            known = self.fields.setdefault("authors", [])
            known.extend(a for a in value if a not in known)
        else:
            self.fields.setdefault(name, value)


def _content_lines(raw: str) -> list[_Line]:
    lines = []
    for line in split_raw_lines(raw):
        text = raw[line.start:line.end]
        if not text.strip():
            continue
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        lines.append(_Line(line.start + lead, line.end - trail))
    return lines


def _is_link_item(raw: str, previous: _Line, line: _Line) -> bool:
    """A line of a link list under ``Mehr zum Thema:`` — directly below it (no
    blank line) and short, or a bullet."""
    if raw[previous.end:line.start].count("\n") != 1:
        return False
    text = raw[line.start:line.end]
    return text[0] in _BULLETS or (len(text.split()) <= LINK_ITEM_MAX_WORDS and text[-1] not in ".!?")


def _scan_anywhere(raw: str, lines: list[_Line], found: Recovered) -> set[int]:
    dropped: set[int] = set()
    list_header: _Line | None = None  # the last teaser line that ends with ":"
    for index, line in enumerate(lines):
        text = raw[line.start:line.end]
        if list_header is not None and _is_link_item(raw, list_header, line):
            found.drop(raw, line.start, line.end, "teaser")
            dropped.add(index)
            list_header = line
            continue
        list_header = None
        match = patterns.match_teaser_line(text) or patterns.match_syndication(text)
        if match:
            found.drop(raw, line.start, line.end, match.reason)
            found.keep_field(match.field, match.value)
            dropped.add(index)
            if match.reason == "teaser" and text.endswith(":"):
                list_header = line
            continue
        inline = patterns.find_inline_teaser(text)
        if inline:
            cut = line.start + inline.start
            while cut < line.end and raw[cut].isspace():
                cut += 1
            found.drop(raw, cut, line.end, inline.reason)
            if cut == line.start:
                dropped.add(index)
                continue
            line.cut = cut
    return dropped


def _left_over(text: str, ranges: list[tuple[int, int]]) -> str:
    pieces, pos = [], 0
    for start, end in ranges:
        pieces.append(text[pos:start])
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _scan_embeds(raw: str, lines: list[_Line], dropped: set[int], found: Recovered) -> None:
    """Remove embedded social-media posts from the kept part of each line. A
    post is never the whole article: where too little would be left (the
    document *is* a tweet), only links and signatures go, not its text."""
    kept = [index for index in range(len(lines)) if index not in dropped]
    texts = {index: raw[lines[index].start:lines[index].content_end] for index in kept}
    embeds = {index: find_embeds(texts[index]) for index in kept}
    if not any(embeds.values()):
        return
    for above, index in pairwise(kept):
        # a tweet's signature on its own line closes the post text on the line above
        if embeds[index] and embeds[index][0][0] == 0 and not embeds[above] and is_post_line(texts[above]):
            embeds[above] = [(0, len(texts[above]))]
    left = sum(len("".join(_left_over(texts[i], embeds[i]).split())) for i in kept)
    if left < boilerplate().embed_post.min_article_chars:
        embeds = {index: find_embeds(texts[index], post_text=False) for index in kept}
    for index in kept:
        start = lines[index].start
        for r_start, r_end in embeds[index]:
            found.drop(raw, start + r_start, start + r_end, "embed")
        if embeds[index] and not _left_over(texts[index], embeds[index]).strip():
            dropped.add(index)
        elif embeds[index]:
            lines[index].embedded = True  # a body line: top and bottom block stop here


def looks_like_title(text: str) -> bool:
    """A headline: a short line without a final period that does not break
    off mid-phrase (``… und will``: a hard-wrapped first line)."""
    words = text.split()
    lexicon = heading_words()
    if words and words[-1].lower() in lexicon.non_final_words - lexicon.title_final_ok:
        return False
    if not 2 <= len(words) <= 25 or len(text) > 200:
        return False
    if text[-1] in _TITLE_BAD_ENDINGS or _SENTENCE_INSIDE.search(text):
        return False
    return not (text[-1] in "?!" and len(words) > 12)


def _continues(raw: str, line: _Line, following: _Line) -> bool:
    """Does ``following`` carry on the sentence of ``line`` (same paragraph,
    starting in lower case)?"""
    between = raw[line.end:following.start]
    return between.count("\n") == 1 and raw[following.start].islower()


def _top_block(raw: str, lines: list[_Line], dropped: set[int]):
    """(index, line, text) of the first lines not dropped yet, as far as a top block reaches."""
    kept = (index for index in range(len(lines)) if index not in dropped)
    for _, index in zip(range(boilerplate().top_block_max_lines), kept):
        line = lines[index]
        yield index, line, raw[line.start:line.content_end].rstrip()


def _scan_top(raw: str, lines: list[_Line], dropped: set[int], found: Recovered) -> None:
    for index, line, text in _top_block(raw, lines, dropped):
        if line.embedded:
            return
        match = patterns.match_metadata(text)
        if match:
            found.drop(raw, line.start, line.end, match.reason)
            found.keep_field(match.field, match.value)
            dropped.add(index)
            continue
        following = next((lines[i] for i in range(index + 1, len(lines)) if i not in dropped), None)
        if ("title" not in found.fields and line.cut is None and following is not None
                and not _continues(raw, line, following) and looks_like_title(text)):
            found.drop(raw, line.start, line.end, "title")
            found.keep_field("title", text)
            dropped.add(index)
            continue
        return


def _confirms(match: patterns.LineMatch, known: dict[str, Any]) -> bool:
    """Does a metadata line repeat what the container already said?"""
    given = known.get(match.field)
    if match.field in ("published", "updated"):
        given = known.get("published")
        return bool(given) and str(given)[:10] == str(match.value)[:10]
    if match.field == "authors":
        names = given if isinstance(given, list) else [given] if given else []
        return bool(names) and all(author in names for author in match.value)
    return given is not None and _normalised(str(given)) == _normalised(str(match.value))


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def _scan_structured_top(raw: str, lines: list[_Line], dropped: set[int], found: Recovered,
                         known: dict[str, Any]) -> None:
    """Structured input gets no guessing, but a first line that *is* the
    container's title, or a date/byline line that repeats its metadata, is
    printed page furniture (``08.04.2015 12:46`` above the headline)."""
    title = _normalised(str(known.get("title") or ""))
    for index, line, text in _top_block(raw, lines, dropped):
        if line.embedded:
            return
        match = patterns.match_metadata(text)
        if match and _confirms(match, known):
            found.drop(raw, line.start, line.end, match.reason)
        elif title and _normalised(text) == title and line.cut is None:
            found.drop(raw, line.start, line.end, "title")
        else:
            return
        dropped.add(index)


def _match_bottom_line(text: str, structured: bool) -> patterns.LineMatch | None:
    if not structured:
        match = patterns.match_metadata(text)
        if match:
            return match
    return (patterns.match_syndication(text) or patterns.match_teaser_line(text)
            or patterns.match_author_bio(text))


def _drop_signature(raw: str, line: _Line, text: str, found: Recovered) -> None:
    """The last body line may close with ``(APA, 24.9.2015)``: drop it, keep its fields."""
    signature = patterns.find_signature(text)
    if signature is None:
        return
    start = line.start + signature.start
    found.drop(raw, start, line.start + len(text), "metadata:signature")
    for name, value in signature.fields.items():
        found.keep_field(name, value)


def _scan_bottom(raw: str, lines: list[_Line], dropped: set[int], found: Recovered,
                 structured: bool) -> None:
    examined = 0
    bio_authors: list[str] = []
    for index in range(len(lines) - 1, -1, -1):
        if index in dropped:
            continue
        examined += 1
        if examined > boilerplate().bottom_block_max_lines:
            break
        line = lines[index]
        text = raw[line.start:line.content_end].rstrip()
        match = _match_bottom_line(text, structured)
        if match is None or line.cut is not None or line.embedded:
            _drop_signature(raw, line, text, found)
            break
        found.drop(raw, line.start, line.end, match.reason)
        if match.reason == "author_bio":
            bio_authors = list(match.value) + bio_authors  # keep reading order
        else:
            found.keep_field(match.field, match.value)
        dropped.add(index)
    found.keep_field("authors", bio_authors)


def scan_boilerplate(raw: str, *, structured: bool, known: dict[str, Any] | None = None) -> Recovered:
    """The raw ranges to remove, with reasons, and the fields they yield.
    ``known``: the container's metadata (used only to confirm lines on structured input)."""
    found = Recovered()
    lines = _content_lines(raw)
    dropped = _scan_anywhere(raw, lines, found)
    _scan_embeds(raw, lines, dropped, found)
    if structured:
        _scan_structured_top(raw, lines, dropped, found, known or {})
    else:
        _scan_top(raw, lines, dropped, found)
    _scan_bottom(raw, lines, dropped, found, structured)
    found.removed.sort(key=lambda r: r.start)
    return found
