"""The package's modules import each other without cycles, and shared notions live on the ground floor.

The graph is read from the source with `ast`, so it sees every import: module level, under
`TYPE_CHECKING` and inside functions. A deferred import is still a dependency; a cycle through one
works or fails depending on which module is imported first (text ↔ platforms) or hides a layering
knot behind a local import (crisis engine ↔ scoring). Importing `a.b.c` also runs `a/__init__.py`
and `a/b/__init__.py`, so those count as edges too, except for the importer's own packages, which
Python has always started before the importer runs.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "widgets" / "kommsocial"
GROUND_FLOOR = PACKAGE / "_findings.py"
SEVERITY_WORDS = {"fehler", "warnung", "hinweis"}


def _modules() -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return found


MODULES = _modules()


def _with_parents(name: str) -> list[str]:
    """`name` and the packages above it that are modules of this package."""
    parts = name.split(".")
    return [n for n in (".".join(parts[:i]) for i in range(1, len(parts) + 1)) if n in MODULES]


def import_graph() -> dict[str, dict[str, int]]:
    """Module -> {imported package module: line of the first such import}."""
    graph: dict[str, dict[str, int]] = {}
    for name, (path, is_pkg) in MODULES.items():
        package = name if is_pkg else name.rpartition(".")[0]
        own = set(_with_parents(name))
        edges: dict[str, int] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # `from pkg import sub` imports the submodule sub as well.
                targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                for dep in _with_parents(target):
                    if dep not in own:
                        edges.setdefault(dep, node.lineno)
        graph[name] = edges
    return graph


def find_cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """One cycle per strongly connected component with more than one module, as a closed path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(v: str) -> None:  # Tarjan; the package is small enough for recursion
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    cycles = []
    for component in components:
        # A shortest way back to the start, to name one concrete cycle of the component.
        start = min(component)
        paths = {start: [start]}
        queue = [start]
        while queue:
            v = queue.pop(0)
            for w in sorted(graph[v]):
                if w == start:
                    cycles.append(paths[v] + [start])
                    queue = []
                    break
                if w in component and w not in paths:
                    paths[w] = paths[v] + [w]
                    queue.append(w)
    return cycles


def test_the_package_has_no_import_cycles():
    graph = import_graph()
    assert "kommsocial.platforms" in graph and len(graph) > 100  # the walk found the package
    cycles = find_cycles(graph)
    described = [
        " -> ".join(f"{a} (line {graph[a][b]})" for a, b in zip(c, c[1:], strict=False)) + f" -> {c[-1]}"
        for c in cycles
    ]
    assert not cycles, "import cycles:\n" + "\n".join(described)


def test_the_cycle_finder_names_a_cycle():
    graph = {"a": {"b": 3}, "b": {"c": 5}, "c": {"a": 7, "d": 1}, "d": {}}
    assert find_cycles(graph) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b": 1}, "b": {}}) == []


def test_function_level_and_type_checking_imports_are_edges():
    """The engine's debrief imports scoring inside a method; the walk must see such imports."""
    graph = import_graph()
    assert "kommsocial.crisis.scoring" in graph["kommsocial.crisis.engine"]
    assert "kommsocial.crisis.run" in graph["kommsocial.crisis.scoring"]  # a TYPE_CHECKING import


def test_the_ground_floor_imports_nothing_from_the_package():
    assert import_graph()["kommsocial._findings"] == {}
    assert import_graph()["kommsocial._twitter_text"] == {}


@pytest.mark.parametrize("first", ["kommsocial.platforms", "kommsocial.text.tokens", "kommsocial.text.rules.length",
                                   "kommsocial.crisis.scoring", "kommsocial.crisis.assessment"])
def test_once_cyclic_modules_import_first_in_a_fresh_interpreter(first):
    code = f"import {first}, kommsocial.text, kommsocial.crisis.engine; kommsocial.text.analyze('Hallo.')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


# --- one definition of the severities ------------------------------------------------------------


def _severity_definitions(path: Path) -> list[str]:
    """Places in a module that spell out the severities: a Literal of them or a dict keyed by them."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name | ast.Attribute):
            name = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
            elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            words = {e.value for e in elements if isinstance(e, ast.Constant)}
            if name == "Literal" and len(words & SEVERITY_WORDS) >= 2:  # "warnung" alone is a crisis channel
                found.append(f"line {node.lineno}: Literal[{', '.join(sorted(words))}]")
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            numbers = all(isinstance(v, ast.Constant) and isinstance(v.value, int) for v in node.values)
            if len(keys) >= 2 and keys <= SEVERITY_WORDS and numbers:
                found.append(f"line {node.lineno}: rank {sorted(keys)}")
        if isinstance(node, ast.ClassDef) and node.name in ("Finding", "LengthInfo"):
            found.append(f"line {node.lineno}: class {node.name}")
    return found


def test_severity_rank_finding_and_length_are_defined_only_on_the_ground_floor():
    assert _severity_definitions(GROUND_FLOOR)  # the scan recognises the one definition
    elsewhere = {
        str(path.relative_to(PACKAGE)): hits
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != GROUND_FLOOR and (hits := _severity_definitions(path))
    }
    assert not elsewhere, f"severities, their rank, Finding or LengthInfo defined again: {elsewhere}"


def test_the_scan_finds_a_copied_definition(tmp_path):
    copy = tmp_path / "copy.py"
    copy.write_text('Schwere = Literal["fehler", "warnung", "hinweis"]\n_RANK = {"fehler": 0, "warnung": 1}\n'
                    "class Finding:\n    pass\n", encoding="utf-8")
    assert len(_severity_definitions(copy)) == 3


def test_every_module_shares_the_ground_floor_objects():
    from kommsocial import _findings, platforms, text
    from kommsocial.community import reply
    from kommsocial.legal import impressum
    from kommsocial.plan import model, settings
    from kommsocial.text import report
    from kommsocial.ui import _html

    assert text.Finding is report.Finding is _findings.Finding
    assert text.LengthInfo is report.LengthInfo is platforms.LengthInfo is _findings.LengthInfo
    assert text.SEVERITIES is report.SEVERITIES is _findings.SEVERITIES
    for module in (report, model, settings, reply, impressum):
        assert module.Severity is _findings.Severity, module.__name__
    assert _html.SEVERITY_RANK is _findings.SEVERITY_RANK
    assert get_args(_findings.Severity) == _findings.SEVERITIES
    assert _findings.SEVERITY_RANK == {"fehler": 0, "warnung": 1, "hinweis": 2}
    assert sorted(["hinweis", "unbekannt", "fehler", "warnung"], key=_findings.severity_key) == [
        "fehler", "warnung", "hinweis", "unbekannt"]
