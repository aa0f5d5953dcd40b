"""How the events stage finds participants and trigger spans beyond plain names: support verbs
with their noun, descriptors that refer back (``der Konzern``), the strikers' employer in the
subject. German sentences written for these tests; mentions matched by hand."""
from __future__ import annotations

from dossier.model import Mention, Quote
from tests.analyse.test_events import events_of, one, roles


def test_a_support_verb_and_its_noun_are_the_trigger():
    text = "Nordwind streicht 500 Stellen."
    event = one(text, "LAYOFFS")
    assert event.text == "streicht 500 Stellen" == text[event.start:event.end]
    assert roles(event) == {"company": ["Nordwind GmbH"], "count": ["500 Stellen"]}
    abbau = one("Nordwind baut in Bremen 200 Arbeitsplätze ab.", "LAYOFFS")
    assert abbau.text == "baut in Bremen 200 Arbeitsplätze"


def test_a_descriptor_refers_to_the_last_company_named():
    text = "Nordwind meldete hohe Verluste. Der Konzern streicht deshalb 500 Stellen."
    event = one(text, "LAYOFFS")
    company = next(p for p in event.participants if p.role == "company")
    assert company.name == "Nordwind GmbH" and company.entity == "nordwind"
    assert text[company.start:company.end] == "Konzern"
    insolvent = one("Südstern verlor den Großkunden. Das Unternehmen hat Insolvenz angemeldet.", "INSOLVENCY")
    assert roles(insolvent) == {"company": ["Südstern"]}


def test_a_descriptor_with_its_own_name_or_without_a_company_before_it_is_no_participant():
    # "der Autobauer Daimler" is an apposition: the name itself takes part
    assert roles(one("Der Autobauer Daimler streicht 300 Stellen.", "LAYOFFS"))["company"] == ["Daimler"]
    assert [e for e in events_of("Das Unternehmen streicht 500 Stellen.") if e.type == "LAYOFFS"] == []


def test_the_strikers_employer_stands_in_the_subject():
    assert roles(one("Die Flugbegleiter der Lufthansa streiken am Montag.", "STRIKE"))["company"] == ["Lufthansa"]
    text = "Lufthansa-Flugbegleiter streiken am Montag."
    front = Mention(0, 9, "Lufthansa", "ORG", "lufthansa", inside=True)
    event = one(text, "STRIKE", extra=[front])
    assert roles(event)["company"] == ["Lufthansa"]


def _leader(text: str):
    found = [e for e in events_of(text) if e.type == "LEADERSHIP"]
    assert len(found) == 1, (text, [(e.type, e.text) for e in events_of(text)])
    return roles(found[0])


def test_leadership_through_als_a_descriptor_front_and_the_sentence_company():
    assert _leader("Karl Huber arbeitet nun als Geschäftsführer von Nordwind.") == {
        "company": ["Nordwind GmbH"], "person": ["Karl Huber"], "position": ["Geschäftsführer"]}
    # "Konzernchefin": the company the article named last
    assert _leader("Südstern verliert Kunden, ein Rückschlag für Konzernchefin Anna Berger.")["company"] == ["Südstern"]
    # a bare position speaks for the company named before it in its sentence
    assert _leader("Die Übernahme sei für Nordwind wichtig, sagte Vorstandschef Karl Huber.")["company"] == \
        ["Nordwind GmbH"]


def test_a_bare_position_without_a_company_before_it_is_no_leadership():
    assert [e for e in events_of("Vorstandschef Karl Huber lobte Nordwind.") if e.type == "LEADERSHIP"] == []


def test_a_bracketed_insertion_does_not_cut_the_clause():
    event = one("Der Mischkonzern Nordwind (WKN: 857069) übernimmt für 14 Milliarden Euro Südstern.", "ACQUISITION")
    assert roles(event) == {"buyer": ["Nordwind GmbH"], "target": ["Südstern"], "price": ["14 Milliarden Euro"]}


def test_coordinated_companies_file_for_insolvency_each():
    found = [e for e in events_of("Nordwind und Südstern haben Insolvenz angemeldet.") if e.type == "INSOLVENCY"]
    assert sorted(roles(e)["company"][0] for e in found) == ["Nordwind GmbH", "Südstern"]
    assert len({(e.start, e.end) for e in found}) == 1  # one trigger, two events


def test_no_acquisition_of_power_places_or_near_insolvency():
    assert [e for e in events_of("Nach der Machtübernahme von Karl Huber jubelte die SPD.")
            if e.type == "ACQUISITION"] == []
    assert [e for e in events_of("Nordwind würde das Ende von Südstern in Kauf nehmen.")
            if e.type == "ACQUISITION"] == []  # accepting, not buying
    text = "Nordwind kauft Zephyr."  # a product (MISC) is no company taken over
    assert [e for e in events_of(text) if e.type == "ACQUISITION"] == []
    assert [e for e in events_of("Vier Jahre nach der Beinahe-Insolvenz ist Nordwind Meister.")
            if e.type == "INSOLVENCY"] == []


