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
    tagger = HanoverTagger.HanoverTagger(HANTA_MODEL)
    if hasattr(tagger, "_tag_word"):
        # The tag probabilities of a word HanTa's model does not list (names, compounds) take a
        # morphological analysis of several milliseconds, and HanTa repeats it at every
        # occurrence. They depend only on the arguments (the model is read-only after loading,
        # and callers only read the list), so the process keeps the recent ones: same tags,
        # the analysis once per word and not once per occurrence.
        tagger._tag_word = lru_cache(maxsize=1 << 16)(tagger._tag_word)
    return tagger
