"""The stage contract: each stage declares every layer it reads and writes, and a broken
stage module stops the pipeline from being built instead of silently dropping a layer."""
from __future__ import annotations

import pytest

import dossier.analyse as analyse_pkg
from dossier.analyse import (BUILTIN_STAGE_MODULES, StageContractError, analyse, build_pipeline, registered,
                             stage)
from dossier.errors import ConfigError
from dossier.model import Article, Heading

TEXT = ("Neustadt (dpa) – Die Stadtwerke Neustadt erhöhen im Januar 2024 die Preise um zwölf Prozent. "
        "„Wir haben keine Wahl“, sagte Geschäftsführerin Anna Berg am Montag. Der Umsatz lag 2022 bei "
        "44 Millionen Euro, teilte das Unternehmen mit. Berg sagte, die Kosten seien stark gestiegen.")


def article() -> Article:
    return Article(id="k1", raw_text=TEXT, text=TEXT, published="2023-11-30", language="de",
                   headings=[Heading(0, 8, TEXT[:8])])


@pytest.fixture
def scratch_registry(monkeypatch):
    """A registry copy the test may add stages to; the real one is restored afterwards."""
    monkeypatch.setattr(analyse_pkg, "_REGISTRY", dict(registered()))


def test_every_builtin_stage_reads_only_what_it_declares():
    # analyse() hands each stage a view that raises on an undeclared layer, so a full run of the
    # default pipeline over an article that has every kind of layer checks every declaration.
    result = analyse(article(), build_pipeline())
    assert result.mentions and result.times and result.figures and result.quotes


def test_a_stage_reading_an_undeclared_layer_fails_with_the_layer_named(scratch_registry):
    @stage("sneaky", requires=("text",), assigns=("events",))
    def sneaky(art):
        return {"events": [t for t in art.times]}

    with pytest.raises(StageContractError, match=r"'sneaky' reads layer 'times'"):
        analyse(article(), build_pipeline(("times", "sneaky")))


def test_metadata_is_free_and_declared_layers_are_readable(scratch_registry):
    @stage("honest", requires=("text", "times"), assigns=("events",))
    def honest(art):
        assert art.id == "k1" and art.title is None
        return {"events": [t.text for t in art.times]}

    result = analyse(article(), build_pipeline(("times", "honest")))
    assert "Januar 2024" in result.events


def test_a_stage_may_not_return_an_undeclared_layer_or_write_the_article(scratch_registry):
    @stage("writer", requires=("text",), assigns=("events",))
    def writer(art):
        return {"quotes": []}

    @stage("mutator", requires=("text",), assigns=("events",))
    def mutator(art):
        art.events = ["x"]
        return {}

    with pytest.raises(StageContractError, match="returned layer 'quotes'"):
        analyse(article(), build_pipeline(("writer",)))
    with pytest.raises(StageContractError, match="sets article.events"):
        analyse(article(), build_pipeline(("mutator",)))


def test_a_stage_needing_a_layer_no_earlier_stage_assigns_is_refused():
    with pytest.raises(ConfigError, match=r"'figures' needs \['mentions', 'entities', 'times'\]"):
        build_pipeline(("figures",))


def test_a_missing_stage_module_is_an_error_not_a_missing_layer(monkeypatch):
    # The old loader skipped a missing module, and its layer silently vanished from every export.
    monkeypatch.setattr(analyse_pkg, "BUILTIN_STAGE_MODULES", (*BUILTIN_STAGE_MODULES, "dossier.analyse.no_such_stage"))
    with pytest.raises(ConfigError, match=r"dossier.analyse.no_such_stage cannot be imported: ModuleNotFoundError"):
        build_pipeline()


def test_a_stage_module_whose_own_import_breaks_is_an_error_too(monkeypatch, tmp_path):
    # The case the old loader swallowed: the stage module exists, but something it imports does not.
    (tmp_path / "dossier_test_stage_mod.py").write_text("import dossier_no_such_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(analyse_pkg, "BUILTIN_STAGE_MODULES", (*BUILTIN_STAGE_MODULES, "dossier_test_stage_mod"))
    with pytest.raises(ConfigError, match="No module named 'dossier_no_such_dependency'"):
        build_pipeline()
