"""Cross-document entity resolution and KB import, on a MemoryStore."""
from __future__ import annotations

import json
import re

import pytest

from dossier.analyse.entities import link_entities
from dossier.errors import InputError, MalformedRecord
from dossier.model import Article, Mention
from dossier.resolve.entities import resolve_corpus
from dossier.resolve.kb import import_kb, read_kb
from dossier.store import MemoryStore


def tag(text: str, names: dict[str, str]) -> list[Mention]:
    found: list[Mention] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}s?(?![\w-])", text):
            if not any(m.start < match.end() and match.start() < m.end for m in found):
                found.append(Mention(match.start(), match.end(), match.group(), names[name]))
    return sorted(found, key=lambda m: m.start)


def store_with(*docs: tuple[str, str, dict[str, str]]) -> MemoryStore:
    store = MemoryStore()
    articles = [Article(id=aid, raw_text=text, text=text) for aid, text, _ in docs]
    store.add_articles(articles)
    for article, (_, text, names) in zip(articles, docs):
        layers = link_entities(article, tag(text, names))
        article.mentions, article.entities = layers["mentions"], layers["entities"]
        store.update_layers(article)
    return store


def entity_ids(store: MemoryStore, article_id: str, surface: str) -> set[str]:
    article = store.get_article(article_id)
    return {m.entity for m in article.mentions if m.text == surface}


def one(ids: set[str]) -> str:
    assert len(ids) == 1, ids
    return next(iter(ids))


def test_same_full_name_merges_and_surname_joins_the_unique_full_name():
    store = store_with(
        ("a", "Elon Musk kaufte Twitter. Musk zahlte viel.", {"Elon Musk": "PER", "Musk": "PER", "Twitter": "ORG"}),
        ("b", "Elon Musk gründete Tesla.", {"Elon Musk": "PER", "Tesla": "ORG"}),
        ("c", "Musk twitterte wieder.", {"Musk": "PER"}),
    )
    report = resolve_corpus(store)
    musk = one(entity_ids(store, "a", "Elon Musk"))
    assert musk == one(entity_ids(store, "b", "Elon Musk")) == one(entity_ids(store, "c", "Musk"))
    assert musk.startswith("E") and ":" not in musk
    entity = next(e for e in store.get_entities() if e.id == musk)
    assert entity.name == "Elon Musk" and entity.aliases == ["Musk"]
    assert report.merges["same name"] == 1 and report.merges["surname (unique)"] == 1
    # the article's entities layer now holds the canonical entities
    assert {e.id for e in store.get_article("c").entities} == {musk}


def test_two_people_with_one_surname_stay_apart_unless_context_agrees():
    store = store_with(
        ("a", "Joe Biden regiert in Washington.", {"Joe Biden": "PER", "Washington": "LOC"}),
        ("b", "Hunter Biden malt in Malibu.", {"Hunter Biden": "PER", "Malibu": "LOC"}),
        ("c", "Biden sprach.", {"Biden": "PER"}),
        ("d", "Biden reiste nach Washington.", {"Biden": "PER", "Washington": "LOC"}),
    )
    report = resolve_corpus(store)
    joe, hunter = one(entity_ids(store, "a", "Joe Biden")), one(entity_ids(store, "b", "Hunter Biden"))
    assert joe != hunter
    assert one(entity_ids(store, "c", "Biden")) not in (joe, hunter)  # no context: left apart
    assert one(entity_ids(store, "d", "Biden")) == joe  # Washington is shared context
    assert "Biden" in report.ambiguous_surnames
    assert one(entity_ids(store, "c", "Biden")) != one(entity_ids(store, "d", "Biden"))


def test_aliases_carry_across_articles_and_types_stay_apart():
    store = store_with(
        ("a", "Das Image von X (Twitter) leidet. OpenAI wächst.", {"Twitter": "ORG", "OpenAI": "ORG"}),
        ("b", "Twitter verliert Nutzer. Open AI streitet.", {"Twitter": "ORG", "Open AI": "ORG"}),
        ("c", "Der Physiker Tesla erfand viel. Tesla baut Autos.", {"Tesla": "PER"}),
        ("d", "Tesla baut Autos.", {"Tesla": "ORG"}),
    )
    resolve_corpus(store)
    assert one(entity_ids(store, "a", "X")) == one(entity_ids(store, "b", "Twitter"))
    assert one(entity_ids(store, "a", "OpenAI")) == one(entity_ids(store, "b", "Open AI"))
    assert one(entity_ids(store, "c", "Tesla")) != one(entity_ids(store, "d", "Tesla"))


