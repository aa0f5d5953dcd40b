"""The shipped NER model on the two seed articles the project started from."""
from __future__ import annotations

import pytest

from dossier.analyse.ner import recognise
from tests.conftest import shared_path

EXPECTED = {
    "PER": ["Linda Yaccarino", "Bob Iger", "Andrew Ross Sorkin", "Joe Biden", "Donald Trump",
            "Sam Altman", "Greg Brockman", "Elon Musk"],
    "ORG": ["Tesla", "General Motors", "Disney", "Bloomberg", "Google", "DeepMind", "OpenAI"],
    "LOC": ["China", "Shanghai"],
}
NOT_ENTITIES = ["Werbekunden", "Produktionshölle"]


@pytest.fixture(scope="module")
def seed_mentions():
    folder = shared_path("seeds")
    found = {}
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        mentions = recognise(text)
        assert all(text[m.start:m.end] == m.text for m in mentions)
        found[path.name] = (text, mentions)
    return found


def labels_of(seed_mentions, surface):
    labels = set()
    for text, mentions in seed_mentions.values():
        labels |= {m.label for m in mentions if m.text == surface}
    return labels


@pytest.mark.parametrize("label,surface", [(lab, s) for lab, ss in EXPECTED.items() for s in ss])
def test_seed_names_get_their_label(seed_mentions, label, surface):
    assert any(surface in text for text, _ in seed_mentions.values()), f"{surface} not in the seeds"
    assert label in labels_of(seed_mentions, surface)


@pytest.mark.parametrize("surface", NOT_ENTITIES)
def test_capitalised_common_nouns_are_not_entities(seed_mentions, surface):
    assert labels_of(seed_mentions, surface) == set()


def test_genitive_and_compound_forms(seed_mentions):
    assert "PER" in labels_of(seed_mentions, "Musks")
    inside = {(m.text, m.label) for _, ms in seed_mentions.values() for m in ms if m.inside}
    assert ("Disney", "ORG") in inside  # "Disney-Chef Bob Iger"
