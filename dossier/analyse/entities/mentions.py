"""Mention clean-up and the mentions the entities stage adds to the NER output.

The NER model sees one sentence at a time; the entities stage sees the whole
article and can add what follows from it:

* trimming: a leading determiner or role noun does not belong to a name
  (``Der X-Chef`` -> the role, ``X-CEO Linda Yaccarino`` -> ``Linda Yaccarino``);
* parenthetical aliases: ``X (Twitter)``, ``Facebook (jetzt Meta)`` — both
  sides become mentions and are paired;
* compounds: the organisation in ``Tesla-Chef``/``US-Präsidenten``;
* propagation: a name the model found once is found again where the model
  missed it (``OpenAI`` also matches ``Open AI``), as a compound part too.

Every mention returned here satisfies ``text[start:end] == mention.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Iterator

from dossier.analyse.entities.names import (
    compact_key,
    determiners,
    first_names,
    gazetteer,
    generic_role_prefixes,
    initials,
    is_acronym,
    name_tokens,
    split_role,
    titles,
)
from dossier.model import LABELS, Mention

PAREN_RE = re.compile(
    r"\s*\(\s*(?:(?P<marker>jetzt|heute|nun|inzwischen|mittlerweile|ehemals|früher|vormals|zuvor|einst|"
    r"ehem\.|vorher)\s+)?(?P<inner>[^()\n]{1,60}?)\s*\)"
)
ALIAS_LABELS = {"ORG", "MISC"}
# Names the model found with less confidence than this are not searched for again:
# a doubtful tag should not multiply through the article.
PROPAGATION_MIN_SCORE = 0.5
CURRENT_NAME_MARKERS = {"jetzt", "heute", "nun", "inzwischen", "mittlerweile"}
NAMEISH_RE = re.compile(r"(?:[A-ZÄÖÜ0-9][\w.&'’-]*)(?:\s+[A-ZÄÖÜ0-9][\w.&'’-]*){0,3}")
OUTER_NAME_RE = re.compile(r"([A-ZÄÖÜ][\w&.-]*)\s*\(\s*$")
WORD_RE = re.compile(r"\S+")
TRAILING_JUNK = " \t\n.,;:!?\"'„“”»«()[]"


@dataclass(frozen=True)
class AliasPair:
    """Two mentions of one entity introduced as ``outer (inner)``; ``preferred`` is the current name."""

    outer: tuple[int, int]
    inner: tuple[int, int]
    preferred: str  # "outer" or "inner"


def prepare_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Copies of the NER mentions, trimmed, with role compounds split, duplicates dropped."""
    prepared: dict[tuple[int, int], Mention] = {}
    for mention in mentions:
        for m in _split_role_compound(text, _trim(text, mention)):
            if m.label not in LABELS:
                m = replace(m, label="MISC")
            if _is_bare_role(m):
                continue  # "Bundeskanzler" tagged ORG: a role, read by the role rules instead
            if any(ch.isalnum() for ch in m.text) and (m.start, m.end) not in prepared:
                prepared[(m.start, m.end)] = m
    return sorted(prepared.values(), key=lambda m: (m.start, -m.end))


def _is_bare_role(m: Mention) -> bool:
    """One role noun (``Bundespräsidenten``, ``Kontoinhaber``) tagged as a place or an
    organisation. Persons keep theirs: ``Richter`` and ``Fischer`` are surnames too."""
    return (m.label != "PER" and " " not in m.text and "-" not in m.text and m.text[:1].isupper()
            and split_role(m.text) is not None)


def _trim(text: str, mention: Mention) -> Mention:
    start, end = mention.start, mention.end
    while end > start and text[end - 1] in TRAILING_JUNK:
        end -= 1
    while start < end and text[start] in TRAILING_JUNK:
        start += 1
    words = list(WORD_RE.finditer(text[start:end]))
    # "Der X-Chef", "X-CEO Linda Yaccarino", "Dr. Angela Merkel": drop leading determiners and,
    # before a person's name, leading role nouns and titles (roles become roles, not names).
    while len(words) > 1:
        first = words[0].group()
        if first.casefold() in determiners() or (mention.label == "PER" and (split_role(first)
                                                                           or first.casefold() in titles())):
            start += words[1].start() - words[0].start()
            words = words[1:]
        else:
            break
    return replace(mention, start=start, end=end, text=text[start:end], entity=None)


def _split_role_compound(text: str, mention: Mention) -> list[Mention]:
    """A mention ``Tesla-Chef`` stands for the chef; keep only its organisation part."""
    if " " in mention.text or "-" not in mention.text:
        return [mention]
    split = split_role(mention.text)
    if split is None or not mention.text.startswith(split[0] + "-"):
        return [mention]
    prefix = split[0]
    if prefix.casefold() in generic_role_prefixes() or not prefix[:1].isupper():
        return []
    label = gazetteer().get(prefix) or (mention.label if mention.label != "PER" else "ORG")
    end = mention.start + len(prefix)
    return [Mention(mention.start, end, text[mention.start:end], label, None, mention.score, True)]


