"""The news rules added after measuring on the news gold set (tests/data/quotes/news_gold.jsonl).

Every sentence here is written for this test; each test names the rule it pins down.
"""
from __future__ import annotations

from tests.analyse.test_quotes import PEOPLE, article_with_names, only, quotes_of

from dossier.analyse.quotes import find_quotes
from dossier.analyse.quotes.cues import find_cues, has_konjunktiv
from dossier.analyse.segment.quoted import tokenize


def test_regular_konjunktiv_one_after_a_noun_subject_and_in_te():
    found = quotes_of("Berger sagte, ihr Team mache trotzdem weiter. Wendt sagte, der Plan halte nicht.")
    assert [(q.text, q.speaker) for q in only(found, "indirect")] == [
        ("ihr Team mache trotzdem weiter", "Anna Berger"), ("der Plan halte nicht", "Karl Wendt")]
    tokens = tokenize("er sagte, sie plante es")  # a past tense in -te is not Konjunktiv I
    assert not has_konjunktiv(tokens, 3, len(tokens))


def test_konjunktiv_continuation_with_a_noun_subject():
    found = quotes_of("Wendt sagte, die Stadt habe kein Geld. Sonst drohe ein Stillstand. Es regnete.")
    assert [q.text for q in only(found, "indirect")] == ["die Stadt habe kein Geld", "Sonst drohe ein Stillstand"]


def test_news_speech_acts_are_reported_from_the_verb_on():
    found = quotes_of("Die Stadtwerke kündigten Widerstand an. Berger lobte die Feuerwehr.")
    assert [(q.kind, q.text, q.speaker) for q in found] == [
        ("reported", "kündigten Widerstand an", "Stadtwerke Lindau"),
        ("reported", "lobte die Feuerwehr", "Anna Berger")]


def test_reported_act_does_not_include_its_subject_or_the_next_clause():
    found = quotes_of("Die Opposition warf Wendt Betrug vor, der Streit dauert an.")
    (q,) = found
    assert q.kind == "reported" and q.text == "warf Wendt Betrug vor"
    assert q.speaker == "Die Opposition" and q.speaker_entity is None


def test_perfect_tense_act_and_its_speaker_at_the_auxiliary():
    (q,) = quotes_of("Anna Berger hat am Montag ihren Rücktritt angekündigt.")
    assert (q.kind, q.text, q.speaker) == ("reported", "hat am Montag ihren Rücktritt angekündigt", "Anna Berger")
    (q,) = quotes_of("Das Gericht hat die Verurteilung von Karl Wendt bestätigt.")
    assert q.kind == "reported" and q.speaker != "Karl Wendt"


def test_a_bare_act_verb_is_not_a_quote():
    assert quotes_of("Wendt, über den alle Zeitungen berichteten, schwieg.") == []


def test_zu_infinitive_content_but_not_a_purpose_clause():
    (q,) = quotes_of("Wendt bestritt, davon gewusst zu haben.")
    assert (q.kind, q.text, q.speaker) == ("indirect", "davon gewusst zu haben", "Karl Wendt")
    found = quotes_of("Berger forderte mehr Geld, um die Brücke zu sanieren.")
    assert [q.kind for q in found] == ["reported"] and found[0].text == "forderte mehr Geld"


def test_split_particle_must_end_its_clause():
    tokens = tokenize("Die Mutter droht ihre Kinder an den Vater zu verlieren.")
    assert all(c.particle is None for c in find_cues(tokens, 0, len(tokens), set()))
    tokens = tokenize("Berger warf Wendt Betrug vor und ging.")
    assert [tokens[c.particle].text for c in find_cues(tokens, 0, len(tokens), set()) if c.particle] == ["vor"]


def test_unnamed_subject_speaks_but_an_object_after_the_verb_does_not():
    (q,) = quotes_of("Die Regierung hat den Bauern Entlastung versprochen.")
    assert q.kind == "reported" and q.speaker == "Die Regierung" and q.speaker_entity is None
    found = quotes_of("Viele Politiker forderten das Königreich zur Freilassung auf.")
    assert all(q.speaker != "das Königreich" for q in found)


def test_unnamed_speaker_after_a_verb_that_opens_its_clause():
    found = quotes_of("Die Abbildung stelle kein Verbrechen dar, argumentiert die Anklage.")
    assert [(q.kind, q.speaker) for q in found] == [("indirect", "die Anklage")]


def test_apposition_names_the_speaker():
    found = quotes_of("Die Chefin der Stadtwerke, Anna Berger, sagte, die Preise seien gestiegen.")
    (q,) = only(found, "indirect")
    assert q.speaker == "Anna Berger"
    found = quotes_of("„Wir bleiben hier“, sagte die Sprecherin der Initiative, Anna Berger.")
    assert [(q.kind, q.speaker) for q in found] == [("direct", "Anna Berger")]


def test_interrupted_quote_around_so_with_a_role_before_the_name():
    found = quotes_of("„Wir bleiben hier“, so Stadtwerke-Chef Karl Wendt, „und wir bauen aus.“")
    assert [(q.kind, q.text, q.speaker) for q in found] == [
        ("direct", "Wir bleiben hier", "Karl Wendt"), ("direct", "und wir bauen aus.", "Karl Wendt")]


def test_heisst_es_with_and_without_a_source():
    (q,) = quotes_of("Aus Kreisen der Stadt hieß es, der Vertrag sei unterschrieben.")
    assert q.kind == "indirect" and q.text == "der Vertrag sei unterschrieben" and q.speaker is None
    (q,) = quotes_of("Die Bäder schließen, wie es in einer Mitteilung der Stadtwerke hieß.")
    assert q.text == "Die Bäder schließen" and q.speaker == "Stadtwerke Lindau" and q.medium == "Mitteilung"
    assert quotes_of("Es heißt, die Bäder seien marode.") == []   # a rumour without a source
    assert quotes_of("Die neue Brücke heißt Lindauer Bogen.") == []


