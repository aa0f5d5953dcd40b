"""Find candidate time expressions with the patterns of ``time_patterns.tsv``.

Every pattern yields candidates; a few checks that need the surrounding text
(is ``2015`` a year here? is ``Morgen`` the morning or tomorrow?) drop the
doubtful ones; then the longest non-overlapping candidates win, and a date
directly followed by a clock time is joined into one expression.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from dossier.analyse.times import lexicon
from dossier.analyse.times.prefilter import Prefilter, starts_with_digit
from dossier.errors import ModelError

MACRO = re.compile(r"@([A-Z_]+)@")
WORD_BEFORE = re.compile(r"([\w.]+)\W*$")
WORD_AFTER = re.compile(r"^\W*?(\w+)")
# Kinds that name a calendar day (or a set of days) a clock time can attach to.
DAY_KINDS = ("date", "weekday", "deictic", "holiday", "set", "daypart")
# "11. November 11 Uhr", "8. Mai, 23:01 Uhr" are one expression; "am 1. September um 4:45 Uhr"
# is two in TIMEX2 practice (WikiWarsDE), so "um" does not join.
TIME_JOINER = re.compile(r"^\s*,?\s*$")
SET_TIME_JOINER = re.compile(r"^\s*,?\s*(?:um|gegen|ab)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Pattern:
    name: str
    kind: str
    regex: re.Pattern
    starts_with_digit: bool = False  # every match begins with a digit: tried only where numbers start


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    pattern: str
    groups: dict[str, str]
    parts: list[Candidate] = field(default_factory=list)  # a joined date + time

    @property
    def length(self) -> int:
        return self.end - self.start


def _compile(name: str, kind: str, template: str, table: dict[str, str]) -> Pattern:
    where = str(lexicon.RESOURCES / "time_patterns.tsv")

    def expand(match: re.Match) -> str:
        if match.group(1) not in table:
            raise ModelError(f"unknown macro @{match.group(1)}@ in time pattern {name!r}", location=where)
        return table[match.group(1)]

    source = r"(?<![\w])" + MACRO.sub(expand, template)
    try:
        return Pattern(name, kind, re.compile(source, re.IGNORECASE), starts_with_digit(source, re.IGNORECASE))
    except re.error as exc:
        raise ModelError(f"time pattern {name!r} does not compile: {exc}", location=where,
                         hint="fix the regular expression") from exc


@lru_cache(maxsize=1)
def load_patterns() -> tuple[Pattern, ...]:
    table = lexicon.macros()
    rows = lexicon.read_table("time_patterns.tsv", 3)
    return tuple(_compile(row[0], row[1], "\t".join(row[2:]), table) for row in rows)


def word_before(text: str, start: int) -> str:
    match = WORD_BEFORE.search(text[max(0, start - 40):start])
    return match.group(1).lower() if match else ""


def word_after(text: str, end: int) -> str:
    match = WORD_AFTER.search(text[end:end + 40])
    return match.group(1) if match else ""


def _plausible_year(text: str, cand: Candidate) -> bool:
    """A bare four-digit number is a year only in a plausible range and context."""
    year = int(cand.groups["year"])
    if not 1000 <= year <= 2100:
        return False
    lex = lexicon.load()
    before = word_before(text, cand.start)
    if before in lex.words_with_role("block"):
        return False
    previous_char = text[cand.start - 1:cand.start]
    next_text = text[cand.end:cand.end + 6]
    if previous_char in ("-", "–", "/"):
        # the second year of a range "1951-1953", "1940/1941"; not "24/2015" or "3-2015"
        return re.search(r"(?<!\d)\d{4}$", text[max(0, cand.start - 6):cand.start - 1]) is not None
    if next_text[:1] in ("-", "–", "/"):
        return re.match(r"[-–/](?:\d{4}|\d{2})(?!\d)", next_text) is not None or not next_text[1:2].isdigit()
    after = word_after(text, cand.end)
    if after.lower() in lex.words_with_role("count_after"):
        return False
    if before in lex.words_with_role("cue"):
        return True
    # "1500 Soldaten", "2000 Euro": a capitalised noun right after marks a count.
    following = text[cand.end:cand.end + 2]
    if after and after[0].isupper() and following[:1] == " ":
        return after.lower() in lex.months or after.lower() in lex.seasons
    return not re.match(r"\s+\d", text[cand.end:cand.end + 2])  # "2015 2016" is a list of numbers


def _glued_to_a_number(text: str, cand: Candidate) -> bool:
    """"1.000 Jahre" is 1000 years, not 000; "7:57 Minuten" is a clock-like duration."""
    before = text[max(0, cand.start - 2):cand.start]
    if before[-1:].isdigit():
        return True
    return len(before) == 2 and before[0].isdigit() and before[1] in ".,:"


def _morning_not_tomorrow(text: str, cand: Candidate, lex: lexicon.Lexicon) -> bool:
    """"am Morgen", "jeden Morgen" are the morning, not tomorrow."""
    if cand.groups.get("deictic", "").lower() != "morgen":
        return False
    cues = set(lex.words_with_role("daypart_cue")) | {"jeden", "guten", "heute", "gestern"}
    return word_before(text, cand.start) in cues


def _bare_daypart_without_cue(text: str, cand: Candidate, lex: lexicon.Lexicon) -> bool:
    """"Nacht der langen Messer": a bare "Nacht", "Abend" needs "am", "in der", "gegen" … before it."""
    groups = cand.groups
    if cand.pattern != "daypart" or any(groups.get(k) for k in ("day", "dtref", "dtsame", "dpshift")):
        return False
    cues = lex.words_with_role("daypart_cue")
    first = text[cand.start:cand.end].split()[0].lower()
    return first not in cues and word_before(text, cand.start) not in cues


def _month_is_a_name(text: str, cand: Candidate, lex: lexicon.Lexicon) -> bool:
    """"August Bebel": a bare month name before a capitalised word, with no cue before it."""
    if cand.pattern != "month" or cand.groups.get("position"):
        return False
    after, before = word_after(text, cand.end), word_before(text, cand.start)
    name_like = after[:1].isupper() and text[cand.end:cand.end + 1] == " " and after.lower() not in lex.units
    return name_like and before not in lex.words_with_role("cue") and before not in ("anfang", "ende", "mitte", "beginn", "monat")


def _amount_of_change(text: str, cand: Candidate, lex: lexicon.Lexicon) -> bool:
    """"stieg um 5", "erhöhte sich um 3": a difference, not five o'clock."""
    words = re.findall(r"\w+", text[max(0, cand.start - 60):cand.start].lower())[-6:]
    return any(word in lex.words_with_role("change_word") for word in words)


