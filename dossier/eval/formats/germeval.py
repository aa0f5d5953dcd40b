"""Reader for GermEval 2014 NER data.

Either the official four-column TSV (``# source`` lines, ``idx token outer inner``)
or the two-column ``token<TAB>tag`` conversion; both give ``(tokens, outer_tags)``
per sentence.
"""
from __future__ import annotations

from pathlib import Path

from dossier.errors import EvalError

Sentence = tuple[list[str], list[str]]


def read_germeval(path: str | Path) -> list[Sentence]:
    """Sentences of a GermEval 2014 file (official TSV or ``token<TAB>tag``)."""
    path = Path(path)
    if not path.exists():
        raise EvalError(f"{path} does not exist", location=str(path),
                        hint="pass a GermEval 2014 TSV file (see ../shared/data/germeval2014)")
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for lineno, line in enumerate(lines, 1):
            line = line.rstrip("\n")
            if line.startswith("#") and "\t" in line and not tokens:
                continue  # the official file's "# source [date]" line
            if not line.strip():
                if tokens:
                    sentences.append((tokens, tags))
                    tokens, tags = [], []
                continue
            cols = line.split("\t")
            if len(cols) >= 4:
                token, tag = cols[1], cols[2]
            elif len(cols) == 2:
                token, tag = cols
            else:
                raise EvalError(f"expected 2 or 4 tab-separated columns, got {len(cols)}",
                                location=f"{path}:{lineno}",
                                hint="use the GermEval 2014 TSV format: idx token outer inner")
            tokens.append(token)
            tags.append(tag)
    if tokens:
        sentences.append((tokens, tags))
    if not sentences:
        raise EvalError("no sentences found", location=str(path), hint="is this a GermEval TSV file?")
    return sentences
