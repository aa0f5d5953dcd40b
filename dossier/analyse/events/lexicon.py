"""The events stage's German knowledge, read once from ``resources/de/event_*``.

* ``event_triggers.tsv`` — trigger lemmas per event type, their role frame and what the
  clause must also hold;
* ``event_frames.tsv`` — which mention fills which role (subject, object, preposition …);
* ``event_modality.tsv`` — cues for proposed/planned/hypothetical/denied/claimed_false/reported;
* ``event_words.tsv`` — prepositions, relative pronouns, pronouns, negations;
* ``event_positions.txt`` — leadership nouns (Chef, CEO, Vorstandsvorsitzender …);
* ``event_unions.txt`` — trade unions, the ``union`` side of a strike;
* ``event_not_participants.txt`` — news agencies and photo credits, never a participant.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dossier.errors import ConfigError

MODALITY_RANK = ("asserted", "reported", "planned", "proposed", "hypothetical", "denied", "claimed_false")
# Shortest head a compound noun trigger may have ("Warnstreik" ends with "streik").
MIN_COMPOUND_HEAD = 4


@dataclass(frozen=True)
class Trigger:
    type: str
    lemma: str
    pos: str  # V, N, A
    frame: str
    needs: tuple[tuple[str, ...], ...]  # all of these groups, any word of a group
    attributes: tuple[tuple[str, str], ...] = ()  # ("direction", "in")


@dataclass(frozen=True)
class Slot:
    role: str
    slots: tuple[str, ...]
    labels: frozenset[str]
    many: bool
    each: bool = False  # every coordinated name has an event of its own ("X und Y sind insolvent")


@dataclass(frozen=True)
class Cue:
    modality: str
    cue: str
    match: str  # lemma | word
    scope: str  # clause | govern | sentence


def _rows(name: str, width: int) -> list[tuple[str, ...]]:
    path = resources.files("dossier.resources.de").joinpath(name)
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < min(width - 1, 2):
            raise ConfigError(f"{name} line {number}: expected {width} tab-separated columns",
                              location=f"dossier/resources/de/{name}:{number}")
        rows.append(tuple(c.strip() for c in cells) + ("",) * (width - len(cells)))
    return rows


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """Triggers by (casefolded lemma, pos), in file order (earlier rows are tried first)."""
    table: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for type_, lemma, pos, frame, needs, attributes in _rows("event_triggers.tsv", 6):
        groups = tuple(tuple(alt for alt in group.split("|") if alt) for group in needs.split(",") if group)
        pairs = tuple(tuple(pair.split("=", 1)) for pair in attributes.split(",") if "=" in pair)
        table[(lemma.casefold(), pos)].append(Trigger(type_, lemma, pos, frame, groups, pairs))
    return dict(table)


@lru_cache(maxsize=1)
def noun_heads() -> tuple[str, ...]:
    """Noun and adjective trigger lemmas a compound may end with, longest first."""
    heads = {lemma for lemma, pos in triggers() if pos in ("N", "A") and len(lemma) >= MIN_COMPOUND_HEAD}
    return tuple(sorted(heads, key=len, reverse=True))


@lru_cache(maxsize=1)
def frames() -> dict[tuple[str, str], list[Slot]]:
    """Role slots by (frame, voice); voice ``*`` rows are added to both voices."""
    table: dict[tuple[str, str], list[Slot]] = defaultdict(list)
    for frame, voice, role, slots, labels, many in _rows("event_frames.tsv", 6):
        slot = Slot(role, tuple(slots.split("|")), frozenset(labels.split("|")) - {"-"}, many in ("yes", "each"),
                    many == "each")
        for v in (("active", "passive") if voice == "*" else (voice,)):
            table[(frame, v)].append(slot)
    return dict(table)


@lru_cache(maxsize=1)
def modality_cues() -> tuple[Cue, ...]:
    return tuple(Cue(m, cue.casefold(), match, scope) for m, cue, match, scope in _rows("event_modality.tsv", 4))


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = defaultdict(set)
    for cls, word in _rows("event_words.tsv", 2):
        table[cls].add(word.casefold())
    return {cls: frozenset(words) for cls, words in table.items()}


@lru_cache(maxsize=1)
def contractions() -> dict[str, str]:
    """``im`` -> ``in``, ``beim`` -> ``bei``: a preposition fused with its article."""
    return dict(pair.split(":", 1) for pair in word_classes().get("contraction", ()))


def _word_list(name: str) -> tuple[str, ...]:
    path = resources.files("dossier.resources.de").joinpath(name)
    return tuple(line.strip().casefold() for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def positions() -> tuple[str, ...]:
    return tuple(sorted(_word_list("event_positions.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def unions() -> frozenset[str]:
    return frozenset(_word_list("event_unions.txt"))


@lru_cache(maxsize=1)
def not_participants() -> frozenset[str]:
    return frozenset(_word_list("event_not_participants.txt"))


def is_union(name: str) -> bool:
    """A listed union, or a name that says it is one: ``Gewerkschaft Deutscher
    Lokomotivführer``, ``Eisenbahn- und Verkehrsgewerkschaft``."""
    low = name.casefold().strip()
    return low in unions() or low.startswith("gewerkschaft ") or low.endswith("gewerkschaft")


def is_position(word: str) -> bool:
    low = word.casefold()
    return any(low == p or (len(p) >= 4 and low.endswith(p)) for p in positions())


@lru_cache(maxsize=1)
def verb_forms() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """(ablaut: stem ending -> changed stems, separable particles) from event_verb_forms.tsv."""
    ablaut: dict[str, tuple[str, ...]] = {}
    particles: list[str] = []
    for kind, stem, forms in _rows("event_verb_forms.tsv", 3):
        if kind == "ablaut":
            ablaut[stem] = tuple(f for f in forms.split(",") if f)
        else:
            particles.append(stem)
    return ablaut, tuple(particles)
