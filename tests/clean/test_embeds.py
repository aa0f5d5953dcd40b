"""Embedded social-media posts: links and signatures go, post text only where it
can be told from the article's own German sentences. Texts written for the tests."""
from __future__ import annotations

import pytest

from dossier.clean import clean_document
from dossier.clean.embeds import classify, find_embeds
from dossier.model import RawDocument

LEAD = "Berlin – Der Verkehrsminister hat am Montag neue Regeln für Lastwagen vorgestellt."
TAIL = "Die Opposition kündigte Widerstand im Bundestag an."


def clean(raw: str, **kwargs):
    return clean_document(RawDocument(raw, "test", **kwargs))


def embeds(article) -> list[str]:
    return [r.text for r in article.removed if r.reason == "embed"]


def test_english_post_between_german_sentences_goes_with_its_link():
    raw = (f"{LEAD} Die Spediteure reagierten prompt. Our drivers have waited for this for years, "
           f"thanks to everyone who helped. pic.twitter.com/Ab12Cd34Ef {TAIL}")
    article = clean(raw)
    assert article.text == f"{LEAD} Die Spediteure reagierten prompt. {TAIL}"
    post = " Our drivers have waited for this for years, thanks to everyone who helped."
    assert embeds(article) == [post + " pic.twitter.com/Ab12Cd34Ef"]


def test_handle_opens_the_post():
    raw = (f"{LEAD} @probe_logistik More trucks, less paperwork – what a day. "
           f"It is about time. https://t.co/XyZ987abc {TAIL}")
    assert clean(raw).text == f"{LEAD} {TAIL}"


def test_german_post_text_stays_and_only_the_link_goes():
    raw = f"{LEAD} Endlich weniger Bürokratie für unsere Fahrer! pic.twitter.com/Qq77Rr88 {TAIL}"
    article = clean(raw)
    assert article.text == f"{LEAD} Endlich weniger Bürokratie für unsere Fahrer! {TAIL}"
    assert embeds(article) == [" pic.twitter.com/Qq77Rr88"]


def test_handle_before_german_text_is_not_an_opener_of_foreign_text():
    raw = f"{LEAD} @probe_partei Das ist ein schwarzer Tag für die Umwelt. https://t.co/Ab1 {TAIL}"
    assert clean(raw).text == f"{LEAD} @probe_partei Das ist ein schwarzer Tag für die Umwelt. {TAIL}"


def test_german_sentence_with_english_title_before_a_link_stays():
    raw = f"{LEAD} Der Sender zeigte danach den Film „The Best of Us“ im Hauptprogramm. https://t.co/Zz1 {TAIL}"
    text = clean(raw).text
    assert "Der Sender zeigte danach den Film „The Best of Us“ im Hauptprogramm. Die" in text
    assert "t.co" not in text


def test_cue_less_sentence_goes_only_behind_a_foreign_one():
    kept = clean(f"{LEAD} Unfassbar. Großartig. pic.twitter.com/Ab1 {TAIL}")
    assert kept.text == f"{LEAD} Unfassbar. Großartig. {TAIL}"
    taken = clean(f"{LEAD} What a great night for all of us. Wow. pic.twitter.com/Ab1 {TAIL}")
    assert taken.text == f"{LEAD} {TAIL}"


def test_tags_before_and_after_a_link():
    raw = f"{LEAD} Stau bis Kassel #A7 #Stau pic.twitter.com/Ab1 #Verkehr #Hessen {TAIL}"
    assert clean(raw).text == f"{LEAD} Stau bis Kassel {TAIL}"
    single = f"{LEAD} https://t.co/Ab1 #MeToo ist seitdem ein Begriff."
    assert clean(single).text == f"{LEAD} #MeToo ist seitdem ein Begriff."


@pytest.mark.parametrize("signature", [
    "— Erika Beispiel (@erika_beispiel) 12. Oktober 2015",
    "— Max Probe (@maxprobe) October 12, 2015",
    "Ein von Lena Muster (@lena.muster) gepostetes Foto am 3. Mai 2016 um 10:12 Uhr PDT",
    "Ein Beitrag geteilt von Jonas Probe (@jonasprobe) am 4. Mai 2016 um 18:40 Uhr MESZ",
    "A photo posted by Lena Muster (@lena.muster) on May 3, 2016 at 10:12am PDT",
    "Gepostet von Stadtwerke Beispielstadt am Dienstag, 3. Mai 2016",
])
def test_embed_signatures_on_their_own_line(signature):
    article = clean(f"{LEAD}\n\n{signature}\n\n{TAIL}")
    assert article.text == f"{LEAD}\n\n{TAIL}"
    assert embeds(article) == [signature]


def test_post_text_on_the_line_above_its_signature():
    raw = f"{LEAD}\n\nWe are so proud of this team, thank you all!\n— Max Probe (@maxprobe) May 3, 2016\n\n{TAIL}"
    assert clean(raw).text == f"{LEAD}\n\n{TAIL}"
    german = f"{LEAD}\n\nWir sind stolz auf dieses Team!\n— Max Probe (@maxprobe) 3. Mai 2016\n\n{TAIL}"
    assert clean(german).text == f"{LEAD}\n\nWir sind stolz auf dieses Team!\n\n{TAIL}"


def test_initials_signing_a_post_go_with_the_link():
    raw = f"{LEAD} Proud of every one of you. https://t.co/Ab12 -H {TAIL}"
    assert clean(raw).text == f"{LEAD} {TAIL}"


def test_long_foreign_passage_is_taken_back_only_so_far():
    sentence = "This is a long sentence that we wrote in English for the test."
    raw = f"{LEAD} {' '.join([sentence] * 8)} pic.twitter.com/Ab1 {TAIL}"
    removed = embeds(clean(raw))[0]
    assert len(removed) <= 320 + len(" pic.twitter.com/Ab1")
    assert clean(raw).text.startswith(f"{LEAD} {sentence}")


def test_a_document_that_is_a_post_keeps_its_text():
    article = clean("Great game tonight, thanks to all the fans! pic.twitter.com/Ab12Cd")
    assert article.text == "Great game tonight, thanks to all the fans!"
    assert embeds(article) == [" pic.twitter.com/Ab12Cd"]


def test_structured_input_loses_embeds_too():
    raw = f"{LEAD} Thanks for the support, see you all soon. pic.twitter.com/Ab1 {TAIL}"
    assert clean(raw, structured=True).text == f"{LEAD} {TAIL}"


def test_removed_ranges_quote_the_raw_text_and_offsets_hold():
    raw = f"Titel der Meldung\n\n{LEAD} All good here, thanks. pic.twitter.com/Ab1 {TAIL}\n"
    article = clean(raw)
    assert embeds(article) == [" All good here, thanks. pic.twitter.com/Ab1"]
    for removed in article.removed:
        assert raw[removed.start:removed.end] == removed.text
    for offset, char in enumerate(article.text):
        assert raw[article.offset_map.to_raw(offset)] == char


def test_plain_urls_and_mail_handles_are_not_embeds():
    line = "Mehr unter https://www.beispiel.de/regeln oder per Mail an presse@beispiel.de – so das Amt."
    assert find_embeds(line) == []


@pytest.mark.parametrize("sentence, kind", [
    ("Thanks for the messages.", "foreign"),
    ("All good in the hood guys.", "foreign"),
    ("Die Fahrer haben lange darauf gewartet.", "native"),
    ("Der Film „The Revenant“ lief im Kino.", "native"),
    ("Unfassbar.", "neutral"),
    ("#Stau @verkehr", "neutral"),
])
def test_classify(sentence, kind):
    assert classify(sentence) == kind
