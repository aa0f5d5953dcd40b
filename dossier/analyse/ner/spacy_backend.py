"""Optional NER backend: a spaCy pipeline the user installed (``backend="spacy:NAME"``).

spaCy is not a dependency of Dossier; ``pip install dossier-news[spacy]`` and
a German pipeline (e.g. ``de_core_news_lg``) make this backend available.
Labels are mapped to Dossier's four: the German pipelines say PER/ORG/LOC/MISC,
the OntoNotes-style ones PERSON/ORG/GPE/... .
"""
from __future__ import annotations

from functools import lru_cache

from dossier.errors import ConfigError, MissingDependency, ModelError
from dossier.model import Mention

LABEL_MAP = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "MISC": "MISC", "OTH": "MISC", "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}


@lru_cache(maxsize=4)
def _load(name: str):
    if not name:
        raise ConfigError("spaCy backend needs a pipeline name",
                          hint='use backend="spacy:de_core_news_lg" or "spacy:/path/to/pipeline"')
    try:
        import spacy
    except ImportError as exc:
        raise MissingDependency("spacy", "the spaCy NER backend") from exc
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(f"spaCy pipeline {name!r} is not installed: {exc}", location=name,
                         hint=f"python -m spacy download {name}, or pass the path of a saved pipeline") from exc


def recognise_spacy(text: str, name: str) -> list[Mention]:
    nlp = _load(name)
    doc = nlp(text)
    found = []
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        if label is None:  # DATE, MONEY, CARDINAL ... belong to other stages
            continue
        found.append(Mention(ent.start_char, ent.end_char, text[ent.start_char:ent.end_char], label))
    return sorted(found, key=lambda m: (m.start, m.end))
