"""End to end in real headless Chromium: `dossier serve` in a subprocess over the German test
articles, every page loaded, search -> article -> entity clicked through, no script from article
text ever runs, and no request leaves 127.0.0.1."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from web_support import screenshot


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.requested_hosts = set()
    page.dialogs = []
    page.on("request", lambda request: page.requested_hosts.add(urlparse(request.url).hostname))
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
    assert page.requested_hosts <= {"127.0.0.1"}, f"requests left 127.0.0.1: {page.requested_hosts}"
    assert page.dialogs == [], f"a script from article text ran: {page.dialogs}"


def test_search_to_article_to_entity(page, server, tmp_path):
    page.goto(server.url + "/")
    assert page.locator("h1").first.inner_text() == "Artikel"
    assert page.locator(".result").count() == 6
    page.locator(".bigsearch input[name=q]").fill("Netz")  # stemmed: finds "in neue Netze"
    page.locator(".bigsearch button").click()
    page.wait_for_url("**/?q=Netz")
    assert page.locator("h1").first.inner_text() == "Suche nach „Netz“"
    hit = page.locator(".result").first
    assert hit.locator("mark").first.inner_text() == "Netze"
    screenshot(page, "suche", tmp_path)
    hit.get_by_role("link", name="Kestner verteidigt Kurs der Stadtwerke").first.click()
    page.wait_for_url("**/artikel/**")
    body = page.locator("#article-text")
    assert "Wir investieren bis 2030 mehr als 90 Millionen Euro" in body.inner_text()
    direct = body.locator(".quote-direct").first
    assert "Sprecher: Miriam Kestner" in direct.get_attribute("title")
    assert body.locator("a.ent-PER", has_text="Miriam Kestner").count() == 1
    figure = body.locator(".fig", has_text="90 Millionen Euro")
    assert "90 Mio. EUR" in figure.get_attribute("title")
    assert body.locator(".timex[data-value='2030']").count() == 1
    screenshot(page, "artikel", tmp_path)
    body.locator("a.ent-PER", has_text="Miriam Kestner").click()
    page.wait_for_url("**/entitaet/**")
    assert page.locator("h1").inner_text().startswith("Miriam Kestner")
    quotes = page.locator("section", has=page.locator("h2", has_text="Zitate von Miriam Kestner"))
    assert "Beschaffungskosten" in quotes.inner_text() and "neue Netze" in quotes.inner_text()
    timeline = page.frame_locator("iframe.timeline-frame")
    assert timeline.locator("svg.timeline circle").count() >= 2
    assert timeline.locator(".timeline-list li").count() >= 3
    assert page.locator("svg.graph a").count() >= 1
    assert page.locator("table.series").count() >= 1
    screenshot(page, "entitaet", tmp_path)


def test_search_facets_and_a_bad_query(page, server, tmp_path):
    page.goto(server.url + "/?q=Stadtwerke")
    assert page.locator(".result").count() >= 3
    page.locator(".facets select[name=quelle]").select_option("elbkurier")
    page.locator(".facet-form button").click()
    page.wait_for_url("**quelle=elbkurier**")
    assert page.locator(".result").count() >= 1
    assert all("elbkurier" in meta for meta in page.locator(".result .meta").all_inner_texts())
    page.goto(server.url + "/?q=Stadtwerke")
    page.locator(".facets").get_by_role("link", name="Miriam Kestner").click()
    page.wait_for_url("**entitaet=**")
    assert page.locator("h1").first.inner_text() == "Suche nach „Stadtwerke“ in Artikeln über Miriam Kestner"
    titles = set(page.locator(".result .meta a, .result-title").all_inner_texts())
    assert "Brockenbahn fährt wieder" not in titles and "Kestner verteidigt Kurs der Stadtwerke" in titles
    page.goto(server.url + "/?q=%22offen")
    assert "Die Suchanfrage ist ungültig" in page.locator(".note").inner_text()


def test_article_text_with_markup_shows_as_text(page, server, tmp_path):
    page.goto(server.url + "/?quelle=harzbote")
    page.get_by_role("link", name="Testartikel mit <script>alert(1)</script> im Titel").click()
    page.wait_for_url("**/artikel/**")
    text = page.locator("#article-text").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert page.locator("h1").inner_text() == "Testartikel mit <script>alert(1)</script> im Titel"
    page.wait_for_timeout(300)  # a script or onerror handler would have fired by now
    screenshot(page, "artikel-markup", tmp_path)


def test_every_page_renders(page, server, tmp_path):
    for path, heading, shot in [("/entitaeten", "Entitäten", "entitaeten"), ("/zitate", "Zitate", "zitate"),
                                ("/ueber", "Über diese Datenbank", None), ("/entitaeten?typ=LOC", "Entitäten", None),
                                ("/konflikte", "Widersprüchliche Zahlen", None)]:
        response = page.goto(server.url + path)
        assert response.status == 200, path
        assert page.locator("h1").first.inner_text() == heading
        if shot:
            screenshot(page, shot, tmp_path)
    page.goto(server.url + "/zitate?sprecher=Kestner")
    assert page.locator(".quote-item").count() >= 3
    assert "Paula Gerlach" not in page.locator(".quote-list").inner_text()
    page.goto(server.url + "/ueber")
    assert page.locator(".stat .value").first.inner_text() == "6"
    screenshot(page, "ueber", tmp_path)
    page.goto(server.url + "/konflikte")
    card = page.locator(".conflict-card")
    assert card.count() == 1 and "Kaufpreis" in card.inner_text()
    assert "610 Mio. EUR" in card.inner_text() and "840 Mio. EUR" in card.inner_text()
    screenshot(page, "konflikte", tmp_path)
    card.get_by_role("link", name="Werftgruppe Ostsee AG").click()
    page.wait_for_url("**/entitaet/**")
    assert page.locator("tr.conflict").count() == 2
    screenshot(page, "entitaet-konflikt", tmp_path)
    missing = page.goto(server.url + "/artikel/ffffffffffff")
    assert missing.status == 404 and "Nicht gefunden" in page.locator("h1").inner_text()
    page.goto(server.url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    screenshot(page, "api-docs", tmp_path)
    assert page.errors == []
