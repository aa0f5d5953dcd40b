"""The code layout of issue 14: the run-time stages never import training code or the scoring
modules, and no import circle joins a stage module with evaluation or training code (as
``ner/decode`` <-> ``eval/ner`` did). Read from the source, lazy imports inside functions included."""
from __future__ import annotations

import ast
from pathlib import Path

import dossier

PACKAGE = Path(dossier.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The dossier modules ``path`` imports (``from a.b import c`` counts ``a.b.c`` when it is one)."""
    found = set()
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, one level up per extra dot
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in modules}
    return found


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: _imports(path, set(paths)) for name, path in paths.items()}


def _is_stage_code(module: str) -> bool:
    return module.startswith("dossier.analyse")


def test_stages_import_no_training_and_no_scoring_code():
    graph = _graph()
    assert "dossier.analyse.ner.decode" in graph and graph["dossier.analyse.entities"]  # the scan reads imports
    # dataset readers (dossier.eval.formats) may be read for their record types; scorers may not
    bad = {(m, i) for m, imports in graph.items() if _is_stage_code(m) for i in imports
           if i.startswith("dossier.training")
           or (i.startswith("dossier.eval") and not i.startswith("dossier.eval.formats"))}
    assert not bad


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_no_import_circle_joins_a_stage_with_evaluation_or_training():
    graph = _graph()
    others = [m for m in graph if m.startswith(("dossier.eval", "dossier.training"))]
    circles = [(m, s) for m in others for s in _reachable(graph, m)
               if _is_stage_code(s) and m in _reachable(graph, s)]
    assert not circles
    # the check sees a circle when there is one
    graph["dossier.analyse.ner.decode"] = graph["dossier.analyse.ner.decode"] | {"dossier.eval.ner"}
    assert "dossier.eval.ner" in _reachable(graph, "dossier.analyse.ner.decode")
    assert "dossier.analyse.ner.decode" in _reachable(graph, "dossier.eval.ner")
