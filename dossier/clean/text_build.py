"""Build the clean text by *deleting* raw characters, never inserting any.

The clean text is therefore a concatenation of verbatim runs of the raw text and
:meth:`OffsetMap.from_kept_ranges` describes it exactly. Whitespace rules:

* the kept part of each raw line loses its leading and trailing whitespace
  (this also drops the ``\\r`` of CRLF files);
* a line left empty (blank, or fully removed) disappears with its newline;
* between two kept lines we keep one raw newline, or two when a blank raw line
  separated them — a paragraph break stays a paragraph break, a removed teaser
  line inside a paragraph does not create one.
"""
from __future__ import annotations

from dataclasses import dataclass

from dossier.model import OffsetMap


@dataclass(frozen=True)
class RawLine:
    """One raw line: ``[start, end)`` without its newline; ``newline`` is the
    raw offset of the ``\\n`` that ends it, or None for the last line."""

    start: int
    end: int
    newline: int | None

    def is_blank(self, raw: str) -> bool:
        return not raw[self.start:self.end].strip()


def split_raw_lines(raw: str) -> list[RawLine]:
    lines: list[RawLine] = []
    pos = 0
    while True:
        newline = raw.find("\n", pos)
        if newline < 0:
            lines.append(RawLine(pos, len(raw), None))
            return lines
        lines.append(RawLine(pos, newline, newline))
        pos = newline + 1


def subtract(start: int, end: int, removed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[start, end)`` minus the sorted, merged ``removed`` ranges."""
    pieces: list[tuple[int, int]] = []
    pos = start
    for r_start, r_end in removed:
        if r_end <= pos:
            continue
        if r_start >= end:
            break
        if r_start > pos:
            pieces.append((pos, r_start))
        pos = max(pos, r_end)
    if pos < end:
        pieces.append((pos, end))
    return pieces


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _strip_pieces(raw: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop leading/trailing whitespace of the concatenated pieces."""
    pieces = list(pieces)
    while pieces:
        start, end = pieces[0]
        while start < end and raw[start].isspace():
            start += 1
        if start < end:
            pieces[0] = (start, end)
            break
        pieces.pop(0)
    while pieces:
        start, end = pieces[-1]
        while end > start and raw[end - 1].isspace():
            end -= 1
        if end > start:
            pieces[-1] = (start, end)
            break
        pieces.pop()
    return pieces


@dataclass
class CleanText:
    text: str
    offset_map: OffsetMap
    kept: list[tuple[int, int]]


def build_clean_text(raw: str, removed: list[tuple[int, int]]) -> CleanText:
    """Delete ``removed`` raw ranges and surplus whitespace from ``raw``."""
    removed = merge_ranges(removed)
    kept: list[tuple[int, int]] = []
    previous: RawLine | None = None
    blank_since_previous = False
    for line in split_raw_lines(raw):
        if line.is_blank(raw):
            blank_since_previous = True
            continue
        pieces = _strip_pieces(raw, subtract(line.start, line.end, removed))
        if not pieces:
            continue  # a fully removed line is not a blank line: no paragraph break
        if previous is not None:
            kept.append((previous.newline, previous.newline + 1))
            if blank_since_previous:
                kept.append((line.start - 1, line.start))
        kept.extend(pieces)
        previous, blank_since_previous = line, False
    offset_map = OffsetMap.from_kept_ranges(kept)
    text = "".join(raw[start:end] for start, end in kept)
    return CleanText(text, offset_map, kept)


def clean_position(offset_map: OffsetMap, raw_offset: int) -> int:
    """Clean offset of the first kept character at or after ``raw_offset``."""
    for run in offset_map.runs:
        if raw_offset < run.raw_start:
            return run.clean_start
        if raw_offset < run.raw_start + run.length:
            return run.clean_start + raw_offset - run.raw_start
    return offset_map.clean_length