def test_resolution_is_stable_and_idempotent():
    docs = [("a", "Elon Musk gründete Tesla. Musk lacht.", {"Elon Musk": "PER", "Musk": "PER", "Tesla": "ORG"}),
            ("b", "Musk verkauft Tesla-Aktien. Tesla fällt.", {"Musk": "PER", "Tesla": "ORG"})]
    first = store_with(*docs)
    resolve_corpus(first)
    ids_first = {(a.id, m.start, m.entity) for a in first.iter_articles() for m in a.mentions}
    resolve_corpus(first)
    ids_again = {(a.id, m.start, m.entity) for a in first.iter_articles() for m in a.mentions}
    second = store_with(*docs)
    resolve_corpus(second)
    ids_fresh = {(a.id, m.start, m.entity) for a in second.iter_articles() for m in a.mentions}
    assert ids_first == ids_again == ids_fresh


def test_roles_keep_their_article_provenance():
    store = store_with(
        ("a", "X-CEO Linda Yaccarino dankt.", {"Linda Yaccarino": "PER"}),
        ("b", "Die Managerin Linda Yaccarino schweigt.", {"Linda Yaccarino": "PER"}),
    )
    resolve_corpus(store)
    entity = next(e for e in store.get_entities() if e.name == "Linda Yaccarino")
    assert {(r["role"], r["article"]) for r in entity.roles} == {("CEO", "a"), ("Manager", "b")}
    (role_b,) = [r for r in entity.roles if r["article"] == "b"]
    assert store.get_article("b").text[role_b["start"]:role_b["end"]] == "Managerin"


def test_kb_import_links_mentions_and_carries_the_external_id(tmp_path):
    kb = tmp_path / "kb.csv"
    kb.write_text("name,type,aliases,external_id\nElon Musk,PER,Musk|Elon Reeve Musk,Q317521\n"
                  "X Corp.,ORG,X|Twitter,Q918\n", encoding="utf-8")
    store = store_with(("a", "Musk kaufte Twitter.", {"Musk": "PER", "Twitter": "ORG"}))
    assert [e.external_id for e in import_kb(store, kb)] == ["Q317521", "Q918"]
    report = resolve_corpus(store)
    assert report.kb_links == 2
    article = store.get_article("a")
    by_name = {e.name: e for e in article.entities}
    assert by_name["Elon Musk"].external_id == "Q317521"
    assert by_name["X Corp."].external_id == "Q918"
    assert {m.entity for m in article.mentions} == {by_name["Elon Musk"].id, by_name["X Corp."].id}


def test_kb_reads_json_and_jsonl(tmp_path):
    path = tmp_path / "kb.json"
    path.write_text(json.dumps([{"name": "OpenAI", "type": "organization", "aliases": ["Open AI"],
                                 "qid": "Q21708200"}]), encoding="utf-8")
    (entity,) = read_kb(path)
    assert (entity.type, entity.aliases, entity.external_id) == ("ORG", ["Open AI"], "Q21708200")
    lines = tmp_path / "kb.jsonl"
    lines.write_text('{"name": "Berlin", "type": "LOC"}\n{"name": "Bonn", "type": "LOC"}\n', encoding="utf-8")
    assert [e.name for e in read_kb(lines)] == ["Berlin", "Bonn"]


@pytest.mark.parametrize("content, where", [
    ("name,type\nBerlin,STADT\n", "line 2"),
    ("name,type\n,LOC\n", "line 2"),
    ("titel,typ\nBerlin,LOC\n", "line 1"),
])
def test_kb_errors_name_the_line(tmp_path, content, where):
    path = tmp_path / "kb.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MalformedRecord) as info:
        read_kb(path)
    assert where in info.value.location


def test_kb_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        read_kb(tmp_path / "nope.csv")


def test_later_layers_pointing_at_local_ids_are_rewritten():
    from dossier.model import Event, Participant, Quote

    text = "Elon Musk sagte, X werde verschwinden. Musk kaufte X."
    store = MemoryStore()
    article = Article(id="q", raw_text=text, text=text)
    store.add_articles([article])
    layers = link_entities(article, tag(text, {"Elon Musk": "PER", "Musk": "PER", "X": "ORG"}))
    article.mentions, article.entities = layers["mentions"], layers["entities"]
    local_musk = next(e.id for e in article.entities if e.name == "Elon Musk")
    article.quotes = [Quote(17, 37, text[17:37], "indirect", "Musk", local_musk)]
    article.events = [Event(39, 52, "Acquisition", [Participant("buyer", local_musk, "Musk")])]
    store.update_layers(article)
    resolve_corpus(store)
    stored = store.get_article("q")
    musk = one({m.entity for m in stored.mentions if m.text == "Musk"})
    assert stored.quotes[0].speaker_entity == musk and stored.quotes[0].speaker == "Elon Musk"
    assert stored.events[0].participants[0].entity == musk


