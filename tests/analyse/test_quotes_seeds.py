"""Every statement of Musk in the two seed articles is found, with its kind and speaker.

Reads ../shared/seeds (skipped when absent). The cleaner and the entities stage
are used when they are available; until the entities model is trained, a tiny
name finder stands in for it (only the names this test needs).
"""
from __future__ import annotations

import pytest

from dossier.analyse.quotes import find_quotes
from dossier.errors import DossierError
from dossier.eval.names import match_names
from dossier.model import Article, RawDocument
from tests.conftest import shared_path

SEED_NAMES = {"Elon Musk": "Elon Musk", "Musk": "Elon Musk", "Sorkin": "Andrew Ross Sorkin",
              "Andrew Ross Sorkin": "Andrew Ross Sorkin", "Biden": "Joe Biden", "Altman": "Sam Altman",
              "Linda Yaccarino": "Linda Yaccarino", "Bob Iger": "Bob Iger"}


def _article(path) -> Article:
    raw = path.read_text(encoding="utf-8")
    try:
        from dossier.clean import clean_document
        article = clean_document(RawDocument(raw, origin=str(path)))
    except (ImportError, DossierError):
        article = Article(id=path.stem, raw_text=raw, text=raw)
    try:
        from dossier.analyse.entities import find_entities
        layers = find_entities(article)
        article.mentions, article.entities = layers["mentions"], layers["entities"]
    except (ImportError, DossierError):
        article.mentions, article.entities = _names(article.text)
    return article


def _names(text: str):
    return match_names(text, {surface: ("per:" + name, name, "PER") for surface, name in SEED_NAMES.items()})


@pytest.fixture(scope="module")
def seed_quotes():
    seeds = shared_path("seeds")
    out = {}
    for path in sorted(seeds.glob("*.txt")):
        article = _article(path)
        quotes = find_quotes(article)
        for q in quotes:
            assert article.text[q.start:q.end] == q.text
        out[path.name[:3]] = quotes
    return out


def _find(quotes, snippet):
    hits = [q for q in quotes if snippet in q.text]
    assert hits, f"no quote contains {snippet!r}"
    return hits[0]


MUSK_FIRST = [
    ("Go fuck yourself! Wenn jemand", "direct"),
    ("Und die ganze Welt wird wissen", "direct"),
    ("Bis über diese Klagen entschieden wird", "direct"),
    ("In dem Quartal baute Tesla", "direct"),
    ("Ich sage nicht, dass ich für Trump", "direct"),
    ("Boykott durch Werbekunden werde X töten", "indirect"),
    ("X werde dann eben verschwinden", "indirect"),
    ("Biden habe zu Beginn seiner Amtszeit", "indirect"),
    ("das gelte dann ja auch", "indirect"),
]
MUSK_SECOND = [
    ("Meine Wahrscheinlichkeitseinschätzung", "direct"),
    ("die „Cash Cow“ von OpenAI sein könnte", "mixed"),
    ("1 Million Robotertaxis", "indirect"),
]


@pytest.mark.parametrize("snippet,kind", MUSK_FIRST)
def test_first_article_statements_of_musk(seed_quotes, snippet, kind):
    q = _find(seed_quotes["000"], snippet)
    assert (q.kind, q.speaker) == (kind, "Elon Musk")


@pytest.mark.parametrize("snippet,kind", MUSK_SECOND)
def test_second_article_statements_of_musk(seed_quotes, snippet, kind):
    q = _find(seed_quotes["004"], snippet)
    assert (q.kind, q.speaker) == (kind, "Elon Musk")


def test_pronoun_speakers_resolve_to_musk(seed_quotes):
    by_er = [q for q in seed_quotes["000"] if q.speaker_start is not None
             and q.speaker_end - q.speaker_start == 2 and q.kind == "direct"]
    assert len(by_er) >= 2 and {q.speaker for q in by_er} == {"Elon Musk"}


def test_email_quote_has_medium_and_time(seed_quotes):
    q = _find(seed_quotes["004"], "Meine Wahrscheinlichkeitseinschätzung")
    assert q.medium == "E-Mail" and "2018" in q.said_at


def test_false_claim_is_disputed(seed_quotes):
    q = _find(seed_quotes["004"], "er habe eine Finanzierung geplant")
    assert q.disputed and q.speaker == "Elon Musk"


def test_scare_quotes_are_not_statements(seed_quotes):
    texts = [q.text for q in seed_quotes["000"] + seed_quotes["004"]]
    assert "New York Times" not in texts and "Capped Profit" not in texts
