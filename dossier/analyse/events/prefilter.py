"""The cheap test that keeps HanTa off sentences that cannot hold an event.

Each word is looked up (set look-ups of its beginnings and ends) for the stems of the trigger
words and leadership nouns of ``event_triggers.tsv``/``event_positions.txt``; a stem found
counts only when what its trigger needs is in the sentence too, so common verbs cost nothing
where they cannot be triggers:

* a particle verb's plain stem needs its particle as a word (``baut … ab``, ``trat … zurück``);
* a trigger that needs words (``streichen`` + ``Stellen|Jobs``, ``nehmen`` + ``Börse``) needs
  one of them; one that needs a leadership noun (``wird Chef``) needs one; one that needs a
  mention of a label (``#MISC``: a launched product) needs one;
* a leadership noun alone needs a person and an organisation near it; every stem needs a
  mention within :data:`NEAR` characters (an event names someone, close to its trigger) of a
  label one of its frame's roles takes, and one its needed roles take (``@target``: an
  organisation near ``übernimmt``).

A verb's stem is its lemma less ``-en``/``-n``, plus the changed stems of strong verbs
(``übernahm``, ``übernimmt``; ``event_verb_forms.tsv``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from dossier.analyse.events import lexicon
from dossier.analyse.events.slots import POSITION_NEXT

Requirement = tuple  # patterns that must match the sentence, or labels of mentions near the stem
NEAR = 80  # characters between a trigger and the nearest mention of its event


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, frozenset[str]], dict[str, list[Requirement]]]:
    """(stems by how they stand in a word, requirements by stem). A verb's stem starts its word
    (after ge-/zu-: "gekauft", "zuzukaufen"), a noun's ends it up to an ending of three letters
    (a compound's head: "Warnstreiks"), an exact form or a short leadership noun (CEO) is the word;
    "openings"/"closings" hold the first/last three letters of the start/end stems."""
    needs: dict[str, list[Requirement]] = defaultdict(list)
    shapes: dict[str, set[str]] = defaultdict(set)
    positions = _alternatives(p for p in lexicon.positions() if " " not in p)
    for (lemma, pos), rows in lexicon.triggers().items():
        for row in rows:
            required = _required(row, positions)
            if pos == "W":
                needs[lemma].append(required)
                shapes["word"].add(lemma)
                continue
            whole, split = _stems(lemma, pos)
            for stem in whole:
                needs[stem].append(required)
                shapes["start" if pos == "V" else "end"].add(stem)
            for stem, particle in split:
                needs[stem].append((*required, re.compile(rf"(?<!\w){particle}(?!\w)", re.IGNORECASE)))
                shapes["start"].add(stem)
    for position in lexicon.positions():
        if " " not in position:
            needs[position].append(("PER", "ORG"))  # a leadership noun counts next to a person and an organisation
            shapes["word" if len(position) <= 3 else "end"].add(position)
    # stems are looked for with three letters or more: a word whose first three letters begin
    # no start stem and whose last three end no end stem holds none (checked before the slicing)
    shapes["openings"] = {stem[:3] for stem in shapes["start"]}
    shapes["closings"] = {stem[-3:] for stem in shapes["end"]}
    return {kind: frozenset(stems) for kind, stems in shapes.items()}, dict(needs)


def _stems_in(word: str, shapes: dict[str, frozenset[str]]) -> list[str]:
    """The stems ``word`` (case-folded) holds in the way their kind stands in a word."""
    found = [word] if word in shapes.get("word", ()) else []
    starts, ends = shapes.get("start", frozenset()), shapes.get("end", frozenset())
    openings, closings = shapes["openings"], shapes["closings"]  # made with the stems by _table
    for prefix in ("", "ge", "zu"):
        if word.startswith(prefix):
            rest = word[len(prefix):]
            if rest[:3] in openings:
                found += [rest[:k] for k in range(3, len(rest) + 1) if rest[:k] in starts]
    for particle in lexicon.verb_forms()[1]:  # "zurückgetreten", "abzubauen": ge/zu after the particle
        if word.startswith(particle) and word[len(particle):len(particle) + 2] in ("ge", "zu"):
            rest = particle + word[len(particle) + 2:]
            if rest[:3] in openings:
                found += [rest[:k] for k in range(3, len(rest) + 1) if rest[:k] in starts]
    for ending in range(0, 4):
        core = word[:len(word) - ending] if ending else word
        if core[-3:] in closings:
            found += [core[-k:] for k in range(3, len(core) + 1) if core[-k:] in ends]
    return found


@lru_cache(maxsize=1 << 16)
def word_stems(word: str) -> tuple[str, ...]:
    """The trigger stems the lower-case ``word`` holds (:func:`_stems_in` over the one table).
    Cached: the prefilter reads every word of every sentence that names someone, and news
    repeats its words; the look-up was a fifth of the stage's time."""
    return tuple(_stems_in(word, _table()[0]))


def may_trigger(word: str) -> bool:
    """Whether the lower-case ``word`` holds the stem of a trigger or leadership noun."""
    return bool(word_stems(word))


def _alternatives(words) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)), re.IGNORECASE)


@dataclass(frozen=True)
class FigureNeed:
    """A figure of one of these kinds in the sentence (``@money``: the needed role is filled by
    a money figure of the trigger's clause)."""

    kinds: tuple[str, ...]


@dataclass(frozen=True)
class PositionAfter:
    """A leadership noun among the next ``reach`` words (``wird neuer Chef``: a role filled
    only by ``position:next``)."""

    reach: int


