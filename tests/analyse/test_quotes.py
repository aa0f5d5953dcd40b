"""Unit tests of the quote stage on short German texts written for these tests."""
from __future__ import annotations

from dossier.eval.names import match_names
from dossier.model import Article


def article_with_names(text: str, names: dict[str, tuple[str, str, str]]) -> Article:
    """``names`` maps a surface form to (entity id, canonical name, label); longest forms win."""
    mentions, entities = match_names(text, names)
    return Article(id="t", raw_text=text, text=text, mentions=mentions, entities=entities)


from dossier.analyse.quotes import find_quotes, quotes_stage
from dossier.analyse.quotes.lexicon import cue_forms, cue_lemmas
from dossier.analyse.segment.quoted import find_quote_marks

PEOPLE = {
    "Anna Berger": ("p:berger", "Anna Berger", "PER"),
    "Berger": ("p:berger", "Anna Berger", "PER"),
    "Karl Wendt": ("p:wendt", "Karl Wendt", "PER"),
    "Wendt": ("p:wendt", "Karl Wendt", "PER"),
    "Stadtwerke": ("o:sw", "Stadtwerke Lindau", "ORG"),
}


def quotes_of(text: str):
    article = article_with_names(text, PEOPLE)
    found = find_quotes(article)
    for q in found:  # offsets are sacred
        assert article.text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert q.speaker_end > q.speaker_start
        if q.cue_start is not None:
            assert article.text[q.cue_start:q.cue_end] == q.cue.split(" … ")[0]
    return found


def only(found, kind):
    return [q for q in found if q.kind == kind]


def test_lexicon_has_200_verbs_and_particle_forms():
    assert len(cue_lemmas()) >= 200
    forms = cue_forms()
    assert any(c.lemma == "an|deuten" and c.particle == "an" for c in forms["deutete"])
    assert any(c.lemma == "an|deuten" for c in forms["angedeutet"])
    assert any(c.lemma == "vor|werfen" for c in forms["vorwarf"])
    assert any(c.lemma == "sprechen" for c in forms["sprach"])


def test_german_quote_styles_are_paired():
    text = "Er rief „Halt“ und »Stopp« und «Nein» und \"Ja\" und „außen ‚innen‘ außen“."
    marks = find_quote_marks(text)
    inner = [text[m.open + 1:m.close] for m in marks if not m.nested]
    assert inner == ["Halt", "Stopp", "Nein", "Ja", "außen ‚innen‘ außen"]
    assert [text[m.open + 1:m.close] for m in marks if m.nested] == ["innen"]


def test_direct_quote_with_cue_after_and_pronoun_speaker():
    found = quotes_of("Anna Berger kam spät. „Wir bauen die Brücke neu, und zwar bald“, sagte sie am Montag.")
    (q,) = only(found, "direct")
    assert q.text == "Wir bauen die Brücke neu, und zwar bald"
    assert q.speaker == "Anna Berger" and q.speaker_entity == "p:berger" and q.cue == "sagte"


def test_interrupted_direct_quote_keeps_speaker():
    found = quotes_of("»Das Geld reicht nicht«, sagte Wendt, »und die Zeit drängt ohnehin.«")
    direct = only(found, "direct")
    assert [q.text for q in direct] == ["Das Geld reicht nicht", "und die Zeit drängt ohnehin."]
    assert {q.speaker for q in direct} == {"Karl Wendt"}


def test_colon_quote_over_several_sentences():
    found = quotes_of("Wendt erklärte: „Wir haben verloren. Das tut weh. Aber wir kommen wieder.“")
    (q,) = only(found, "direct")
    assert q.text.startswith("Wir haben verloren.") and q.text.endswith("wieder.")
    assert q.speaker == "Karl Wendt" and q.cue == "erklärte"


def test_indirect_speech_before_and_after_cue():
    found = quotes_of("Die Brücke werde im Mai fertig, sagte Berger. Wendt betonte, dass die Kosten stiegen.")
    first, second = only(found, "indirect")
    assert first.text == "Die Brücke werde im Mai fertig" and first.speaker == "Anna Berger"
    assert second.text == "dass die Kosten stiegen" and second.speaker == "Karl Wendt"


