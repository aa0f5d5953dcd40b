"""Teasers, syndication footers, author bios and titles, on German fixtures."""
from __future__ import annotations

import pytest

from dossier.clean import clean_document
from dossier.model import RawDocument

P1 = "Die Gemeinde Seedorf eröffnet im Mai ein neues Hallenbad. Die Bauarbeiten dauerten drei Jahre."
P2 = "Der Eintritt kostet für Erwachsene sechs Euro. Kinder zahlen die Hälfte, sagte die Bürgermeisterin."
BODY = f"{P1}\n\n{P2}"


def clean(raw: str, **kwargs):
    return clean_document(RawDocument(raw, "fixture.txt", **kwargs))


def reasons(article) -> list[str]:
    return [r.reason for r in article.removed]


@pytest.mark.parametrize("teaser", [
    "Lesen Sie auch: Warum die Wassertemperatur sinkt",
    "Mehr zum Thema:",
    "Zum Thema: Neue Bäder im Land",
    "Das könnte Sie auch interessieren",
    "Anzeige",
    "Artikel teilen",
    "Hier geht es zum Liveblog",
    "Jetzt den Newsletter abonnieren und nichts verpassen",
    "Wir verwenden Cookies. Mit der Nutzung stimmen Sie der Datenschutzerklärung zu und akzeptieren dies.",
    "➤ Mehr lesen: Schwimmkurse sind ausgebucht",
])
def test_teaser_lines_are_removed(teaser):
    article = clean(f"{P1}\n\n{teaser}\n\n{P2}")
    assert article.text == BODY
    assert reasons(article) == ["teaser"]


def test_glued_teaser_removed_to_end_of_line():
    raw = f"{P1}\n\n{P2} ➤ Mehr lesen: Schwimmkurse sind ausgebucht"
    article = clean(raw)
    assert article.text == BODY
    removed = article.removed[0]
    assert removed.reason == "teaser"
    assert removed.text == "➤ Mehr lesen: Schwimmkurse sind ausgebucht"


def test_body_lines_that_start_like_teasers_stay():
    line = "Zum Thema Wasserqualität äußerte sich die Behörde nicht."
    article = clean(f"{P1}\n\n{line}\n\n{P2}")
    assert line in article.text
    assert article.removed == []


@pytest.mark.parametrize("footer, outlet", [
    ("Lesen Sie den Originalartikel auf Business Insider", "Business Insider"),
    ("Dieser Artikel erschien zuerst bei der Seedorfer Rundschau.", "der Seedorfer Rundschau"),
    ("Original: Seedorfer Rundschau", "Seedorfer Rundschau"),
])
def test_syndication_footer(footer, outlet):
    article = clean(f"{BODY}\n\n{footer}")
    assert article.syndicated_from == outlet
    assert article.text == BODY
    assert reasons(article) == ["syndication"]


@pytest.mark.parametrize("bio, name", [
    ("Mara Beispiel ist leitende Redakteurin bei der Seedorfer Rundschau.", "Mara Beispiel"),
    ("Mara Beispielist leitende Redakteurin bei der Seedorfer Rundschau.", "Mara Beispiel"),
    ("Jan Peter Probe ist freier Journalist für Wirtschaftsthemen bei Radio Seedorf.", "Jan Peter Probe"),
    ("*Ida Muster ist Professorin für Stadtplanung an der Universität Seedorf.", "Ida Muster"),
])
def test_author_bio_at_the_end(bio, name):
    article = clean(f"{BODY}\n\n{bio}\n\nLesen Sie den Originalartikel auf Business Insider")
    assert article.authors == [name]
    assert article.text == BODY
    assert reasons(article) == ["author_bio", "syndication"]


def test_bio_like_body_sentence_is_kept():
    # "X ist … bei Y." without a role noun is body text, not a bio
    last = "Die Stadt ist seit Jahren bei Familien beliebt."
    article = clean(f"{BODY}\n\n{last}")
    assert article.text.endswith(last)
    assert article.authors == []


def test_bio_in_the_middle_is_kept():
    bio = "Mara Beispiel ist Redakteurin bei der Seedorfer Rundschau."
    article = clean(f"{P1}\n\n{bio}\n\n{P2}")
    assert bio in article.text
    assert article.authors == []


def test_title_line_is_recorded_and_removed():
    article = clean(f"Neues Hallenbad in Seedorf öffnet im Mai\n\n{BODY}")
    assert article.title == "Neues Hallenbad in Seedorf öffnet im Mai"
    assert article.text == BODY
    assert reasons(article) == ["title"]


def test_lead_sentence_is_not_a_title():
    article = clean(BODY)
    assert article.title is None
    assert article.text == BODY


