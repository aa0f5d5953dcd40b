"""The passage shown for a search hit, with the matched words marked.

A snippet is plain text: ``text == article.text[start:end]`` and every highlight
is a ``(start, end)`` pair of offsets into the article's clean text, inside the
snippet. The caller escapes and marks it up (HTML, terminal colours), and can link
each highlight to the exact span of the article.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from dossier.search.analysis import MAX_WORD_CHARS, WORD, analysed
from dossier.search.syntax import PREFIX, ParsedQuery

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


def _snap_start(text: str, at: int, limit: int) -> int:
    """The start of the first whole word at or after ``at`` (and not after ``limit``)."""
    inside = WORD.match(text, at) if at and WORD.match(text, at - 1) else None
    found = WORD.search(text, inside.end() if inside else at)
    return min(found.start(), limit) if found else limit


def _snap_end(text: str, at: int, floor: int) -> int:
    """The end of the last whole word that ends by ``at`` (``at`` itself when no word after
    ``floor`` does); closing punctuation right after it is kept."""
    ends = [m.end() for m in WORD.finditer(text, floor, at)]
    if ends and ends[-1] == at and WORD.match(text, at):  # the word goes on after ``at``
        ends.pop()
    end = ends[-1] if ends and ends[-1] > floor else at
    while end < min(at, len(text)) and text[end] in ".,;:!?“”\"«»)":
        end += 1
    return end


def _wanted(query: ParsedQuery) -> tuple[dict, dict, list]:
    """The query's items by what a word must be to start one: (stem -> numbers of one-word
    terms, stem -> [(stems, number)] of phrases, [(prefix, number)])."""
    singles: dict[str, list[int]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    prefixes = []
    for number, item in enumerate(query.positive_items):
        if item.kind == PREFIX:
            prefixes.append((item.terms[0], number))
        elif len(item.terms) == 1:
            singles.setdefault(item.terms[0], []).append(number)
        else:
            phrases.setdefault(item.terms[0], []).append((item.terms, number))
    return singles, phrases, prefixes


def _occurrences(segment: str, word: str) -> Iterator[int]:
    """Where ``word`` stands as a whole word in ``segment`` (str.find, not every word in Python)."""
    at = segment.find(word)
    while at >= 0:
        stop = at + len(word)
        if (at == 0 or not segment[at - 1].isalnum()) and (stop == len(segment) or not segment[stop].isalnum()):
            yield at
        at = segment.find(word, stop)


def _phrase_end(segment: str, at: int, stems: tuple[str, ...]) -> int | None:
    """End of the phrase ``stems`` starting with the word at ``at``; None when it is not there."""
    matched = 0
    for match in WORD.finditer(segment, at):
        word = match.group()
        folded, stem = analysed(word) if len(word) <= MAX_WORD_CHARS else ("", "")
        if not folded:  # a word the index skips, as tokens() does
            continue
        if stem != stems[matched]:
            return None
        matched += 1
        if matched == len(stems):
            return match.end()
    return None


def _spans(text: str, start: int, end: int, query: ParsedQuery) -> list[tuple[int, int, int]]:
    """(start, end, item number) of every occurrence of a query item in ``text[start:end]``,
    sorted; each distinct word is analysed once."""
    segment = text[start:end]
    singles, phrases, prefixes = _wanted(query)
    first_stems, prefix_tuple = singles.keys() | phrases.keys(), tuple(p for p, _ in prefixes)
    distinct = list(set(WORD.findall(segment)))
    # map() over the cached analysis and one comprehension: most words are dropped here, at C speed.
    candidates = [(word, folded, stem) for word, (folded, stem) in zip(distinct, map(analysed, distinct))
                  if stem in first_stems or (prefix_tuple and folded.startswith(prefix_tuple))]
    spans = []
    for word, folded, stem in candidates:
        if not folded or len(word) > MAX_WORD_CHARS:  # words the index skips
            continue
        numbers = singles.get(stem, []) + [n for prefix, n in prefixes if folded.startswith(prefix)]
        starting = phrases.get(stem, [])
        for at in _occurrences(segment, word):
            spans += [(at + start, at + len(word) + start, number) for number in numbers]
            for phrase, number in starting:
                phrase_end = _phrase_end(segment, at, phrase)
                if phrase_end is not None:
                    spans.append((at + start, phrase_end + start, number))
    return sorted(spans)


def snippet(text: str, start: int, end: int, query: ParsedQuery, width: int = SNIPPET_CHARS) -> Snippet:
    """The best passage of ``text[start:end]`` (a whole article or one quote) for ``query``."""
    spans = _spans(text, start, end, query)[:MAX_SPANS]
    if end - start <= width:
        window_start, window_end = start, end
    else:
        first = _best_window(spans, width - LEAD_CHARS) if spans else start
        window_start = _snap_start(text, max(start, first - LEAD_CHARS), first)
        window_end = _snap_end(text, min(end, window_start + width), window_start)
    shown = [(s, e, n) for s, e, n in spans if s >= window_start and e <= window_end]
    return Snippet(text[window_start:window_end], window_start, window_end, _merged(shown),
                   cut_before=window_start > start, cut_after=window_end < end)
