"""The two seed articles the project started from (read from ../shared/seeds)."""
from __future__ import annotations

import re

import pytest

from dossier.clean import clean_document
from dossier.model import RawDocument
from tests.conftest import shared_path


def seed(prefix: str):
    folder = shared_path("seeds")
    path = next((p for p in folder.iterdir() if p.name.startswith(prefix)), None)
    if path is None:
        pytest.skip(f"seed {prefix}* is absent")
    raw = path.read_text(encoding="utf-8")
    return raw, clean_document(RawDocument(raw, str(path)))


def raw_paragraphs(raw: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]


def check_offsets(raw, article):
    for offset in range(len(article.text)):
        assert article.text[offset] == raw[article.offset_map.to_raw(offset)]
    for span in article.headings:
        assert article.text[span.start:span.end] == span.text
    for removed in article.removed:
        assert raw[removed.start:removed.end] == removed.text


def test_seed_000():
    raw, article = seed("000_")
    assert article.published == "2023-11-30"
    assert "date 2023-11" not in article.text
    assert "Mehr lesen" not in article.text and "➤" not in article.text
    body = raw_paragraphs(raw)[1:]
    body[-1] = body[-1].split(" ➤")[0]
    for paragraph in body:
        assert paragraph in article.text
    assert article.title is None
    headings = [h.text for h in article.headings]
    assert headings == [
        "3 Jahre bis zur Künstlichen Super-Intelligenz",
        '"Digitaler Gott" kommt',
        "Musk wird nicht für Joe Biden stimmen",
        "Ausweichmanöver beim Thema China",
    ]
    check_offsets(raw, article)


def test_seed_004():
    raw, article = seed("004_")
    assert article.source == "site-19"
    assert article.authors == ["Linette Lopez"]
    assert article.syndicated_from == "Business Insider"
    assert article.title == ("Es ist ziemlich klar: Elon Musks Einsatz für OpenAI war ein "
                             "verzweifelter Versuch, Tesla zu retten")
    for leftover in ("source site-19", "Originalartikel", "Korrespondent", "Es ist ziemlich klar"):
        assert leftover not in article.text
    for paragraph in raw_paragraphs(raw)[1:-3]:
        assert paragraph in article.text
    assert "2018 war ein sehr schlechtes Jahr für Tesla" in [h.text for h in article.headings]
    truncated = [f for f in article.flags if f["type"] == "truncated_sentence"]
    assert [article.text[f["start"]:f["end"]] for f in truncated] == [
        "Außerdem muss er immer noch für den Geldsauger von"]
    duplicates = [f for f in article.flags if f["type"] == "duplicate_paragraph"]
    assert len(duplicates) == 1
    repeated = article.text[duplicates[0]["start"]:duplicates[0]["end"]]
    assert repeated.startswith("Musk war bereit, alles zu tun, um Tesla zu retten.")
    assert article.text[duplicates[0]["first_start"]:].startswith(repeated)
    check_offsets(raw, article)
