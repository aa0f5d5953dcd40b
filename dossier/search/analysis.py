"""Text analysis for full-text search: the one place that turns text into index terms.

Every store indexes, and every query is parsed into, the same two term streams:

- ``word``: the lower-cased word with umlauts and ß folded (``Straße`` -> ``strasse``,
  ``Ärzte`` -> ``aerzte``, see ``resources/de/search_folding.tsv``) and other accents
  stripped; prefix queries (``Werbe*``) match these.
- ``stem``: the Snowball German stem of the folded word (``Werbekunden`` and
  ``Werbekunde`` -> ``werbekund``); plain terms and phrases match these.

Why the stores do not use their own stemmers: PostgreSQL 15's ``german`` configuration
ships an older Snowball German than PyStemmer 3 and disagrees on 1,386 of the 48,285
word forms of the 10kGNAD test set (``abgebildet``/``abgebild``), and its parser splits
words by the server locale. Computing the terms here once gives SQLite, PostgreSQL
and the in-memory double identical term streams and so identical matches.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from dossier.errors import MissingDependency

# A word is a run of letters and digits (``\w`` without the underscore): "X-CEO" is two
# words, "3,5" is two; a phrase query over them keeps them adjacent.
WORD = re.compile(r"[^\W_]+")
FOLDING_FILE = "search_folding.tsv"
# Longer runs of letters are encodings or glued URLs, not words; PostgreSQL refuses
# lexemes over 2 KiB, and every store skips the same ones.
MAX_WORD_CHARS = 100


class Token(NamedTuple):  # a tuple: snippets build hundreds per hit, dataclasses cost 3x
    start: int  # code-point offsets into the analysed text
    end: int
    word: str  # folded word
    stem: str  # stem of the folded word


@lru_cache(maxsize=1)
def _folding_table() -> dict[int, str]:
    text = resources.files("dossier.resources.de").joinpath(FOLDING_FILE).read_text(encoding="utf-8")
    table: dict[int, str] = {}
    for line_number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        character, _, replacement = line.partition("\t")
        if len(character) != 1 or not replacement:
            raise ValueError(f"{FOLDING_FILE}:{line_number}: expected 'character<TAB>replacement'")
        table[ord(character)] = replacement
    return table


@lru_cache(maxsize=1)
def _stemmer():
    try:
        import Stemmer  # PyStemmer: the Snowball stemmers in C
    except ImportError as exc:
        raise MissingDependency("PyStemmer", "full-text search") from exc
    return Stemmer.Stemmer("german")


def fold(word: str) -> str:
    """``word`` case-folded, umlauts/ß replaced by the folding table, other accents stripped."""
    folded = word.casefold().translate(_folding_table())
    if folded.isascii():
        return folded
    # Decomposition splits accents off (é -> e + U+0301) and may leave spaces or slashes
    # (the ligature U+FDFA, ½ -> 1/2): keep letters and digits only, so every term is one word.
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if c.isalnum())


@lru_cache(maxsize=200_000)
def analysed(word: str) -> tuple[str, str]:
    """(folded word, stem) of one word; cached because news vocabularies repeat heavily."""
    folded = fold(word)
    return folded, _stemmer().stemWord(folded)


def tokens(text: str, offset: int = 0) -> list[Token]:
    """The words of ``text`` with their folded form and stem; offsets shifted by ``offset``."""
    found, new = [], tuple.__new__
    for match in WORD.finditer(text):
        word = match.group()
        if len(word) > MAX_WORD_CHARS:
            continue
        folded, stem = analysed(word)
        if folded:  # a word of combining marks only folds to nothing
            start = match.start() + offset
            found.append(new(Token, (start, start + len(word), folded, stem)))  # Token() is 2x slower
    return found


@lru_cache(maxsize=1)
def analyser_signature() -> str:
    """Names the analysis that built an index; a store whose index was built by another
    analysis (another PyStemmer, another folding table) must be rebuilt before searching.
    Computed once: every stored article asks for it."""
    _stemmer()  # fails with the install hint when PyStemmer is missing
    import Stemmer

    table = "".join(f"{chr(k)}{v}" for k, v in sorted(_folding_table().items()))
    return f"snowball-german-{Stemmer.version()};fold-{hashlib.sha1(table.encode()).hexdigest()[:12]}"
