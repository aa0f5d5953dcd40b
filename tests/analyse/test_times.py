"""German time expressions -> TIMEX3: values, anchors, modifiers and offsets."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.analyse.times import normalise_times, times_stage
from dossier.model import Article

REF = date(2023, 11, 30)


def values(text, reference=REF, **kw):
    return {t.text: t.value for t in normalise_times(text, reference, **kw)}


def one(text, reference=REF, **kw):
    found = normalise_times(text, reference, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, span, value", [
    ("Die Frist endet am 30.11.2023.", "30.11.2023", "2023-11-30"),
    ("Er kam am 30. November 2023 an.", "30. November 2023", "2023-11-30"),
    ("Seit Nov. 2023 gilt das.", "Nov. 2023", "2023-11"),
    ("Das war im Februar 2018.", "Februar 2018", "2018-02"),
    ("Die Firma wächst seit 2015 stark.", "2015", "2015"),
    ("Das geschah im Jahr 2018.", "Jahr 2018", "2018"),
    ("Im Frühjahr 2019 kam die Wende.", "Frühjahr 2019", "2019-SP"),
    ("Der Krieg begann 490 v. Chr. mit einer Landung.", "490 v. Chr.", "BC0490"),
    ("Das 20. Jahrhundert war kurz.", "20. Jahrhundert", "19"),
    ("Ostern 2020 fiel aus.", "Ostern 2020", "2020-04-12"),
    ("Das Treffen ist am 2015-08-12.", "2015-08-12", "2015-08-12"),
])
def test_absolute_dates(text, span, value):
    assert values(text)[span] == value


def test_range_of_years_gives_two_years():
    assert values("Er regierte 1951 bis 1953 allein.") == {"1951": "1951", "1953": "1953"}


def test_position_modifiers():
    end = one("Das Werk soll bis Ende 2019 stehen.")
    assert (end.text, end.value, end.mod) == ("Ende 2019", "2019", "END")
    start = one("Anfang der 1990er Jahre war das anders.")
    assert (start.value, start.mod) == ("199", "START")
    middle = one("Mitte Juli 1940 kam der Befehl.")
    assert (middle.value, middle.mod) == ("1940-07", "MID")


def test_quarter_takes_the_year_from_context():
    assert values("Im Jahr 2022 lief es gut, im vierten Quartal sogar sehr gut.")["vierten Quartal"] == "2022-Q4"


@pytest.mark.parametrize("text, span, value", [
    ("Er sagte das gestern.", "gestern", "2023-11-29"),
    ("Es regnet heute.", "heute", "2023-11-30"),
    ("Das war letzte Woche.", "letzte Woche", "2023-W47"),
    ("Das kommt im kommenden Monat.", "kommenden Monat", "2023-12"),
    ("Das Werk öffnet in drei Jahren.", "in drei Jahren", "2026"),
    ("Das war vor zwei Tagen.", "vor zwei Tagen", "2023-11-28"),
    ("Es war am Dienstag.", "Dienstag", "2023-11-28"),
    ("Nächstes Jahr wird es besser.", "Nächstes Jahr", "2024"),
    ("Wir treffen uns Montag nächster Woche.", "Montag nächster Woche", "2023-12-04"),
    ("Das kommt Mitte nächsten Jahres.", "Mitte nächsten Jahres", "2024"),
])
def test_relative_to_publication(text, span, value):
    found = {t.text: t for t in normalise_times(text, REF)}
    assert found[span].value == value
    assert found[span].anchor == "publication"


def test_weekday_in_a_sentence_about_the_future_is_the_coming_one():
    found = values("Am Freitag soll die Wahl stattfinden. Am Dienstag sagte er das.", date(2023, 11, 29))
    assert found == {"Freitag": "2023-12-01", "Dienstag": "2023-11-28"}


def test_ago_with_approximation_keeps_the_modifier():
    expr = one("Musk, der vor gut einem Jahr Twitter kaufte.")
    assert (expr.text, expr.value, expr.anchor) == ("vor gut einem Jahr", "2022", "publication")
    assert expr.mod in ("APPROX", "MORE_THAN")


def test_discourse_time_carries_the_year():
    found = normalise_times("Im Februar 2018 schrieb er Mails. Im Juni dieses Jahres kündigte er.", REF)
    june = found[1]
    assert (june.text, june.value, june.anchor) == ("Juni dieses Jahres", "2018-06", "discourse")


def test_discourse_same_year_and_following_day():
    found = values("Am 9. April 1940 begann der Angriff. Am folgenden Tag fiel die Stadt. "
                   "Im selben Jahr endete alles.")
    assert found["9. April 1940"] == "1940-04-09"
    assert found["folgenden Tag"] == "1940-04-10"
    assert found["Im selben Jahr"] == "1940"


def test_years_before_christ_in_the_story():
    found = values("Im Jahr 480 v. Chr. siegten die Griechen. Ende des Jahres zogen sie ab.", date(2011, 2, 16))
    assert found["Jahr 480 v. Chr."] == "BC0480"
    assert found["Ende des Jahres"] == "BC0480"


def test_short_years_only_in_a_story_before_christ():
    found = values("Der Krieg dauerte 264–241 v. Chr. Um 250 siegten die Römer.", date(2011, 2, 16))
    assert found == {"264": "BC0264", "241 v. Chr.": "BC0241", "250": "BC0250"}
    assert values("Im Jahr 1990 kam er. Um 250 Menschen kamen.", date(2011, 2, 16)) == {"Jahr 1990": "1990"}


def test_offset_after_a_date_counts_from_it():
    assert values("Am 3. März 1918 wurde unterzeichnet. Zwei Tage später zogen sie ab.")[
        "Zwei Tage später"] == "1918-03-05"


def test_a_year_named_as_an_edge_does_not_move_the_story():
    found = values("Im Mai 1862 siegten sie. Die Bande überfiel bis 1881 Banken. Im Oktober zogen sie ab.",
                   date(2011, 2, 16))
    assert found["Oktober"] == "1862-10"


def test_first_date_takes_the_year_stated_right_after_it():
    found = values("In der Nacht vom 8. Februar auf den 9. Februar 1904 griffen sie an.", date(2011, 2, 16))
    assert found["Nacht vom 8. Februar"] == "1904-02-08TNI"
    news = values("Am 5. Mai kam er. Im Jahr 1990 war das anders.")
    assert news["5. Mai"] == "2023-05-05"


def test_a_date_without_year_takes_the_story_year():
    found = values("Im Sommer 1916 kam die Offensive. Am 4. Juni griffen sie an.")
    assert found["4. Juni"] == "1916-06-04"


def test_relative_words_in_a_history_count_from_the_story():
    found = values("Im März 1862 rückten sie vor, im Mai 1862 siegten sie. Im letzten Jahr war das anders.",
                   date(2011, 2, 16))
    assert found["letzten Jahr"] == "1861"


@pytest.mark.parametrize("text, value", [
    ("Das Interview dauerte 90 Minuten.", "PT90M"),
    ("Es wird 3 Jahre dauern.", "P3Y"),
    ("Beiträge aus 17 Jahren.", "P17Y"),
    ("Sie warteten fünfeinhalb Stunden.", "PT5.5H"),
    ("Das dauerte wenige Tage.", "PXD"),
    ("Die Perle ist 2.000 Jahre alt.", "P2000Y"),
])
def test_durations(text, value):
    expr = one(text)
    assert (expr.type, expr.value) == ("DURATION", value)


@pytest.mark.parametrize("text, value", [
    ("Der Bericht erscheint jährlich.", "P1Y"),
    ("Wir treffen uns jeden Montag.", "XXXX-WXX-1"),
    ("Ich muss das alle zwei Tage machen.", "P2D"),
    ("Der Markt ist montags geöffnet.", "XXXX-WXX-1"),
    ("Er kommt jeden zweiten Tag.", "P2D"),
    ("Das kostet 44 Millionen pro Jahr.", "P1Y"),
])
def test_sets(text, value):
    expr = one(text)
    assert (expr.type, expr.value) == ("SET", value)


@pytest.mark.parametrize("text, value", [
    ("Der Angriff begann um 4:45 Uhr.", "T04:45"),
    ("Es ist halb 8.", "T07:30"),
    ("Wir gehen um viertel nach drei.", "T03:15"),
    ("Es ist acht Uhr abends.", "T20"),
    ("Um 7 bin ich zurück.", "T07"),
    ("Erinnere mich um 12 nachts.", "T00"),
])
def test_clock_times(text, value):
    assert one(text, None).value == value


def test_recognizers_style_joins_at_um_and_keeps_den():
    timex = [(t.text, t.value) for t in normalise_times("Ich komme am 15. November um 8 Uhr.", REF)]
    assert timex == [("15. November", "2023-11-15"), ("8 Uhr", "2023-11-15T08")]
    found = normalise_times("Ich komme am 15. November um 8 Uhr.", REF, style="recognizers")
    assert [(t.text, t.value) for t in found] == [("15. November um 8 Uhr", "XXXX-11-15T08")]
    assert one("Eine Anfrage für den 28. Oktober.", REF, style="recognizers").text == "den 28. Oktober"


def test_recognizers_style_reads_ranges_as_one():
    def rec(text):
        return [(t.text, t.value) for t in normalise_times(text, "2016-11-07", style="recognizers")]
    assert rec("Ich bin vom 3. bis zum 12. September weg.") == [
        ("vom 3. bis zum 12. September", "(XXXX-09-03,XXXX-09-12,P9D)")]
    assert rec("Verkäufe von 2010 bis 2018") == [("von 2010 bis 2018", "(2010-01-01,2018-01-01,P8Y)")]
    assert rec("von Montag bis Freitag") == [("von Montag bis Freitag", "(XXXX-WXX-1,XXXX-WXX-5,P4D)")]
    assert [t.text for t in normalise_times("vom 3. bis zum 12. September", REF)] == ["3.", "12. September"]


def test_recognizers_style_gives_ranges_for_the_next_days():
    found = normalise_times("Ich bin die nächsten 3 Tage weg", "2016-11-07", style="recognizers")
    assert found[0].value == "(2016-11-08,2016-11-11,P3D)"
    assert one("Ich bin die nächsten 3 Tage weg", "2016-11-07").value == "P3D"


def test_unknown_style_is_a_config_error():
    from dossier.errors import ConfigError
    with pytest.raises(ConfigError):
        normalise_times("heute", REF, style="iso")


def test_date_and_time_joined():
    expr = one("Am 8. Mai, 23:01 Uhr trat sie in Kraft.", None)
    assert (expr.text, expr.type, expr.value) == ("8. Mai, 23:01 Uhr", "TIME", "XXXX-05-08T23:01")


@pytest.mark.parametrize("text", [
    "Die Firma mit 300.000 Kunden.",
    "Die Männer trafen sich mit 26 Kollegen.",
    "Es gab 1500 Soldaten und 2000 Pferde.",
    "Er fährt das Modell 2015 nicht mehr.",
    "Die Gruppe, die mit ihm kam.",
    "August Bebel sprach zur Partei.",
    "Der Umsatz stieg um 5 gegenüber dem Vorquartal.",
    "Der Preis erhöhte sich um 3 und blieb dann.",
    "Die Preise stiegen um 1,2 Prozent.",
])
def test_classic_false_positives(text):
    assert normalise_times(text, REF) == []


def test_minutes_after_a_day_are_a_length_not_a_clock_time():
    found = normalise_times("Am 3. Mai siegte sie. Nach 92 Minuten war alles vorbei.", REF)
    assert [(t.type, t.value) for t in found][1] == ("DURATION", "PT92M")


def test_minutes_from_a_reference_with_clock_time():
    assert one("Ich bin in 5 Minuten zurück.", "2016-11-07T00:00:00").value == "2016-11-07T00:05:00"


def test_without_publication_date_values_that_need_it_stay_none():
    found = {t.text: t for t in normalise_times("Gestern kam er, vor einem Jahr ging er.", None)}
    assert found["Gestern"].value is None
    assert found["vor einem Jahr"].value is None


def test_day_alone_takes_month_from_the_story():
    assert values("Im Mai 1940 begann es. Am 15. fiel die Stadt.")["15."] == "1940-05-15"
    assert one("Ich komme am 15. zurück.", None).value == "XXXX-XX-15"


def test_unknown_year_is_said_not_guessed():
    assert one("Er kommt am 2. Mai.", None).value == "XXXX-05-02"
    assert one("Er kommt am 2. Mai.", REF, resolve_partial=False).value == "XXXX-05-02"


def test_news_falls_back_to_publication_when_the_text_named_only_a_year():
    found = values("Seit 2015 wächst die Firma. Das Update soll vor Ende des Monats erscheinen.")
    assert found["Ende des Monats"] == "2023-11"
    assert values("Die Haft endete nach 400 Tagen Haft.")["nach 400 Tagen"] == "P400D"


def test_one_old_year_does_not_make_a_news_story_a_history():
    found = values("Das 1949 aufgestellte Prinzip gilt. Vergangene Woche sagte er, jetzt sei es Zeit.")
    assert found["Vergangene Woche"] == "2023-W47"
    assert found["jetzt"] == "PRESENT_REF"


@pytest.mark.parametrize("text", ["Als Software läuft Android 5.1. mit Updates.", "1. Jan Frodeno gewann.",
                                  "Ein 1080p-Display.", "Die Verweildauer liegt bei 7:57 Minuten."])
def test_version_numbers_names_and_clock_durations(text):
    assert [t.type for t in normalise_times(text, REF) if t.type == "DATE"] == []
    assert "57 Minuten" not in values(text)


def test_vague_ago_is_past_ref():
    assert one("Er hat schon vor einigen Wochen gekündigt.").value == "PAST_REF"
    assert one("Das war vor Jahren so.").value == "PAST_REF"
    assert (one("Seit Jahrzehnten streiten sie.").type, one("Seit Jahrzehnten streiten sie.").value) == (
        "DURATION", "PXDE")


def test_morning_is_not_tomorrow():
    found = values("Am Morgen kam der Befehl, morgen kommt der nächste.")
    assert found["morgen"] == "2023-12-01"
    assert found["Morgen"].endswith("TMO")


def test_stage_reads_publication_and_keeps_offsets():
    article = Article(id="a", raw_text="", text="Im Februar 2018 begann es. Vor drei Jahren.", published="2023-11-30")
    times = times_stage(article)["times"]
    assert [t.value for t in times] == ["2018-02", "2020"]
    for t in times:
        assert article.text[t.start:t.end] == t.text


def test_reference_forms():
    from dossier.analyse.times import parse_reference
    from dossier.errors import InputError
    assert parse_reference("2023-11-30T10:00:00+01:00").date() == REF
    assert parse_reference("30.11.2023").date() == REF
    with pytest.raises(InputError):
        parse_reference("letzten Donnerstag")


def test_stage_without_publication_date():
    article = Article(id="a", raw_text="", text="Gestern sagte er es.", published=None)
    assert times_stage(article)["times"][0].value is None


@pytest.mark.parametrize("text, reference", [
    ("Dezember Jahresende", REF), ("Jahresende 0000 und Ostern 0000", REF), ("am 30.2. kam er", REF),
    ("gestern", "0001-01-01"), ("morgen zuvor", "9999-12-31"),
])
def test_impossible_dates_give_no_value_rather_than_an_error(text, reference):
    for expr in normalise_times(text, reference):
        assert text[expr.start:expr.end] == expr.text


def test_odd_letters_that_match_case_insensitively_do_not_break_lookups():
    assert one("am 3. ſeptember 2019", REF).value == "2019-09-03"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,:-/äöüßſıİKÅAmMaiJnuhrTgeVvoCh")), max_size=40))
def test_any_text_resolves_without_error(text):
    for expr in normalise_times(text, REF):
        assert text[expr.start:expr.end] == expr.text
    normalise_times(text, None, style="recognizers")


WORDS = st.sampled_from(["am", "3.", "Mai", "2019", "vor", "zwei", "Jahren", "gestern", "Ende", "Dezember",
                         "die", "mit", "jeden", "Montag", "um", "8", "Uhr", "90", "Minuten", "Haus", ",", "."])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=14))
def test_offsets_are_sacred(words):
    text = " ".join(words)
    for expr in normalise_times(text, REF):
        assert text[expr.start:expr.end] == expr.text
        assert expr.type in ("DATE", "TIME", "DURATION", "SET")
