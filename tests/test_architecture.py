"""The package tree is the README's diagram: read -> extract -> tag -> classify -> report.

Every module's imports are read with `ast` (at the top, inside functions and in
TYPE_CHECKING blocks alike) and checked against one rule: a stage imports the shared
modules at the top of `pipeline`, itself and the stages before it, never a later
one. train and label come after classify and use it; they meet each other only
through the labels file (pipeline.goldlabels), so neither imports the other, and
report, which only reads predictions, imports neither. The shared modules import no
stage. Another stage is reached through its package (its `__init__`'s `__all__`),
not its modules.
"""
from __future__ import annotations

import ast
import fnmatch
import importlib
from pathlib import Path

import pytest

import pipeline
from pipeline.classify.recordcache import EXTRACTION_SOURCES

PACKAGE = Path(pipeline.__file__).resolve().parent

# Each stage and the stages it may import (besides the shared top and itself).
STAGES: dict[str, frozenset[str]] = {
    "read": frozenset(),
    "extract": frozenset({"read"}),
    "tag": frozenset({"read", "extract"}),
    "classify": frozenset({"read", "extract", "tag"}),
    "report": frozenset({"read", "extract", "tag", "classify"}),
    "train": frozenset({"read", "extract", "tag", "classify"}),
    "label": frozenset({"read", "extract", "tag", "classify"}),
}
SHARED = "shared"


def _modules() -> dict[str, Path]:
    """Dotted name -> file of every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(("pipeline", *parts))] = path
    return found


MODULES = _modules()


def _stage(module: str) -> str:
    """The stage a module of the package belongs to ("shared" for the top-level modules)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else SHARED


def _imports(module: str, path: Path) -> list[tuple[int, str, tuple[str, ...]]]:
    """(line, imported module, names taken from it) for every import of `pipeline` in the file, wherever it is."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target, tuple(alias.name for alias in node.names)))
    return sorted((line, target, names) for line, target, names in found if target.split(".")[0] == "pipeline")


def _imported_modules(target: str, names: tuple[str, ...]) -> list[str]:
    """`from pipeline.x import y` may import the module pipeline.x.y; name each module reached."""
    submodules = [f"{target}.{name}" for name in names if f"{target}.{name}" in MODULES]
    return submodules or [target]


def _violations(module: str, path: Path) -> list[str]:
    stage = _stage(module)
    allowed = {SHARED, stage} | STAGES.get(stage, frozenset())
    found = []
    for line, target, names in _imports(module, path):
        for imported in _imported_modules(target, names):
            other = _stage(imported) if imported != "pipeline" else SHARED
            where = f"{module}:{line}"
            if stage == SHARED and other != SHARED:
                found.append(f"{where}: shared module {module} imports the {other} stage ({imported})")
            elif other not in allowed:
                found.append(f"{where}: {module} ({stage}) imports {imported} ({other}), a stage it must not use")
            elif other not in (SHARED, stage) and imported != f"pipeline.{other}":
                found.append(f"{where}: {module} imports {imported}; another stage is used through its package, pipeline.{other}")
            elif other not in (SHARED, stage):
                public = _public_names(other)
                hidden = [n for n in names if n not in public]
                if hidden:
                    found.append(f"{where}: {module} imports {', '.join(hidden)} from pipeline.{other}, which does not list it in __all__")
    return found


def _public_names(stage: str) -> set[str]:
    tree = ast.parse((PACKAGE / stage / "__init__.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


def test_every_stage_is_one_folder_and_every_module_has_a_place() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(STAGES)
    assert {_stage(m) for m in MODULES} == {SHARED, *STAGES}


def test_no_module_imports_a_later_stage() -> None:
    assert [problem for module, path in MODULES.items() for problem in _violations(module, path)] == []


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_each_stage_says_what_it_does_and_lists_its_public_names(stage: str) -> None:
    init = PACKAGE / stage / "__init__.py"
    tree = ast.parse(init.read_text("utf-8"))
    assert ast.get_docstring(tree), f"{init} has no docstring saying what the stage does"
    public = _public_names(stage)
    assert public, f"{init} lists no public names in __all__"
    package = importlib.import_module(f"pipeline.{stage}")
    assert [name for name in public if not hasattr(package, name)] == []


def test_the_rule_catches_a_later_stage_wherever_it_is_imported(tmp_path: Path) -> None:
    """The walk sees imports inside functions and TYPE_CHECKING blocks, relative or absolute."""
    source = tmp_path / "nlp.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ..classify import FoiModel\n"
        "def f():\n    import pipeline.report.build\n    from .. import train\n"
        "from ..extract import segment\n"
    )
    problems = _violations("pipeline.tag.nlp", source)
    assert len(problems) == 4, problems
    assert "pipeline.classify" in problems[0] and "pipeline.report.build" in problems[1] and "pipeline.train" in problems[2]
    assert "through its package" in problems[3]
    shared = tmp_path / "views.py"
    shared.write_text("def g():\n    from pipeline.report import build_report\n")
    assert len(_violations("pipeline.views", shared)) == 1


def test_the_record_cache_key_covers_every_module_extraction_runs() -> None:
    """classify's record cache is keyed by the source of EXTRACTION_SOURCES: every module the
    extract stage reaches (through imports, from pipeline.extract on) must be among them."""
    reached, todo = set(), ["pipeline.extract"]
    while todo:
        module = todo.pop()
        if module in reached:
            continue
        reached.add(module)
        for _, target, names in _imports(module, MODULES[module]):
            todo += [m for m in _imported_modules(target, names) if m in MODULES]
    files = {MODULES[m].relative_to(PACKAGE).as_posix() for m in reached}
    assert {"extract/segment.py", "read/pdf.py", "documents.py"} <= files
    uncovered = sorted(f for f in files if not any(fnmatch.fnmatch(f, p) and f.count("/") == p.count("/") for p in EXTRACTION_SOURCES))
    assert uncovered == []
