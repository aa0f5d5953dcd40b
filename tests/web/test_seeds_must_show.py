"""Must show, in the browser, on the seed articles in ../shared/seeds (skipped when absent): the
entity page of Elon Musk with his quotes from both articles, the timeline and the figures; the
article page with quotes and entities highlighted; searching `Werbekunden`, and the stemmed
`Werbekunde`, finds the first seed article."""
from __future__ import annotations

import pytest

from dossier.cli.main import main
from web_support import Server, screenshot


@pytest.fixture(scope="module")
def seeds_server(tmp_path_factory):
    from conftest import shared_path

    seeds = shared_path("seeds")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    assert main(["--db", str(db), "ingest", "-q", str(seeds)]) == 0
    server = Server(db)
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    yield context.new_page()
    context.close()


def test_elon_musk_entity_page(page, seeds_server, tmp_path):
    page.goto(seeds_server.url + "/entitaet?name=Elon%20Musk")
    assert page.locator("h1").inner_text().startswith("Elon Musk")
    by_musk = page.locator("section", has=page.locator("h2", has_text="Zitate von Elon Musk"))
    groups = [h.inner_text() for h in by_musk.locator("h3.group-title").all()]
    assert any(text.startswith("Musk reißt die Brücken zu Werbekunden") for text in groups)
    assert any(text.startswith("Es ist ziemlich klar: Elon Musks Einsatz für OpenAI") for text in groups)
    assert "Ein Boykott durch Werbekunden werde X töten" in by_musk.inner_text()
    assert "Cash Cow" in by_musk.inner_text()  # a quote of the second article, shown without a click
    timeline = page.frame_locator("iframe.timeline-frame")
    assert timeline.locator("svg.timeline circle").count() >= 3
    assert "02.2018" in timeline.locator(".timeline-list").inner_text()  # 'Im Februar 2018', second article
    figures = page.locator("section", has=page.locator("h2", has_text="Zahlen"))
    assert "228 Mrd. USD" in figures.inner_text() and "44 Mrd. USD" in figures.inner_text()
    screenshot(page, "entitaet-elon-musk", tmp_path, publish=False)


def test_seed_article_highlights_quotes_and_entities(page, seeds_server, tmp_path):
    page.goto(seeds_server.url + "/")
    page.get_by_role("link", name="Musk reißt die Brücken zu Werbekunden", exact=False).first.click()
    page.wait_for_url("**/artikel/**")
    body = page.locator("#article-text")
    boycott = body.locator(".quote", has_text="Ein Boykott durch Werbekunden werde")
    assert "Sprecher: Elon Musk" in boycott.first.get_attribute("title")
    assert body.locator("a.ent-PER", has_text="Linda Yaccarino").count() >= 1
    assert body.locator("a.ent-ORG").count() >= 3
    assert "Geldbetrag: 44 Mrd. USD" in body.locator(".fig", has_text="44 Milliarden Dollar").get_attribute("title")
    page.locator("details.removed summary").click()
    assert page.locator("details.removed pre").first.is_visible()
    screenshot(page, "artikel-seed", tmp_path, publish=False)


@pytest.mark.parametrize("word", ["Werbekunden", "Werbekunde"])
def test_search_finds_the_first_seed(page, seeds_server, word):
    page.goto(seeds_server.url + "/")
    page.locator(".bigsearch input[name=q]").fill(word)
    page.locator(".bigsearch button").click()
    page.wait_for_url(f"**/?q={word}")
    first = page.locator(".result-article").first
    assert first.locator(".result-title").inner_text().startswith("Musk reißt die Brücken zu Werbekunden")
    assert first.locator("mark").first.inner_text() == "Werbekunden"
