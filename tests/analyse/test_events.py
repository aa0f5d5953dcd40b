"""The events stage on German sentences written for these tests: every type and every modality.

Mentions are given by hand (string matching), so the tests check the event rules and not the
NER model; figures and times come from their own stages.
"""
from __future__ import annotations

import pytest

from dossier.analyse.events import extract_events
from dossier.analyse.figures import extract_figures
from dossier.analyse.times import normalise_times
from dossier.eval.names import match_names
from dossier.model import Mention, Quote, with_span_ids

NAMES = {
    "Siemens": ("siemens", "Siemens AG", "ORG"), "Osram": ("osram", "Osram", "ORG"),
    "Bosch": ("bosch", "Bosch", "ORG"), "Daimler": ("daimler", "Daimler", "ORG"),
    "Nordwind": ("nordwind", "Nordwind GmbH", "ORG"), "Südstern": ("suedstern", "Südstern", "ORG"),
    "Verdi": ("verdi", "Verdi", "ORG"), "Lufthansa": ("lufthansa", "Lufthansa", "ORG"),
    "Anna Berger": ("berger", "Anna Berger", "PER"), "Berger": ("berger", "Anna Berger", "PER"),
    "Karl Huber": ("huber", "Karl Huber", "PER"), "Huber": ("huber", "Karl Huber", "PER"),
    "Landgericht München": ("lgm", "Landgericht München", "ORG"), "Moovel": ("moovel", "Moovel", "ORG"),
    "Zephyr": ("zephyr", "Zephyr", "MISC"), "SPD": ("spd", "SPD", "ORG"),
}


def events_of(text: str, published: str = "2024-03-01", quotes: list[Quote] | None = None,
              extra: list[Mention] | None = None):
    mentions, entities = match_names(text, NAMES)
    mentions = sorted(mentions + (extra or []), key=lambda m: m.start)
    figures = with_span_ids("t", "figures", extract_figures(text, mentions, entities, published))
    times = with_span_ids("t", "times", normalise_times(text, published))
    return extract_events(text, mentions, entities, figures, times, quotes or [], published)


def one(text: str, type_: str, **kwargs):
    found = [e for e in events_of(text, **kwargs) if e.type == type_]
    assert len(found) == 1, (text, [(e.type, e.text) for e in events_of(text, **kwargs)])
    return found[0]


def roles(event) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in event.participants:
        out.setdefault(p.role, []).append(p.name)
    return out


def test_acquisition_verb_with_price_and_offsets():
    text = "Siemens übernimmt Osram für 3,4 Milliarden Euro."
    event = one(text, "ACQUISITION")
    assert roles(event) == {"buyer": ["Siemens AG"], "target": ["Osram"], "price": ["3,4 Milliarden Euro"]}
    assert text[event.start:event.end] == event.text == "übernimmt"
    assert (event.sentence_start, event.sentence_end) == (0, len(text))
    price = next(p for p in event.participants if p.role == "price")
    assert text[price.start:price.end] == "3,4 Milliarden Euro" and event.figures == [price.figure]
    assert event.modality == "asserted" and event.time == "2024-03-01" and event.time_inferred
    assert event.time_ref is None and price.figure == "t:f28-47"


def test_acquisition_passive_and_noun_frames():
    passive = one("Osram wird von Bosch gekauft.", "ACQUISITION")
    assert roles(passive) == {"target": ["Osram"], "buyer": ["Bosch"]}
    noun = one("Die Übernahme von Osram durch Siemens ist abgeschlossen.", "ACQUISITION")
    assert roles(noun) == {"target": ["Osram"], "buyer": ["Siemens AG"]}


def test_acquisition_compound_prefix_names_the_target():
    text = "Siemens feiert die Osram-Übernahme."
    inside = Mention(text.index("Osram"), text.index("Osram") + 5, "Osram", "ORG", "osram", inside=True)
    event = one(text, "ACQUISITION", extra=[inside])
    assert roles(event) == {"target": ["Osram"], "buyer": ["Siemens AG"]}


def test_merger_parties_coordinated_and_with_mit():
    assert roles(one("Nordwind und Südstern fusionieren.", "MERGER")) == {"parties": ["Nordwind GmbH", "Südstern"]}
    assert roles(one("Bosch besiegelt die Fusion mit Osram.", "MERGER")) == {"parties": ["Osram", "Bosch"]}


def test_spin_off_tochter_needs_both_companies():
    event = one("Daimler expandiert mit seiner Tochter Moovel.", "SPIN_OFF")
    assert roles(event) == {"child": ["Moovel"], "parent": ["Daimler"]}
    assert not [e for e in events_of("Die Tochter des Bäckers heiratet.") if e.type == "SPIN_OFF"]


