"""One HanTa tagger per process, shared by every stage that reads German word classes.

HanTa (a dependency) ships its TIGER-trained German model inside the PyPI package; loading it
takes about 0.3 s, so the NER lexicon features and the quote stage's part-of-speech tags use this
single instance instead of loading the model each.
"""
from __future__ import annotations

from functools import lru_cache

from dossier.errors import MissingDependency

HANTA_MODEL = "morphmodel_ger.pgz"


@lru_cache(maxsize=1)
def hanta():
    try:
        from HanTa import HanoverTagger
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise MissingDependency("HanTa", "German part-of-speech and word-class features") from exc
    return HanoverTagger.HanoverTagger(HANTA_MODEL)
