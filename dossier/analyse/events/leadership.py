"""LEADERSHIP: who leads which organisation, from a leadership noun next to a person.

``Tesla-Chef Elon Musk``, ``Vorstandschef der Ethikbank, Klaus Euler``, ``Carsten Kengeter,
Vorstandsvorsitzender der Deutschen Börse``, ``RYU CEO Marcello Leone``, ``Euler ist Chef der
Volksbank``. This is SmartData's OrganizationLeadership: a standing fact, not a change (a
change — ``ernannt``, ``Rücktritt``, ``wird Chef`` — is a LEADERSHIP_CHANGE from the frames).
"""
from __future__ import annotations

from dossier.analyse.events import lexicon, slots
from dossier.analyse.events.frames import Filled, Found, coordinated
from dossier.analyse.events.slots import Scene
from dossier.model import Mention

COPULA_TAGS = frozenset({"VAFIN", "ADV", "ADJD"})
MAX_ORG_PHRASE = 9  # tokens from the position noun to a person named after its organisation
MAX_ORG_GAP = 4  # tokens from the position noun to its organisation ("Chef der Volksbank Eisenberg")
# Between a comma and the position: "Knut Eichholz, kaufmännischer Geschäftsführer der …"
APPOSITION_TAGS = frozenset({"ADJA", "ART", "ADV"})
# Between a person and "als" before the position: "Colsman nun als Geschäftsführer", "Finke (l.) als
# Leiter", "Huber arbeitet als Leiter"
AS_TAGS = frozenset({"ADV", "ADJD", "NE", "XY", "$.", "VVFIN", "VAFIN"})
MAX_AS_GAP = 5


def leadership_in(scene: Scene) -> list[Found]:
    found = []
    tokens = scene.sentence.tokens
    for index, tok in enumerate(tokens):
        # "der Ufo-Vorsitzende": a nominalised adjective HanTa may tag ADJA
        if not (tok.pos in ("NN", "NE") or tok.pos.startswith("ADJ") and tok.text[:1].isupper()) \
                or not lexicon.is_position(tok.text):
            continue
        scene.used = set()
        company = _organisation(scene, index)
        if not company:
            continue
        scene.used.add(slots.participant(company[0]))
        person, copula = _person(scene, index)
        if not person:
            continue
        scene.used.add(slots.participant(person[0]))
        people = person + coordinated(scene, person[0], frozenset({"PER"}))  # "…, Ulrich Schwarze und Christian Lorenz"
        trigger = lexicon.Trigger("LEADERSHIP", tok.text, "N", "leadership", ())
        found.append(Found(trigger, index, "active", [
            Filled("company", mention=company[0]), *(Filled("person", mention=p) for p in people),
            Filled("position", word=tok)], standing=not copula))
    return found


def _organisation(scene: Scene, index: int):
    org = frozenset({"ORG"})
    tok = scene.sentence.tokens[index]
    if "-" in tok.text.strip("-"):
        front = slots._front_of(scene, tok, tok.start + tok.text.rindex("-"), org)
        if front:
            return front
    elif slots.compound_front(scene, tok, org):  # "Bahnchef", when the article names the Bahn
        return slots.compound_front(scene, tok, org)
    elif _descriptor_front(tok.text):  # "Konzernchefin": the company named last
        referent = slots.last_organisation(scene.earlier + [a.mention for a in scene.args], tok.start)
        if referent is not None:
            return [Mention(tok.start, tok.end, tok.text, "ORG", referent.entity)]
    after = slots.find_gen(scene, index, "", org) or slots.find_prep(scene, index, "von", org) \
        or slots.find_prep(scene, index, "bei", org)
    if after and _near(scene, after[0], index):
        return after
    before = [a for a in scene.args if a.last == index - 1 and scene.free(a, org)]
    if before:
        return [before[0].mention]
    front = slots.compound_front(scene, tok, org)
    if front or tok.lower not in lexicon.positions():
        return front
    # a bare "Vorstandschef" speaks for the company its sentence named before it
    # ("Die Übernahmen seien für Genting wichtig, sagte Vorstandschef Tan Sri Li")
    earlier = [a for a in scene.args if a.last < index and scene.free(a, org) and not a.mention.inside]
    return [earlier[-1].mention] if earlier else []


def _descriptor_front(word: str) -> bool:
    """``Konzernchef``, ``Unternehmenschefin``: a leadership noun glued to a company descriptor."""
    from dossier.analyse.entities.companies import is_descriptor

    low = word.casefold()
    for position in lexicon.positions():
        if low.endswith(position) and len(low) > len(position) + 3:
            front = word[:len(word) - len(position)]
            return is_descriptor(front.rstrip("s")) or is_descriptor(front)
    return False


def _near(scene: Scene, mention, index: int) -> bool:
    """The organisation follows the position closely, or after the person it names:
    ``Geschäftsführer Dr. Christoph Runde von VDC``."""
    first = next(a.first for a in scene.args if a.mention is mention)
    if first - index <= MAX_ORG_GAP:
        return True
    people = [(a.first, a.last) for a in scene.args if a.mention.label == "PER"]
    titles = lexicon.word_classes()["title"]
    between = scene.sentence.tokens[index + 1:first]
    return len(between) <= MAX_ORG_PHRASE and all(
        any(a <= i <= b for a, b in people) or t.lower in titles or t.text == "." or t.pos in slots.NP_TAGS
        or t.pos.startswith("APPR")
        for i, t in enumerate(between, index + 1))


def _person(scene: Scene, index: int):
    """The person the position noun at ``index`` names, and whether a copula links them
    (``Euler ist Chef …``: a predicate, which ``nicht``/``soll`` of its clause qualify)."""
    per = frozenset({"PER"})
    tokens = scene.sentence.tokens
    for a in scene.args:
        if not scene.free(a, per):
            continue
        if a.first == index + 1:  # Tesla-Chef Elon Musk
            return [a.mention], False
        if a.first > index and a.first - index <= 3 and all(
                t.lower in lexicon.word_classes()["title"] or t.text == "." for t in tokens[index + 1:a.first]):
            return [a.mention], False  # Geschäftsführer Dr. Christoph Runde
        if a.first > index and a.first - index <= MAX_ORG_PHRASE and tokens[a.first - 1].text == "," \
                and all(t.text != "," for t in tokens[index + 1:a.first - 1]):
            return [a.mention], False  # Vorstandschef der Ethikbank, Klaus Euler
        between = tokens[a.last + 1:index]
        if a.last < index and between and (
                between[0].text == "," and all(t.pos in APPOSITION_TAGS for t in between[1:])):
            return [a.mention], False  # Carsten Kengeter, Vorstandsvorsitzender …
        if a.last < index and between and between[-1].lower == "als" and len(between) <= MAX_AS_GAP \
                and all(t.pos in AS_TAGS or t.text in ("(", ")") for t in between[:-1]):
            return [a.mention], False  # Colsman nun als Geschäftsführer von …
        if a.last < index and between and (
                between[0].pos == "VAFIN" and all(t.pos in COPULA_TAGS for t in between)):
            return [a.mention], True  # Euler ist Chef …
    return [], False
