"""Embedded social-media posts inside a body line.

News sites paste tweets and Instagram/Facebook posts into the article; text
extraction flattens them into the paragraph::

    … hält. @anna_b Player counts have grown, which is what we hoped. pic.twitter.com/AbC123 Newman …

What marks an embed is its *closer*: a ``pic.twitter.com``/``t.co`` link, a
tweet signature ``— Name (@handle) 12. Oktober 2015`` or the residue of an
Instagram/Facebook embed (``Ein von X (@y) gepostetes Foto am …``). Those
patterns (``embed_inline`` in ``boilerplate.json``) are removed as they stand.

The post text before a closer has no closing mark of its own, so it is taken
only when it can be delimited safely: walking back sentence by sentence from
the closer, a run of ``#tags``/``@handles`` goes, then sentences that read as
another language (English function words, no German ones) go; an ``@handle``
at a sentence start opens the post and ends the walk. A German sentence stops
the walk, and a sentence with no cue either way goes only when a foreign one
lies further back — so a German tweet keeps its text and loses only its link.
Two or more ``#tags`` right after a closer go with it.
"""
from __future__ import annotations

import re

from dossier.clean.resources import boilerplate

# A sentence ends at . ! ? … (closing quotes may follow) before whitespace.
_SENTENCE_END = re.compile(r"[.!?…]+[\"“”»«’')]*\s+")
# ``#tag`` / ``@handle`` tokens (with an author code such as ``(js)``) right before a closer.
_TAG_RUN = re.compile(r"(?:(?<!\S)(?:[#@]\w+|\(\w{1,4}\))\s*)+$")
# Two or more ``#tags`` right after a closer end the post (one could be the subject
# of the next German sentence: ``#MeToo ist …``).
_TAGS_AFTER = re.compile(r"(?:\s+#\w+){2,}(?=\s|$)")
_HANDLE_OPENER = re.compile(r"@\w+")
_WORD = re.compile(r"[^\W\d_]+")


def find_embeds(line: str, *, post_text: bool = True) -> list[tuple[int, int]]:
    """``(start, end)`` offsets inside ``line`` of each embedded post to remove,
    merged where they touch; a range starts with the space before the post so
    the words around it keep a single space. ``post_text=False``: only the
    closers (links, signatures), for a document that is itself a post."""
    ranges: list[tuple[int, int]] = []
    floor = 0  # nothing before the end of the previous closer is looked at again
    for start, end in _closers(line):
        if start < floor:
            continue
        tags_after = _TAGS_AFTER.match(line, end) if post_text else None
        if tags_after:
            end = tags_after.end()
        post_start = _post_start(line, floor, start, post_text)
        while post_start > floor and line[post_start - 1].isspace():
            post_start -= 1
        if ranges and post_start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((post_start, end))
        floor = end
    return ranges


def is_post_line(line: str) -> bool:
    """Is the whole line the text of a post (read as if a closer followed it)?
    For a tweet whose signature stands on the next line."""
    stripped = line.rstrip()
    return bool(stripped) and _post_start(stripped, 0, len(stripped), True) == len(line) - len(line.lstrip())


def _closers(line: str) -> list[tuple[int, int]]:
    spans = sorted((m.start(), m.end()) for pattern in boilerplate().embed_inline
                   for m in pattern.finditer(line))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _sentences(line: str, floor: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = floor
    for match in _SENTENCE_END.finditer(line, floor, end):
        spans.append((pos, match.start() + len(match.group().rstrip())))
        pos = match.end()
    if pos < end:
        spans.append((pos, end))
    return [(s, e) for s, e in spans if line[s:e].strip()]


def _post_start(line: str, floor: int, closer: int, post_text: bool) -> int:
    """Where the post closed at ``closer`` begins (``closer`` itself when its
    text cannot be told from the article's)."""
    if not post_text:
        return closer
    rules = boilerplate().embed_post
    start = closer
    tags = _TAG_RUN.search(line, floor, closer)
    if tags and re.search(r"[#@]", tags.group()):
        start = tags.start()
    taken = start
    for s_start, s_end in reversed(_sentences(line, floor, start)):
        s_start += len(line[s_start:s_end]) - len(line[s_start:s_end].lstrip())
        if closer - s_start > rules.max_chars:
            break
        kind = classify(line[s_start:s_end])
        if kind == "native":
            break
        if kind == "foreign" or _HANDLE_OPENER.match(line, s_start):
            taken = s_start
        if _HANDLE_OPENER.match(line, s_start):
            break  # the @handle opens the post
    return taken


def classify(sentence: str) -> str:
    """``foreign``, ``native`` (German) or ``neutral``, from function words;
    ``#tags`` and ``@handles`` do not count."""
    rules = boilerplate().embed_post
    words = [w.lower() for w in _WORD.findall(re.sub(r"[#@]\w+", " ", sentence))]
    foreign = sum(w in rules.foreign_words for w in words)
    native = sum(w in rules.native_words or any(c in "äöüß" for c in w) for w in words)
    if native == 0 and foreign >= 1 and (foreign >= 2 or len(words) >= rules.min_words_one_cue):
        return "foreign"
    if native and foreign >= rules.foreign_ratio * native:
        return "foreign"
    return "native" if native else "neutral"
