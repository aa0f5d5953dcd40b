"""Trigger words: which time patterns can match a text at all, found with one cheap search each.

Most time patterns find nothing in most articles (93 % of article x pattern pairs), yet a
case-insensitive pattern that starts with a lookbehind makes ``re`` try it at every position
of the text. Every match of a pattern contains one of a few literal strings the pattern
requires (``@MONTH@ \\d{4}`` needs a month name), so when the text contains none of them the
pattern cannot match and is not run.

The trigger words are derived from each pattern itself (:func:`required_literals`), never
written by hand, so they cannot drift from ``time_patterns.tsv``; a pattern with no usable
required literal (``\\d{1,2}\\.\\d{1,2}\\.``) has no trigger and always runs. The test is a
necessary condition only, so the candidates found are exactly those of running every pattern.
"""
from __future__ import annotations

from re import _casefix
from re import _constants as C
from re import _parser

import ahocorasick

# Shortest literal worth looking for: a shorter one ("." or "e") is in every text.
MIN_TRIGGER_LENGTH = 2
# Largest set of strings followed through an alternation of literals.
MAX_STRINGS = 2000
# Characters whose full lower case (str.lower) is longer than the simple one ``re`` compares
# with: U+0130 is "i" plus a combining dot for str.lower but "i" for case-insensitive ``re``.
SIMPLE_LOWER = str.maketrans({"\u0130": "i"})
# Letters ``re`` equates beyond their lower case ("ſ" and "s", "µ" and "μ"): one representative.
_CANONICAL = {other: min(code, *others) for code, others in _casefix._EXTRA_CASES.items()
              for other in (code, *others)}
CASE_CLASS = str.maketrans({code: rep for code, rep in _CANONICAL.items() if code != rep})

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def fold(text: str) -> str:
    """``text`` with every letter replaced by the one ``re.IGNORECASE`` treats it as equal to,
    so two strings that match case-insensitively are equal after folding."""
    return text.translate(SIMPLE_LOWER).lower().translate(CASE_CLASS)


