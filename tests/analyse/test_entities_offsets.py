"""Property: whatever mentions come in, every mention going out satisfies the offset
invariant, points at an entity of the article, and resolution keeps it that way."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.entities import link_entities
from dossier.model import LABELS, Article, Mention
from dossier.resolve.entities import resolve_corpus
from dossier.store import MemoryStore

WORDS = ["Elon", "Musk", "Musks", "X", "(Twitter)", "(jetzt", "Meta)", "Tesla-Chef", "der", "Der",
         "Tech-Milliardär", "CEO", "von", "Tesla", "OpenAI", "Open", "AI", "GM", "General", "Motors",
         "und", "sagte", "Joe", "Biden", "US-Präsidenten", ".", ",", "–", "Werbekunden", "X-CEO",
         "Linda", "Yaccarino", "\n\n", "’", "X.AI", "Chefin", "die"]


@st.composite
def articles_with_mentions(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=40))
    text = " ".join(words)
    spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 12), st.sampled_from(LABELS),
                                    st.booleans()), max_size=12))
    mentions = []
    for start, length, label, inside in spans:
        end = min(len(text), start + length)
        if end > start:
            mentions.append(Mention(start, end, text[start:end], label, None, 1.0, inside))
    return text, mentions


@settings(max_examples=150, deadline=None)
@given(articles_with_mentions())
def test_offsets_and_entity_links_hold(case):
    text, mentions = case
    article = Article(id="p", raw_text=text, text=text)
    layers = link_entities(article, mentions)
    ids = {e.id for e in layers["entities"]}
    for m in layers["mentions"]:
        assert text[m.start:m.end] == m.text and m.end > m.start
        assert m.entity in ids and m.label in LABELS
    for e in layers["entities"]:
        for role in e.roles:
            assert text[role["start"]:role["end"]] == role["text"]


@settings(max_examples=30, deadline=None)
@given(st.lists(articles_with_mentions(), min_size=1, max_size=3))
def test_resolution_keeps_offsets_and_links_every_mention_to_a_stored_entity(cases):
    store = MemoryStore()
    articles = [Article(id=f"a{i}", raw_text=text + f" #{i}", text=text + f" #{i}") for i, (text, _) in enumerate(cases)]
    store.add_articles(articles)
    for article, (_, mentions) in zip(articles, cases):
        layers = link_entities(article, mentions)
        article.mentions, article.entities = layers["mentions"], layers["entities"]
        store.update_layers(article)
    resolve_corpus(store)
    stored = {e.id for e in store.get_entities()}
    for article in store.iter_articles():
        for m in article.mentions:
            assert article.text[m.start:m.end] == m.text
            assert m.entity in stored
