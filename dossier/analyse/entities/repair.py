"""Repairs of typical NER span errors that the whole article makes visible.

A sentence-level tagger glues and stretches spans in ways the article can
undo without guessing:

* a span across a sub-heading that lost its line break
  (``… Künstlichen Super-Intelligenz Musk schätzt``: keep ``Musk``);
* trailing lower-case words and numbers after an acronym or a name tagged alone
  elsewhere (``Tesla für``, ``GM 26``, ``Tesla 9 %``);
* a leading class noun (``Finanzdienst Bloomberg`` -> ``Bloomberg``, an organisation);
* a name cut short where the article tags the full name elsewhere
  (``zur Bank Austria (BA)`` tagged ``Austria``);
* coordinations and connectors between two names, split when one side is a
  name the model also found on its own (``Google und Facebook``,
  ``OpenAI für DeepMind``) — ``Institut für Demoskopie`` stays whole;
* a genitive name followed by a noun (``Musks Pitches`` -> ``Musks``, ``Chinas Markt`` ->
  ``Chinas``) when the bare name is tagged elsewhere in the article;
* the type of a slash partner (``DeepMind/Google``);
* the type given by a class noun right before a name (``der Finanzdienst
  Bloomberg`` is an organisation whatever the model said; word list in
  ``resources/de/entity_type_cues.tsv``).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache

from dossier.analyse.entities.names import (
    _resource_lines,
    compact_key,
    determiners,
    initials,
    is_acronym,
    name_particles,
    strip_genitive,
)
from dossier.model import Mention

CONNECTORS = ("und", "oder", "sowie", "für", "mit", "gegen", "bei", "von", "an", "als", "&")
# Below the entities stage's propagation threshold (entity_mentions.PROPAGATION_MIN_SCORE).
DOUBTFUL_SCORE = 0.45
CUE_WINDOW_RE = re.compile(r"([A-ZÄÖÜ][\w-]*)\s+$")


@cache
def type_cues() -> dict[str, str]:
    """Class-noun ending (casefolded) -> label: ``autobauer`` -> ORG, ``stadt`` -> LOC."""
    cues = {}
    for line in _resource_lines("entity_type_cues.tsv"):
        noun, _, label = line.partition("\t")
        cues[noun.strip().casefold()] = label.strip()
    return cues


def repair_mentions(text: str, mentions: list[Mention], boundaries: list[int]) -> list[Mention]:
    """Repaired copies of ``mentions``; ``boundaries`` are the end offsets of sub-headings."""
    # Pass 1 fixes each span on its own; pass 2 uses what the article then knows.
    trimmed = []
    for mention in mentions:
        if mention.text.strip() in not_names():
            continue
        m = _trim_unbalanced_bracket(text, _cut_at_boundary(text, mention, boundaries))
        m = _drop_leading_attributes(text, m)
        if m is None:
            continue
        for piece in _split_slash(text, m):
            trimmed.append((mention, _drop_trailing_words(text, piece)))
    known = Counter(compact_key(m.text) for _, m in trimmed)
    known_texts = {m.text for _, m in trimmed if " " in m.text}
    labels = _majority_labels([m for _, m in trimmed])
    repaired: list[Mention] = []
    for original, m in trimmed:
        m = _drop_known_number(text, m, known)
        m = _drop_class_noun(text, m, known)
        m = _extend_to_known(text, m, known_texts, original)
        m = _extend_to_acronym(text, m)
        for piece in _relabel_pieces(_split_connected(text, m, known), labels):
            piece = _genitive_head(text, piece, known)
            repaired.append(_cue_label(text, piece))
    return _type_from_slash_partner(text, [m for m in repaired if m.end > m.start])


SLASH_PAIR_RE = re.compile(r"[A-ZÄÖÜ][\w.&-]*(?:/[A-ZÄÖÜ][\w.&-]*)+")


def _split_slash(text: str, m: Mention) -> list[Mention]:
    """``DeepMind/Google`` tagged as one name: two names written with a slash, each a mention
    (``AC/DC`` stays whole: its pieces are too short to be names on their own)."""
    match = SLASH_PAIR_RE.fullmatch(m.text)
    if not match:
        return [m]
    pieces, start = [], m.start
    for part in m.text.split("/"):
        pieces.append(_span(text, m, start, start + len(part)))
        start += len(part) + 1
    return pieces if all(len(p.text) >= 3 for p in pieces) else [m]


@cache
def leading_lowercase() -> tuple[tuple[str, ...], frozenset[str]]:
    """(adjective endings, whole words) from ``entity_leading_lowercase.txt``."""
    lines = _resource_lines("entity_leading_lowercase.txt")
    endings = tuple(line[1:] for line in lines if line.startswith("-"))
    return endings, frozenset(line for line in lines if not line.startswith("-"))


def _is_attribute(word: str) -> bool:
    endings, words = leading_lowercase()
    if not word.isalpha() or not word.islower() or word in name_particles():
        return False
    return word in words or (len(word) >= 5 and word.endswith(endings))


def _drop_leading_attributes(text: str, m: Mention) -> Mention | None:
    """``bulgarischen Oligarchenbank KTB`` -> ``Oligarchenbank KTB`` (the class noun goes
    later); ``alias Abu Bakr`` -> ``Abu Bakr``; ``syrische`` alone -> no mention."""
    words = _words(text, m)
    while words and _is_attribute(words[0].group()):
        words = words[1:]
    if not words:
        return None
    if words[0].start() == 0:
        return m
    cut = _span(text, m, m.start + words[0].start(), m.end)
    # "syrischen Kurden" -> "Kurden": one capitalised word after an attribute is as often a
    # common noun as a name, so it is kept but not searched for again in the article.
    return replace(cut, score=min(cut.score, DOUBTFUL_SCORE)) if len(words) == 1 else cut


def _trim_unbalanced_bracket(text: str, m: Mention) -> Mention:
    """``Facebook (jetzt Meta``: a span that opens a bracket it does not close ends before it."""
    cut = m.text.find("(")
    if cut > 0 and ")" not in m.text[cut:]:
        return _span(text, m, m.start, m.start + len(m.text[:cut].rstrip()))
    return m


def _type_from_slash_partner(text: str, mentions: list[Mention]) -> list[Mention]:
    """``DeepMind/Google``: a MISC name written with a slash next to a typed one takes its type."""
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    out = []
    for m in mentions:
        if m.label == "MISC":
            after = by_start.get(m.end + 1) if text[m.end:m.end + 1] == "/" else None
            before = by_end.get(m.start - 1) if m.start and text[m.start - 1] == "/" else None
            partner = next((p for p in (after, before) if p is not None and p.label != "MISC"), None)
            if partner is not None:
                m = replace(m, label=partner.label)
        out.append(m)
    return out


def _drop_known_number(text: str, m: Mention, known: Counter) -> Mention:
    """``Tesla 9 %``: a trailing number after a name the article tags alone elsewhere
    (``Schalke 04`` or ``Model 3`` stay, their first word is not tagged alone)."""
    words = _words(text, m)
    if len(words) > 1 and words[-1].group().isdigit():
        head = text[m.start:m.start + words[-2].end()]
        if known[compact_key(head)]:
            return _span(text, m, m.start, m.start + words[-2].end())
    return m


def _drop_class_noun(text: str, m: Mention, known: Counter) -> Mention:
    """``Finanzdienst Bloomberg`` tagged as one name: the class noun goes, and gives the type.
    Only a compound class noun (``Finanzdienst``), or a plain one before a name the article
    tags alone more often than with it (``Autobauer Tesla``) — ``Bank Austria`` keeps its ``Bank``."""
    words = _words(text, m)
    if len(words) < 2:
        return m
    first = words[0].group().casefold()
    rest_start = m.start + words[1].start()
    rest_known = known[compact_key(text[rest_start:m.end])] > known[compact_key(m.text)]
    for ending, label in type_cues().items():
        if first.endswith(ending) and (len(first) > len(ending) or rest_known):
            return replace(_span(text, m, rest_start, m.end), label=label)
    return m


@cache
def not_names() -> frozenset[str]:
    """Words a tagger likes to label but that never name an entity here (currencies)."""
    return frozenset(_resource_lines("entity_not_names.txt"))


def _majority_labels(mentions: list[Mention]) -> dict[str, str]:
    votes: dict[str, Counter] = {}
    for m in mentions:
        votes.setdefault(compact_key(m.text), Counter())[m.label] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _span(text: str, m: Mention, start: int, end: int) -> Mention:
    return replace(m, start=start, end=end, text=text[start:end])


def _cut_at_boundary(text: str, m: Mention, boundaries: list[int]) -> Mention:
    for boundary in boundaries:
        if m.start < boundary < m.end:
            start = boundary
            while start < m.end and text[start].isspace():
                start += 1
            if start < m.end:
                return _span(text, m, start, m.end)
            return _span(text, m, m.start, boundary)
    return m


def _extend_to_known(text: str, m: Mention, known_texts: set[str], original: Mention) -> Mention:
    """``zur Bank Austria (BA)`` tagged as ``Austria``: take the neighbouring word back
    when the longer name is tagged elsewhere in the article (never what a repair above
    has just cut off)."""
    candidates = []
    before = re.search(r"(\S+) $", text[max(0, m.start - 40):m.start])
    if before and f"{before.group(1)} {m.text}" in known_texts:
        candidates.append((m.start - len(before.group(1)) - 1, m.end))
    after = re.match(r" (\S+)", text[m.end:m.end + 40])
    if after and f"{m.text} {after.group(1)}" in known_texts:
        candidates.append((m.start, m.end + 1 + len(after.group(1))))
    for start, end in candidates:
        if not (original.start <= start and end <= original.end):
            return _span(text, m, start, end)
    return m


ACRONYM_AFTER_RE = re.compile(r"\s*\(\s*([A-ZÄÖÜ]{2,6})\s*\)")
WORD_BEFORE_RE = re.compile(r"([\w-]+)\s+$")


def _extend_to_acronym(text: str, m: Mention) -> Mention:
    """``die Internet Watch Foundation (IWF)`` tagged as ``Watch Foundation``: the acronym
    after it spells out more words than the span holds, and the words before it supply the
    missing initials (``Verband Österreichischer Zeitungen (VÖZ)``, ``Liberation Tigers of
    Tamil Eelam (LTTE)``: short lower-case words in between are skipped). Without this the
    acronym counts as unexplained, and links across articles to another ``IWF``."""
    match = ACRONYM_AFTER_RE.match(text, m.end)
    own = initials(m.text)
    if match is None or not own or own == match.group(1) or not match.group(1).endswith(own):
        return m
    missing = list(match.group(1)[: -len(own)])
    pos = start = m.start
    while missing:
        word = WORD_BEFORE_RE.search(text[max(0, pos - 60):pos])
        if word is None:
            return m
        token, pos = word.group(1), pos - len(word.group(0))
        if token[:1].isupper() and token.casefold() not in determiners() \
                and compact_key(token)[:1] == compact_key(missing[-1])[:1]:
            missing.pop()
            start = pos
        elif not (token.islower() and len(token) <= 3):
            return m
    return _span(text, m, start, m.end)


WORD_RE = re.compile(r"\S+")


def _words(text: str, m: Mention) -> list[re.Match]:
    return list(WORD_RE.finditer(text[m.start:m.end]))


def _drop_trailing_words(text: str, m: Mention) -> Mention:
    words = _words(text, m)
    while len(words) > 1:
        last = words[-1].group()
        head = text[m.start:m.start + words[-2].end()]
        if last[:1].islower() or (last.isdigit() and is_acronym(head)):
            words = words[:-1]
        else:
            break
    return _span(text, m, m.start, m.start + words[-1].end()) if words else m


def _split_connected(text: str, m: Mention, known: Counter) -> list[Mention]:
    words = _words(text, m)
    for i, word in enumerate(words[1:-1], 1):
        if word.group() not in CONNECTORS:
            continue
        left = _span(text, m, m.start, m.start + words[i - 1].end())
        right = _span(text, m, m.start + words[i + 1].start(), m.end)
        if not (left.text[:1].isupper() and right.text[:1].isupper()):
            continue
        if known[compact_key(left.text)] or known[compact_key(right.text)]:
            return [left, *_split_connected(text, right, known)]
    return [m]


def _relabel_pieces(pieces: list[Mention], labels: dict[str, str]) -> list[Mention]:
    """Split pieces take the label the model gave the same name elsewhere; a piece the
    model never saw alone takes the most specific of its partners' labels and the label
    of the whole span (coordinated names usually share a type; MISC is the least telling)."""
    if len(pieces) < 2:
        return pieces
    seen = [labels.get(compact_key(p.text)) for p in pieces]
    candidates = [label for label in [*seen, pieces[0].label] if label]
    fallback = next((label for label in candidates if label != "MISC"), candidates[0])
    return [replace(p, label=label or fallback) for p, label in zip(pieces, seen)]


def _genitive_head(text: str, m: Mention, known: Counter) -> Mention:
    words = _words(text, m)
    if len(words) < 2:
        return m
    first = words[0].group()
    if strip_genitive(first, frozenset(k for k in known if known[k])) != first:
        return _span(text, m, m.start, m.start + words[0].end())
    return m


def _cue_label(text: str, m: Mention) -> Mention:
    if " " in m.text.strip() and m.label == "PER":
        return m  # a full person name outranks a class noun
    before = CUE_WINDOW_RE.search(text, max(0, m.start - 40), m.start)
    if before is None:
        return m
    noun = before.group(1).casefold()
    stems = {noun, noun.removesuffix("s"), noun[:-2] if noun.endswith(("es", "en")) else noun}
    for ending, label in type_cues().items():
        if any(stem.endswith(ending) for stem in stems):
            return replace(m, label=label)
    return m