def _required(row: lexicon.Trigger, positions: re.Pattern) -> Requirement:
    """The needs of a trigger row that words, names and figures can show: word groups, a
    leadership noun (after the trigger, for a role only ``position:next`` fills), a name of a
    label a needed role takes, a figure of the kind a needed role takes."""
    required = []
    for group in row.needs:
        if group[0].startswith("!"):
            continue  # vetoes are checked on the tagged sentence
        if all(alt.startswith("#") for alt in group):
            required.append(group[0][1:])  # a mention of that label
        elif all(not alt.startswith(("@", "#")) for alt in group):
            required.append(_alternatives(group))
        elif group == ("@position",):
            slots = _role_slots(row.frame, "position")
            required.append(PositionAfter(POSITION_NEXT) if slots == {"position:next"} else positions)
        elif group in (("@money",), ("@figure",)):
            required.append(FigureNeed(("money",) if group == ("@money",) else ("percent", "count")))
        elif len(group) == 1 and group[0].startswith("@") and _role_labels(row.frame, group[0][1:]):
            required.append(_role_labels(row.frame, group[0][1:]))  # a name that role may take
    anyone = _role_labels(row.frame, None)
    return tuple(required) + ((anyone,) if anyone else ())


def _role_slots(frame: str, role: str) -> set[str]:
    """The slots the frame's rows for ``role`` fill it from (empty: no row fills it)."""
    return {slot for (name, _voice), rows in lexicon.frames().items() if name == frame
            for row in rows if row.role == role for slot in row.slots}


ENTITY_LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})


def _role_labels(frame: str, role: str | None) -> frozenset[str]:
    """The entity labels the frame's rows for ``role`` (any role: None) accept."""
    labels = set()
    for (name, _voice), rows in lexicon.frames().items():
        if name == frame:
            labels.update(label for row in rows if role is None or row.role == role for label in row.labels)
    if "UNION" in labels:
        labels.add("ORG")
    return frozenset(labels & ENTITY_LABELS)


def _stems(lemma: str, pos: str) -> tuple[set[str], set[tuple[str, str]]]:
    """(stems that stand for the trigger alone, (plain stem, particle) pairs of a particle verb)."""
    low = lemma.lower()  # not casefold: "ließ" must stay "ließ", as the word is read
    if pos != "V":  # "Übernahme" -> "übernahm" (Übernahmen), "Streik" stays (not "Streit")
        return {low[:-1] if low.endswith("e") and len(low) > 4 else low}, set()
    stem = low[:-2] if low.endswith("en") else low[:-1] if low.endswith("n") else low
    ablaut, particles = lexicon.verb_forms()
    whole = {stem} | {stem[:-len(tail)] + past for tail, pasts in ablaut.items() if stem.endswith(tail)
                      for past in pasts}
    split = set()
    for particle in particles:
        if stem.startswith(particle) and len(stem) - len(particle) >= 3:
            plain = stem[len(particle):]
            split.add((plain, particle))
            split.update((plain[:-len(tail)] + past, particle) for tail, pasts in ablaut.items()
                         if plain.endswith(tail) for past in pasts)
    return whole, split


@lru_cache(maxsize=1)
def _descriptor_pattern() -> re.Pattern:
    from dossier.analyse.entities.companies import descriptor_heads

    definite = "|".join(sorted(lexicon.word_classes()["definite"], key=len, reverse=True))
    heads = "|".join(re.escape(h) for h in descriptor_heads())
    return re.compile(rf"\b(?i:{definite})\s+(?:\w+\s+){{0,2}}?(?=[A-ZÄÖÜ])\w*?(?i:{heads})\b")


def descriptor_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``der Konzern``, ``das Unternehmen`` in ``text[start:end]`` as ``(start, end, "ORG")``:
    a sentence that names a company only so may still hold its event."""
    return [(m.start(), m.end(), "ORG") for m in _descriptor_pattern().finditer(text, start, end)]


def may_hold_event(text: str, spans: list[tuple[int, int]], mentions: list[tuple[int, int, str]] = (),
                   figure_kinds: set[str] | None = None) -> int | None:
    """Where the last trigger word of the sentence of token ``spans`` ends (an offset into
    ``text``) whose needs the sentence's words can meet and that has a mention near it
    (``mentions``: ``(start, end, label)``; a leadership noun needs a person and an
    organisation near it); None when there is none. ``figure_kinds``: the kinds of the
    figures of the sentence (None: not known, a figure need counts as met)."""
    needs = _table()[1]
    sentence = text[spans[0][0]:spans[-1][1]]
    last = None
    for index, (at, to) in enumerate(spans):
        stems = word_stems(text[at:to].lower())
        if not stems:
            continue
        near = {label for a, b, label in mentions if a - NEAR <= to and b + NEAR >= at}
        if near and any(all(_met(r, near, sentence, text, spans, index, figure_kinds) for r in required)
                        for stem in stems for required in needs[stem]):
            last = to
    return last


def _met(need, near: set[str], sentence: str, text: str, spans: list[tuple[int, int]], index: int,
         figure_kinds: set[str] | None) -> bool:
    if isinstance(need, str):
        return need in near
    if isinstance(need, frozenset):
        return bool(need & near)
    if isinstance(need, FigureNeed):
        return figure_kinds is None or any(kind in figure_kinds for kind in need.kinds)
    if isinstance(need, PositionAfter):
        return any(lexicon.is_position(text[a:b]) for a, b in spans[index + 1:index + 1 + need.reach])
    return bool(need.search(sentence))
