"""A name lexicon learned from the training data, as a CRF feature.

Why: the word identity feature lets the CRF memorise training names, but in
training every name is by definition "known", so the CRF over-trusts
memory.  Instead we give it "how was this word tagged in *other* training
sentences" - built jackknife-style over folds during training, and from the
whole training set at run time - so it learns how far that evidence goes.
Entries are ``word -> "TYPE:ratio"``: the most frequent entity type of the
word and how often (bucketed) the word was inside any entity at all.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

MIN_SEEN = 1


def build_lexicon(sentences: Iterable[tuple[list[str], list[str]]]) -> dict[str, str]:
    types: dict[str, Counter] = defaultdict(Counter)
    for words, tags in sentences:
        for word, tag in zip(words, tags):
            if word[:1].isupper():
                types[word][tag[2:] if tag != "O" else "O"] += 1
    lexicon = {}
    for word, counts in types.items():
        total = sum(counts.values())
        if total < MIN_SEEN:
            continue
        entity = total - counts["O"]
        ratio = entity / total
        bucket = "0" if ratio == 0 else "lo" if ratio < 0.3 else "mid" if ratio < 0.7 else "hi"
        kind = max((k for k in counts if k != "O"), key=lambda k: counts[k], default="O")
        lexicon[word] = f"{kind}:{bucket}{'1' if total == 1 else ''}"
    return lexicon


def write_lexicon(lexicon: dict[str, str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for word in sorted(lexicon):
            handle.write(f"{word}\t{lexicon[word]}\n")
