"""The core data types of Dossier: plain dataclasses, no I/O.

An :class:`Article` holds one immutable clean ``text`` and layers of spans over
it. Every span carries ``start``/``end`` as code-point offsets into that text,
so ``article.text[span.start:span.end] == span.text`` always holds. The
:class:`OffsetMap` leads from a clean offset back to the raw input the reader
produced, so any fact can be shown in the original file.
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

LABELS = ("PER", "ORG", "LOC", "MISC")
QUOTE_KINDS = ("direct", "indirect", "mixed", "reported")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
FIGURE_KINDS = ("money", "percent", "count", "quantity")
MODALITIES = ("asserted", "proposed", "planned", "denied", "claimed_false", "reported", "hypothetical")
EVENT_TYPES = ("ACQUISITION", "MERGER", "SPIN_OFF", "INVESTMENT", "LAYOFFS", "INSOLVENCY", "CLOSURE", "LEADERSHIP",
               "LEADERSHIP_CHANGE", "STRIKE", "LAWSUIT", "BOYCOTT", "PRODUCT_LAUNCH", "ELECTION", "TAKE_PRIVATE")


@dataclass(frozen=True)
class Run:
    """A stretch of clean text copied verbatim from the raw input."""

    clean_start: int
    raw_start: int
    length: int


@dataclass
class OffsetMap:
    """Maps clean-text offsets to raw-input offsets.

    The cleaner only ever *drops* raw characters, never invents new ones, so
    the clean text is a concatenation of verbatim runs of the raw text.
    """

    runs: list[Run] = field(default_factory=list)

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([Run(0, 0, length)] if length else [])

    @classmethod
    def from_kept_ranges(cls, ranges: Iterable[tuple[int, int]]) -> "OffsetMap":
        """Build the map from sorted, non-overlapping raw ranges that were kept."""
        runs: list[Run] = []
        clean_pos = 0
        for raw_start, raw_end in ranges:
            if raw_end <= raw_start:
                continue
            last = runs[-1] if runs else None
            if last and last.raw_start + last.length == raw_start:
                runs[-1] = Run(last.clean_start, last.raw_start, last.length + raw_end - raw_start)
            else:
                runs.append(Run(clean_pos, raw_start, raw_end - raw_start))
            clean_pos += raw_end - raw_start
        return cls(runs)

    @property
    def clean_length(self) -> int:
        return self.runs[-1].clean_start + self.runs[-1].length if self.runs else 0

    def to_raw(self, clean_offset: int) -> int:
        """Raw offset of the character at ``clean_offset`` (or just past the end)."""
        if not self.runs:
            return 0
        starts = [r.clean_start for r in self.runs]
        i = max(0, bisect.bisect_right(starts, clean_offset) - 1)
        run = self.runs[i]
        if clean_offset >= run.clean_start + run.length and i == len(self.runs) - 1:
            return run.raw_start + run.length + (clean_offset - run.clean_start - run.length)
        return run.raw_start + (clean_offset - run.clean_start)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw range covering clean ``[start, end)`` (it may contain dropped text)."""
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def to_json(self) -> list[list[int]]:
        return [[r.clean_start, r.raw_start, r.length] for r in self.runs]

    @classmethod
    def from_json(cls, data: list[list[int]]) -> "OffsetMap":
        return cls([Run(*row) for row in data])


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Removed:
    """A span of the *raw* input that cleaning dropped, and why."""

    start: int
    end: int
    reason: str
    text: str = ""


@dataclass
class Heading(Span):
    """A sub-heading recovered from the body (often glued to the next sentence)."""


@dataclass
class Mention(Span):
    label: str = "MISC"
    entity: str | None = None
    score: float = 1.0
    # A mention found inside a larger token (``Tesla`` in ``Tesla-Chef``).
    inside: bool = False


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    external_id: str | None = None
    roles: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Quote(Span):
    kind: str = "direct"
    speaker: str | None = None
    speaker_entity: str | None = None
    cue: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    medium: str | None = None
    said_at: str | None = None
    disputed: bool = False
    said_at_ref: str | None = None  # id of the TimeExpr ``said_at`` was read from, when it was one


