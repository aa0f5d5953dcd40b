"""Small German articles written for the search tests: umlauts in both spellings,
inflected forms, a quote with a resolved speaker, sources, dates and entities."""
from __future__ import annotations

from dossier.model import Article, Entity, Mention, OffsetMap, Quote, article_id, content_hash


def _at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def make_article(text: str, *, title: str | None = None, source: str | None = None,
                 published: str | None = None, mentions: dict[str, str] | None = None,
                 quotes: list[tuple[str, str, str | None]] = ()) -> Article:
    """An article whose mentions ({surface: entity id}) and quotes ((span, speaker, speaker
    entity)) are placed at their first occurrence in ``text``."""
    found_mentions = []
    for surface, entity in (mentions or {}).items():
        start, end = _at(text, surface)
        found_mentions.append(Mention(start, end, surface, entity.split(":")[0].upper(), entity))
    found_quotes = []
    for span, speaker, speaker_entity in quotes:
        start, end = _at(text, span)
        found_quotes.append(Quote(start, end, span, kind="direct", speaker=speaker, speaker_entity=speaker_entity))
    return Article(id=article_id(text), raw_text=text, text=text, offset_map=OffsetMap.identity(len(text)),
                   origin=f"tests/{title or 'ohne-titel'}.txt", title=title, source=source, published=published,
                   extra={"content_hash": content_hash(text)}, mentions=found_mentions, quotes=found_quotes)


ENTITIES = [
    Entity("per:elon-musk", "Elon Musk", "PER", ["Musk"]),
    Entity("per:petra-lang", "Petra Lang", "PER", ["Lang"]),
    Entity("loc:hamburg", "Hamburg", "LOC"),
    Entity("loc:gruenheide", "Grünheide", "LOC"),
    Entity("org:charite", "Charité", "ORG"),
]


def search_corpus() -> list[Article]:
    return [
        make_article(
            "Die Ärzte in Hamburg fordern mehr Personal. Laut Kammer fehlen 300 Stellen. "
            "„Wir arbeiten am Limit“, sagte Kammerpräsidentin Petra Lang. Die Straße vor der Klinik war gesperrt.",
            title="Ärzte fordern mehr Personal", source="nord", published="2023-03-14",
            mentions={"Hamburg": "loc:hamburg", "Petra Lang": "per:petra-lang"},
            quotes=[("„Wir arbeiten am Limit“", "Petra Lang", "per:petra-lang")]),
        make_article(
            "Werbekunden verlassen die Plattform. Ein großer Kunde nach dem anderen kündigt, der Konzern "
            "verliert Werbeeinnahmen. Die Kunden seien verärgert, sagte Konzernchef Elon Musk.",
            title="Plattform verliert Kunden", source="sued", published="2023-06-02",
            mentions={"Elon Musk": "per:elon-musk"},
            quotes=[("Die Kunden seien verärgert", "Elon Musk", "per:elon-musk")]),
        make_article(
            "Elon Musk besuchte die Fabrik in Grünheide. Die Strasse nach Grünheide war verstopft. "
            "Musk sprach mit Arbeitern über die Werbung für das neue Modell.",
            title="Besuch in Grünheide", source="nord", published="2023-11-20",
            mentions={"Elon Musk": "per:elon-musk", "Grünheide": "loc:gruenheide"}),
        make_article(
            "Die Aerzte der Charité streiken. Die Gewerkschaft fordert höhere Löhne für Ärztinnen.",
            title="Streik an der Charité", source="west", published="2024-01-05",
            mentions={"Charité": "org:charite"}),
        make_article(
            "Solarstrom ist günstig. Solarstrom vom Dach, Solarstrom vom Feld: Solarstrom wächst.",
            title="Sonne", source="west", published="2024-02-01"),
        make_article(
            "Der Gemeinderat beriet lange über den Haushalt, die Schulen, die Straßenbahn, die Bäder und "
            "die Bibliothek. Am Ende ging es kurz auch um Solarstrom auf den Dächern der Turnhallen, "
            "um Parkplätze und um die Öffnungszeiten des Rathauses.",
            title="Gemeinderat", source="west"),
    ]
