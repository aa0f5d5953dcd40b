"""The search query language, parsed into a small tree every store compiles itself.

    Werbekunden Musk          both words (stemmed: also Werbekunde, Werbekunden)
    "Elon Musk"               a phrase („…“ and “…” work too)
    Werbe*                    a prefix of a word (at least two letters)
    Tesla OR SpaceX           either (OR binds tighter than the implicit AND)
    Musk -Twitter             without (NOT Twitter is the same)

User input never reaches a store's own query language: a query becomes
:class:`ParsedQuery` (terms already folded and stemmed by
:mod:`dossier.search.analysis`), and the stores build FTS5 / tsquery text from
these terms, which hold only letters and digits. Anything the grammar cannot read
is a :class:`~dossier.errors.QueryError` that says where.
"""
from __future__ import annotations

from dataclasses import dataclass

from dossier.errors import QueryError
from dossier.search.analysis import tokens

TERM, PHRASE, PREFIX = "term", "phrase", "prefix"
QUOTE_MARKS = '"„“”«»'
KEYWORDS = ("OR", "AND", "NOT")
MAX_QUERY_CHARS = 1000
MAX_ITEMS = 32
MIN_PREFIX_CHARS = 2


@dataclass(frozen=True)
class Item:
    """One thing to find: a term (one stem), a phrase (stems in order) or a prefix (one folded word)."""

    kind: str
    terms: tuple[str, ...]
    typed: str  # as the user wrote it, for messages and snippets


@dataclass(frozen=True)
class ParsedQuery:
    """All ``groups`` must match (each group: any of its items), no ``excluded`` item may."""

    text: str
    groups: tuple[tuple[Item, ...], ...]
    excluded: tuple[Item, ...] = ()

    @property
    def positive_items(self) -> list[Item]:
        return [item for group in self.groups for item in group]


@dataclass
class _Piece:
    value: str  # the word, the phrase text, or a keyword
    at: int  # 1-based column, for messages
    quoted: bool = False
    negated: bool = False


def _error(message: str, at: int | None = None) -> QueryError:
    return QueryError(message + (f" (at character {at})" if at else ""))


def _scan(text: str) -> list[_Piece]:
    """Split the query into words, quoted phrases and keywords."""
    pieces, i = [], 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        negated = char == "-" and i + 1 < len(text) and not text[i + 1].isspace()
        start = i + 1 if negated else i
        if start < len(text) and text[start] in QUOTE_MARKS:
            close = next((j for j in range(start + 1, len(text)) if text[j] in QUOTE_MARKS), -1)
            if close < 0:
                raise _error("the quotation mark is never closed", start + 1)
            pieces.append(_Piece(text[start + 1:close], start + 1, quoted=True, negated=negated))
            i = close + 1
            continue
        end = start
        while end < len(text) and not text[end].isspace() and text[end] not in QUOTE_MARKS:
            end += 1
        pieces.append(_Piece(text[start:end], start + 1, negated=negated))
        i = end
    return pieces


def _item(piece: _Piece) -> Item | None:
    """The item a word or phrase stands for; None when it holds no letters or digits."""
    value = piece.value
    prefix = not piece.quoted and value.endswith("*")
    if not piece.quoted and "*" in value.rstrip("*"):
        raise _error(f"'*' may only end a word, as in Werbe*: {value!r}", piece.at)
    found = tokens(value.rstrip("*") if prefix else value)
    if prefix:
        if len(found) != 1 or len(found[0].word) < MIN_PREFIX_CHARS:
            raise _error(f"a prefix needs one word of at least {MIN_PREFIX_CHARS} letters before '*', "
                         f"as in Werbe*: {value!r}", piece.at)
        return Item(PREFIX, (found[0].word,), value)
    if not found:
        return None
    stems = tuple(t.stem for t in found)
    return Item(TERM if len(stems) == 1 else PHRASE, stems, value)


def parse(text: str) -> ParsedQuery:
    """Parse a user's query; raises QueryError with the position of the problem."""
    if len(text) > MAX_QUERY_CHARS:
        raise _error(f"the query is longer than {MAX_QUERY_CHARS} characters")
    groups: list[list[Item]] = []
    excluded: list[Item] = []
    pending, pending_at = None, 0  # a keyword waiting for the item after it
    after_positive = False  # OR joins the positive item before it with the one after it
    for piece in _scan(text):
        if not piece.quoted and not piece.negated and piece.value in KEYWORDS:
            if pending or (piece.value == "OR" and not after_positive) or (piece.value == "AND" and not groups):
                raise _error(f"{piece.value} needs a search term on both sides", piece.at)
            pending, pending_at = piece.value, piece.at
            continue
        item = _item(piece)
        if item is None:  # punctuation only, such as "(" or "&": nothing to find
            continue
        negated = piece.negated or pending == "NOT"
        if negated and pending == "OR":
            raise _error("an excluded term cannot be one side of OR", pending_at)
        if negated:
            excluded.append(item)
        elif pending == "OR":
            groups[-1].append(item)
        else:
            groups.append([item])
        pending, after_positive = None, not negated
    if pending:
        raise _error(f"{pending} needs a search term after it", pending_at)
    if not groups:
        raise _error("nothing to search for: the query needs at least one word that is not excluded"
                     if excluded else "nothing to search for: the query has no letters or digits")
    if len(excluded) + sum(len(g) for g in groups) > MAX_ITEMS:
        raise _error(f"the query has more than {MAX_ITEMS} terms")
    return ParsedQuery(text, tuple(tuple(g) for g in groups), tuple(excluded))
