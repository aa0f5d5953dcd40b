"""The ``quotes`` stage: who said what, in which words, where and when.

    find_quotes(article) -> list[Quote]     rules over quote marks, cue verbs and Konjunktiv
    quotes_stage(article) -> {"quotes": [...]}

Every quote's ``start``/``end`` (and ``speaker_*``, ``cue_*``) are offsets into
``article.text``. See docs/quotes.md for the rules, the taggers trained on
Redewiedergabe and SpkAtt, and the measured accuracy.
"""
from __future__ import annotations

from dossier.analyse import stage
from dossier.model import Article

from .news import find_quotes

__all__ = ["find_quotes", "quotes_stage"]


@stage("quotes", requires=("text", "mentions", "entities", "times"), assigns=("quotes",),
       model_files=("analyse/segment",))
def quotes_stage(article: Article) -> dict:
    return {"quotes": find_quotes(article)}