def test_split_particle_verb_is_a_cue():
    found = quotes_of("Berger deutete in einem Interview an, dass sie zurücktreten könnte.")
    (q,) = only(found, "indirect")
    assert q.cue == "deutete … an" and q.medium == "Interview" and q.speaker == "Anna Berger"


def test_konjunktiv_continuation_without_new_cue():
    found = quotes_of("Wendt sagte, die Stadt habe kein Geld. Die Pläne seien daher gestoppt. Es regnete.")
    texts = [(q.text, q.speaker, q.cue) for q in only(found, "indirect")]
    assert texts == [("die Stadt habe kein Geld", "Karl Wendt", "sagte"),
                     ("Die Pläne seien daher gestoppt", "Karl Wendt", None)]


def test_laut_and_zufolge_and_so():
    found = quotes_of("Laut Berger sei der Vertrag unterschrieben. Wendt zufolge fehle noch eine Unterschrift. "
                      "Die Frist laufe ab, so Berger.")
    got = [(q.speaker, q.cue) for q in only(found, "indirect")]
    assert got == [("Anna Berger", "Laut"), ("Karl Wendt", "zufolge"), ("Anna Berger", "so")]


def test_mixed_quote_and_partial_quote():
    found = quotes_of("Berger sagte, der Neubau sei ein „teures Abenteuer“ gewesen. "
                      "Wendt nannte die Frage „langweilig, dumm“.")
    (mixed,) = only(found, "mixed")
    assert "„teures Abenteuer“" in mixed.text and mixed.speaker == "Anna Berger"
    partial = [q for q in only(found, "direct") if q.text == "langweilig, dumm"]
    assert partial and partial[0].speaker == "Karl Wendt"


def test_reported_speech_act_and_disputed_and_time():
    found = quotes_of("Im Dezember 2018 warf Wendt den Stadtwerke Betrug vor. "
                      "Berger behauptete fälschlicherweise, sie habe davon nichts gewusst.")
    (rep,) = only(found, "reported")
    assert rep.speaker == "Karl Wendt" and rep.cue == "warf … vor" and "Dezember 2018" in rep.said_at
    (ind,) = only(found, "indirect")
    assert ind.disputed and ind.speaker == "Anna Berger"
    assert not rep.disputed


def test_organisation_speaks_and_role_noun_resolves():
    found = quotes_of("Die Stadtwerke erklärten in einer Mitteilung, die Preise würden steigen. "
                      "Karl Wendt ist dort Chef. Der Chef sagte, er habe keine Wahl.")
    org, role = only(found, "indirect")
    assert org.speaker == "Stadtwerke Lindau" and org.medium == "Mitteilung"
    assert role.speaker == "Karl Wendt"


def test_scare_quotes_and_names_are_not_speech():
    found = quotes_of("Die Firma nennt das Projekt intern „Phoenix“. Er las die \"Zeit\"-Ausgabe.")
    assert found == []


def test_first_person_author_voice_is_not_attributed():
    assert quotes_of("Wir wissen, dass Wendt verzweifelt war.") == []


def test_stage_returns_quotes_layer():
    article = article_with_names("„Es reicht jetzt endgültig“, sagte Wendt.", PEOPLE)
    layers = quotes_stage(article)
    assert list(layers) == ["quotes"] and layers["quotes"][0].speaker == "Karl Wendt"


def test_short_quote_next_to_its_cue_and_object_is_not_speaker():
    found = quotes_of("„Nein“, sagte Berger. Die Kritiker warfen dem Chef Wendt Untreue vor.")
    assert [(q.text, q.speaker) for q in only(found, "direct")] == [("Nein", "Anna Berger")]
    assert all(q.speaker != "Karl Wendt" for q in found)


def test_act_verb_with_konjunktiv_clause_is_indirect():
    found = quotes_of("Berger forderte, die Stadt solle sofort handeln.")
    (q,) = only(found, "indirect")
    assert q.text == "die Stadt solle sofort handeln" and q.speaker == "Anna Berger"


def test_quote_over_two_paragraphs():
    text = "Berger schrieb: „Wir bauen neu.\n\n„Und wir bauen schneller als geplant.“"
    (q,) = only(quotes_of(text), "direct")
    assert q.text.startswith("Wir bauen neu.") and q.text.endswith("geplant.") and q.speaker == "Anna Berger"