def test_investment_with_amount():
    event = one("Bosch investiert 200 Millionen Euro in Nordwind.", "INVESTMENT")
    assert roles(event) == {"investor": ["Bosch"], "company": ["Nordwind GmbH"], "amount": ["200 Millionen Euro"]}


def test_layoffs_particle_verb_count_and_time():
    event = one("Im Juni 2023 baute Osram 1.200 Stellen ab.", "LAYOFFS")
    assert roles(event) == {"company": ["Osram"], "count": ["1.200 Stellen"]}
    assert event.time == "2023-06" and not event.time_inferred and event.time_ref == "t:t3-12"
    assert event.text == "baute Osram 1.200 Stellen"  # the support verb through its noun


def test_layoffs_need_jobs_not_any_cut():
    assert not [e for e in events_of("Osram streicht die Dividende.") if e.type == "LAYOFFS"]
    assert roles(one("Osram streicht 300 Arbeitsplätze.", "LAYOFFS"))["company"] == ["Osram"]


def test_insolvency_noun_and_adjective():
    assert roles(one("Nordwind hat Insolvenz angemeldet.", "INSOLVENCY")) == {"company": ["Nordwind GmbH"]}
    assert roles(one("Die Gläubiger der insolventen Südstern warten.", "INSOLVENCY")) == {"company": ["Südstern"]}


def test_leadership_change_in_and_out():
    appointed = one("Nordwind ernennt Anna Berger zur Chefin.", "LEADERSHIP_CHANGE")
    assert roles(appointed) == {"company": ["Nordwind GmbH"], "person": ["Anna Berger"], "position": ["Chefin"]}
    assert appointed.direction == "in"
    resigned = one("Karl Huber ist als Chef von Osram zurückgetreten.", "LEADERSHIP_CHANGE")
    assert roles(resigned)["person"] == ["Karl Huber"] and resigned.direction == "out"


def test_standing_leadership_from_apposition():
    event = one("Am Montag sprach Osram-Chef Karl Huber in Berlin.", "LEADERSHIP")
    assert roles(event) == {"company": ["Osram"], "person": ["Karl Huber"], "position": ["Osram-Chef"]}


def test_strike_union_and_employer():
    event = one("Verdi ruft zum Warnstreik bei der Lufthansa auf.", "STRIKE")
    assert roles(event) == {"company": ["Lufthansa"], "union": ["Verdi"]}


def test_lawsuit_with_court_and_pronoun_plaintiff():
    event = one("Anna Berger verklagt Bosch vor dem Landgericht München.", "LAWSUIT")
    assert roles(event) == {"plaintiff": ["Anna Berger"], "defendant": ["Bosch"], "court": ["Landgericht München"]}
    later = [e for e in events_of("Karl Huber ist wütend. Jetzt verklagt er Osram.") if e.type == "LAWSUIT"]
    assert [roles(e) for e in later] == [{"plaintiff": ["Karl Huber"], "defendant": ["Osram"]}]


def test_boycott_product_launch_and_vote():
    assert roles(one("Die Kunden boykottieren Bosch.", "BOYCOTT")) == {"target": ["Bosch"]}
    assert roles(one("Osram stellt die Lampe Zephyr vor.", "PRODUCT_LAUNCH")) == {"company": ["Osram"],
                                                                              "product": ["Zephyr"]}
    assert roles(one("Karl Huber will für Anna Berger stimmen.", "ELECTION")) == {"voter": ["Karl Huber"],
                                                                               "candidate": ["Anna Berger"]}


@pytest.mark.parametrize("text, modality", [
    ("Siemens übernimmt Osram.", "asserted"),
    ("Im Mai schlug Huber vor, Nordwind mit Südstern zu fusionieren.", "proposed"),
    ("Bosch plant, Osram zu übernehmen.", "planned"),
    ("Siemens würde Osram übernehmen, wenn der Preis stimmt.", "hypothetical"),
    ("Bosch dementierte, Osram übernehmen zu wollen.", "denied"),
    ("Siemens übernimmt Osram nicht.", "denied"),
    ("Huber behauptete fälschlicherweise, Siemens habe Osram übernommen.", "claimed_false"),
    ("Laut Huber übernimmt Siemens Osram.", "reported"),
])
def test_modality_cues(text, modality):
    kinds = {"fusionieren": "MERGER"}
    type_ = next((v for k, v in kinds.items() if k in text), "ACQUISITION")
    assert one(text, type_).modality == modality


