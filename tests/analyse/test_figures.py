"""The figures stage on short German sentences written for these tests."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.figures import extract_figures, figures_stage
from dossier.model import Article, Entity, Mention


def figs(text, mentions=None, entities=None, published=None):
    found = extract_figures(text, mentions, entities, published)
    for fig in found:
        assert text[fig.start:fig.end] == fig.text
    return found


def mention(text, surface, label="ORG", entity=None, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, label=label, entity=entity)


@pytest.mark.parametrize("text, value, unit", [
    ("Die Firma zahlte 3,5 Mio. Euro.", 3.5e6, "EUR"),
    ("Der Preis lag bei 1.000,50 €.", 1000.5, "EUR"),
    ("Sie verkaufte Anteile für 13 Mrd. Schweizer Franken.", 13e9, "CHF"),
    ("Das kostete 250 Pfund.", 250, "GBP"),
    ("Sie bot zwölf Millionen Yuan.", 12e6, "CNY"),
    ("Der Fonds hielt $ 400 in bar.", 400, "USD"),
    ("Das Budget: EUR 12.000 für alles.", 12_000, "EUR"),
    ("Der Kaffee kostet 2 Euro und 50 Cent.", 2.5, "EUR"),
    ("Ein Ticket kostet 80 Cent.", 0.8, "EUR"),
    ("Die Reise kostete 900 norwegische Kronen.", 900, "NOK"),
    ("Der Staat zahlt eine halbe Million Euro.", 5e5, "EUR"),
    ("Der Bau kostet anderthalb Milliarden Franken.", 1.5e9, "CHF"),
    ("Es gab einen siebenhundert-Euro-Gutschein.", 700, "EUR"),
    ("Er bekam einen 500-Millionen-Dollar-Kredit.", 5e8, "USD"),
    ("Die Aktie kostete 15 Dollar und 15 Cent.", 15.15, "USD"),
    ("Das Eis kostet 2 Pfund und 50 Pence.", 2.5, "GBP"),
    ("Die Lizenz kostet 49 usd.", 49, "USD"),
    ("Die Lizenz kostet usd 49.", 49, "USD"),
    ("Die Lizenz kostet US$ 49.", 49, "USD"),
    ("Das Menü kostet Fr. 28.", 28, "CHF"),
    ("Das Menü kostet 28 Fr.", 28, "CHF"),
    ("Der Gewinn: Euro 1,5 Millionen.", 1.5e6, "EUR"),
    ("Die Gebühr: Schweizer Franken 12.500.", 12_500, "CHF"),
    ("Das Essen kostet 15 Stutz.", 15, "CHF"),
    ("Ein Kilo kostet 25 Pesos.", 25, "MXN"),
    ("Die Spende betrug eine Viertelmillion Dollar.", 2.5e5, "USD"),
    ("Der Umsatz lag bei 1,234,567.89 Dollar.", 1_234_567.89, "USD"),
    ("Das Eis kostet 2 Pfund 50 Pence.", 2.5, "GBP"),
    ("Die Gebühr beträgt 5EUR.", 5, "EUR"),
    ("Der Fonds hat 10Mio Dollar.", 1e7, "USD"),
    ("Das Brot kostet 5 zł.", 5, "PLN"),
    ("Das Ticket kostet CA$ 40.", 40, "CAD"),
    ("Der Kaffee kostet 99¢.", 0.99, "USD"),
])
def test_money_values_and_iso_units(text, value, unit):
    (fig,) = figs(text)
    assert (fig.kind, fig.unit) == ("money", unit)
    assert fig.value == pytest.approx(value)


@pytest.mark.parametrize("text, value, unit", [
    ("Die Quote fiel um einen halben Prozentpunkt.", 0.5, "pp"),
    ("Der Satz beträgt 19 vH.", 19, "%"),
    ("Sie scheiterte an der 5-Prozent-Hürde.", 5, "%"),
    ("Der Abstand wuchs auf 4 %-Punkte.", 4, "pp"),
    ("Die Mieten stiegen um drei Viertel Prozent.", 0.75, "%"),
    ("Die Fed erhöhte um einen Viertelprozentpunkt.", 0.25, "pp"),
    ("Eine 10-prozentige Erhöhung.", 10, "%"),
])
def test_percent_forms(text, value, unit):
    (fig,) = figs(text)
    assert (fig.kind, fig.unit, fig.value) == ("percent", unit, pytest.approx(value))


def test_range_takes_the_scale_of_its_upper_bound():
    (fig,) = figs("Der Schaden liegt zwischen 10 und 20 Millionen Euro.")
    assert (fig.value, fig.value_max, fig.unit, fig.attribute) == (10e6, 20e6, "EUR", "Schaden")


def test_approximation_cues():
    found = figs("Es kamen mehr als 500 Besucher, knapp 40 Prozent davon Kinder, rund 3 Mio. Euro Umsatz.")
    assert [(f.text, f.approx) for f in found] == [
        ("500 Besucher", "more_than"), ("40 Prozent", "almost"), ("3 Mio. Euro", "about")]


def test_percent_and_percentage_points():
    found = figs("Die Quote stieg um 2,5 Prozentpunkte auf 9 %.")
    assert [(f.kind, f.value, f.unit) for f in found] == [("percent", 2.5, "pp"), ("percent", 9, "%")]
    assert found[0].attribute == "Quote"


def test_count_keeps_the_noun_and_skips_adjectives():
    (fig,) = figs("Das Werk baute 12.000 neue Fahrzeuge.")
    assert (fig.kind, fig.value, fig.unit, fig.text) == ("count", 12_000, "Fahrzeuge", "12.000 neue Fahrzeuge")


def test_count_of_a_whole_in_the_genitive():
    found = figs("Sie brauchten 60 der 100 Stimmen.")
    assert [(f.text, f.value, f.unit) for f in found] == [("60", 60, "Stimmen"), ("100 Stimmen", 100, "Stimmen")]


def test_quantity_units():
    (fig,) = figs("Die Strecke ist 42 Kilometer lang.")
    assert (fig.kind, fig.value, fig.unit) == ("quantity", 42, "km")


def test_bare_amount_after_money_takes_its_currency_marked_inferred():
    found = figs("Der Kauf kostete 5 Milliarden Euro. Davon kamen 2 Milliarden von Banken.")
    assert (found[1].value, found[1].unit, found[1].unit_inferred) == (2e9, "EUR", True)


def test_from_to_carries_the_unit_back():
    found = figs("Die Quote stieg von 9 auf 12 Prozent, der Umsatz von 2 auf 3 Mrd. Euro.")
    assert [(f.value, f.unit, f.unit_inferred) for f in found] == [
        (9, "%", True), (12, "%", False), (2e9, "EUR", True), (3e9, "EUR", False)]


def test_elliptic_list_carries_the_noun():
    found = figs("Werk A baute 400 Busse und Werk B 37.")
    assert (found[1].value, found[1].unit, found[1].unit_inferred) == (37, "Busse", True)


@pytest.mark.parametrize("text", [
    "Im Jahr 2018 war alles anders.",
    "Seit 2015 arbeitet sie dort, am 3. Mai kam er zurück.",
    "Das Interview dauerte 90 Minuten, 17 Jahre lang schrieb er.",
    "Um 12.30 Uhr am 30.11.2023 fuhr das Model 3 vor.",
    "Es gab zwei Wünsche und drei Fragen.",
    "Der 1. FC Köln gewann 3:1 gegen die Nummer 2.",
    "Paragraf 218 und Artikel 5 des Grundgesetzes gelten für Covid-19 nicht.",
    "In den 1990er Jahren wurde die 20-Jährige bekannt.",
    "Ein Liter Benzin ist teuer.",
    "Der Diesel erfüllt die Abgasnorm Euro 6, die Euro 2024 beginnt.",
    "Watabe lag +12,5 Sek. zurück.",
    "Das 5G-Netz und 3D-Kino, ein Viertelfinale.",
    "1848 sollen Studenten die Barrikaden gebaut haben.",
])
def test_dates_durations_labels_and_small_word_counts_are_not_figures(text):
    assert figs(text) == []


def test_subject_attribute_and_source_from_mentions():
    text = "Anna Berg leitet Nordwind. Laut Reuters liegt ihr Gewinn bei 4 Mio. Euro."
    ments = [mention(text, "Anna Berg", "PER", "p1"), mention(text, "Nordwind", "ORG", "o1"),
             mention(text, "Reuters", "ORG", "o2")]
    ents = [Entity("p1", "Anna Berg", "PER"), Entity("o1", "Nordwind AG", "ORG"), Entity("o2", "Reuters", "ORG")]
    (fig,) = figs(text, ments, ents, "2024-05-02T10:00:00")
    assert (fig.source, fig.attribute, fig.subject, fig.as_of) == ("Reuters", "Gewinn", "Nordwind AG", "2024-05-02")


def test_possessive_points_to_the_last_person_not_the_source():
    text = "Karl Ober sprach lange. Das Magazin Forbes schätzt sein Vermögen auf 3 Milliarden Dollar."
    ments = [mention(text, "Karl Ober", "PER", "p"), mention(text, "Forbes", "ORG", "f")]
    (fig,) = figs(text, ments, [Entity("p", "Karl Ober", "PER"), Entity("f", "Forbes", "ORG")])
    assert (fig.subject, fig.attribute, fig.source) == ("Karl Ober", "Vermögen", "Forbes")


def test_possessive_after_a_name_in_the_same_clause_is_that_name():
    text = "Karl Ober lobte die Firma. Nordwind steigerte seinen Umsatz auf 8 Mio. Euro."
    ments = [mention(text, "Karl Ober", "PER"), mention(text, "Nordwind")]
    (fig,) = figs(text, ments, [])
    assert (fig.subject, fig.attribute) == ("Nordwind", "Umsatz")


def test_relative_clause_subject_is_its_antecedent():
    text = "Er verhandelte mit Solaris, einer Firma aus Bonn, die einen Marktwert von 2 Mrd. Euro hat."
    ments = [mention(text, "Solaris"), mention(text, "Bonn", "LOC")]
    (fig,) = figs(text, ments, [])
    assert (fig.subject, fig.attribute) == ("Solaris", "Marktwert")


def test_source_named_without_a_mention():
    (fig,) = figs("Laut Statistik Austria lebten 2019 rund 8,9 Millionen Menschen im Land.")
    assert (fig.source, fig.value, fig.unit, fig.approx) == ("Statistik Austria", 8.9e6, "Menschen", "about")


def test_inverted_source_after_the_verb():
    text = "57 Prozent errechnete das Institut Alco für die Zeitung."
    (fig,) = figs(text, [mention(text, "Institut Alco")], [])
    assert fig.source == "Institut Alco"


def test_reporting_clause_source_and_place_subject():
    text = "Wie Eurostat am Mittwoch mitteilte, lag die Quote in Österreich bei 5,8 Prozent, hinter Malta (4,7 Prozent)."
    ments = [mention(text, "Eurostat"), mention(text, "Österreich", "LOC"), mention(text, "Malta", "LOC")]
    found = figs(text, ments, [])
    assert [(f.value, f.subject, f.source) for f in found] == [
        (5.8, "Österreich", "Eurostat"), (4.7, "Malta", "Eurostat")]
    assert found[0].attribute == "Quote"


def test_source_after_zufolge():
    text = "Dem Institut Ifo zufolge sank die Produktion um 3 Prozent."
    (fig,) = figs(text, [mention(text, "Ifo")], [])
    assert (fig.source, fig.attribute) == ("Ifo", "Produktion")


def test_stage_reads_the_article_layers():
    text = "Die Firma Nordwind meldet einen Umsatz von 7 Millionen Euro."
    article = Article(id="a", raw_text=text, text=text, published="2024-01-05",
                      mentions=[mention(text, "Nordwind", "ORG", "n")], entities=[Entity("n", "Nordwind", "ORG")])
    (fig,) = figures_stage(article)["figures"]
    assert (fig.value, fig.unit, fig.subject, fig.attribute, fig.as_of) == (7e6, "EUR", "Nordwind", "Umsatz", "2024-01-05")


FRAGMENTS = ["rund 44 Milliarden Dollar", "9 %", "300.000 Elektroautos", "im Jahr 2018", "zwölf",
             "ca. 99$ pro Kopf", "zwischen 3 und 5 Mio. Euro", " Tesla ", "„", "“", ", ", ". ", "\n",
             "eine Milliarde", "1/2", "minus 4", "Komma", "und", "13 Mrd.", "2,5 Prozentpunkte",
             "schätzt", "laut", "zufolge", "sein Vermögen", "errechnete", "Bloomberg", ", das", "pro",
             "ein Prozent", "von 9 auf", "mehrere hundert", "zwei Euro fünfzig", "15 Dollar und 15 Cent"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12), st.text(max_size=20))
def test_offsets_hold_for_any_text(parts, noise):
    text = " ".join(parts) + noise
    mentions = [Mention(i, i + 9, "Bloomberg", label="ORG") for i in range(len(text))
                if text.startswith("Bloomberg", i)]
    for fig in extract_figures(text, mentions, []):
        assert text[fig.start:fig.end] == fig.text
        assert fig.kind in ("money", "percent", "count", "quantity")


def test_match_results_and_clock_times_are_no_counts():
    text = ("Der Club gewann am Samstag 3:0 gegen Augsburg, zur Pause stand es 1 : 0. "
            "Um 20:30 Uhr feierten 12.000 Fans vor dem Stadion.")
    found = [(f.text, f.value) for f in extract_figures(text)]
    assert found == [("12.000 Fans", 12000.0)]


def test_a_preposition_is_not_an_adjective_before_the_noun():
    assert [f.unit for f in extract_figures("Das Team verlor 2 gegen Hertha und 14 Spieler fehlten.")] == ["Spieler"]
