"""Reader for the Corpus Redewiedergabe token TSV (one token a line, STWR columns).

Columns: tok normtok lemma pos rfpos sentstart stwr frame speaker intexpr note.
``stwr`` holds ``-`` or ``|``-joined annotations such as ``direct.speech.1`` or
``indirect freeIndirect.speech writing.7`` (types, medium, id, flags). Only the
tokens, the sentence starts and the STWR types are read: the gold POS columns
are not used, so a tagger trained here runs on plain text.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dossier.errors import EvalError

KINDS = ("direct", "indirect", "reported")
EXPECTED_HEADER = ["tok", "normtok", "lemma", "pos", "rfpos", "sentstart", "stwr"]


@dataclass
class RWDocument:
    name: str
    tokens: list[str]
    sent_starts: list[bool]
    kinds: list[frozenset[str]]  # per token: which of direct/indirect/reported/freeIndirect cover it


def stwr_kinds(cell: str) -> frozenset[str]:
    if cell in ("-", ""):
        return frozenset()
    kinds = set()
    for ann in cell.split("|"):
        types = ann.split(".")[0]
        kinds.update(types.split())
    return frozenset(kinds)


def read_document(path: Path) -> RWDocument:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t")[:7] != EXPECTED_HEADER:
        raise EvalError(f"not a Redewiedergabe TSV (header {lines[:1]!r})", location=str(path))
    tokens, starts, kinds = [], [], []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 7:
            raise EvalError(f"expected at least 7 columns, got {len(cols)}", location=f"{path}:{n}")
        tokens.append(cols[0])
        starts.append(cols[5] == "yes")
        kinds.append(stwr_kinds(cols[6]))
    return RWDocument(path.name, tokens, starts, kinds)


def read_corpus(directory: Path) -> list[RWDocument]:
    files = sorted(p for p in Path(directory).glob("*.tsv") if p.name != "metadata.tsv")
    if not files:
        raise EvalError("no Redewiedergabe .tsv files found", location=str(directory),
                        hint="point to the folder with rwk_*.tsv files")
    return [read_document(p) for p in files]


FOLDS = 5


def fold_of(name: str) -> int:
    """The fold (0-4) a file belongs to, by a stable hash of its name; the cross-validation
    benchmark (benchmarks/quotes_cv.py) uses all five, the dev split is fold 0."""
    import zlib

    return zlib.crc32(name.encode("utf-8")) % FOLDS


def is_dev(name: str) -> bool:
    """The project's own held-out split: a fixed fifth of the files, chosen by a stable hash of the name."""
    return fold_of(name) == 0
