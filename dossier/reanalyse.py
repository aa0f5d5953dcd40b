"""Incremental re-analysis: re-run, over stored articles, the stages whose model changed.

Each stored article records which model produced each of its layers (``extra["versions"]``, see
:mod:`dossier.analyse.versions`: stage, model and a hash over the stage's code, model files and
word lists). :func:`reanalyse` re-runs for each article only

- the stages whose recorded model or hash differs from the installed one (or that never ran:
  an analysis that failed, a stage added since), or the stages named (``stages``), or all
  (``everything``), and
- every later stage that reads a layer one of those writes (``figures`` reads ``times``),

on the stored clean text: the article is not cleaned again, so its id, text and offsets stay, and
each layer item's id (made of its article and span) stays as long as the stage finds the same span.

The stages see the layers as the analysis made them, not as cross-document resolution rewrote
them: the resolution index kept the article-local entity ids and records
(:func:`dossier.resolve.incremental.unresolve`). Where it did not (an article indexed by an older
version), the ``entities`` stage runs again too, which gives them back.

Per article, one transaction writes the new layers with their versions; before it, the article
is dropped from the resolution index, so a run stopped at any point leaves every article either
untouched or re-analysed and waiting for resolution. An article whose layers come out the same
gets only its versions written and stays resolved. At the end, incremental resolution
(:func:`dossier.resolve.incremental.resolve_new`) resolves the re-analysed articles against the
rest. Running it again resumes: re-analysed articles carry the new versions and are skipped
(a forced run, ``stages``/``everything``, resumes with ``start``).
"""
from __future__ import annotations

import json
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable

from dossier.analyse import Stage, analyse, build_pipeline, registered
from dossier.analyse.versions import stage_version
from dossier.errors import ConfigError
from dossier.model import Article
from dossier.resolve.entities import ResolutionReport
from dossier.resolve.incremental import resolve_new, unresolve
from dossier.store.base import Store

LAYERS = ("mentions", "entities", "times", "figures", "quotes", "events")
# Articles loaded, analysed and written per round (the workers' share of one round).
ROUND = 32


@dataclass
class ReanalysisReport:
    checked: int = 0
    reanalysed: int = 0  # layers changed: rewritten and resolved again
    unchanged: int = 0  # re-run, same layers: only the versions written
    up_to_date: int = 0
    failed: list[str] = field(default_factory=list)  # "article id: reason"
    stages: Counter = field(default_factory=Counter)  # stage -> articles it ran on
    resolution: ResolutionReport | None = None

    def summary(self) -> str:
        stages = ", ".join(f"{name} {n}" for name, n in self.stages.items()) or "none"
        text = (f"{self.checked} articles checked: {self.reanalysed} re-analysed with changed layers, "
                f"{self.unchanged} re-run with the same layers, {self.up_to_date} up to date, "
                f"{len(self.failed)} failed (stages run: {stages})")
        if self.resolution is not None:
            text += f"; resolution: {self.resolution.summary()}"
        return text


def _same_model(recorded: dict | None, current: dict) -> bool:
    """The package version alone does not count: a release that changed no file of the stage
    gives the same layers."""
    return bool(recorded) and all(recorded.get(k) == current[k] for k in ("stage", "model", "hash"))


def plan(article: Article, pipeline: list[Stage], forced: set[str] = frozenset(),
         everything: bool = False) -> list[str]:
    """Names of the stages to re-run on ``article``, in pipeline order (see the module docstring)."""
    if article.language not in (None, "de"):
        return []  # not analysed as German, so nothing to re-run
    recorded = article.extra.get("versions") or {}
    rerun: list[str] = []
    rewritten: set[str] = set()
    for st in pipeline:
        stale = everything or st.name in forced or not all(
            _same_model(recorded.get(layer), stage_version(st)) for layer in st.assigns)
        if stale or rewritten & set(st.requires):
            rerun.append(st.name)
            rewritten |= set(st.assigns)
    return rerun


def check_stage_names(names: Iterable[str]) -> set[str]:
    known = registered()
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise ConfigError(f"unknown analysis stage {unknown[0]!r}", hint=f"choose from {sorted(known)}")
    return set(names)


def rerun_stages(article: Article, names: list[str]) -> tuple[Article, str | None]:
    """Run the stages ``names`` (in order) over the article; a failure is returned as text and
    leaves the article as it was. A pure function of its input, so it runs in a worker too."""
    stages = registered()
    try:
        return analyse(article, [stages[n] for n in names]), None
    except Exception as exc:  # noqa: BLE001 - reported per article
        return article, f"{type(exc).__name__}: {exc}"