def _plausible(text: str, cand: Candidate) -> bool:
    lex = lexicon.load()
    groups = cand.groups
    if _glued_to_a_number(text, cand):
        return False
    if cand.pattern == "num_dm" and word_before(text, cand.start) not in lex.words_with_role("numeric_date_cue"):
        return False  # "Android 5.1." is a version number; a bare day.month. needs "am", "bis" …
    if cand.kind == "year":
        return _plausible_year(text, cand)
    if cand.kind == "shortyear":
        # "um 449", "seit 480" in a story before Christ; the resolver drops it otherwise
        after = word_after(text, cand.end)
        cues = set(lex.words_with_role("cue")) | {"um", "nach", "vor"}
        return (word_before(text, cand.start) in cues
                and not after[:1].isupper() and after.lower() not in lex.units
                and after.lower() not in lex.words_with_role("count_after"))
    if _morning_not_tomorrow(text, cand, lex) or _bare_daypart_without_cue(text, cand, lex):
        return False
    if _month_is_a_name(text, cand, lex):
        return False
    if cand.pattern == "set_weekday" and word_before(text, cand.start) in ("des", "eines"):
        return False  # "im Laufe des Donnerstags" is one Thursday, not every Thursday
    if cand.pattern == "time_after_um" and _amount_of_change(text, cand, lex):
        return False
    if cand.kind == "timerange" and not any(groups.get(k) for k in ("uhr", "m1", "m2", "dp1", "dp2")):
        return False  # "von 5 bis 6" alone is more often a count than a time
    # "H1" alone is more often a heading tag or a gene than a half year
    return not (cand.pattern == "quarter_code" and groups.get("qcode", "").lower().startswith("h")
                and not groups.get("year"))


# Letters that case-insensitive matching equates with ASCII ones but that ``str.lower`` leaves
# alone ("ſeptember" matches "september"); folded so word-list lookups find them.
CASE_FOLD = str.maketrans({"ſ": "s", "\u212a": "k", "\u212b": "å", "ı": "i", "İ": "i"})


def _dict(match: re.Match) -> dict[str, str]:
    return {k: v.translate(CASE_FOLD) for k, v in match.groupdict().items() if v is not None}


@lru_cache(maxsize=1)
def load_prefilter() -> Prefilter:
    return Prefilter([pattern.regex.pattern for pattern in load_patterns()], re.IGNORECASE)


# Where a pattern that begins with a digit can match: every pattern begins with (?<![\w]).
NUMBER_START = re.compile(r"(?<![\w])\d")


def _matches_from(regex: re.Pattern, text: str, starts: list[int]):
    """``regex.finditer(text)`` for a pattern whose matches can begin only at ``starts``
    (ascending) and are never empty: the match at each start not inside the previous match."""
    end = 0
    for start in starts:
        if start >= end:
            match = regex.match(text, start)
            if match:
                end = match.end()
                yield match


