"""The passage shown for a search hit, with the matched words marked.

A snippet is plain text: ``text == article.text[start:end]`` and every highlight
is a ``(start, end)`` pair of offsets into the article's clean text, inside the
snippet. The caller escapes and marks it up (HTML, terminal colours), and can link
each highlight to the exact span of the article.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from dossier.search.analysis import Token, tokens
from dossier.search.syntax import PHRASE, PREFIX, TERM, ParsedQuery

SNIPPET_CHARS = 240  # about two lines of a result list
LEAD_CHARS = 60  # context kept before the first highlight
MAX_SPANS = 400  # matches considered for the window; a word on every line needs no more


@dataclass
class Snippet:
    text: str
    start: int
    end: int
    highlights: list[tuple[int, int]] = field(default_factory=list)
    cut_before: bool = False  # the document goes on before / after the snippet
    cut_after: bool = False

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end,
                "highlights": [{"start": s, "end": e} for s, e in self.highlights],
                "cut_before": self.cut_before, "cut_after": self.cut_after}


def matched_spans(found: list[Token], query: ParsedQuery) -> list[tuple[int, int, int]]:
    """(start, end, item number) of every occurrence of a query item among ``found``."""
    spans = []
    for number, item in enumerate(query.positive_items):
        for i, token in enumerate(found):
            if item.kind == TERM and token.stem == item.terms[0]:
                spans.append((token.start, token.end, number))
            elif item.kind == PREFIX and token.word.startswith(item.terms[0]):
                spans.append((token.start, token.end, number))
            elif item.kind == PHRASE and tuple(t.stem for t in found[i:i + len(item.terms)]) == item.terms:
                spans.append((token.start, found[i + len(item.terms) - 1].end, number))
    return sorted(spans)


def _merged(spans: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching highlights as one (a phrase that contains a term)."""
    merged: list[list[int]] = []
    for start, end, _ in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _best_window(spans: list[tuple[int, int, int]], width: int) -> int:
    """Start offset of the window of ``width`` characters that shows the most different
    query items, then the most matches; the earliest such window."""
    best, best_key = spans[0][0], (-1, -1)
    for start, _, _ in spans:
        inside = [s for s in spans if s[0] >= start and s[1] <= start + width]
        key = (len({s[2] for s in inside}), len(inside))
        if key > best_key:
            best, best_key = start, key
    return best


def _snap_start(found: list[Token], at: int, limit: int) -> int:
    """The start of the first word at or after ``at`` (and not after ``limit``)."""
    for token in found:
        if token.start >= at:
            return min(token.start, limit)
    return limit


def _snap_end(text: str, found: list[Token], at: int, floor: int) -> int:
    """The end of the last word that ends by ``at`` (``at`` itself when no word after
    ``floor`` does); closing punctuation right after it is kept."""
    end = None
    for token in found:
        if token.end > at:
            break
        if token.end > floor:
            end = token.end
    if end is None:
        return at
    while end < min(at, len(text)) and text[end] in ".,;:!?“”\"«»)":
        end += 1
    return end


def snippet(text: str, start: int, end: int, query: ParsedQuery, width: int = SNIPPET_CHARS) -> Snippet:
    """The best passage of ``text[start:end]`` (a whole article or one quote) for ``query``."""
    found = tokens(text[start:end], start)
    spans = matched_spans(found, query)[:MAX_SPANS]
    if end - start <= width:
        window_start, window_end = start, end
    else:
        first = _best_window(spans, width - LEAD_CHARS) if spans else start
        window_start = _snap_start(found, max(start, first - LEAD_CHARS), first)
        window_end = _snap_end(text, found, min(end, window_start + width), window_start)
    shown = [(s, e, n) for s, e, n in spans if s >= window_start and e <= window_end]
    return Snippet(text[window_start:window_end], window_start, window_end, _merged(shown),
                   cut_before=window_start > start, cut_after=window_end < end)
