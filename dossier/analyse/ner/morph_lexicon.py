"""Word-class evidence from HanTa's German lexicon, as NER features.

HanTa (a dependency of Dossier) ships a morphological model trained on the
TIGER newspaper treebank.  Its emission table ``LP_m_t`` holds, per STTS tag,
log P(word | tag) for the (lower-cased) word forms and stems it has seen:
about 10.8k proper names (``NE``), 18.7k common nouns (``NN``), and the
closed classes (pronouns, articles, adverbs ...).  In German every noun is
capitalised, so "is this capitalised word a name or a noun" is the NER
question that capitalisation does not answer; this lexicon answers it for
many newspaper words the GermEval training data never saw.

The tables come from the one HanTa instance of the process (``dossier.analyse.hanta``) and are
read only through dict lookups; the feature extractor caches per distinct word.
"""
from __future__ import annotations

from functools import lru_cache

# Tags whose words are function words or adverbs, never names.
CLOSED_TAGS = ("ADV", "PPER", "PPOSAT", "PPOSS", "PIAT", "PIS", "ART", "APPR", "APPRART", "APPO",
               "KON", "KOUS", "KOUI", "KOKOM", "PDAT", "PDS", "PROAV", "PWAV", "PWS", "PWAT",
               "PRELS", "PRELAT", "PRF", "PTKANT", "PTKNEG", "ITJ")
# Open classes that mark a word as an ordinary German word when it is no name.
COMMON_TAGS = ("NN", "ADJ", "VV") + CLOSED_TAGS


def _emissions() -> tuple[dict, dict]:
    """HanTa's ``(LP_m_t, tag2int)``; empty when HanTa cannot be loaded (the features are then absent)."""
    from dossier.analyse.hanta import hanta
    from dossier.errors import MissingDependency

    try:
        tagger = hanta()
    except MissingDependency:
        return {}, {}
    return tagger.LP_m_t, tagger.tag2int


def _words_of(tags: tuple[str, ...], emissions: dict, tag_ids: dict) -> dict[str, tuple[float, str]]:
    """Lower-cased word -> (best log-probability, its tag) over ``tags``."""
    found: dict[str, tuple[float, str]] = {}
    for tag in tags:
        for word, logp in emissions.get(tag_ids.get(tag, -1), {}).items():
            if word not in found or logp > found[word][0]:
                found[word] = (logp, tag)
    return found


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, float], dict[str, float], dict[str, str]]:
    """``(names, nouns, closed)``: log P(word|NE), log P(word|NN), word -> closed-class tag."""
    emissions, tag_ids = _emissions()
    if not tag_ids:
        return {}, {}, {}
    names = dict(emissions.get(tag_ids["NE"], {}))
    nouns = dict(emissions.get(tag_ids["NN"], {}))
    closed = _words_of(CLOSED_TAGS, emissions, tag_ids)
    return names, nouns, {word: tag for word, (_, tag) in closed.items()}


def _never_names(tags: tuple[str, ...]) -> frozenset[str]:
    """Words HanTa saw under one of ``tags`` and never as a proper name."""
    emissions, tag_ids = _emissions()
    if not tag_ids:
        return frozenset()
    names = emissions.get(tag_ids["NE"], {})
    return frozenset(w for w in _words_of(tags, emissions, tag_ids) if w not in names)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-cased ordinary German words (nouns, adjectives, verbs, closed classes) that
    HanTa never saw as a proper name."""
    return _never_names(COMMON_TAGS)


@lru_cache(maxsize=1)
def plain_words() -> frozenset[str]:
    """Lower-cased adjectives, adverbs and function words HanTa never saw as a name
    (``grafisch``, ``kurios``, ``woran``); interjections are left out (``Bravo``)."""
    return _never_names(("ADJ",) + tuple(t for t in CLOSED_TAGS if t != "ITJ"))


def word_features(lower: str, prefix: str = "") -> list[str]:
    """``hne``/``hnn`` (log-probability bucket), ``hr`` (name-vs-noun odds), ``hc`` (closed class)."""
    names, nouns, closed = tables()
    feats = []
    ne = names.get(lower)
    nn = nouns.get(lower)
    if ne is not None:
        feats.append(f"{prefix}hne={max(int(ne), -10)}")
    if nn is not None:
        feats.append(f"{prefix}hnn={max(int(nn), -10)}")
    if ne is not None and nn is not None:
        feats.append(f"{prefix}hr={max(-3, min(3, round(ne - nn)))}")
    tag = closed.get(lower)
    if tag is not None:
        feats.append(f"{prefix}hc={tag}")
    return feats


def word_class(lower: str) -> str:
    """One coarse class for context features: ``NE``, ``NN``, ``NE>NN``, ``NN>NE``, a closed tag or ``-``."""
    names, nouns, closed = tables()
    ne = names.get(lower)
    nn = nouns.get(lower)
    if ne is not None and nn is not None:
        return "NE>NN" if ne > nn else "NN>NE"
    if ne is not None:
        return "NE"
    if nn is not None:
        return "NN"
    return closed.get(lower, "-")
