"""Reader for the SpkAtt-2023 (GermEval/KONVENS) task-1 format.

A file holds ``Sentences`` (``SentenceId``, ``Tokens``) and ``Annotations``, each
with a ``Cue`` and roles (``Source``, ``Message``, …) as ``"sentence:token"`` ids.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from dossier.errors import EvalError

ROLES = ("Cue", "Source", "Message", "Addr", "Topic", "Medium", "Evidence", "PTC")


@dataclass
class Annotation:
    roles: dict[str, set[tuple[int, int]]] = field(default_factory=dict)

    def get(self, role: str) -> set[tuple[int, int]]:
        return self.roles.get(role, set())


@dataclass
class SpkDocument:
    name: str
    sentences: dict[int, list[str]]
    annotations: list[Annotation]


def _ids(values, location: str) -> set[tuple[int, int]]:
    out = set()
    for v in values:
        try:
            s, t = str(v).split(":")
            out.add((int(s), int(t)))
        except ValueError as exc:
            raise EvalError(f"bad token id {v!r}", location=location) from exc
    return out


def read_document(path: Path) -> SpkDocument:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sentences = {int(s["SentenceId"]): list(s["Tokens"]) for s in data["Sentences"]}
        anns = [Annotation({role: _ids(a.get(role, []), str(path)) for role in ROLES}) for a in data["Annotations"]]
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise EvalError(f"not a SpkAtt task-1 JSON file: {exc}", location=str(path)) from exc
    return SpkDocument(path.name, sentences, anns)


def read_corpus(directory: Path) -> list[SpkDocument]:
    directory = Path(directory)
    if not any(directory.glob("*.json")) and (directory / "task1").is_dir():
        directory = directory / "task1"  # the shared-task release folder (train/) was given
    files = sorted(directory.glob("*.json"))
    if not files:
        raise EvalError("no SpkAtt .json files found", location=str(directory),
                        hint="point to the task1 folder of SpkAtt-2023")
    return [read_document(p) for p in files]
