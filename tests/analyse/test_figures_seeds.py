"""The figures the two seed articles must yield, with value, unit and (where the text gives it) subject.

Mentions come from the entities stage when its model is available; otherwise they are
built by hand here, so the test checks the figures stage and not the NER model.
"""
from __future__ import annotations

import pytest

from dossier.analyse.figures import extract_figures
from dossier.errors import DossierError
from dossier.eval.names import match_names
from dossier.model import Article, Entity, Mention
from tests.conftest import shared_path

NAMES = [  # surface, label, entity id, entity name
    ("Elon Musk", "PER", "musk", "Elon Musk"),
    ("Musks", "PER", "musk", "Elon Musk"),
    ("Musk", "PER", "musk", "Elon Musk"),
    ("Bloomberg", "ORG", "bloomberg", "Bloomberg"),
    ("OpenAI", "ORG", "openai", "OpenAI"),
    ("Tesla", "ORG", "tesla", "Tesla"),
    ("Twitter", "ORG", "twitter", "Twitter"),
    ("GM", "ORG", "gm", "General Motors"),
]


def hand_mentions(text: str) -> tuple[list[Mention], list[Entity]]:
    return match_names(text, {surface: (entity, name, label) for surface, label, entity, name in NAMES})


def figures_of(name: str, published: str):
    text = shared_path("seeds", name).read_text("utf-8")
    article = Article(id=name, raw_text=text, text=text, published=published)
    try:
        from dossier.analyse.entities import find_entities

        layers = find_entities(article)
        mentions, entities = layers["mentions"], layers["entities"]
    except (ImportError, DossierError):
        mentions, entities = hand_mentions(text)
    figures = extract_figures(text, mentions, entities, published)
    for fig in figures:
        assert text[fig.start:fig.end] == fig.text
    return figures


def one(figures, text):
    found = [f for f in figures if f.text == text]
    assert len(found) >= 1, f"{text!r} not among {[f.text for f in figures]}"
    return found[0]


@pytest.fixture(scope="module")
def seed_x():
    return figures_of("000_02d12f9d469cad87.txt", "2023-11-30")


@pytest.fixture(scope="module")
def seed_openai():
    return figures_of("004_b6f5ecb3f7cfa349.txt", "2024-03-07")


def test_twitter_price_is_about_44_billion_usd(seed_x):
    fig = one(seed_x, "44 Milliarden Dollar")
    assert (fig.kind, fig.value, fig.unit, fig.approx) == ("money", 44e9, "USD", "about")
    assert fig.subject == "Elon Musk"


def test_wealth_228_billion_with_subject_attribute_and_source(seed_x):
    fig = one(seed_x, "228 Milliarden Dollar")
    assert (fig.value, fig.unit) == (228e9, "USD")
    assert (fig.subject, fig.attribute, fig.source) == ("Elon Musk", "Vermögen", "Bloomberg")
    assert fig.as_of == "2023-11-30"


def test_bank_loans_13_billion_take_the_dollar_from_context(seed_x):
    fig = one(seed_x, "13 Milliarden")
    assert (fig.kind, fig.value, fig.unit, fig.unit_inferred, fig.approx) == ("money", 13e9, "USD", True, "about")


def test_300000_electric_cars(seed_x):
    fig = one(seed_x, "300.000 Elektroautos")
    assert (fig.kind, fig.value, fig.unit, fig.subject) == ("count", 300_000, "Elektroautos", "Tesla")


def test_no_years_or_durations_in_seed_x(seed_x):
    assert not [f for f in seed_x if f.value in (2024, 90, 3, 17)]


def test_openai_valued_at_86_billion_usd(seed_openai):
    fig = one(seed_openai, "86 Milliarden US-Dollar")
    assert (fig.value, fig.unit, fig.subject, fig.attribute) == (86e9, "USD", "OpenAI", "Wert")


def test_one_billion_and_100_million_usd(seed_openai):
    assert one(seed_openai, "eine Milliarde US-Dollar").value == 1e9
    fig = one(seed_openai, "100 Millionen US-Dollar")
    assert (fig.value, fig.unit) == (100e6, "USD")


def test_420_usd_per_share(seed_openai):
    fig = one(seed_openai, "420 US-Dollar")
    assert (fig.value, fig.unit, fig.per) == (420, "USD", "Aktie")


def test_nine_percent_of_staff(seed_openai):
    fig = one(seed_openai, "9 %")
    assert (fig.kind, fig.value, fig.unit, fig.attribute, fig.subject) == ("percent", 9, "%", "Mitarbeiter", "Tesla")


def test_one_million_robotaxis(seed_openai):
    fig = one(seed_openai, "1 Million Robotertaxis")
    assert (fig.kind, fig.value, fig.unit, fig.subject) == ("count", 1e6, "Robotertaxis", "Tesla")


def test_years_are_not_figures(seed_openai):
    assert not [f for f in seed_openai if f.value in (2015, 2017, 2018, 2019, 2020, 2023)]