def test_title_after_date_line_and_byline():
    raw = f"Datum: 2. Mai 2024\nSeedorf bekommt ein Hallenbad\nVon Mara Beispiel\n\n{BODY}"
    article = clean(raw)
    assert article.title == "Seedorf bekommt ein Hallenbad"
    assert article.published == "2024-05-02"
    assert article.authors == ["Mara Beispiel"]
    assert article.text == BODY


def test_structured_input_still_loses_teasers_and_footers_but_keeps_first_line():
    raw = (f"Seedorf bekommt ein Hallenbad\n\n{P1}\n\nLesen Sie auch: Schwimmkurse\n\n{P2}\n\n"
           "Mara Beispielist Redakteurin bei der Seedorfer Rundschau.\n\n"
           "Lesen Sie den Originalartikel auf Seedorf Insider\n\nsource site-4")
    article = clean(raw, structured=True, metadata={"title": "Seedorf bekommt ein neues Bad"})
    assert article.title == "Seedorf bekommt ein neues Bad"
    assert article.text.startswith("Seedorf bekommt ein Hallenbad\n\n")  # not the container's title
    assert "Lesen Sie" not in article.text
    assert article.syndicated_from == "Seedorf Insider"
    assert article.authors == []  # the source line stops the bottom scan on structured input
    assert article.source is None
    assert article.text.endswith("source site-4")


def test_structured_footer_and_bio():
    raw = (f"{BODY}\n\nMara Beispielist Redakteurin bei der Seedorfer Rundschau.\n\n"
           "Lesen Sie den Originalartikel auf Seedorf Insider")
    article = clean(raw, structured=True)
    assert article.text == BODY
    assert article.authors == ["Mara Beispiel"]
    assert article.syndicated_from == "Seedorf Insider"


def test_paragraph_breaks_are_raw_newlines():
    raw = f"  {P1}  \r\n\r\n\r\n\t{P2}\r\n"
    article = clean(raw)
    assert article.text == BODY
    assert article.offset_map.to_raw(len(P1) + 2) == raw.index(P2)


def test_exact_duplicate_paragraph_is_removed_and_flagged():
    raw = f"{P1}\n\n{P2}\n\n{P1}"
    article = clean(raw)
    assert article.text == BODY
    assert reasons(article) == ["duplicate_paragraph"]
    assert article.removed[0].start == raw.rindex(P1)
    flag = article.flags[0]
    assert flag["type"] == "duplicate_paragraph" and flag["first_start"] == 0


def test_hard_wrapped_first_line_is_not_a_title():
    raw = ("Die Gemeinde Seedorf eröffnet im Mai ein neues Hallenbad und\n"
           "will damit mehr Familien in den Ort locken.\n\n" + P2)
    article = clean(raw)
    assert article.title is None
    assert article.text.startswith("Die Gemeinde Seedorf")


def test_title_directly_followed_by_body_line():
    article = clean("Seedorf bekommt ein Hallenbad\n" + BODY)
    assert article.title == "Seedorf bekommt ein Hallenbad"
    assert article.text == BODY


def test_body_sentence_with_role_noun_is_not_a_bio():
    last = "Jetzt ist der Autor von vielen Romanen in Seedorf gestorben."
    article = clean(f"{BODY}\n\n{last}")
    assert article.text.endswith(last)
    assert article.authors == []


def test_structured_top_lines_repeating_container_metadata_are_removed():
    raw = f"08.04.2024 12:46\n\nSeedorf bekommt ein Hallenbad\n\n{BODY}"
    article = clean(raw, structured=True, metadata={"title": "Seedorf bekommt ein Hallenbad",
                                                    "published": "2024-04-08"})
    assert article.text == BODY
    assert reasons(article) == ["metadata:published", "title"]
    assert article.published == "2024-04-08"


def test_structured_date_line_not_matching_container_stays():
    raw = f"08.04.2024 12:46\n\n{BODY}"
    article = clean(raw, structured=True, metadata={"published": "2023-01-01"})
    assert article.text.startswith("08.04.2024 12:46")


def test_link_list_under_a_teaser_header_goes_with_it():
    raw = (f"{P1}\n\nMehr zum Thema:\n- Schwimmkurse sind ausgebucht\nWarum das Freibad später öffnet\n\n{P2}")
    article = clean(raw)
    assert article.text == BODY
    assert reasons(article) == ["teaser", "teaser", "teaser"]


def test_paragraph_after_teaser_header_and_blank_line_stays():
    raw = f"{P1}\n\nMehr zum Thema:\n\nKritik an den Kosten\n\n{P2}"
    article = clean(raw)
    assert "Kritik an den Kosten" in article.text
