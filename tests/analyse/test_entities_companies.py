"""Company names in business news: descriptor, legal form, short form and acronym are one entity,
and one name keeps one type within an article. German sentences written for these tests."""
from __future__ import annotations

import re

from dossier.analyse.entities import link_entities
from dossier.analyse.entities.companies import is_descriptor, strip_legal_form
from dossier.model import Article, Mention


def entities_of(text: str, tagged: list[tuple[str, str]]):
    """Link hand-tagged mentions (surface, label; the first match of each place wins)."""
    mentions: list[Mention] = []
    for surface, label in tagged:
        for m in re.finditer(re.escape(surface), text):
            if not any(x.start <= m.start() < x.end for x in mentions):
                mentions.append(Mention(m.start(), m.end(), surface, label))
    mentions.sort(key=lambda m: m.start)
    return link_entities(Article(id="t", raw_text=text, text=text), mentions)


def test_legal_forms_and_descriptors_from_the_data_files():
    assert strip_legal_form("Infineon Technologies AG") == "Infineon Technologies"
    assert strip_legal_form("Nordwind GmbH & Co. KG") == "Nordwind"
    assert strip_legal_form("Apple Inc.") == "Apple"
    assert strip_legal_form("AG") == "AG" and strip_legal_form("Volkswagen") == "Volkswagen"
    assert is_descriptor("Chiphersteller") and is_descriptor("Autobauer") and not is_descriptor("Infineon")


def test_descriptor_legal_form_short_form_and_acronym_are_one_entity():
    text = ("Der Chiphersteller Infineon Technologies AG (IFX) legte Zahlen vor. Infineon Technologies "
            "wuchs kräftig. Infineon will weiter investieren, sagte Jochen Hanebeck.")
    out = entities_of(text, [("Chiphersteller Infineon Technologies AG", "ORG"), ("IFX", "ORG"),
                             ("Infineon Technologies", "ORG"), ("Infineon", "PER"), ("Jochen Hanebeck", "PER")])
    companies = [e for e in out["entities"] if "Infineon" in e.name]
    assert len(companies) == 1
    company = companies[0]
    assert company.type == "ORG" and company.name == "Infineon Technologies AG"
    assert set(company.aliases) == {"IFX", "Infineon", "Infineon Technologies"}
    # the descriptor is no part of the mention; the once-PER short form is an ORG mention now
    own = [m for m in out["mentions"] if m.entity == company.id]
    assert [m.text for m in own][0] == "Infineon Technologies AG"
    assert all(m.label == "ORG" for m in own) and all(text[m.start:m.end] == m.text for m in own)


def test_a_surname_is_no_short_form_and_two_companies_block_it():
    text = "Ferdinand Porsche gründete die Porsche AG. Porsche lachte. Deutsche Bank und Deutsche Post sind da."
    out = entities_of(text, [("Ferdinand Porsche", "PER"), ("Porsche AG", "ORG"), ("Porsche", "PER"),
                             ("Deutsche Bank", "ORG"), ("Deutsche Post", "ORG")])
    by_name = {e.name: e for e in out["entities"]}
    assert by_name["Ferdinand Porsche"].aliases == ["Porsche"] and by_name["Porsche AG"].aliases == []
    assert {"Deutsche Bank", "Deutsche Post"} <= set(by_name)


def test_a_person_tag_after_a_company_descriptor_or_with_a_legal_form_is_an_organisation():
    text = ("Der Panzerhersteller Krauss-Maffei Wegmann besiegelt den Zusammenschluss. "
            "Die Moovel Group GmbH wächst. Die RWE-Tochter Lichtwerk lockt Anleger.")
    layers = entities_of(text, [("Krauss-Maffei Wegmann", "PER"), ("Moovel Group GmbH", "PER"),
                                ("Lichtwerk", "PER")])
    assert {m.text: m.label for m in layers["mentions"]} == {
        "Krauss-Maffei Wegmann": "ORG", "Moovel Group GmbH": "ORG", "Lichtwerk": "ORG"}


def test_a_person_after_a_descriptor_stays_a_person():
    text = "Der Investor Carl Icahn steigt ein. Investor Icahn will mehr. Der Konkurrent Jonas Brandt schweigt."
    layers = entities_of(text, [("Carl Icahn", "PER"), ("Icahn", "PER"), ("Jonas Brandt", "PER")])
    assert {m.label for m in layers["mentions"]} == {"PER"}


def test_a_short_form_joins_only_a_longer_name_that_reads_as_the_companys_full_name():
    text = ("Apple stellte ein neues Apple TV vor. Apple hofft auf Kunden. Die Siemens Energy AG baut "
            "Turbinen. Siemens Energy wächst, Siemens auch. Die ÖVP Wien tagt, die ÖVP wartet.")
    out = entities_of(text, [("Apple TV", "ORG"), ("Apple", "ORG"), ("Siemens Energy AG", "ORG"),
                             ("Siemens Energy", "ORG"), ("Siemens", "ORG"), ("ÖVP Wien", "ORG"), ("ÖVP", "ORG")])
    by_name = {e.name: e for e in out["entities"]}
    # a product and a regional branch are not the company's full name
    assert "Apple TV" not in by_name["Apple"].aliases and "ÖVP Wien" not in by_name["ÖVP"].aliases
    # a name continued by a company-name word (data file) is
    assert {"Siemens Energy", "Siemens"} <= set(by_name["Siemens Energy AG"].aliases)
