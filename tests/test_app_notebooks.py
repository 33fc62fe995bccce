"""Every Voilà app notebook is an import and a constructor call: the logic lives in ui/ (one engine serves
notebook, app, CLI and tests), and each app's constructor builds the whole page without a browser."""

from __future__ import annotations

import ast
import importlib
import json

import ipywidgets as w
import pytest

from conftest import ROOT

APPS = sorted((ROOT / "course" / "apps").glob("*.ipynb"))


def _code_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", APPS, ids=lambda p: p.name)
def test_app_cell_is_an_import_and_a_constructor(path):
    for source in _code_cells(path):
        body = ast.parse(source).body
        *imports, last = body
        assert imports and all(isinstance(n, ast.ImportFrom) and n.module.startswith("kommsocial.ui.")
                               for n in imports), source
        assert isinstance(last, ast.Expr) and isinstance(last.value, ast.Call), source
        assert all(isinstance(a, ast.Constant) for a in last.value.args), "arguments are plain values"


@pytest.mark.parametrize("path", APPS, ids=lambda p: p.name)
def test_app_constructors_build_widgets(path):
    for source in _code_cells(path):
        *imports, last = ast.parse(source).body
        namespace: dict = {}
        for node in imports:
            module = importlib.import_module(node.module)
            for alias in node.names:
                namespace[alias.asname or alias.name] = getattr(module, alias.name)
        widget = eval(compile(ast.Expression(last.value), str(path), "eval"), namespace)  # noqa: S307 (our notebook)
        assert isinstance(widget, w.DOMWidget)