def parenthetical_aliases(text: str, mentions: list[Mention]) -> tuple[list[Mention], list[AliasPair]]:
    """Pairs ``outer (inner)`` around existing mentions; creates the missing side.

    Only organisations and other names take aliases this way: after a person the
    brackets hold a party, an age or an actor (``Angela Merkel (CDU)``, ``Kane (77.)``),
    after a place its region (``Chemnitz (Sachsen)``). A side the model did not tag is
    created only when it looks like a name and not like a German noun: an acronym, a
    single capital letter, a camel-case word, or anything after ``jetzt``/``heute``."""
    by_span = {(m.start, m.end): m for m in mentions}
    starts = {m.start: m for m in mentions}
    added: list[Mention] = []
    pairs: list[AliasPair] = []
    for m in mentions:
        if m.inside or m.label not in ALIAS_LABELS:
            continue
        match = PAREN_RE.match(text, m.end)
        if match and _is_affiliation(m.text, match.group("inner")):
            continue
        if match:
            renamed = (match.group("marker") or "").casefold() in CURRENT_NAME_MARKERS
            inner = _span_mention(text, match.start("inner"), match.end("inner"), m.label, starts, by_span, renamed)
            if inner is not None:
                if (inner.start, inner.end) not in by_span:
                    added.append(inner)
                    by_span[(inner.start, inner.end)] = inner
                pairs.append(AliasPair((m.start, m.end), (inner.start, inner.end), "inner" if renamed else "outer"))
                continue
        outer = _outer_for_inner(text, m, by_span)
        if outer is not None:
            added.append(outer)
            by_span[(outer.start, outer.end)] = outer
            pairs.append(AliasPair((outer.start, outer.end), (m.start, m.end), "outer"))
    return added, pairs


def _is_affiliation(outer: str, inner: str) -> bool:
    """``Thomas Steiner (ÖVP)``, ``HansNiessl (SPÖ)`` (a person the model typed ORG),
    ``HC Litvinov (CZE)``: brackets after a person hold the party, after a team its country
    code — not another name. A person shows by a first name (glued to the surname or not)."""
    inner = inner.strip()
    if not is_acronym(inner) or initials(outer) == inner:
        return False
    if inner in country_codes() and compact_key(inner)[:1] != compact_key(outer)[:1]:
        return True
    for token in name_tokens(outer):
        for part in re.split(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ])", token):
            if compact_key(part) in first_names():
                return True
    return False


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166 three-letter codes (``AUT``, ``CZE``), as sports results print them."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def looks_like_a_name(word: str) -> bool:
    """``X``, ``GM``, ``OpenAI``, ``X.AI`` — but not ``Samstagsausgabe`` or ``77.``."""
    if not word[:1].isupper():
        return False
    if "-" in word:  # "Sonntag-Ausgabe" is a German compound; "Coca-Cola" must be tagged by the model
        return any(looks_like_a_name(part) for part in word.split("-") if part)
    return len(word) == 1 or word.isupper() or any(ch.isupper() or ch.isdigit() for ch in word[1:])


def _span_mention(text, start, end, label, starts, by_span, renamed: bool) -> Mention | None:
    found = by_span.get((start, end))
    if found is None and start in starts and starts[start].end >= end:
        found = starts[start]
    if found is not None:
        return found if found.label in ALIAS_LABELS else None
    inner = text[start:end]
    if NAMEISH_RE.fullmatch(inner) and (renamed or (looks_like_a_name(inner) and len(inner) > 1)):
        return Mention(start, end, inner, label, None, 0.8)
    return None


def _outer_for_inner(text: str, m: Mention, by_span: dict) -> Mention | None:
    """``X (Twitter)`` where only ``Twitter`` was found: the name-like word before the bracket."""
    # The search reads the whole text before the mention: only where a bracket opens right before it.
    before = OUTER_NAME_RE.search(text, 0, m.start) if text[:m.start].rstrip().endswith("(") else None
    if before is None or not re.match(r"\s*\)", text[m.end:]):
        return None
    start, end = before.start(1), before.end(1)
    word = text[start:end]
    # A compound before an acronym it starts like is its expansion: "Kraftfahrt-Bundesamt (KBA)".
    spelt_out = "-" in word and is_acronym(m.text) and compact_key(word)[:1] == compact_key(m.text)[:1]
    if (start, end) in by_span or any(s < end and start < e for s, e in by_span) or not (
            looks_like_a_name(word) or spelt_out):
        return None
    if _is_affiliation(word, m.text):
        return None
    return Mention(start, end, word, m.label, None, 0.8)