def _rerun_in_worker(job: tuple[Article, list[str]]) -> tuple[Article, str | None]:
    return rerun_stages(*job)


def _local_view(store: Store, article: Article, names: list[str], refs: dict[str, str]) -> tuple[Article, list[str]]:
    """The article as its analysis left it, and the stages to run; ``entities`` joins them when the
    index cannot give the article-local entities back (and a stage to run reads them)."""
    local = unresolve(article, json.loads(refs[article.id])) if article.id in refs else None
    if local is not None or not article.mentions:
        return local or article, names
    needs_entities = any(set(registered()[n].requires) & {"mentions", "entities"} for n in names)
    if not needs_entities or "entities" in names:
        return article, names
    ordered = [st.name for st in build_pipeline() if st.name == "entities" or st.name in names]
    return article, ordered


def _layers(article: Article) -> tuple:
    return tuple(getattr(article, layer) for layer in LAYERS)


class Reanalysis:
    """One run over the store: plan, re-run, write; :meth:`run` then resolves."""

    def __init__(self, store: Store, *, stages: Iterable[str] = (), everything: bool = False, workers: int = 1,
                 dry_run: bool = False):
        self.store = store
        self.pipeline = build_pipeline()
        self.forced = check_stage_names(stages)
        self.everything = everything
        self.workers = max(1, workers)
        self.dry_run = dry_run
        self.report = ReanalysisReport()
        self._pool: ProcessPoolExecutor | None = None

    def run(self, start: int = 0, progress: Callable[[int], None] | None = None) -> ReanalysisReport:
        batch: list[Article] = []
        try:
            for position, article in enumerate(self.store.iter_articles()):
                if position < start:
                    continue
                batch.append(article)
                if len(batch) >= ROUND * self.workers:
                    self._round(batch, progress)
                    batch = []
            self._round(batch, progress)
        finally:
            if self._pool is not None:
                self._pool.shutdown()
        if not self.dry_run:  # also what an earlier, stopped run left unresolved
            with self.store.resolution_lock():  # as an ingest: one resolution at a time per database
                self.report.resolution = resolve_new(self.store)
        return self.report

    def _round(self, articles: list[Article], progress) -> None:
        jobs = []
        refs = self.store.resolution_refs([a.id for a in articles])
        for article in articles:
            self.report.checked += 1
            names = plan(article, self.pipeline, self.forced, self.everything)
            if not names:
                self.report.up_to_date += 1
                continue
            local, names = _local_view(self.store, _copy(article), names, refs)
            self.report.stages.update(names)
            jobs.append((local, names))
        if jobs and not self.dry_run:
            same_layers: dict[str, dict] = {}
            for after, problem in self._analyse(jobs):
                self._write(after, problem, same_layers)
            if same_layers:  # the resolved layers stay; only the versions that made them change
                self.store.set_article_extra(same_layers)
        if progress:
            progress(len(articles))

    def _analyse(self, jobs: list[tuple[Article, list[str]]]) -> list[tuple[Article, str | None]]:
        before = [_layers(local) for local, _ in jobs]  # analyse() sets the layers on the article itself
        if self.workers == 1 or len(jobs) < 2:
            done = [rerun_stages(local, names) for local, names in jobs]
        else:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.workers)
            done = list(self._pool.map(_rerun_in_worker, jobs, chunksize=max(1, len(jobs) // (4 * self.workers))))
        self._before = dict(zip((a.id for a, _ in done), before))
        return done

    def _write(self, after: Article, problem: str | None, same_layers: dict[str, dict]) -> None:
        if problem:
            self.report.failed.append(f"{after.id}: {problem}")
        elif _layers(after) == self._before[after.id]:
            same_layers[after.id] = after.extra
            self.report.unchanged += 1
        else:
            self.store.unresolve_articles([after.id])  # first: a stop between the two leaves it unresolved
            self.store.update_layers(after)
            self.report.reanalysed += 1


def _copy(article: Article) -> Article:
    import copy

    return copy.deepcopy(article)


def reanalyse(store: Store, *, stages: Iterable[str] = (), everything: bool = False, workers: int = 1,
              dry_run: bool = False, start: int = 0,
              progress: Callable[[int], None] | None = None) -> ReanalysisReport:
    """Re-run the stale (or named) stages over the stored articles and resolve what changed."""
    return Reanalysis(store, stages=stages, everything=everything, workers=workers,
                      dry_run=dry_run).run(start, progress)
