"""The article texts a query cites from, loaded once per query: the sentence around a span."""
from __future__ import annotations

import bisect

from dossier.analyse.figures.context import sentence_bounds
from dossier.model import Article
from dossier.store.base import Store


class ArticleTexts:
    """Loads each article at most once and answers "which sentence holds this span"."""

    def __init__(self, store: Store):
        self.store = store
        self._articles: dict[str, Article | None] = {}
        self._bounds: dict[str, list[tuple[int, int]]] = {}

    def article(self, article_id: str) -> Article | None:
        if article_id not in self._articles:
            self._articles[article_id] = self.store.get_article(article_id)
        return self._articles[article_id]

    def text(self, article_id: str) -> str:
        article = self.article(article_id)
        return article.text if article else ""

    def sentence(self, article_id: str, start: int, end: int) -> tuple[int, int, str]:
        """(start, end, text) of the sentence(s) covering ``[start, end)``, trimmed of spaces."""
        text = self.text(article_id)
        if not text:
            return start, end, ""
        if article_id not in self._bounds:
            self._bounds[article_id] = sentence_bounds(text)
        bounds = self._bounds[article_id]
        starts = [b[0] for b in bounds]
        first = bounds[max(0, bisect.bisect_right(starts, start) - 1)]
        last = bounds[max(0, bisect.bisect_right(starts, max(start, end - 1)) - 1)]
        s, e = first[0], last[1]
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return s, e, text[s:e]
