"""Which model produced each layer: recorded per article when its stages run (``extra["versions"]``)
and exported as the article's ``versions`` object.

The version of a layer is ``{"stage", "model", "hash", "version"}``. ``model`` is what the stage
declares (``@stage(..., model="ner-crf", model_files=("models/ner", ...))``, default
``<stage>-rules``); ``hash`` is a SHA-256 (16 hex digits) over the stage's own source files, the
files it names and the German word lists in ``resources/de``, so a retrained model, an edited word
list or a changed rule gives a new hash; ``version`` is the package version. Computed once per
process and stage.
"""
from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from pathlib import Path

import dossier

PACKAGE_DIR = Path(dossier.__file__).parent
SHARED_DATA = ("resources/de",)


def _files(stage) -> list[tuple[str, Path]]:
    """(name in the hash, path) of every file the stage's output depends on, in a fixed order."""
    found: list[tuple[str, Path]] = []
    module = sys.modules.get(stage.fn.__module__)
    source = Path(module.__file__) if module is not None and getattr(module, "__file__", None) else None
    if source is not None:
        own = sorted(source.parent.glob("*.py")) if source.name == "__init__.py" else [source]
        found += [(p.name, p) for p in own]
    for rel in (*stage.model_files, *SHARED_DATA):
        target = PACKAGE_DIR / rel
        paths = [target] if target.is_file() else sorted(p for p in target.rglob("*")
                                                          if p.is_file() and "__pycache__" not in p.parts)
        found += [(f"{rel}/{p.relative_to(target)}" if p != target else rel, p) for p in paths]
    return found


def stage_version(stage) -> dict[str, str]:
    # A stage's model may depend on configuration (the entities stage: DOSSIER_NER picks the
    # CRF or the accurate tagger), so it is a name or a function giving one.
    model = stage.model() if callable(stage.model) else stage.model
    return _stage_version(stage, model)


@lru_cache(maxsize=64)
def _stage_version(stage, model: str) -> dict[str, str]:
    digest = hashlib.sha256()
    for name, path in _files(stage):
        digest.update(name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return {"stage": stage.name, "model": model or f"{stage.name}-rules",
            "hash": "sha256:" + digest.hexdigest()[:16], "version": dossier.__version__}


stage_version.cache_clear = _stage_version.cache_clear  # type: ignore[attr-defined]


def record(article, stage) -> None:
    """Note in ``article.extra["versions"]`` which model produced each layer ``stage`` assigns."""
    versions = article.extra.setdefault("versions", {})
    for layer in stage.assigns:
        versions[layer] = dict(stage_version(stage))
