"""Build the list of words German writes in lower case mid-sentence.

A word such as ``Wenig``, ``Seither`` or ``Demnach`` written with a capital
letter in the middle of a line can only start a new sentence — the signal
:mod:`dossier.clean.headings` uses to find a sub-heading glued to the next
paragraph. Nouns and names are capitalised anywhere, so the list keeps only
words seen almost always in lower case when they are not sentence-initial.

Built from the GermEval 2014 training sentences (CC BY 4.0) by
``dossier train clean-lexicon`` (or ``python -m dossier.clean.lexicon``); the
result ships as ``resources/de/boilerplate_lowercase_words.txt``.
"""
from __future__ import annotations

import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

from dossier.errors import EvalError

OUTPUT = Path(__file__).resolve().parents[1] / "resources" / "de" / "boilerplate_lowercase_words.txt"
# After these a capital letter is normal even mid-sentence (quote, colon, list dash).
_RESETS = {":", '"', "„", "“", "”", "»", "«", "(", "-", "–", "—", ".", "!", "?", ";"}
MIN_LOWER = 3
MAX_CAPITAL_SHARE = 0.03


def _sentences(path: Path):
    sentence: list[str] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    if sentence:
                        yield sentence
                    sentence = []
                    continue
                sentence.append(line.split("\t")[0])
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"cannot read GermEval TSV: {exc}", location=str(path)) from exc
    if sentence:
        yield sentence


def build_lowercase_words(tsv: Path) -> list[str]:
    lower: Counter = Counter()
    capital: Counter = Counter()
    for sentence in _sentences(tsv):
        for previous, token in pairwise(sentence):
            if previous in _RESETS or not token.isalpha():
                continue
            if token.islower():
                lower[token] += 1
            elif token[0].isupper():
                capital[token.lower()] += 1
    return sorted(word for word, count in lower.items()
                  if count >= MIN_LOWER and capital[word] <= MAX_CAPITAL_SHARE * count and len(word) > 1)


def write_lowercase_words(tsv: Path, output: Path = OUTPUT) -> int:
    words = build_lowercase_words(tsv)
    header = ("# Words German writes in lower case mid-sentence (a capitalised one starts a sentence).\n"
              "# Derived from GermEval 2014 NER training sentences (CC BY 4.0) by dossier.clean.lexicon.\n")
    output.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else (
        Path(__file__).resolve().parents[3] / "shared" / "data" / "germeval2014" / "train-outer-bio.tsv")
    print(f"wrote {write_lowercase_words(source)} words to {OUTPUT}")
