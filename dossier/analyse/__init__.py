"""Analysis stages: pure functions of an article that return new layers.

A stage is ``fn(article) -> dict[layer_name, list]``; it must not mutate its
input, do I/O (other than loading a shipped model once) or keep state, so the
same function runs in the CLI, a web request and a Spark task. Stages declare
the layers they read and write; :func:`build_pipeline` refuses an order in
which a stage would read a layer nobody has written yet.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from dossier.errors import ConfigError
from dossier.model import Article

BASE_LAYERS = frozenset({"text", "published", "headings", "language"})


@dataclass(frozen=True)
class Stage:
    name: str
    fn: Callable[[Article], dict]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


_REGISTRY: dict[str, Stage] = {}


def stage(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()):
    """Register ``fn`` as an analysis stage under ``name``."""

    def decorate(fn):
        _REGISTRY[name] = Stage(name, fn, tuple(requires), tuple(assigns))
        return fn

    return decorate


def registered() -> dict[str, Stage]:
    _load_builtin_stages()
    return dict(_REGISTRY)


# Modules that define stages; each is optional while the layers are being built.
BUILTIN_STAGE_MODULES = (
    "dossier.analyse.entities",
    "dossier.analyse.times",
    "dossier.analyse.figures",
    "dossier.analyse.quotes",
)
DEFAULT_ORDER = ("entities", "times", "figures", "quotes")


def _load_builtin_stages() -> None:
    import importlib

    for module in BUILTIN_STAGE_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def build_pipeline(names: tuple[str, ...] | None = None) -> list[Stage]:
    stages = registered()
    wanted = [n for n in (names or DEFAULT_ORDER) if names or n in stages]
    available = set(BASE_LAYERS)
    pipeline = []
    for name in wanted:
        if name not in stages:
            raise ConfigError(f"unknown analysis stage {name!r}", hint=f"choose from {sorted(stages)}")
        st = stages[name]
        missing = [layer for layer in st.requires if layer not in available]
        if missing:
            raise ConfigError(
                f"stage {name!r} needs {missing}, which no earlier stage assigns",
                hint="reorder the stages",
            )
        available.update(st.assigns)
        pipeline.append(st)
    return pipeline


def analyse(article: Article, pipeline: list[Stage] | None = None) -> Article:
    """Run the stages over a German article and attach their layers to it."""
    if article.language not in (None, "de"):
        return article  # stored and flagged, not analysed as German
    for st in pipeline if pipeline is not None else build_pipeline():
        for layer, items in st.fn(article).items():
            setattr(article, layer, items)
    return article
