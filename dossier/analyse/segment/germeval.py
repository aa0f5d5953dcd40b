"""The default token view of the shared segmentation (and the NER CRF's input), as character spans.

The token rules follow the GermEval 2014 tokenisation the model was trained on:
hyphenated compounds stay one token (``Tesla-Aktie``, ``US-Präsidenten``),
punctuation and quote marks are tokens of their own, numbers keep their inner
separators (``1.000``, ``3,5``), and dotted abbreviations (``z.B.``, ``U.S.``)
stay together so that a period does not end the sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# One alternation, tried left to right; the order matters (URLs before words).
_TOKEN = re.compile(
    r"""
      (?:https?://|www\.)[^\s<>"]+[^\s<>".,;:!?)\]]   # URL
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                     # e-mail
    | (?:[^\W\d_]\.){2,}                               # z.B. U.S. d.h.
    | \d+(?:[.,:/]\d+)*                                # 1.000 3,5 12:30
      (?:-[^\W\d_]+)*                                  # 30-jährige
    | [\w&]+(?:['’][\w]+)?(?:-[\w&]+(?:['’]\w+)?)*-?   # Tesla-Aktie, Ein- (und)
    | [.]{2,}|[-–—]{2,}                                # ... --
    | \S                                               # any other mark
    """,
    re.VERBOSE,
)

_SENTENCE_END = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "“", "”", "»", "«", "'", ")", "’"})


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the tokens of ``text``."""
    return [m.span() for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    path = resources.files("dossier.resources.de").joinpath("ner_abbreviations.txt")
    words = path.read_text(encoding="utf-8").split()
    return frozenset(w for w in words if not w.startswith("#"))


def split_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token index ranges ``(first, last+1)`` of the sentences in ``spans``.

    A sentence ends at ``.``/``!``/``?`` (plus any closing quote or bracket)
    when the next token starts with an upper-case letter, a digit or a quote,
    or at a line break.  A period after a known abbreviation or a lone capital
    (``J. R. R. Tolkien``) does not end a sentence, nor does an ordinal
    (``am 3. Mai``) - both are frequent in news text.
    """
    abbreviations = _abbreviations()
    sentences: list[tuple[int, int]] = []
    first = 0
    n = len(spans)
    for i in range(n):
        if i + 1 >= n:
            break
        if _paragraph_break(text, spans[i][1], spans[i + 1][0]):
            sentences.append((first, i + 1))
            first = i + 1
            continue
        tok = text[spans[i][0]:spans[i][1]]
        if tok not in _SENTENCE_END:
            continue
        if tok == "." and i > first and _period_is_inner(text, spans[i - 1], abbreviations):
            continue
        j = i + 1
        while j < n and text[spans[j][0]:spans[j][1]] in _CLOSERS and spans[j][0] == spans[j - 1][1]:
            j += 1
        if j >= n:
            break
        nxt = text[spans[j][0]]
        if nxt.isupper() or nxt.isdigit() or nxt in "\"„“»'(":
            sentences.append((first, j))
            first = j
    if first < n:
        sentences.append((first, n))
    return [s for s in sentences if s[1] > s[0]]


def _paragraph_break(text: str, end: int, next_start: int) -> bool:
    # Headlines and sub-headings end without a period, so any line break ends a sentence.
    return text.find("\n", end, next_start) >= 0


def _period_is_inner(text: str, prev: tuple[int, int], abbreviations: frozenset[str]) -> bool:
    word = text[prev[0]:prev[1]]
    if word in abbreviations:
        return True
    if len(word) == 1 and word.isupper():
        return True
    # Ordinals and dates: "am 3. Mai", "im 19. Jahrhundert".
    return word.isdigit() and len(word) <= 2
