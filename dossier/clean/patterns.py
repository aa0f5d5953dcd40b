"""Match single lines against the German boilerplate patterns.

Each matcher looks at one stripped line (or paragraph) and answers what it is;
where it sits in the article (top block, bottom block, anywhere) is decided by
:mod:`dossier.clean.scan`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.clean.dates import most_specific_date
from dossier.clean.resources import boilerplate

_NAME_SPLIT = re.compile(r"\s*(?:,|\bund\b|&)\s*")
_DATE_FIELDS = ("published", "updated")


@dataclass(frozen=True)
class LineMatch:
    """What a line turned out to be: ``reason`` for ``removed[]``, and the
    ``field``/``value`` it yields (value is a list for authors)."""

    reason: str
    field: str | None = None
    value: object = None
    start: int = 0  # offset inside the line where removal starts (inline teasers)


def match_metadata(line: str) -> LineMatch | None:
    """A loose metadata line: date, source, byline, URL, title label."""
    rules = boilerplate()
    if len(line) > rules.metadata_max_line_chars:
        return None
    for rule in rules.metadata_rules:
        match = rule.pattern.match(line)
        if not match:
            continue
        value = match["value"].strip()
        if rule.field in _DATE_FIELDS:
            value = most_specific_date(value)
            if value is None:
                continue  # "Stand: gut" is prose, not a date line
        elif rule.field == "authors":
            value = [name for name in _NAME_SPLIT.split(value) if name]
        return LineMatch(rule.reason, rule.field, value)
    return None


def match_teaser_line(line: str) -> LineMatch | None:
    rules = boilerplate()
    if len(line) > rules.teaser_line_max_chars:
        return None
    if any(pattern.match(line) for pattern in rules.teaser_lines):
        return LineMatch("teaser")
    return None


def find_inline_teaser(line: str) -> LineMatch | None:
    """A teaser marker glued to body text (``… würden. ➤ Mehr lesen: …``):
    everything from the marker to the end of the line goes."""
    starts = [m.start() for p in boilerplate().teaser_inline for m in [p.search(line)] if m]
    if not starts:
        return None
    return LineMatch("teaser", start=min(starts))


def match_syndication(line: str) -> LineMatch | None:
    for pattern in boilerplate().syndication:
        match = pattern.match(line)
        if match:
            return LineMatch("syndication", "syndicated_from", match["outlet"].strip())
    return None


def match_author_bio(paragraph: str) -> LineMatch | None:
    """``Linette Lopez ist leitender Korrespondent bei Business Insider.`` —
    also when the space before ``ist`` was lost (``Lopezist``). The role must
    hold a known role noun, so body sentences of the form ``X ist … bei Y``
    are not taken for a bio."""
    rules = boilerplate()
    if len(paragraph.split()) > rules.bio_max_words:
        return None
    match = rules.author_bio.match(paragraph)
    if not match:
        return None
    role = match["role"].lower()
    if not any(noun.lower() in role for noun in rules.bio_role_nouns):
        return None
    if not match["outlet"].split()[-1][:1].isupper():
        return None  # "… in Stanford gestorben.": a body sentence, not an outlet
    return LineMatch("author_bio", "authors", [match["name"].strip()])


@dataclass(frozen=True)
class Signature:
    """``(APA, 24.9.2015)`` closing the last body line."""

    start: int  # offset inside the line
    fields: dict


def _signer_field(who: str) -> tuple[str, object]:
    """Agencies (``APA/dpa``) are the source; two or more capitalised words a
    person; anything else (``fid``: an editor's code) is kept as ``signature``."""
    parts = [part.strip() for part in re.split(r"[/,]", who) if part.strip()]
    agencies = boilerplate().agencies
    if parts and all(part.lower() in agencies for part in parts):
        return "source", who.strip()
    names = [name for name in _NAME_SPLIT.split(who.strip()) if name]
    if names and all(2 <= len(name.split()) <= 4 and all(w[0].isupper() for w in name.split())
                     for name in names):
        return "authors", names
    return "signature", who.strip()


def find_signature(line: str) -> Signature | None:
    match = boilerplate().signature.search(line)
    if not match:
        return None
    fields: dict = {}
    published = most_specific_date(match["date"])
    if published:
        fields["published"] = published
    name, value = _signer_field(match["who"])
    fields[name] = value
    return Signature(match.start(), fields)
