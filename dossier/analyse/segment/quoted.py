"""The quote view of the shared segmentation: tokens, sentences and quotation-mark pairs, with offsets.

A token is a run of word characters (with inner hyphens, dots of abbreviations,
apostrophes) or one punctuation character: the tokenisation the quote rules and
the speech taggers were built and trained on. Use it through
:attr:`dossier.analyse.segment.Segmentation.quoted`, which computes it once per text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

TOKEN_RE = re.compile(r"\w+(?:[-'’*.]\w+)*-?|\.\.\.|…|\S", re.UNICODE)
SENT_END = set(".!?…")
# Openers and the closers that may end them (German, English, French/Swiss, nested).
PAIRS = {"„": "“”\"", "“": "”", "»": "«", "«": "»", "‚": "‘’", '"': '"', "‹": "›", "›": "‹"}
QUOTE_CHARS = set("„“”\"»«‚‘’‹›")
ABBREVIATIONS = {"z.b", "u.a", "d.h", "bzw", "dr", "prof", "nr", "ca", "etc", "vgl", "inkl", "mio", "mrd",
                 "st", "usw", "evtl", "ggf", "sog", "bspw", "jan", "feb", "okt", "nov", "dez", "hr", "fr"}


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @cached_property  # read millions of times by the quote rules: lower-cased once per token
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.start() + offset, m.end() + offset, m.group()) for m in TOKEN_RE.finditer(text)]


def _ends_sentence(tokens: list[Token], i: int, text: str) -> bool:
    tok = tokens[i]
    if tok.text not in SENT_END and tok.text != "...":
        return False
    if tok.text == "." and i > 0:
        prev = tokens[i - 1]
        if prev.end == tok.start and (prev.lower in ABBREVIATIONS or (prev.text.isdigit() and len(prev.text) <= 2)
                                      or re.fullmatch(r"(\w\.)*\w", prev.text) and len(prev.text) <= 3):
            return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        return True
    # A closing quote right after the end mark belongs to this sentence.
    return nxt.text[0].isupper() or nxt.text[0].isdigit() or nxt.text in QUOTE_CHARS or nxt.text == "("


def sentences(text: str, tokens: list[Token], protected: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Token index ranges [a, b) of sentences; a paragraph break always ends one.

    No sentence ends inside a ``protected`` character range (a quotation), so a
    quote of several sentences stays in one unit with its cue.
    """
    inside = [False] * len(tokens)
    for lo, hi in protected:
        for i, tok in enumerate(tokens):
            if lo < tok.start and tok.end <= hi:
                inside[i] = True
    out, start = [], 0
    for i, tok in enumerate(tokens):
        if inside[i] and i + 1 < len(tokens) and inside[i + 1]:
            continue
        if i + 1 < len(tokens) and "\n" in text[tok.end:tokens[i + 1].start]:
            out.append((start, i + 1))
            start = i + 1
            continue
        if _ends_sentence(tokens, i, text):
            j = i + 1
            while j < len(tokens) and tokens[j].text in "“”\"«»‘’)" and tokens[j].start == tokens[j - 1].end:
                j += 1
            if j < len(tokens) and j > i + 1 and not (tokens[j].text[0].isupper() or tokens[j].text in "„\"»«"):
                continue  # "…?", fragte er: the quote ends, the sentence goes on
            out.append((start, j))
            start = j
    if start < len(tokens):
        out.append((start, len(tokens)))
    return [(a, b) for a, b in out if b > a]


@dataclass(frozen=True)
class QuoteMarks:
    open: int   # offset of the opening mark
    close: int  # offset of the closing mark
    nested: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


def _opens_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([–-—/:") and not after.isspace()


def find_quote_marks(text: str) -> list[QuoteMarks]:
    """Matched pairs of quotation marks; unmatched marks are dropped.

    Straight quotes and the ambiguous » « “ are decided by context: a mark opens
    after a space and before a word, and closes the innermost pair it can close.
    A pair left open at a paragraph end is closed there only when the next
    paragraph reopens it (the German convention for multi-paragraph quotes).
    """
    stack: list[tuple[str, int]] = []
    pairs: list[QuoteMarks] = []
    skip = -1  # the mark that reopens a quotation continued from the previous paragraph
    for i, ch in enumerate(text):
        if ch == "\n" and stack:
            if _reopens(text, i, stack[-1][0]):
                skip = i + len(text[i:]) - len(text[i:].lstrip())
            else:
                stack.clear()  # an unclosed mark does not run over a paragraph
            continue
        if ch not in QUOTE_CHARS or i == skip:
            continue
        if stack and ch in PAIRS.get(stack[-1][0], ""):
            if ch in "“\"'" and stack[-1][0] == ch and _opens_straight(text, i) and len(stack) < 2:
                stack.append((ch, i))
                continue
            opener, at = stack.pop()
            pairs.append(QuoteMarks(at, i, nested=bool(stack)))
        elif ch in "’‘" and text[i - 1:i].isalpha():
            continue  # apostrophe
        elif ch in PAIRS and (ch not in '"“‚' or _opens_straight(text, i)):
            stack.append((ch, i))
    return sorted(pairs, key=lambda p: p.open)


def _reopens(text: str, i: int, opener: str) -> bool:
    rest = text[i:].lstrip()
    return bool(rest) and rest[0] == opener
