"""The ``events`` stage: who did what to whom — acquisitions, mergers, layoffs, strikes, lawsuits …

    extract_events(text, mentions, entities, figures, times, quotes, published) -> list[Event]
    events_stage(article) -> {"events": [...]}

Per sentence that names someone and holds a trigger word form whose needs its words can meet
(:mod:`.prefilter`), HanTa gives lemmas and tags (:mod:`.text`); triggers are
matched and their roles filled from the entity mentions and figures by the patterns of
``event_frames.tsv`` (:mod:`.frames`, :mod:`.slots`); standing leadership (``Tesla-Chef Elon
Musk``) comes from :mod:`.leadership`. Each event then gets its modality (:mod:`.modality`),
the quote's speaker as its source when it is told in a quote, its time (the nearest anchored
DATE of its clause, else of its sentence, else the publication date, flagged
``time_inferred``), and the figures its roles hold. Types and roles: docs/events.md.
"""
from __future__ import annotations

import bisect

from dossier.analyse import stage
from dossier.analyse.events.prefilter import descriptor_spans, may_hold_event
from dossier.analyse.events.frames import Found, find_in_sentence
from dossier.analyse.events.leadership import leadership_in
from dossier.analyse.events.modality import modality_and_cue, quote_around, with_quote
from dossier.analyse.events.slots import Scene, controller, names as mention_names
from dossier.analyse.events.text import analyse_sentence, sentence_spans
from dossier.model import Article, Entity, Event, Figure, Mention, Participant, Quote, TimeExpr

__all__ = ["extract_events", "events_stage"]


@stage("events", requires=("text", "mentions", "entities", "times", "figures", "quotes", "published"),
       assigns=("events",))
def events_stage(article: Article) -> dict[str, list[Event]]:
    return {"events": extract_events(article.text, article.mentions, article.entities, article.figures,
                                     article.times, article.quotes, article.published)}


def extract_events(text: str, mentions: list[Mention], entities: list[Entity] | None = None,
                   figures: list[Figure] | None = None, times: list[TimeExpr] | None = None,
                   quotes: list[Quote] | None = None, published: str | None = None) -> list[Event]:
    """The events told in ``text``, their participants taken from ``mentions``."""
    names = {e.id: e.name for e in entities or []}
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    named = None  # the article's names, made at the first sentence that is analysed
    events: list[Event] = []
    for spans in sentence_spans(text):
        # every event names someone: a sentence without a mention is not tagged
        first, last = (bisect.bisect_left(starts, spans[0][0]), bisect.bisect_left(starts, spans[-1][1]))
        # every event names someone: by a mention, or by a descriptor that refers back
        # ("das Unternehmen"); a sentence with neither is not tagged
        near = [(m.start, m.end, m.label) for m in ordered[first:last]] \
            or (descriptor_spans(text, spans[0][0], spans[-1][1]) if first else [])
        if not near:
            continue
        kinds = {f.kind for f in figures or [] if spans[0][0] <= f.start < spans[-1][1]}
        upto = may_hold_event(text, spans, near, kinds)
        if upto is None:
            continue
        sentence = analyse_sentence(text, spans, upto)
        if named is None:
            named = mention_names(ordered)
        scene = Scene.build(text, sentence, ordered, figures or [], named)
        found = find_in_sentence(scene)
        found += [f for f in leadership_in(scene) if not _told(f, found)]
        for item in found:
            events.append(_event(text, scene, item, names, times or [], quotes or [], published))
    return events


def _told(leader: Found, found: list[Found]) -> bool:
    """A standing leadership already part of a change event of the same sentence."""
    people = {id(f.mention) for f in leader.roles if f.role == "person"}
    return any(id(f.mention) in people for other in found for f in other.roles if f.mention is not None)


def _event(text: str, scene: Scene, found: Found, names: dict[str, str], times: list[TimeExpr],
           quotes: list[Quote], published: str | None) -> Event:
    sentence = scene.sentence
    tok = sentence.tokens[found.token]
    start, end = tok.start, tok.end
    if found.partner is not None:  # a support verb and its noun: "streicht 12.000 Jobs"
        partner = sentence.tokens[found.partner]
        start, end = min(start, partner.start), max(end, partner.end)
    participants = [_participant(f, names) for f in found.roles]
    quote = quote_around(quotes, tok.start)
    told, cue_clause = ("asserted", None) if found.standing else modality_and_cue(sentence, found.token)
    modality = with_quote(told, quote)
    event = Event(start, end, found.trigger.type, participants, modality=modality, text=text[start:end],
                  sentence_start=sentence.start, sentence_end=sentence.end,
                  figures=[f.figure[1].id for f in found.roles if f.figure is not None and f.figure[1].id],
                  direction=dict(found.trigger.attributes).get("direction"))
    if quote is not None:
        event.source, event.source_entity = quote.speaker, quote.speaker_entity
    elif cue_clause is not None and cue_clause < tok.clause:
        _source_of_cue(event, scene, tok.clause, names)
    _date(event, sentence, tok.clause, times, published)
    return event


def _source_of_cue(event: Event, scene: Scene, clause: int, names: dict[str, str]) -> None:
    """Who proposes, denies or claims what a governing clause says (``Musk schlug vor, OpenAI
    mit Tesla zu fusionieren``): the subject of that clause is the event's source."""
    scene.used = {p.entity for p in event.participants if p.entity}
    teller = controller(scene, clause, frozenset({"PER", "ORG"}))
    if teller:
        event.source, event.source_entity = names.get(teller[0].entity or "", teller[0].text), teller[0].entity


def _participant(filled, names: dict[str, str]) -> Participant:
    if filled.mention is not None:
        m = filled.mention
        return Participant(filled.role, m.entity, names.get(m.entity or "", m.text), m.start, m.end)
    if filled.figure is not None:
        fig = filled.figure[1]
        return Participant(filled.role, None, fig.text, fig.start, fig.end, figure=fig.id)
    word = filled.word
    return Participant(filled.role, None, word.text, word.start, word.end)


def _date(event: Event, sentence, clause: int, times: list[TimeExpr], published: str | None) -> None:
    """The nearest anchored DATE of the trigger's clause, else of its sentence, else the
    publication date (flagged ``time_inferred``)."""
    anchored = [t for t in times if t.type == "DATE" and t.value and t.value[:1].isdigit()
                and sentence.start <= t.start < sentence.end]
    if anchored:
        best = min(anchored, key=lambda t: (sentence.clause_of(t.start) != clause, abs(t.start - event.start)))
        event.time, event.time_start, event.time_end = best.value, best.start, best.end
        event.time_ref = best.id
        return
    if published:
        event.time, event.time_inferred = published[:10], True