def compound_mentions(text: str, mentions: list[Mention], role_orgs: list[tuple[int, int, str]]) -> list[Mention]:
    """Organisation parts of role compounds (``Disney`` in ``Disney-Chef``) not yet found."""
    taken = {(m.start, m.end) for m in mentions}
    labels = _labels_by_key(mentions)
    added = []
    for start, end, name in role_orgs:
        if (start, end) in taken:
            continue
        label = labels.get(compact_key(name)) or gazetteer().get(name) or "ORG"
        added.append(Mention(start, end, text[start:end], label, None, 0.7, True))
        taken.add((start, end))
    return added


CUE_NAME_RE = re.compile(r"\b([A-ZÄÖÜ][\w-]*[a-zäöüß])\s+(?=([A-ZÄÖÜ][\w.&]*))")


def cue_mentions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names the model missed right after a class noun: ``Der Kurznachrichtendienst X``,
    ``der Autobauer BYD``. Only name-like words (acronyms, one capital, camel case) — a
    class noun before an ordinary capitalised noun is just German."""
    from dossier.analyse.entities.repair import type_cues

    covered = [(m.start, m.end) for m in mentions]
    added = []
    for match in CUE_NAME_RE.finditer(text):
        noun, name = match.group(1).casefold(), match.group(2).rstrip(".")
        start, end = match.start(2), match.start(2) + len(name)
        if not looks_like_a_name(name) or _overlaps(covered, start, end) or text[end:end + 1] == "-":
            continue
        label = next((lb for ending, lb in type_cues().items() if noun.endswith(ending)), None)
        if label:
            added.append(Mention(start, end, name, label, None, 0.6))
            covered.append((start, end))
    return added


def propagate_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Further occurrences of names found in this article, where no mention covers them."""
    labels = _labels_by_key(mentions)
    names = _propagatable_names(mentions)
    covered = sorted((m.start, m.end) for m in mentions)
    added: list[Mention] = []
    for name in sorted(names, key=len, reverse=True):
        for start, end in find_name(text, name):
            if _overlaps(covered, start, end):
                continue
            inside = text[end:end + 1] == "-"
            label = labels.get(compact_key(name), "MISC")
            added.append(Mention(start, end, text[start:end], label, None, 0.7, inside))
            covered.append((start, end))
            covered.sort()
    return added


def _propagatable_names(mentions: list[Mention]) -> set[str]:
    names = set()
    for m in mentions:
        if m.inside or m.score < PROPAGATION_MIN_SCORE:
            continue
        tokens = name_tokens(m.text)
        names.add(m.text)
        if m.label == "PER" and len(tokens) > 1:
            names.add(tokens[-1])  # surnames: "Musk" after "Elon Musk"
    return {n for n in names if len(n) > 1 or n.isupper()}


CAMEL_JOINT_RE = re.compile(r"(?<=[a-zäöü])(?=[A-ZÄÖÜ])")
NAME_START_RE = re.compile(r"(?<![\w-])")               # not inside a word or after a hyphen
NAME_END_RE = re.compile(r"(?:s|’|')?(?![\w])(?!\.\w)")  # a genitive may follow; "X" is not "X.AI"


def find_name(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Spans of ``name`` in ``text``, left to right, not overlapping: as a whole word, with a
    genitive ``-s``/``’``/``'`` it may carry, and ``OpenAI`` also as ``Open AI``.

    The same matches as one regular expression per name would find (the name's camel-case parts
    joined by an optional white space, between NAME_START_RE and NAME_END_RE), but found with
    ``str.find`` and patterns compiled once: an article brings a dozen names never seen before,
    and compiling a pattern for each cost more than all the rest of the name propagation."""
    first, *rest = _camel_parts(name)
    at = text.find(first)
    while at >= 0:
        end = _match_rest(text, at + len(first), rest) if NAME_START_RE.match(text, at) else None
        tail = NAME_END_RE.match(text, end) if end is not None else None
        if tail is None:
            at = text.find(first, at + 1)
            continue
        yield at, tail.end()
        at = text.find(first, tail.end())


@lru_cache(maxsize=8192)
def _camel_parts(name: str) -> tuple[str, ...]:
    return tuple(CAMEL_JOINT_RE.split(name))


def _match_rest(text: str, at: int, parts: list[str]) -> int | None:
    """Where ``parts`` end when they follow ``at``, each after one optional white-space
    character; None when they do not (a part starts with a capital, so at most one reading)."""
    for part in parts:
        if text[at:at + 1].isspace() and text.startswith(part, at + 1):
            at += 1 + len(part)
        elif text.startswith(part, at):
            at += len(part)
        else:
            return None
    return at


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _labels_by_key(mentions: list[Mention]) -> dict[str, str]:
    votes: dict[str, dict[str, int]] = {}
    for m in mentions:
        key = compact_key(m.text)
        votes.setdefault(key, {}).setdefault(m.label, 0)
        votes[key][m.label] += 1
        if m.label == "PER" and " " in m.text.strip():
            last = compact_key(name_tokens(m.text)[-1])
            votes.setdefault(last, {}).setdefault("PER", 0)
            votes[last]["PER"] += 1
    return {key: max(v, key=v.get) for key, v in votes.items()}
