"""Analysis stages: pure functions of an article that return new layers.

A stage is ``fn(article) -> dict[layer_name, list]``; it must not mutate its
input, do I/O (other than loading a shipped model once) or keep state, so the
same function runs in the CLI, a web request and a Spark task. Stages declare
the layers they read and write; :func:`build_pipeline` refuses an order in
which a stage would read a layer nobody has written yet, and a stage module
that fails to import. :func:`analyse` holds each stage to its declaration: it
sees the article through a view on which reading an undeclared layer raises
:class:`StageContractError` (metadata such as ``id`` or ``title`` is free).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from dossier.analyse.versions import record as record_version
from dossier.errors import ConfigError
from dossier.model import Article

BASE_LAYERS = frozenset({"text", "published", "headings", "language"})
# Every field of Article a stage may only read when it declares it (the rest is metadata).
LAYER_FIELDS = BASE_LAYERS | {"mentions", "entities", "quotes", "times", "figures", "events"}


class StageContractError(ConfigError):
    """A stage read a layer it does not declare in ``requires``."""

    default_hint = "add the layer to the stage's requires=(...) in its @stage declaration"


@dataclass(frozen=True)
class Stage:
    name: str
    fn: Callable[[Article], dict]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    # the model behind the layers (``ner-crf``), or a function naming it when configuration
    # chooses it; default ``<name>-rules``
    model: str | Callable[[], str] = ""
    model_files: tuple[str, ...] = ()  # package-relative files/folders the output depends on


_REGISTRY: dict[str, Stage] = {}


def stage(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = (),
          model: str | Callable[[], str] = "",
          model_files: tuple[str, ...] = ()):
    """Register ``fn`` as an analysis stage under ``name`` (``model``/``model_files``: see
    :mod:`dossier.analyse.versions`)."""

    def decorate(fn):
        _REGISTRY[name] = Stage(name, fn, tuple(requires), tuple(assigns), model, tuple(model_files))
        return fn

    return decorate


def registered() -> dict[str, Stage]:
    _load_builtin_stages()
    return dict(_REGISTRY)


# Modules that define the built-in stages; each must import (a broken one is an error, not a
# missing layer).
BUILTIN_STAGE_MODULES = (
    "dossier.analyse.entities",
    "dossier.analyse.times",
    "dossier.analyse.figures",
    "dossier.analyse.quotes",
    "dossier.analyse.events",
)
DEFAULT_ORDER = ("entities", "times", "figures", "quotes", "events")


def _load_builtin_stages() -> None:
    import importlib

    for module in BUILTIN_STAGE_MODULES:
        try:
            importlib.import_module(module)
        except Exception as exc:  # noqa: BLE001 - any import failure is reported with its cause
            raise ConfigError(f"the analysis stage module {module} cannot be imported: "
                              f"{type(exc).__name__}: {exc}",
                              location=module, hint="reinstall dossier-news (pip install -e .) or fix that module") from exc


def build_pipeline(names: tuple[str, ...] | None = None) -> list[Stage]:
    stages = registered()
    wanted = list(names or DEFAULT_ORDER)
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
        for layer, items in st.fn(StageInput(article, st)).items():
            if layer not in st.assigns:
                raise StageContractError(f"stage {st.name!r} returned layer {layer!r}, which it does not "
                                         f"declare in assigns={st.assigns}", location=st.name,
                                         hint="add the layer to the stage's assigns=(...)")
            setattr(article, layer, items)
        record_version(article, st)
    return article


class StageInput:
    """The article as one stage sees it: read-only, and only the layers the stage declares.

    Reading an undeclared layer raises :class:`StageContractError`, so a stage that
    depends on a layer it does not declare fails in the first test that runs it,
    not later when someone reorders the pipeline."""

    __slots__ = ("_article", "_stage")

    def __init__(self, article: Article, stage: Stage):
        object.__setattr__(self, "_article", article)
        object.__setattr__(self, "_stage", stage)

    def __getattr__(self, name: str):
        if name in LAYER_FIELDS and name not in self._stage.requires:
            raise StageContractError(f"stage {self._stage.name!r} reads layer {name!r}, which it does not "
                                     f"declare in requires={self._stage.requires}", location=self._stage.name)
        return getattr(self._article, name)

    def __setattr__(self, name: str, value) -> None:
        raise StageContractError(f"stage {self._stage.name!r} sets article.{name}; stages return their layers",
                                 location=self._stage.name, hint="return {layer: items} instead")
