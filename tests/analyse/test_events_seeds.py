"""The events the two seed articles must yield, through the whole pipeline (NER included).

Musk's acquisition of Twitter for about 44 billion dollars; the proposed merger of OpenAI with
Tesla (February 2018); Musk's lawsuit against OpenAI; Tesla's layoffs of 9 % in June 2018; the
take-private claim of August 2018 that the article calls false.
"""
from __future__ import annotations

import pytest

from dossier.analyse import analyse
from dossier.clean import clean_document
from dossier.model import RawDocument
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def seed_events():
    folder = shared_path("seeds")
    events = []
    for path in sorted(folder.glob("*.txt")):
        article = clean_document(RawDocument(path.read_text(encoding="utf-8"), str(path)))
        article.language = "de"
        analyse(article)
        for event in article.events:
            assert article.text[event.start:event.end] == event.text
            for p in event.participants:
                if p.start is not None and p.figure is None and p.entity is None:
                    assert article.text[p.start:p.end] == p.name
        events.extend((article, event) for event in article.events)
    if not events:
        pytest.skip("the seed articles gave no events (no seeds?)")
    return events


def _names(article, event, role):
    """The names a role holds: the participant's name and its entity's aliases."""
    names = set()
    aliases = {e.id: [e.name, *e.aliases] for e in article.entities}
    for p in event.participants:
        if p.role == role:
            names.add(p.name)
            names.update(aliases.get(p.entity, []))
    return names


def _find(events, type_, **roles):
    found = [(a, e) for a, e in events if e.type == type_
             and all(name in _names(a, e, role) for role, name in roles.items())]
    assert found, f"no {type_} with {roles}: {[(e.type, e.text, e.participants) for _, e in events]}"
    return found


def test_musk_bought_twitter_for_44_billion_dollars(seed_events):
    (article, event), *_ = _find(seed_events, "ACQUISITION", buyer="Elon Musk", target="Twitter")
    price = [f for f in article.figures if f.id in event.figures]
    assert [(f.value, f.unit) for f in price] == [(44e9, "USD")]
    assert event.modality == "asserted" and event.time == "2022"


def test_proposed_merger_of_openai_with_tesla_in_february_2018(seed_events):
    found = _find(seed_events, "MERGER")
    dated = [e for a, e in found if {"OpenAI", "Tesla"} <= _names(a, e, "parties") and e.time == "2018-02"]
    assert dated and dated[0].modality == "proposed"


def test_musk_sues_openai(seed_events):
    found = _find(seed_events, "LAWSUIT", plaintiff="Elon Musk", defendant="OpenAI")
    assert all(e.modality == "asserted" for _, e in found)


def test_tesla_laid_off_9_percent_in_june_2018(seed_events):
    (article, event), *_ = _find(seed_events, "LAYOFFS", company="Tesla")
    assert event.time == "2018-06"
    assert [(f.value, f.unit) for f in article.figures if f.id in event.figures] == [(9.0, "%")]


def test_take_private_claim_of_august_2018_is_claimed_false(seed_events):
    (article, event), *_ = _find(seed_events, "TAKE_PRIVATE", company="Tesla")
    assert event.modality == "claimed_false" and event.time == "2018-08"
    assert "Elon Musk" in _names(article, event, "buyer")
    assert [f.value for f in article.figures if f.id in event.figures] == [420.0]