def requirements(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Sets of folded literals such that every match of ``pattern`` contains a literal of each
    set (empty: the pattern requires no literal of at least ``MIN_TRIGGER_LENGTH`` characters)."""
    found = _sequence(_parser.parse(pattern, flags).data)
    return tuple(frozenset(map(fold, needed)) for needed in found if min(map(len, needed)) >= MIN_TRIGGER_LENGTH)


def _data(pattern) -> list:
    return pattern.data if hasattr(pattern, "data") else pattern


def _sequence(items) -> list[frozenset[str]]:
    """What every match of the sequence contains: the strings of each run of items that
    match a known, finite set of strings (literals and alternations of literals, joined:
    "jahr(?:es|)" is {"jahres", "jahr"}), and what its other required items contain;
    optional and zero-width items add nothing."""
    required: list[frozenset[str]] = []
    run: frozenset[str] | None = None  # the strings the current run of exact items matches
    for op, av in items:
        strings = _exact(op, av)
        if strings is not None and run is not None and len(run) * len(strings) <= MAX_STRINGS:
            run = frozenset(a + b for a in run for b in strings)
            continue
        if run is not None and "" not in run:
            required.append(run)
        run = strings
        if op is C.ASSERT:  # "(?=\\s*Uhr)": not in the match, but in the text
            required.extend(_sequence(_data(av[1])))
        elif strings is None:
            required.extend(_item(op, av))
    if run is not None and "" not in run:
        required.append(run)
    return required


def _exact(op, av) -> frozenset[str] | None:
    """The finite set of strings an item matches, or None (a character class, a repeat ...)."""
    if op is C.LITERAL:
        return frozenset([chr(av)])
    if op is C.IN and all(member is C.LITERAL for member, _ in av):  # "ju[nl]", as re writes "ju(?:n|l)"
        return frozenset(chr(code) for _, code in av)
    if op in _ZERO_WIDTH:
        return frozenset([""])
    if op is C.SUBPATTERN:
        return _exact_sequence(_data(av[3]))
    if op in _REPEATS and av[0] == 0 and av[1] == 1:
        body = _exact_sequence(_data(av[2]))
        return None if body is None else body | {""}
    if op is C.BRANCH:
        alternatives = [_exact_sequence(_data(alt)) for alt in av[1]]
        if any(alt is None for alt in alternatives) or sum(map(len, alternatives)) > MAX_STRINGS:
            return None
        return frozenset().union(*alternatives)
    return None


def _exact_sequence(items) -> frozenset[str] | None:
    strings = frozenset([""])
    for op, av in items:
        item = _exact(op, av)
        if item is None or len(strings) * len(item) > MAX_STRINGS:
            return None
        strings = frozenset(a + b for a in strings for b in item)
    return strings


def _selectivity(literals: frozenset[str]) -> tuple[int, int]:
    return min(map(len, literals)), -len(literals)  # longer words first, then fewer


def _item(op, av) -> list[frozenset[str]]:
    if op is C.SUBPATTERN:
        return _sequence(_data(av[3]))
    if op is C.ATOMIC_GROUP:
        return _sequence(_data(av))
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(_data(body)) if low >= 1 else []
    if op is C.BRANCH:  # one of the alternatives' words: the most selective set of each
        alternatives = [_sequence(_data(alt)) for alt in av[1]]
        if not all(alternatives):
            return []  # an alternative without a required word (or an empty one)
        return [frozenset().union(*(max(alt, key=_selectivity) for alt in alternatives))]
    return []  # character classes, any character, back references: no literal


def starts_with_digit(pattern: str, flags: int = 0) -> bool:
    """Whether every match of ``pattern`` is non-empty and begins with a decimal digit (``\\d``):
    such a pattern needs to be tried only where a number starts."""
    parsed = _parser.parse(pattern, flags)
    return parsed.getwidth()[0] > 0 and _first_is_digit(parsed.data) is True


def _first_is_digit(items) -> bool | None:
    """True: the sequence's first character is a digit; False: not always; None: it may be empty."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is C.IN:
            return all(_is_digit_member(member, value) for member, value in av)
        if op is C.LITERAL:
            return chr(av).isdecimal()
        if op in (C.SUBPATTERN, C.ATOMIC_GROUP) or op in _REPEATS or op is C.BRANCH:
            first = _first_of_item(op, av)
            if first is not None:
                return first
            continue  # an item that may be empty: the next one may begin the match
        return False
    return None


def _first_of_item(op, av) -> bool | None:
    if op is C.SUBPATTERN:
        return _first_is_digit(_data(av[3]))
    if op is C.ATOMIC_GROUP:
        return _first_is_digit(_data(av))
    if op in _REPEATS:
        first = _first_is_digit(_data(av[2]))
        return first if av[0] >= 1 or first is False else None
    alternatives = [_first_is_digit(_data(alt)) for alt in av[1]]
    if False in alternatives:
        return False
    return None if None in alternatives else True


def _is_digit_member(member, value) -> bool:
    if member is C.CATEGORY:
        return value is C.CATEGORY_DIGIT
    if member is C.LITERAL:
        return chr(value).isdecimal()
    if member is C.RANGE:
        return all(chr(code).isdecimal() for code in range(value[0], value[1] + 1))
    return False


class Prefilter:
    """Which of a list of patterns can match a text: one Aho-Corasick pass over the folded
    text finds every required literal of every pattern at once."""

    def __init__(self, patterns: list[str], flags: int = 0):
        self.needs = [requirements(pattern, flags) for pattern in patterns]
        self.automaton = ahocorasick.Automaton()
        for literal in {literal for needs in self.needs for needed in needs for literal in needed}:
            self.automaton.add_word(literal, literal)
        if len(self.automaton):
            self.automaton.make_automaton()

    def can_match(self, text: str) -> list[bool]:
        """For each pattern: False when the text lacks all literals of one of its requirements."""
        present = {literal for _end, literal in self.automaton.iter(fold(text))} if len(self.automaton) else set()
        return [all(not needed.isdisjoint(present) for needed in needs) for needs in self.needs]