def test_who_proposes_a_merger_is_no_party_of_it():
    for text in ("Osram-Chef Karl Huber schlug vor, Siemens mit Bosch zu fusionieren.",
                 "Osram schlug vor, Siemens und Bosch zu fusionieren."):
        event = one(text, "MERGER")
        assert sorted(roles(event)["parties"]) == ["Bosch", "Siemens AG"] and event.modality == "proposed"
        assert event.source is not None  # who proposes it tells it
    assert one("Karl Huber schlug vor, Siemens mit Bosch zu fusionieren.", "MERGER").source_entity == "huber"
    denied = one("Karl Huber dementierte, dass Nordwind mit Südstern fusioniert.", "MERGER")
    assert (denied.modality, denied.source) == ("denied", "Karl Huber")
    # without parties of its own the infinitive's controller is one
    assert sorted(roles(one("Osram schlug vor, mit Bosch zu fusionieren.", "MERGER"))["parties"]) == ["Bosch", "Osram"]


def test_a_company_ceasing_to_exist_is_a_closure_with_its_modality():
    text = "Nordwind werde dann eben verschwinden, sagte Karl Huber."
    quote = Quote(0, 38, "Nordwind werde dann eben verschwinden", speaker="Karl Huber", speaker_entity="huber")
    event = one(text, "CLOSURE", quotes=[quote])
    assert roles(event) == {"company": ["Nordwind GmbH"]}
    assert event.modality == "hypothetical" and event.source == "Karl Huber"
    assert one("Südstern verschwand 2019 vom Markt.", "CLOSURE").modality == "asserted"
    assert one("Nordwind stellt den Geschäftsbetrieb ein.", "CLOSURE").text == "stellt den Geschäftsbetrieb"
    # worries or products that vanish are no company closing
    assert [e for e in events_of("Die Sorgen von Nordwind verschwinden.") if e.type == "CLOSURE"] == []


def test_the_events_stage_tags_through_the_quote_stage_s_calls():
    from dossier.analyse.segment import pos_tags, segmentation

    text = "Karl Huber sagte am Montag, Nordwind streiche 500 Stellen. Südstern ist insolvent."
    view = segmentation(text).quoted
    pos_tags.cache_clear()
    for a, b in view.sentences:  # what the quote stage asks for
        pos_tags(tuple(t.text for t in view.tokens[a:b]))
    asked = pos_tags.cache_info().misses
    assert {e.type for e in events_of(text)} == {"LAYOFFS", "INSOLVENCY"}
    assert pos_tags.cache_info().misses == asked  # no sentence tagged a second time


def test_a_possessive_names_the_parent_and_a_common_noun_front_is_no_name():
    assert roles(one("Nordwind expandiert mit seiner Tochter Südstern.", "SPIN_OFF")) == {
        "parent": ["Nordwind GmbH"], "child": ["Südstern"]}
    text = "Nordwind wächst, auch dank ihrer Beratungs-Tochter Südstern."
    at = text.index("Beratungs")
    front = Mention(at, at + 9, "Beratungs", "ORG", "beratung", inside=True)  # a model's mistake
    assert roles(one(text, "SPIN_OFF", extra=[front])) == {"parent": ["Nordwind GmbH"], "child": ["Südstern"]}


def test_a_sentence_the_quote_stage_did_not_tag_is_tagged_only_as_far_as_the_trigger_reads():
    from dossier.analyse.segment import pos_tags, segmentation

    text = ("Nordwind übernimmt Südstern, teilte der Vorstand mit, nachdem die Gespräche mit "
            "mehreren Banken über die Finanzierung der Übernahme monatelang gedauert hatten.")
    pos_tags.cache_clear()
    event = one(text, "ACQUISITION")
    assert roles(event)["target"] == ["Südstern"]
    view = segmentation(text).quoted
    whole = tuple(t.text for t in view.tokens)
    assert pos_tags.peek(whole) is None  # the long rest of the sentence was never tagged
    read = [words for words in pos_tags._held if words == whole[:len(words)]]
    assert read and len(read[0]) < len(whole) and "monatelang" not in read[0]
    # tagged by the quote stage first, the whole sentence's tags are used and nothing is tagged again
    pos_tags.cache_clear()
    pos_tags(whole)
    asked = pos_tags.cache_info().misses
    assert roles(one(text, "ACQUISITION"))["target"] == ["Südstern"]
    assert pos_tags.cache_info().misses == asked