def test_a_lone_first_name_and_model_numbers_are_not_merged():
    store = store_with(
        ("a", "Angel di Maria traf doppelt.", {"Angel di Maria": "PER"}),
        ("b", "Maria verkauft Blumen.", {"Maria": "PER"}),
        ("c", "Das iPhone 5s ist alt.", {"iPhone 5s": "MISC"}),
        ("d", "Das iPhone 5 ist älter.", {"iPhone 5": "MISC"}),
    )
    report = resolve_corpus(store)
    assert one(entity_ids(store, "a", "Angel di Maria")) != one(entity_ids(store, "b", "Maria"))
    assert one(entity_ids(store, "c", "iPhone 5s")) != one(entity_ids(store, "d", "iPhone 5"))
    assert not report.merges


def test_stale_entities_are_dropped_where_the_store_can_delete():
    class DeletingStore(MemoryStore):
        def delete_entities(self, ids):
            for entity_id in ids:
                self._entities.pop(entity_id, None)

    store = DeletingStore()
    text = "Twitter verliert Geld."
    article = Article(id="s", raw_text=text, text=text)
    store.add_articles([article])
    layers = link_entities(article, tag(text, {"Twitter": "ORG"}))
    article.mentions, article.entities = layers["mentions"], layers["entities"]
    store.update_layers(article)
    resolve_corpus(store)
    old = {e.id for e in store.get_entities()}
    from dossier.model import Entity
    store.upsert_entities([Entity("Eq", "X Corp.", "ORG", ["Twitter"], "Q918")])
    resolve_corpus(store)
    assert {e.id for e in store.get_entities()} == {"Eq"} and old != {"Eq"}


def test_surnames_with_particles_join_the_full_name():
    store = store_with(
        ("a", "Ursula von der Leyen sprach in Brüssel.", {"Ursula von der Leyen": "PER", "Brüssel": "LOC"}),
        ("b", "Die Kommission unter von der Leyen plant Zölle.", {"von der Leyen": "PER"}),
    )
    report = resolve_corpus(store)
    assert one(entity_ids(store, "a", "Ursula von der Leyen")) == one(entity_ids(store, "b", "von der Leyen"))
    assert report.merges["surname (unique)"] == 1


def test_genitive_across_articles_for_places_not_short_names():
    store = store_with(
        ("a", "China wächst.", {"China": "LOC"}),
        ("b", "Chinas Markt schrumpft.", {"Chinas": "LOC"}),
        ("c", "Die Time berichtet.", {"Time": "ORG"}),
        ("d", "Die Times berichtet.", {"Times": "ORG"}),
    )
    resolve_corpus(store)
    assert one(entity_ids(store, "a", "China")) == one(entity_ids(store, "b", "Chinas"))
    assert one(entity_ids(store, "c", "Time")) != one(entity_ids(store, "d", "Times"))


def test_inflected_names_join_their_bare_form_across_articles():
    store = store_with(
        ("a", "Frank Stronach gründete eine Partei in Wien.", {"Frank Stronach": "PER", "Wien": "LOC"}),
        ("b", "Frank Stronachs Vermögen wird auf Milliarden geschätzt.", {"Frank Stronachs": "PER"}),
        ("c", "Die Niederlande stimmten dagegen.", {"Niederlande": "LOC"}),
        ("d", "In den Niederlanden regnet es.", {"Niederlanden": "LOC"}),
        ("e", "Die Grüne Jugend und die Grüne kritisieren das.", {"Grüne": "ORG"}),
        ("f", "Ein Antrag der Grünen scheiterte.", {"Grünen": "ORG"}),
        ("g", "Das Europaparlament tagt.", {"Europaparlament": "ORG"}),
        ("h", "Die Abgeordneten des Europaparlamentes stimmten ab.", {"Europaparlamentes": "ORG"}),
        ("i", "Das neue iPhone kostet viel.", {"iPhone": "MISC"}),
        ("j", "Zwei iPhones fielen herunter.", {"iPhones": "MISC"}),
    )
    resolve_corpus(store)
    stronach = one(entity_ids(store, "a", "Frank Stronach"))
    assert stronach == one(entity_ids(store, "b", "Frank Stronachs"))
    assert one(entity_ids(store, "c", "Niederlande")) == one(entity_ids(store, "d", "Niederlanden"))
    assert one(entity_ids(store, "e", "Grüne")) == one(entity_ids(store, "f", "Grünen"))
    assert one(entity_ids(store, "g", "Europaparlament")) == one(entity_ids(store, "h", "Europaparlamentes"))
    assert one(entity_ids(store, "i", "iPhone")) == one(entity_ids(store, "j", "iPhones"))
    names = {e.id: e.name for e in store.get_entities()}
    # The canonical name is the uninflected one, whatever the tie-break.
    assert names[stronach] == "Frank Stronach"
    assert names[one(entity_ids(store, "d", "Niederlanden"))] == "Niederlande"


