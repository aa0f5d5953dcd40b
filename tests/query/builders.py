"""Articles with hand-made layers for the query tests (German sentences written for them);
every span is found in the text, so offsets are exact."""
from __future__ import annotations

from dossier.model import (
    Article, Entity, Event, Figure, Mention, OffsetMap, Participant, Quote, article_id, content_hash,
)

ENTITIES = {
    "E_musk": Entity("E_musk", "Elon Musk", "PER", ["Musk"]),
    "E_twitter": Entity("E_twitter", "Twitter", "ORG", ["X"]),
    "E_tesla": Entity("E_tesla", "Tesla", "ORG"),
    "E_openai": Entity("E_openai", "OpenAI", "ORG", ["Open AI"]),
}


class Builder:
    """One article: text first, then layers placed by searching their text in it."""

    def __init__(self, text: str, published: str | None = None, source: str | None = None):
        self.article = Article(id=article_id(text), raw_text=text, text=text, offset_map=OffsetMap.identity(len(text)),
                               origin=f"tests/{article_id(text)}.txt", source=source, published=published,
                               extra={"content_hash": content_hash(text)})

    def at(self, needle: str, occurrence: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(occurrence + 1):
            start = self.article.text.index(needle, start + 1)
        return start, start + len(needle)

    def mention(self, needle: str, entity: str, occurrence: int = 0) -> "Builder":
        start, end = self.at(needle, occurrence)
        self.article.mentions.append(Mention(start, end, needle, ENTITIES[entity].type, entity))
        if all(e.id != entity for e in self.article.entities):
            self.article.entities.append(ENTITIES[entity])
        return self

    def figure(self, needle: str, **fields) -> "Builder":
        start, end = self.at(needle)
        self.article.figures.append(Figure(start, end, needle, **fields))
        return self

    def event(self, needle: str, event_type: str, participants: list[tuple[str, str]], **fields) -> "Builder":
        start, end = self.at(needle)
        people = [Participant(role, entity, ENTITIES[entity].name) for role, entity in participants]
        self.article.events.append(Event(start, end, event_type, people, text=needle, **fields))
        return self

    def quote(self, needle: str, speaker: str, **fields) -> "Builder":
        start, end = self.at(needle)
        self.article.quotes.append(Quote(start, end, needle, speaker=ENTITIES[speaker].name, speaker_entity=speaker,
                                         **fields))
        return self

    def build(self) -> Article:
        return self.article