def test_said_at_prefers_the_times_layer_value():
    from dossier.model import TimeExpr

    text = "Im Mai 2018 sagte Berger, die Brücke werde teurer."
    article = article_with_names(text, PEOPLE)
    article.times = [TimeExpr(3, 11, "Mai 2018", type="DATE", value="2018-05")]
    (q,) = find_quotes(article)
    assert q.said_at == "2018-05" and q.kind == "indirect"


def test_quoted_names_of_papers_are_not_partial_quotes():
    found = quotes_of("Berger sagte der Zeitung „Die Welt“, sie sei zufrieden. "
                      "Er habe nichts falsch gemacht, betonte Wendt gegenüber dem „Spiegel“.")
    assert [q.kind for q in found] == ["indirect", "indirect"]
    assert [q.speaker for q in found] == ["Anna Berger", "Karl Wendt"]


def test_unnamed_spokesperson_speaks_for_the_organisation():
    found = quotes_of("Laut einem Sprecher der Stadtwerke sei die Lage stabil.")
    (q,) = found
    assert q.kind == "indirect" and q.speaker == "einem Sprecher der Stadtwerke" and q.speaker_entity == "o:sw"


def test_genitive_name_is_not_the_speaker():
    found = quotes_of("Das Projekt sei äußerst gelungen, sagte Bergers Sprecher.")
    assert all(q.speaker != "Anna Berger" for q in found)


def test_attribution_phrases_are_not_part_of_the_content():
    found = quotes_of("Laut Berger sei der Vertrag unterschrieben. Wendt zufolge habe die Stadt gelogen.")
    assert [q.text for q in found] == ["sei der Vertrag unterschrieben", "habe die Stadt gelogen"]
    assert quotes_of("„Die Zahlen sind gut“, so Berger.")[0].kind == "direct"
    assert len(quotes_of("„Die Zahlen sind gut“, so Berger.")) == 1


def test_coordinated_cue_starts_a_new_statement():
    found = quotes_of("Berger kritisierte, die Pläne seien unausgegoren, und forderte einen Neustart.")
    assert [(q.kind, q.text) for q in found] == [("indirect", "die Pläne seien unausgegoren"),
                                                 ("reported", "forderte einen Neustart")]
    assert {q.speaker for q in found} == {"Anna Berger"}


def test_short_quoted_sentence_continues_the_speaker():
    found = quotes_of("«Wir bleiben hier», sagte Berger. «Ganz sicher.»")
    assert [(q.text, q.speaker) for q in found] == [("Wir bleiben hier", "Anna Berger"), ("Ganz sicher.", "Anna Berger")]


def test_wie_clause_attributes_the_rest_of_the_sentence():
    found = quotes_of("Die Bäder bleiben bis Juni geschlossen, wie die Stadtwerke am Montag mitteilten.")
    (q,) = only(found, "indirect")
    assert q.text == "Die Bäder bleiben bis Juni geschlossen"
    assert q.speaker_entity == "o:sw" and q.cue == "mitteilten"


def test_sentence_initial_wie_clause_attributes_what_follows():
    found = quotes_of("Wie Berger am Dienstag erklärte, sei der Vertrag bereits unterschrieben.")
    (q,) = only(found, "indirect")
    assert q.text == "sei der Vertrag bereits unterschrieben"
    assert q.speaker == "Anna Berger"


def test_wie_clause_with_its_own_cue_is_not_the_content_of_an_earlier_cue():
    found = quotes_of("Wendt entschied den Streit für sich, wie Berger später berichtete.")
    assert [q.text for q in found if q.speaker == "Karl Wendt"] == []
    assert [q.speaker for q in found] == ["Anna Berger"]


def test_relative_w_clause_after_a_noun_is_not_content():
    found = quotes_of("Wendt spricht in seinem Plädoyer nur von kleinen Widersprüchen, was nicht verwunderlich ist.")
    assert all("verwunderlich" not in q.text and q.kind == "reported" for q in found)  # 'spricht von' is an act
    found = quotes_of("Wendt wollte nicht sagen, was die Stadtwerke planen.")
    assert [q.text for q in found] == ["was die Stadtwerke planen"]


def test_content_clause_does_not_reach_past_a_dash():
    text = "Wie es dazu kam, kann Wendt nicht sagen – er habe nach hinten geschaut, wo gerade ein Mann stand."
    assert all("wo gerade" not in q.text for q in quotes_of(text))
