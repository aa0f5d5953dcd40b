"""What the search index holds for one article: the article itself and each of its quotes.

Every store builds these rows from the same function at ingest and whenever an
article's layers are replaced, so the three stores index the same documents.
"""
from __future__ import annotations

from dataclasses import dataclass

from dossier.model import Article
from dossier.search.analysis import Token, fold, tokens

ARTICLE = "article"
QUOTE = "quote"
KINDS = (ARTICLE, QUOTE)
# PostgreSQL keeps word positions only up to 16383; every store indexes at most that
# many words of a document, so that phrases near the end of a huge one match alike.
MAX_POSITION = 16383


@dataclass
class SearchDocument:
    kind: str  # ARTICLE or QUOTE
    start: int  # the document's range in the article's clean text
    end: int
    quote_index: int | None  # position of the quote in Article.quotes
    speaker: str | None
    speaker_entity: str | None
    speaker_key: str | None  # folded speaker name, for --speaker without a resolved entity
    words: list[str]  # folded words, in order (prefix queries)
    stems: list[str]  # their stems (terms and phrases)

    @property
    def words_text(self) -> str:
        return " ".join(self.words)

    @property
    def stems_text(self) -> str:
        return " ".join(self.stems)


def name_key(name: str | None) -> str | None:
    """A speaker or entity name as the index compares it: folded words, one space apart."""
    if not name:
        return None
    words = [t.word for t in tokens(name)]
    return " ".join(words) or None


def _title_tokens(article: Article) -> list[Token]:
    """The title's words, unless the clean text already opens with the title."""
    title = (article.title or "").strip()
    if not title or article.text[: len(title) + 20].find(title) >= 0:
        return []
    return tokens(title)


def _document(kind: str, start: int, end: int, found: list[Token], **fields) -> SearchDocument:
    found = found[:MAX_POSITION]
    return SearchDocument(kind, start, end, words=[t.word for t in found], stems=[t.stem for t in found],
                          **{"quote_index": None, "speaker": None, "speaker_entity": None,
                             "speaker_key": None, **fields})


def search_documents(article: Article) -> list[SearchDocument]:
    """The article (title and clean text) and each quote with a non-empty span."""
    text = article.text
    return [_document(ARTICLE, 0, len(text), _title_tokens(article) + tokens(text)), *quote_documents(article)]


def quote_documents(article: Article) -> list[SearchDocument]:
    """Each quote with a non-empty span (what changes when the layers are replaced: the
    article's own document, its whole text, is not analysed again)."""
    text = article.text
    documents = []
    for index, quote in enumerate(article.quotes):
        start, end = max(0, quote.start), min(len(text), quote.end)
        if end <= start:
            continue
        documents.append(_document(QUOTE, start, end, tokens(text[start:end], start), quote_index=index,
                                   speaker=quote.speaker, speaker_entity=quote.speaker_entity,
                                   speaker_key=name_key(quote.speaker)))
    return documents


def mentioned_entities(article: Article) -> list[str]:
    """Ids of the entities the article mentions (for the --entity filter), sorted."""
    return sorted({m.entity for m in article.mentions if m.entity})


def positions(terms: list[str]) -> dict[str, list[int]]:
    """term -> its 1-based positions in ``terms``."""
    found: dict[str, list[int]] = {}
    for position, term in enumerate(terms, 1):
        found.setdefault(term, []).append(position)
    return found


__all__ = ["ARTICLE", "QUOTE", "KINDS", "SearchDocument", "search_documents", "quote_documents",
           "mentioned_entities", "name_key", "positions", "fold"]
