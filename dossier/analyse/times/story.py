"""When the story time moves: which expressions set the discourse reference for the next ones.

The resolver (:mod:`.resolve`) keeps the story time; these rules decide what may move it.
"""
from __future__ import annotations

import re

from dossier.analyse.times import lexicon
from dossier.analyse.times.patterns import Candidate
from dossier.analyse.times.resolve import Context


def moves_story(text: str, cand: Candidate) -> bool:
    """True when ``cand`` (resolved to a date) should become the new story time."""
    return _moves_by_kind(cand) and not _in_parentheses(text, cand.start) and not _boundary_only(text, cand)


# Expressions that move the story time. Relative ones ("im letzten Jahr") look back or ahead
# from it without moving it; a date in parentheses (life dates, asides) leaves it alone too.
_MOVES_DISCOURSE = ("date", "year", "shortyear", "weekday", "holiday", "datetime", "later", "offset")


def _moves_by_kind(cand: Candidate) -> bool:
    """Dates move the story time; of the relative expressions only those that step forward
    ("Anfang des neuen Jahres", "im folgenden Jahr") do, while a look back ("im letzten Jahr")
    leaves the story where it was."""
    if cand.kind in _MOVES_DISCOURSE:
        return True
    if cand.kind not in ("relative", "compound"):
        return False
    return _forward_step(cand.groups)


def _forward_step(groups: dict[str, str]) -> bool:
    lex = lexicon.load()
    if groups.get("shift"):
        offset, anchor = lex.shifts.get(groups["shift"].lower(), (0, ""))
        return offset > 0 and anchor == "discourse"
    if groups.get("compound"):
        offset = lex.compounds[groups["compound"].lower()][1]
        return offset.startswith("+")
    return False


def look_ahead_for_year(text: str, cand: Candidate, following: list[Candidate], ctx: Context) -> None:
    """"In der Nacht vom 8. auf den 9. Februar 1904": before the text has named any year, a
    date without one takes the year stated right after it in the same sentence."""
    if cand.groups.get("year") or not (cand.groups.get("month") or cand.groups.get("day")):
        return
    for nxt in following:
        if nxt.start - cand.end > 80 or re.search(r"[.!?]\s", text[cand.end:nxt.start]):
            return
        year = nxt.groups.get("year")
        if year and len(year) == 4:
            ctx.mention(year, "absolute")
            return


def _boundary_only(text: str, cand: Candidate) -> bool:
    """"bis 1881", "seit 1939": a bare year named as the edge of a stretch is an aside; the
    story stays where it was."""
    if cand.kind != "year":
        return False
    return re.search(r"\b(?:bis|seit|ab)\s+$", text[max(0, cand.start - 6):cand.start], re.IGNORECASE) is not None


def _in_parentheses(text: str, start: int) -> bool:
    opened = text.rfind("(", max(0, start - 200), start)
    return opened >= 0 and text.find(")", opened, start) < 0


CLAUSE_END = re.compile(r"[.!?;:]\s|,\s|\s[–-]\s")


def future_sentence(text: str, cand: Candidate) -> bool:
    """Whether the clause around ``cand`` speaks of the future ("Der Rat wird am Dienstag
    entscheiden"), judged by the future cue words of ``time_context.tsv``. Only the clause
    counts: in "Züge sollen stillstehen, teilte die Gewerkschaft am Dienstag mit" the
    Tuesday is the past one although the sentence speaks of the future."""
    before = text[max(0, cand.start - 200):cand.start]
    after = text[cand.end:cand.end + 200]
    starts = [m.end() for m in CLAUSE_END.finditer(before)]
    clause_start = before[starts[-1]:] if starts else before
    end = CLAUSE_END.search(after)
    words = re.findall(r"\w+", (clause_start + " " + (after[:end.start()] if end else after)).lower())
    cues = lexicon.load().words_with_role("future_cue")
    return any(word in cues for word in words)
