"""Mentions of a known list of names, found by string matching.

Gold sets and tests give the people and organisations of a text by hand, so that a stage can be
scored without depending on the NER model: ``dossier eval quotes --format news`` and the unit tests
of the quote and figure stages build their articles' mentions this way.
"""
from __future__ import annotations

import re

from dossier.model import Entity, Mention


def match_names(text: str, names: dict[str, tuple[str, str, str]]) -> tuple[list[Mention], list[Entity]]:
    """``names`` maps a surface form to ``(entity id, canonical name, label)``.

    Longer forms win (``Elon Musk`` before ``Musk``), a place already taken is not taken again, and a
    form matches whole words only (not inside ``Musks`` or after a hyphen). Returns the mentions in
    text order and one entity per id.
    """
    mentions, taken = [], set()
    for surface in sorted(names, key=len, reverse=True):
        eid, _, label = names[surface]
        for m in re.finditer(r"(?<![\w-])" + re.escape(surface) + r"(?!\w)", text):
            if taken & set(range(m.start(), m.end())):
                continue
            taken.update(range(m.start(), m.end()))
            mentions.append(Mention(m.start(), m.end(), m.group(), label, eid))
    entities = {eid: Entity(eid, name, label) for eid, name, label in names.values()}
    return sorted(mentions, key=lambda m: m.start), list(entities.values())
