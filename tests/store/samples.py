"""Small German articles written for the store and export tests: one with every
layer filled (offsets computed from the text, so they are exact) and a bare one."""
from __future__ import annotations

from dossier.model import (
    Article, Entity, Event, Figure, Heading, Mention, OffsetMap, Participant, Quote, Removed,
    TimeExpr, article_id, content_hash, span_id,
)

META_LINE = "date 2023-11 28.11.2023\n"
BODY = (
    "Berlin – Die Deutsche Bahn will 2025 rund 3,5 Milliarden Euro in das Schienennetz investieren. "
    "Mehr Baustellen „Wir bauen so viel wie nie“, sagte Bahnchef Richard Lutz am Dienstag. "
    "Die Gewerkschaft bestritt, dass der Anteil im Februar 2018 bei 9 % lag."
)
FOOTER = "\nLesen Sie auch: Der Fahrplan 2024"


def _at(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def rich_article() -> Article:
    """An article with metadata and every layer filled; all spans exact."""
    raw = META_LINE + BODY + FOOTER
    text = BODY
    keep_from = len(META_LINE)
    offset_map = OffsetMap.from_kept_ranges([(keep_from, keep_from + len(BODY))])

    def span(needle: str, occurrence: int = 0) -> dict:
        start, end = _at(text, needle, occurrence)
        return {"start": start, "end": end, "text": needle}

    quote = span("„Wir bauen so viel wie nie“")
    speaker = span("Richard Lutz")
    cue = span("sagte")
    sentence_one = span("Die Deutsche Bahn will 2025 rund 3,5 Milliarden Euro in das Schienennetz investieren.")
    db_event_text = sentence_one["text"]
    aid = article_id(text)

    def ref(layer: str, needle: str) -> str:
        return span_id(aid, layer, *_at(text, needle))

    return Article(
        id=aid,
        raw_text=raw,
        text=text,
        offset_map=offset_map,
        origin="tests/bahn.txt",
        source="site-7",
        url="https://beispiel.de/bahn-investiert",
        title="Bahn investiert Milliarden",
        authors=["Anna Beispiel", "Jens Muster"],
        published="2023-11-28",
        syndicated_from="dpa",
        language="de",
        encoding="utf-8",
        duplicate_of=None,
        removed=[
            Removed(0, len(META_LINE), "metadata line", META_LINE),
            Removed(len(META_LINE) + len(BODY), len(raw), "teaser", FOOTER),
        ],
        headings=[Heading(**span("Mehr Baustellen"))],
        flags=[{"kind": "glued_heading", "at": span("Mehr Baustellen")["start"]}],
        extra={"content_hash": content_hash(text), "feed": {"title": "Wirtschaft", "rank": 3}},
        mentions=[
            Mention(**span("Berlin"), label="LOC", entity="loc:berlin"),
            Mention(**span("Deutsche Bahn"), label="ORG", entity="org:deutsche-bahn", score=0.93),
            Mention(**span("Bahn", 1), label="ORG", entity="org:deutsche-bahn", score=0.61, inside=True),
            Mention(**speaker, label="PER", entity="per:richard-lutz"),
            Mention(**span("Gewerkschaft"), label="ORG", entity=None),
        ],
        entities=[
            Entity("org:deutsche-bahn", "Deutsche Bahn", "ORG", ["Bahn", "DB"], "Q9322"),
            Entity("per:richard-lutz", "Richard Lutz", "PER", ["Lutz"],
                   roles=[{"role": "Bahnchef", "org": "org:deutsche-bahn"}]),
            Entity("loc:berlin", "Berlin", "LOC"),
        ],
        quotes=[
            Quote(**quote, kind="direct", speaker="Richard Lutz", speaker_entity="per:richard-lutz",
                  cue="sagte", speaker_start=speaker["start"], speaker_end=speaker["end"],
                  cue_start=cue["start"], cue_end=cue["end"], said_at="2023-11-28",
                  said_at_ref=ref("times", "am Dienstag")),
        ],
        times=[
            TimeExpr(**span("2025"), type="DATE", value="2025", anchor="absolute", id=ref("times", "2025")),
            TimeExpr(**span("am Dienstag"), type="DATE", value="2023-11-28", anchor="publication",
                     id=ref("times", "am Dienstag")),
            TimeExpr(**span("im Februar 2018"), type="DATE", value="2018-02", anchor="absolute",
                     id=ref("times", "im Februar 2018")),
        ],
        figures=[
            Figure(**span("3,5 Milliarden Euro"), kind="money", value=3_500_000_000.0, unit="EUR",
                   subject="Deutsche Bahn", subject_entity="org:deutsche-bahn", attribute="Investitionen",
                   approx="rund", as_of="2025", id=ref("figures", "3,5 Milliarden Euro"), as_of_ref=ref("times", "2025")),
            Figure(**span("9 %"), kind="percent", value=9.0, unit="%", attribute="Anteil", as_of="2018-02",
                   id=ref("figures", "9 %"), as_of_ref=ref("times", "im Februar 2018")),
        ],
        events=[
            Event(sentence_one["start"], sentence_one["end"], "investment",
                  [Participant("agent", "org:deutsche-bahn", "Deutsche Bahn")],
                  time="2025", figures=[ref("figures", "3,5 Milliarden Euro")], modality="planned",
                  text=db_event_text, time_ref=ref("times", "2025")),
            Event(*_at(text, "bestritt"), "statement",
                  [Participant("speaker", None, "Gewerkschaft")], modality="denied", text="bestritt"),
        ],
    )


def bare_article(text: str = "Kurze Meldung ohne Befund.") -> Article:
    """Only what a reader and the cleaner always produce."""
    return Article(id=article_id(text), raw_text=text, text=text,
                   offset_map=OffsetMap.identity(len(text)), origin="tests/kurz.txt",
                   extra={"content_hash": content_hash(text)})


def every_span(article: Article) -> list:
    """Every span-like object of the article's clean text."""
    spans = [*article.headings, *article.mentions, *article.quotes, *article.times, *article.figures]
    return spans + [e for e in article.events if e.text]
