from dossier.clean import clean_document
from dossier.model import RawDocument


def clean(text: str):
    return clean_document(RawDocument(raw_text=text, origin="t.txt"))


def test_headline_ending_in_a_particle_or_adverb_is_the_title():
    for title in ("Bahn kündigt neuen Fahrplan an", "Volkswagen verdient im dritten Quartal deutlich weniger"):
        article = clean(f"date 2024-10 24.10.2024\n\n{title}\n\nDer Konzern hat am Mittwoch Zahlen vorgelegt.\n")
        assert article.title == title
        assert article.text == "Der Konzern hat am Mittwoch Zahlen vorgelegt."


def test_line_ending_in_an_article_is_no_title():
    article = clean("Der Vorstand bestätigte die\n\nDer Konzern hat am Mittwoch Zahlen vorgelegt.\n")
    assert article.title is None
