"""Word-class evidence from HanTa's German lexicon, as NER features.

HanTa (a dependency of Dossier) ships a morphological model trained on the
TIGER newspaper treebank.  Its emission table ``LP_m_t`` holds, per STTS tag,
log P(word | tag) for the (lower-cased) word forms and stems it has seen:
about 10.8k proper names (``NE``), 18.7k common nouns (``NN``), and the
closed classes (pronouns, articles, adverbs ...).  In German every noun is
capitalised, so "is this capitalised word a name or a noun" is the NER
question that capitalisation does not answer; this lexicon answers it for
many newspaper words the GermEval training data never saw.

The tables are read once per process (about 0.3 s) and only through dict
lookups; the feature extractor caches per distinct word.
"""
from __future__ import annotations

from functools import lru_cache

# Tags whose words are function words or adverbs, never names.
CLOSED_TAGS = ("ADV", "PPER", "PPOSAT", "PPOSS", "PIAT", "PIS", "ART", "APPR", "APPRART", "APPO",
               "KON", "KOUS", "KOUI", "KOKOM", "PDAT", "PDS", "PROAV", "PWAV", "PWS", "PWAT",
               "PRELS", "PRELAT", "PRF", "PTKANT", "PTKNEG", "ITJ")
# Open classes that mark a word as an ordinary German word when it is no name.
COMMON_TAGS = ("NN", "ADJ", "VV") + CLOSED_TAGS


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, float], dict[str, float], dict[str, str]]:
    """``(names, nouns, closed)``: log P(word|NE), log P(word|NN), word -> closed-class tag.

    Empty when HanTa is not installed (the features are then absent).
    """
    try:
        from HanTa import HanoverTagger
    except ImportError:
        return {}, {}, {}
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    emissions, tag_ids = tagger.LP_m_t, tagger.tag2int
    names = dict(emissions.get(tag_ids["NE"], {}))
    nouns = dict(emissions.get(tag_ids["NN"], {}))
    closed: dict[str, tuple[float, str]] = {}
    for tag in CLOSED_TAGS:
        for word, logp in emissions.get(tag_ids.get(tag, -1), {}).items():
            if word not in closed or logp > closed[word][0]:
                closed[word] = (logp, tag)
    return names, nouns, {word: tag for word, (_, tag) in closed.items()}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-cased ordinary German words (nouns, adjectives, verbs, closed classes) that
    HanTa never saw as a proper name."""
    try:
        from HanTa import HanoverTagger
    except ImportError:
        return frozenset()
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    emissions, tag_ids = tagger.LP_m_t, tagger.tag2int
    names = emissions.get(tag_ids["NE"], {})
    found: set[str] = set()
    for tag in COMMON_TAGS:
        found.update(w for w in emissions.get(tag_ids.get(tag, -1), {}) if w not in names)
    return frozenset(found)


@lru_cache(maxsize=1)
def plain_words() -> frozenset[str]:
    """Lower-cased adjectives, adverbs and function words HanTa never saw as a name
    (``grafisch``, ``kurios``, ``woran``); interjections are left out (``Bravo``)."""
    try:
        from HanTa import HanoverTagger
    except ImportError:
        return frozenset()
    tagger = HanoverTagger.HanoverTagger("morphmodel_ger.pgz")
    emissions, tag_ids = tagger.LP_m_t, tagger.tag2int
    names = emissions.get(tag_ids["NE"], {})
    found: set[str] = set()
    for tag in ("ADJ",) + CLOSED_TAGS:
        if tag != "ITJ":
            found.update(w for w in emissions.get(tag_ids.get(tag, -1), {}) if w not in names)
    return frozenset(found)


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