def test_heisst_es_darin_points_back_to_the_document():
    found = quotes_of("Berger bat in einem Brief an die Stadt um Geduld. Man habe zu spät gehandelt, heißt es darin.")
    assert [(q.kind, q.speaker) for q in found] == [("reported", "Anna Berger"), ("indirect", "Anna Berger")]


def test_wollte_wissen_asks():
    (q,) = quotes_of("Wendt wollte von der Stadt wissen, ob die Brücke hält.")
    assert (q.kind, q.text, q.speaker, q.cue) == ("indirect", "ob die Brücke hält", "Karl Wendt", "wollte … wissen")


def test_organisation_role_nouns_and_possessives():
    (q,) = quotes_of("Die Stadtwerke erhöhen die Preise. Das Unternehmen teilte mit, es habe keine Wahl.")
    assert q.speaker == "Stadtwerke Lindau" and q.kind == "indirect"
    (q,) = quotes_of("Berger fällt lange aus. Ihr Verein bestätigte die Verletzung.")
    assert q.kind == "reported" and q.speaker == "Ihr Verein" and q.speaker_entity is None


def test_age_and_nationality_nouns_refer_back():
    found = quotes_of("Karl Wendt gewann das Rennen. „Das war knapp“, sagte der 54-Jährige. "
                      "„Ich bin froh“, sagte der Österreicher.")
    assert [q.speaker for q in found] == ["Karl Wendt", "Karl Wendt"]


def test_a_role_resolving_to_nobody_gives_way_to_the_name_after_it():
    (q,) = quotes_of("Die Bürgermeisterin a. D. Anna Berger hat ihre Politik verteidigt.")
    assert q.speaker == "Anna Berger"


def test_subject_holding_a_quoted_name():
    names = dict(PEOPLE, Bild=("o:bild", "Bild", "ORG"))
    found = find_quotes(article_with_names("Auch die „Bild“-Zeitung berichtete über die Pläne.", names))
    assert [(q.kind, q.speaker) for q in found] == [("reported", "Bild")]


def test_nested_quote_with_its_own_cue():
    found = quotes_of("„Er hat uns gesagt: ‚Das Geld ist da‘ – und dann kam nichts“, sagte Berger.")
    assert [(q.text, q.speaker) for q in only(found, "direct")] == [
        ("Er hat uns gesagt: ‚Das Geld ist da‘ – und dann kam nichts", "Anna Berger"), ("Das Geld ist da", None)]
    found = quotes_of("„Das Wort ‚Wende‘ mag ich nicht“, sagte Berger.")
    assert [q.text for q in found] == ["Das Wort ‚Wende‘ mag ich nicht"]


def test_time_of_day_after_a_weekday():
    (q,) = quotes_of("Berger sagte am Montagabend, die Brücke werde teurer.")
    assert q.said_at == "am Montagabend"
    (q,) = quotes_of("Wendt sagte am Abend, es fehle Geld.")
    assert q.said_at == "am Abend"


def test_konjunktiv_check_reads_the_sentence_tags_only_when_a_candidate_word_is_there():
    from dossier.analyse.quotes.cues import has_konjunktiv
    from dossier.analyse.quotes.morph import tag_sentence
    from dossier.analyse.segment.quoted import tokenize

    text = "Die Sprecherin sagte, ihr Körper mache das nicht mehr mit."
    tokens = tokenize(text)
    calls = []

    def sentence():
        calls.append(1)
        return 0, tag_sentence(tuple(t.text for t in tokens))

    first = [t.text for t in tokens].index("ihr")
    assert has_konjunktiv(tokens, first, len(tokens), sentence)
    assert calls == [1]
    assert not has_konjunktiv(tokens, 0, 2, sentence)  # "Die Sprecherin": no lower-case -e word to test
    assert calls == [1]


def test_a_lone_demonstrative_before_the_verb_is_its_object_and_the_speaker_follows():
    found = quotes_of("Ein Radfahrer wurde verletzt. Das gab die Polizei am Freitag bekannt. "
                      "Die Firma spart. Das berichtet der Kurier in seiner Ausgabe.")
    assert [q.speaker for q in only(found, "reported")] == ["die Polizei", "der Kurier"]
    # With a noun after the determiner it is the subject, and the phrase after the verb an object.
    (q,) = quotes_of("Die Regierung kündigte Reformen an.")
    assert q.speaker == "Die Regierung"


def test_role_nouns_match_as_the_plain_scan_over_the_list_did():
    from dossier.analyse.quotes.lexicon import role_nouns
    from dossier.analyse.quotes.speaker import _matches_role

    def scan(word, roles):  # the loop _matches_role replaced by a suffix index
        tail = word.split("-")[-1]
        return any(word == r or tail == r or (len(tail) > len(r) + 2 and tail.endswith(r.lower()))
                   for r in roles)

    roles = role_nouns()
    words = ["Sprecher", "Pressesprecher", "Regierungssprecher", "SPD-Sprecher", "sprecher", "Xsprecher",
             "Abcsprecher", "Versprecher", "Sprecherin", "Tisch", "Stadt-Sprecherin", "-", ""]
    words += [r for r in roles[:20]] + [r.lower() for r in roles[:20]] + ["Ober" + r.lower() for r in roles[:20]]
    assert [scan(w, roles) for w in words] == [_matches_role(w, roles) for w in words]
    assert any(_matches_role(w, roles) for w in words) and not all(_matches_role(w, roles) for w in words)
