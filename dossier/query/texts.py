"""The article texts a query cites from, loaded once per query: the sentence around a span
(sentences from the shared segmentation, :mod:`dossier.analyse.segment`)."""
from __future__ import annotations

from dossier.analyse.segment import segmentation
from dossier.model import Article
from dossier.store.base import Store


class ArticleTexts:
    """Loads each article at most once and answers "which sentence holds this span"."""

    def __init__(self, store: Store):
        self.store = store
        self._articles: dict[str, Article | None] = {}

    def article(self, article_id: str) -> Article | None:
        if article_id not in self._articles:
            self._articles[article_id] = self.store.get_article(article_id)
        return self._articles[article_id]

    def text(self, article_id: str) -> str:
        article = self.article(article_id)
        return article.text if article else ""

    def sentence(self, article_id: str, start: int, end: int) -> tuple[int, int, str]:
        """(start, end, text) of the sentence(s) covering ``[start, end)``; the span itself when
        it lies between sentences."""
        text = self.text(article_id)
        if not text:
            return start, end, ""
        seg = segmentation(text)
        first, last = seg.sentence_at(start), seg.sentence_at(max(start, end - 1))
        s = first.start if first else start
        e = max(last.end if last else end, end)
        return s, e, text[s:e]
