"""Readers for the NER model's word tables (run time); the builders are in
:mod:`dossier.training.ner_clusters` and :mod:`dossier.training.ner_lexicon`."""
from __future__ import annotations

from pathlib import Path


def load_cluster_table(path: Path) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# word\t"):
                continue
            word, *ids = line.rstrip("\n").split("\t")
            table[word] = tuple(ids)
    return table


def read_lexicon(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return dict(line.rstrip("\n").split("\t", 1) for line in handle if "\t" in line)