def test_two_people_whose_names_differ_by_a_final_s_in_one_word_stay_apart():
    store = store_with(
        ("a", "Der Trainer Hans Peter lobte das Team.", {"Hans Peter": "PER"}),
        ("b", "Der Richter Hans Peters sprach das Urteil.", {"Hans Peters": "PER"}),
        ("c", "Die Neos fordern Reformen.", {"Neos": "ORG"}),
        ("d", "Das Start-up Neo sammelt Geld.", {"Neo": "ORG"}),
    )
    resolve_corpus(store)
    # "Peters" is a surname of its own: a full name is read as a genitive only where the
    # article uses it before a noun ("Frank Stronachs Vermögen"); organisations need 9+ letters.
    assert one(entity_ids(store, "a", "Hans Peter")) != one(entity_ids(store, "b", "Hans Peters"))
    assert one(entity_ids(store, "c", "Neos")) != one(entity_ids(store, "d", "Neo"))


def test_a_bare_acronym_joins_the_one_entity_other_articles_spell_it_out_as():
    store = store_with(
        ("a", "Die Europäische Union (EU) berät in Brüssel.", {"Europäische Union": "ORG", "EU": "ORG"}),
        ("b", "Die Europäische Union (EU) verhängt Sanktionen.", {"Europäische Union": "ORG", "EU": "ORG"}),
        ("c", "Die EU will die Grenzen sichern.", {"EU": "ORG"}),
        ("d", "Die Bank Austria (BA) schließt Filialen.", {"Bank Austria": "ORG", "BA": "ORG"}),
        ("e", "Die British Airways (BA) streicht Flüge.", {"British Airways": "ORG", "BA": "ORG"}),
        ("f", "Die BA meldet Verluste.", {"BA": "ORG"}),
        ("g", "Die Deutsche Bahn (DB) erhöht die Preise.", {"Deutsche Bahn": "ORG", "DB": "ORG"}),
        ("h", "Die DB legt Zahlen vor.", {"DB": "ORG"}),
    )
    resolve_corpus(store)
    eu = one(entity_ids(store, "a", "Europäische Union"))
    assert one(entity_ids(store, "c", "EU")) == eu
    # Two expansions: a bare "BA" stays apart from both.
    ba = one(entity_ids(store, "f", "BA"))
    assert ba not in {one(entity_ids(store, "d", "Bank Austria")), one(entity_ids(store, "e", "British Airways"))}
    # One article spelling it out is not enough.
    assert one(entity_ids(store, "h", "DB")) != one(entity_ids(store, "g", "Deutsche Bahn"))


def test_listed_equivalent_names_meet_and_the_entity_takes_the_headword():
    store = store_with(
        ("a", "Die US-Regierung und die US reagieren.", {"US": "LOC"}),
        ("b", "Die USA verhängen Zölle.", {"USA": "LOC"}),
        ("c", "In den Vereinigten Staaten wird gewählt.", {"Vereinigten Staaten": "LOC"}),
        ("d", "Die UNO tagt, sagte ein Sprecher der Vereinten Nationen.", {"UNO": "ORG", "Vereinten Nationen": "ORG"}),
        ("e", "Die UN warnen.", {"UN": "ORG"}),
        ("f", "Die US Open beginnen.", {"US Open": "ORG"}),
    )
    resolve_corpus(store)
    usa = one(entity_ids(store, "b", "USA"))
    assert one(entity_ids(store, "a", "US")) == usa == one(entity_ids(store, "c", "Vereinigten Staaten"))
    assert {e.id: e.name for e in store.get_entities()}[usa] == "USA"
    assert one(entity_ids(store, "d", "UNO")) == one(entity_ids(store, "e", "UN"))
    assert one(entity_ids(store, "f", "US Open")) != usa


def test_a_name_shared_by_two_types_finds_the_far_more_mentioned_entity():
    from dossier.errors import ConfigError
    from dossier.resolve.entity_query import find_entities

    orgs = [(f"o{i}", f"Die EU berät zum {i}. Mal. Die EU entscheidet.", {"EU": "ORG"}) for i in range(5)]
    store = store_with(*orgs, ("l", "Reisen in die EU sind teuer.", {"EU": "LOC"}))
    resolve_corpus(store)
    found = find_entities(store, "EU")
    assert [e.type for e in found] == ["ORG", "LOC"]
    # Comparable counts stay an error that lists both.
    store = store_with(("a", "Tesla baut Autos.", {"Tesla": "ORG"}), ("b", "Tesla erfand viel.", {"Tesla": "PER"}))
    resolve_corpus(store)
    with pytest.raises(ConfigError, match="names 2 entities"):
        find_entities(store, "Tesla")