def find_candidates(text: str) -> list[Candidate]:
    found = []
    number_starts: list[int] | None = None
    # Most patterns find nothing in most texts: skip those whose required words are missing.
    for pattern, possible in zip(load_patterns(), load_prefilter().can_match(text)):
        if not possible:
            continue
        if pattern.starts_with_digit:  # try it at the ~50 places a number starts, not at every character
            if number_starts is None:
                number_starts = [m.start() for m in NUMBER_START.finditer(text)]
            matches = _matches_from(pattern.regex, text, number_starts)
        else:
            matches = pattern.regex.finditer(text)
        for match in matches:
            if match.end() == match.start():
                continue
            cand = Candidate(match.start(), match.end(), pattern.kind, pattern.name, _dict(match))
            if _plausible(text, cand):
                found.append(cand)
    return found


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest non-overlapping candidates, in text order."""
    order = {p.name: i for i, p in enumerate(load_patterns())}
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (-c.length, order[c.pattern], c.start)):
        if any(cand.start < end and start < cand.end for start, end in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


def join_date_and_time(text: str, chosen: list[Candidate], *, join_at_um: bool = False) -> list[Candidate]:
    """Join "8. Mai, 23:01 Uhr" (and "jeden Mittwoch um 16 Uhr") into one expression.

    ``join_at_um`` also joins "15. November um 8 Uhr", as Recognizers-Text does; TIMEX2
    practice (WikiWarsDE) keeps those two apart.
    """
    day_joiner = SET_TIME_JOINER if join_at_um else TIME_JOINER
    joined: list[Candidate] = []
    for cand in chosen:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and not prev.parts
            and prev.kind in DAY_KINDS
            and cand.kind in ("time", "daypart", "timerange")
            and not (prev.kind == "daypart" and cand.kind == "daypart")
            and (day_joiner if prev.kind != "set" else SET_TIME_JOINER).match(text[prev.end:cand.start])
        ):
            joined[-1] = Candidate(prev.start, cand.end, "datetime", prev.pattern, {}, parts=[prev, cand])
            continue
        if (
            prev is not None
            and not prev.parts
            and prev.kind == "time"
            and cand.kind == "set"
            and SET_TIME_JOINER.match(text[prev.end:cand.start])
        ):
            joined[-1] = Candidate(prev.start, cand.end, "datetime", cand.pattern, {}, parts=[cand, prev])
            continue
        joined.append(cand)
    return joined


ARTICLE_BEFORE = re.compile(r"(?:den|dem)\s+$", re.IGNORECASE)


def include_articles(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Recognizers-Text counts the article of "den 28. Oktober" as part of the expression."""
    for cand in chosen:
        day = cand.groups.get("day") or (cand.parts and cand.parts[0].groups.get("day"))
        if cand.kind in ("date", "datetime") and day:
            match = ARTICLE_BEFORE.search(text[max(0, cand.start - 5):cand.start])
            if match:
                cand.start -= len(match.group(0))
    return chosen


RANGE_OPENER = re.compile(r"(?:vom|von|zwischen(?:\s+dem)?)\s+$", re.IGNORECASE)
RANGE_JOINER = re.compile(r"^\s*(?:bis(?:\s+zum)?|-|–|und(?:\s+dem)?)\s*$", re.IGNORECASE)
RANGE_KINDS = {"date": "date", "year": "date", "weekday": "weekday"}


def join_ranges(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Recognizers-Text reads "vom 3. bis zum 12. September", "von 2010 bis 2018" and
    "von Montag bis Freitag" as one range; TIMEX practice keeps the two ends apart."""
    joined: list[Candidate] = []
    for cand in chosen:
        prev = joined[-1] if joined else None
        opener = RANGE_OPENER.search(text[max(0, prev.start - 12):prev.start]) if prev else None
        if (prev is not None and opener and not prev.parts
                and RANGE_KINDS.get(prev.kind) == RANGE_KINDS.get(cand.kind, "-")
                and RANGE_JOINER.match(text[prev.end:cand.start])):
            joined[-1] = Candidate(prev.start - len(opener.group(0)), cand.end, "daterange",
                                   prev.pattern, {}, parts=[prev, cand])
            continue
        joined.append(cand)
    return joined


def recognise(text: str, *, style: str = "timex") -> list[Candidate]:
    """Candidates in text order; ``style="recognizers"`` follows Recognizers-Text extents."""
    chosen = join_date_and_time(text, select(find_candidates(text)), join_at_um=style == "recognizers")
    if style != "recognizers":
        return chosen
    return join_ranges(text, include_articles(text, chosen))