@dataclass
class TimeExpr(Span):
    type: str = "DATE"
    value: str | None = None
    mod: str | None = None
    anchor: str | None = None  # what the value was resolved against: "publication", "discourse", "absolute"
    id: str | None = None  # stable: see span_id


@dataclass
class Figure(Span):
    kind: str = "count"
    value: float | None = None
    unit: str | None = None
    subject: str | None = None
    subject_entity: str | None = None
    attribute: str | None = None
    source: str | None = None
    approx: str | None = None
    value_max: float | None = None
    per: str | None = None
    unit_inferred: bool = False
    as_of: str | None = None
    id: str | None = None  # stable: see span_id
    as_of_ref: str | None = None  # id of the TimeExpr ``as_of`` was read from (None: the publication date)


@dataclass
class Participant:
    role: str
    entity: str | None = None
    name: str | None = None
    # Where the participant is named (None for one taken from an earlier sentence, e.g. for "er").
    start: int | None = None
    end: int | None = None
    figure: str | None = None  # id (Figure.id) of the article's figure that is a price, amount or count


@dataclass
class Event:
    start: int
    end: int
    type: str
    participants: list[Participant] = field(default_factory=list)
    time: str | None = None
    figures: list[str] = field(default_factory=list)  # ids of this article's figures (Figure.id)
    modality: str = "asserted"
    text: str = ""  # the trigger word(s): start/end are the trigger's span
    sentence_start: int | None = None
    sentence_end: int | None = None
    source: str | None = None  # who says so, when the event is told in a quote
    source_entity: str | None = None
    time_start: int | None = None  # the time expression that dates the event
    time_end: int | None = None
    time_inferred: bool = False  # no time in the sentence: the publication date stands in
    direction: str | None = None  # "in" or "out" for a leadership change
    time_ref: str | None = None  # id of the TimeExpr ``time`` was read from, when it was one


@dataclass
class RawDocument:
    """What a reader hands to the cleaner: text as read, plus any metadata the
    container format carried (feed item date, CSV column, HTML <meta>)."""

    raw_text: str
    origin: str  # "path", "path:line 12", "path#record 3", "path#item 2"
    metadata: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None
    # Set by readers whose raw_text is already the main text (HTML, feeds):
    # the cleaner then skips loose metadata-line recovery but still cleans boilerplate.
    structured: bool = False


@dataclass
class Article:
    """One article: metadata, the raw input, the clean text and its layers."""

    id: str
    raw_text: str
    text: str = ""
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    origin: str = ""  # file path (and line/record) the article came from
    source: str | None = None
    url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    syndicated_from: str | None = None
    language: str | None = None
    encoding: str | None = None
    duplicate_of: str | None = None
    removed: list[Removed] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offset_map.raw_span(start, end)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["offset_map"] = self.offset_map.to_json()
        return data


SPAN_ID_KINDS = {"times": "t", "figures": "f", "events": "v"}


def span_id(article_id: str, layer: str, start: int, end: int) -> str:
    """A layer item's id, ``<article>:<kind><start>-<end>`` (``3f2a…:f120-138``): derived from the
    article and the offsets, so it is the same after re-analysis and readable in a URL."""
    return f"{article_id}:{SPAN_ID_KINDS[layer]}{start}-{end}"


def with_span_ids(article_id: str, layer: str, items: list) -> list:
    """``items`` with ``id`` set by :func:`span_id`; a second item on the same span gets ``.2``, ``.3``…"""
    seen: dict[str, int] = {}
    for item in items:
        base = span_id(article_id, layer, item.start, item.end)
        seen[base] = seen.get(base, 0) + 1
        item.id = base if seen[base] == 1 else f"{base}.{seen[base]}"
    return items


def content_hash(text: str) -> str:
    """Identity of an article's content: whitespace-insensitive SHA-256."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def article_id(text: str) -> str:
    return content_hash(text)[:16]
