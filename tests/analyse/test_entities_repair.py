"""Repairs of NER span errors (dossier/analyse/entities/repair.py)."""
from __future__ import annotations

from dossier.analyse.entities.repair import repair_mentions
from dossier.model import Mention


def m(text: str, surface: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, label)


def spans(text, mentions, boundaries=()):
    out = repair_mentions(text, mentions, list(boundaries))
    for x in out:
        assert text[x.start:x.end] == x.text
    return [(x.text, x.label) for x in out]


def test_span_across_a_glued_heading_keeps_the_name_after_it():
    text = "3 Jahre bis zur Super-Intelligenz Musk schätzt, dass es dauert."
    boundary = text.index(" Musk")
    assert spans(text, [m(text, "Super-Intelligenz Musk", "PER")], [boundary]) == [("Musk", "PER")]


def test_trailing_lowercase_words_and_numbers_after_acronyms_are_dropped():
    text = "Das Geld für Tesla für immer. Tesla baute 300 Autos und GM 26. Schalke 04 siegt."
    got = spans(text, [m(text, "Tesla für", "ORG"), m(text, "GM 26", "ORG"), m(text, "Schalke 04", "ORG")])
    assert got == [("Tesla", "ORG"), ("GM", "ORG"), ("Schalke 04", "ORG")]


def test_coordinated_names_split_only_when_one_side_is_known():
    text = ("Google baut KI. Konzerne wie Google und Facebook zahlen. OpenAI wächst. OpenAI für DeepMind "
            "relevant. Das Institut für Demoskopie Allensbach fragte.")
    got = spans(text, [m(text, "Google", "ORG"), m(text, "Google und Facebook", "MISC"), m(text, "OpenAI", "ORG"),
                       m(text, "OpenAI für DeepMind", "ORG"), m(text, "Institut für Demoskopie Allensbach", "ORG")])
    assert got == [("Google", "ORG"), ("Google", "ORG"), ("Facebook", "ORG"), ("OpenAI", "ORG"), ("OpenAI", "ORG"),
                   ("DeepMind", "ORG"), ("Institut für Demoskopie Allensbach", "ORG")]


def test_genitive_head_and_class_noun_cue():
    text = "Musk lacht. Musks Pitches scheitern. Der Finanzdienst Bloomberg schätzt, die Hauptstadt Paris auch."
    got = spans(text, [m(text, "Musk", "PER"), m(text, "Musks Pitches", "PER"), m(text, "Bloomberg", "PER"),
                       m(text, "Paris", "PER")])
    assert got == [("Musk", "PER"), ("Musks", "PER"), ("Bloomberg", "ORG"), ("Paris", "LOC")]


def test_currency_words_are_no_entities():
    text = "Er zahlte 44 Milliarden Dollar."
    assert spans(text, [m(text, "Dollar", "MISC")]) == []


def test_a_name_cut_short_is_extended_to_the_name_tagged_elsewhere():
    text = "Die Bank Austria spart. Das Geschäft der Bank Austria (BA) schrumpft."
    got = spans(text, [m(text, "Bank Austria", "ORG"), m(text, "Austria", "LOC", nth=1)])
    assert got == [("Bank Austria", "ORG"), ("Bank Austria", "LOC")]


def test_known_name_with_trailing_words_numbers_and_class_nouns():
    text = ("Tesla baut. Wünsche – Tesla zu retten. Dann entließ Tesla 9 Prozent. Der Finanzdienst Bloomberg "
            "schätzt. Die Bank Austria spart. Schalke 04 siegt.")
    got = spans(text, [m(text, "Tesla", "ORG"), m(text, "Tesla zu", "ORG"), m(text, "Tesla 9", "MISC"),
                       m(text, "Finanzdienst Bloomberg", "MISC"), m(text, "Bank Austria", "ORG"),
                       m(text, "Schalke 04", "ORG")])
    assert got == [("Tesla", "ORG"), ("Tesla", "ORG"), ("Tesla", "MISC"), ("Bloomberg", "ORG"),
                   ("Bank Austria", "ORG"), ("Schalke 04", "ORG")]


def test_misc_name_takes_the_type_of_its_slash_partner():
    text = "Relevant für DeepMind/Google ist das."
    assert spans(text, [m(text, "DeepMind", "MISC"), m(text, "Google", "ORG")]) == [("DeepMind", "ORG"), ("Google", "ORG")]


def test_genitive_name_before_a_noun_is_cut_for_any_label():
    text = "China wächst. Chinas Markt ist hart."
    assert spans(text, [m(text, "China", "LOC"), m(text, "Chinas Markt", "LOC")]) == [("China", "LOC"), ("Chinas", "LOC")]


def test_names_after_class_nouns_are_found_when_they_look_like_names():
    from dossier.analyse.entities.mentions import cue_mentions

    text = "Der Kurznachrichtendienst X verliert. Der Konzern Gewinne machte. Der Autobauer BYD wächst. Die DAX-Konzerne."
    assert [(x.text, x.label) for x in cue_mentions(text, [])] == [("X", "ORG"), ("BYD", "ORG")]


def test_a_name_cut_short_before_its_acronym_takes_the_missing_words_back():
    text = "Davor warnt die Internet Watch Foundation (IWF) in einem Bericht."
    assert spans(text, [m(text, "Watch Foundation", "ORG")]) == [("Internet Watch Foundation", "ORG")]
    text = "Laut Verband Österreichischer Zeitungen (VÖZ) sinken die Erlöse."
    assert spans(text, [m(text, "Österreichischer Zeitungen", "ORG")]) == [
        ("Verband Österreichischer Zeitungen", "ORG")]
    # Only when the words before spell the missing initials; a determiner is never taken.
    text = "Die Watch Foundation (DWF) und die Europäische Union (EU) tagten."
    assert spans(text, [m(text, "Watch Foundation", "ORG"), m(text, "Europäische Union", "ORG")]) == [
        ("Watch Foundation", "ORG"), ("Europäische Union", "ORG")]


def test_leading_lowercase_attributes_are_cut_and_a_lone_adjective_is_no_name():
    text = "Der Chef der europafeindlichen Ukip trat zurück, ein Hacker namens Sofacy griff an."
    assert spans(text, [m(text, "europafeindlichen Ukip", "ORG"), m(text, "namens Sofacy", "ORG")]) == [
        ("Ukip", "ORG"), ("Sofacy", "ORG")]
    text = "Die syrische Armee rückt vor, sagte Ursula von der Leyen."
    assert spans(text, [m(text, "syrische", "LOC"), m(text, "von der Leyen", "PER")]) == [
        ("von der Leyen", "PER")]


def test_a_single_word_left_after_an_attribute_is_not_propagated():
    from dossier.analyse.entities import link_entities
    from dossier.model import Article

    text = "Die syrischen Kurden kämpfen. Viele Kurden sind geflohen. Die Kurden fordern Hilfe."
    article = Article(id="a", raw_text=text, text=text)
    layers = link_entities(article, [m(text, "syrischen Kurden", "LOC")])
    assert [x.text for x in layers["mentions"]] == ["Kurden"]
