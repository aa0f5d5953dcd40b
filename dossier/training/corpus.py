"""Unlabeled German text for the NER word clusters and self-training.

It comes from every corpus in ../shared/data; labeled GermEval 2014 data is read
by :mod:`dossier.eval.formats.germeval`.
"""
from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path
from typing import Iterator

from dossier.analyse.segment.germeval import tokenize
from dossier.eval.formats.germeval import Sentence, read_germeval  # noqa: F401

def unlabeled_texts(shared: Path, *, exclude_dev: bool = True) -> Iterator[list[str]]:
    """Token lists (one per paragraph or sentence) of all unlabeled German text under ``shared``.

    The GermEval dev file is left out by default so that clusters never see
    the sentences the model is evaluated on.
    """
    data = shared / "data"
    train = data / "germeval2014" / "train-outer-bio.tsv"
    if train.exists():
        for tokens, _ in read_germeval(train):
            yield tokens
    if not exclude_dev and (data / "germeval2014" / "NER-de-dev.tsv").exists():
        for tokens, _ in read_germeval(data / "germeval2014" / "NER-de-dev.tsv"):
            yield tokens
    yield from news_paragraphs(shared)


def news_paragraphs(shared: Path) -> Iterator[list[str]]:
    """Token lists of the unlabeled news-register text under ``shared/data``
    (10kGNAD, SmartData, Redewiedergabe); GermEval is not among them."""
    data = shared / "data"
    yield from _gnad(data / "10kgnad" / "test.csv")
    for path in sorted((data / "smartdata").glob("*.jsonl.gz")):
        yield from _smartdata(path)
    yield from _redewiedergabe(data / "redewiedergabe")


def _tokens(text: str) -> list[str]:
    return [text[a:b] for a, b in tokenize(text)]


def gnad_articles(path: Path) -> Iterator[str]:
    """Article texts of the 10kGNAD CSV (``label;'text'``); nothing when it is absent."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                yield row[1]


def _gnad(path: Path) -> Iterator[list[str]]:
    for text in gnad_articles(path):
        yield _tokens(text)


def _smartdata(path: Path) -> Iterator[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            for paragraph in text.split("\n"):
                if paragraph.strip():
                    yield _tokens(paragraph)


def _redewiedergabe(folder: Path) -> Iterator[list[str]]:
    for path in sorted(folder.glob("rwk_*.tsv")):
        tokens: list[str] = []
        with path.open(encoding="utf-8") as handle:
            next(handle, None)  # header
            for line in handle:
                cols = line.split("\t", 6)
                if len(cols) < 6:
                    continue
                if cols[5] == "yes" and tokens:
                    yield tokens
                    tokens = []
                tokens.append(cols[0])
        if tokens:
            yield tokens