def test_a_negated_denial_is_no_denial():
    assert one("Bosch bestritt nicht, dass es Osram übernehmen will.", "ACQUISITION").modality == "planned"


def test_event_in_indirect_speech_takes_the_speaker_as_source():
    text = "Siemens übernehme Osram bald, sagte Anna Berger."
    quote = Quote(0, 27, text[:27], kind="indirect", speaker="Anna Berger", speaker_entity="berger")
    event = one(text, "ACQUISITION", quotes=[quote])
    assert event.modality == "reported" and (event.source, event.source_entity) == ("Anna Berger", "berger")


def test_nothing_without_a_trigger_or_a_participant():
    assert events_of("Siemens und Osram stellten ihre Zahlen vor.") == []
    assert events_of("Die Übernahme ist abgeschlossen.") == []


def test_news_agencies_take_no_part_and_a_lost_match_is_no_insolvency():
    names = {**NAMES, "dpa": ("dpa", "dpa", "ORG")}
    text = "Berlin (dpa) - Der Stellenabbau ist beschlossen."
    mentions, entities = match_names(text, names)
    assert extract_events(text, mentions, entities, [], [], [], None) == []
    assert [e.type for e in events_of("Für Osram war es die vierte Pleite in Folge.")] == []
    assert roles(one("Osram ist pleite.", "INSOLVENCY")) == {"company": ["Osram"]}


def test_compound_front_names_the_company_when_no_mention_covers_it():
    text = "Osram meldet Zahlen. Der Osram-Streik trifft Bosch. Der Eurowings-Streik trifft Bosch auch."
    mentions = [m for m in match_names(text, NAMES)[0] if m.text != "Osram" or m.start == 0]
    events = [e for e in extract_events(text, mentions, [], [], [], [], None) if e.type == "STRIKE"]
    fronts = [(p.name, p.entity, text[p.start:p.end]) for e in events for p in e.participants]
    # a name the article has keeps its entity; an unknown proper noun stands as a name
    assert fronts == [("Osram", "osram", "Osram"), ("Eurowings", None, "Eurowings")]
    mega = [p.name for e in events_of("Die Mega-Fusion von Bosch scheitert.") for p in e.participants]
    assert mega == ["Bosch"]  # "Mega" is no name


def test_leadership_with_two_people_a_title_and_the_organisation_after_the_name():
    both = one("Die Geschäftsführer der Osram, Anna Berger und Karl Huber, sind zufrieden.", "LEADERSHIP")
    assert roles(both) == {"company": ["Osram"], "person": ["Anna Berger", "Karl Huber"],
                           "position": ["Geschäftsführer"]}
    after = one("Am Ende sprach Geschäftsführer Dr. Karl Huber von Osram.", "LEADERSHIP")
    assert roles(after)["company"] == ["Osram"] and roles(after)["person"] == ["Karl Huber"]
    comma = one("Karl Huber, kaufmännischer Geschäftsführer der Osram, spricht.", "LEADERSHIP")
    assert roles(comma)["person"] == ["Karl Huber"]


@pytest.mark.parametrize("text", [
    "Osram-Chef Karl Huber schlug vor, Siemens mit Bosch zu fusionieren.",
    "Siemens will nach Angaben von Osram-Chef Karl Huber Osram übernehmen.",
])
def test_standing_leadership_takes_no_modality_of_its_clause(text):
    event = one(text, "LEADERSHIP")
    assert roles(event)["person"] == ["Karl Huber"] and event.modality == "asserted"


def test_one_participant_fills_one_role():
    gdl = {"Gewerkschaft Deutscher Lokomotivführer": ("gdl", "Gewerkschaft Deutscher Lokomotivführer", "ORG"),
           "GDL": ("gdl", "Gewerkschaft Deutscher Lokomotivführer", "ORG")}
    text = "Die Gewerkschaft Deutscher Lokomotivführer (GDL) hat ihre Mitglieder zum Streik aufgerufen."
    mentions, entities = match_names(text, gdl)
    strike = [e for e in extract_events(text, mentions, entities, [], [], [], "2024-03-01") if e.type == "STRIKE"]
    assert len(strike) == 1 and roles(strike[0]) == {"union": ["Gewerkschaft Deutscher Lokomotivführer"]}
    acquisition = one("Siemens will nach Angaben von Osram-Chef Karl Huber Osram übernehmen.", "ACQUISITION")
    assert roles(acquisition) == {"buyer": ["Siemens AG"], "target": ["Osram"]}
