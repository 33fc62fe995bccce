"""Participants' answers as plain data: which names the tests need, and how their values travel.

Grading runs the participant's notebook in a sandbox, takes the values of the
answer variables out of the kernel as JSON, and runs the instructor's tests in
the grader's own process on those values. Whatever the notebook redefined
(helpers, ``str`` subclasses with a lying ``__eq__``, patched modules) stays in
the sandbox: only plain data comes out.
"""

from __future__ import annotations

import ast
import builtins
import io
import json
from typing import Any, Literal

MAX_VALUES_BYTES = 20 * 1024 * 1024
TAG = "__kommsocial__"

# Runs as the last cell inside the participant's kernel. Self-contained on purpose: it must not depend
# on anything the notebook could have replaced (it may still be sabotaged, but then only the
# participant's own answers are missing).
EXTRACT_TEMPLATE = '''
def __kommsocial_extract(names, path):
    import json as _json
    TAG = "__kommsocial__"
    def enc(v, depth=0):
        if depth > 30:
            raise ValueError("zu tief verschachtelt")
        t = type(v)
        if v is None or t in (bool, int, float, str):
            return v
        if t in (list, tuple, set, frozenset):
            items = [enc(x, depth + 1) for x in v]
            return items if t is list else {TAG: t.__name__, "items": items}
        if t is dict:
            if all(type(k) is str for k in v):
                return {TAG: "dict", "items": {k: enc(x, depth + 1) for k, x in v.items()}}
            return {TAG: "dict_pairs", "items": [[enc(k, depth + 1), enc(x, depth + 1)] for k, x in v.items()]}
        mod = getattr(t, "__module__", "")
        if mod.startswith("pandas") and t.__name__ in ("DataFrame", "Series"):
            try:
                return {TAG: t.__name__, "json": v.to_json(orient="table", date_format="iso")}
            except Exception:
                return {TAG: t.__name__ + "_split", "json": v.to_json(orient="split", date_format="iso")}
        if mod.startswith("numpy") and hasattr(v, "item") and getattr(v, "shape", None) == ():
            return enc(v.item(), depth + 1)
        return {TAG: "other", "type": t.__name__, "repr": repr(v)[:200]}
    g = globals()
    out = {}
    for name in names:
        if name in g:
            try:
                out[name] = enc(g[name])
            except Exception as exc:
                out[name] = {TAG: "other", "type": type(g[name]).__name__, "repr": str(exc)[:200]}
    with open(path, "w", encoding="utf-8") as fh:
        _json.dump(out, fh)
__kommsocial_extract(%(names)r, %(path)r)
del __kommsocial_extract
'''


def extraction_code(names: list[str], path: str) -> str:
    """Source of the cell that writes the answers' values to path (inside the sandbox)."""
    return EXTRACT_TEMPLATE % {"names": sorted(names), "path": path}


class UnsupportedValue:
    """Stands in for a value that cannot travel as data (a function, a widget …); tests then fail."""

    def __init__(self, type_name: str, text: str) -> None:
        self.type_name = type_name
        self.text = text

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict) or TAG not in value:
        return value
    kind = value[TAG]
    if kind == "tuple":
        return tuple(_decode(v) for v in value["items"])
    if kind in ("set", "frozenset"):
        items = [_decode(v) for v in value["items"]]
        try:
            return set(items) if kind == "set" else frozenset(items)
        except TypeError:
            return items
    if kind == "dict":
        return {str(k): _decode(v) for k, v in value["items"].items()}
    if kind == "dict_pairs":
        out = {}
        for pair in value["items"]:
            key = _decode(pair[0])
            try:
                out[key] = _decode(pair[1])
            except TypeError:  # unhashable key (a list): keep it readable
                out[repr(key)] = _decode(pair[1])
        return out
    if kind in ("DataFrame", "Series", "DataFrame_split", "Series_split"):
        import pandas as pd

        orient: Literal["split", "table"] = "split" if kind.endswith("_split") else "table"
        buf = io.StringIO(str(value["json"]))
        if kind.startswith("DataFrame"):
            return pd.read_json(buf, orient=orient)
        return pd.read_json(buf, orient=orient, typ="series")
    return UnsupportedValue(str(value.get("type", "?")), str(value.get("repr", "")))


def decode_values(raw: bytes) -> dict[str, Any]:
    """The answers' values from the sandbox's JSON file; raises ValueError on anything malformed."""
    if len(raw) > MAX_VALUES_BYTES:
        raise ValueError(f"Die Antworten sind zusammen größer als {MAX_VALUES_BYTES // 1024**2} MB.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValueError("Die Antworten ließen sich nicht lesen.") from exc
    if not isinstance(data, dict):
        raise ValueError("Die Antworten haben eine unerwartete Form.")
    out = {}
    for name, value in data.items():
        if isinstance(name, str) and name.isidentifier():
            try:
                out[name] = _decode(value)
            except (ValueError, TypeError, KeyError, RecursionError):
                out[name] = UnsupportedValue("?", "unlesbar")
    return out


def _bound_names(tree: ast.AST) -> set[str]:
    """Top-level names a cell binds or changes in place (x = …, x[…] = …, x.a = …, import x, def x)."""
    names: set[str] = set()

    def base(node: ast.AST) -> str | None:
        while isinstance(node, (ast.Subscript, ast.Attribute, ast.Starred)):
            node = node.value
        return node.id if isinstance(node, ast.Name) else None

    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for sub in ast.walk(target):
                    name = base(sub) if isinstance(sub, (ast.Subscript, ast.Attribute)) else (
                        sub.id if isinstance(sub, ast.Name) else None)
                    if name:
                        names.add(name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.For, ast.comprehension)):
            for sub in ast.walk(node.target):
                if isinstance(sub, ast.Name):
                    names.add(sub.id)
        elif isinstance(node, ast.NamedExpr):
            names.add(node.target.id)
    return names


def _loaded_names(tree: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def parse(source: str) -> ast.AST | None:
    """The cell's syntax tree after IPython's transformations (magics), or None if it is not Python."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return ast.parse(TransformerManager().transform_cell(source))
    except SyntaxError:
        return None


def answer_names(solution_sources: list[str], setup_sources: list[str], test_sources: list[str]) -> list[str]:
    """Names whose values come from the participant's kernel.

    These are the names the instructor's solution cells bind or change, plus names the tests read that
    neither the locked setup cells nor the tests themselves define. Constants of the setup cells
    (required details, reference data) are recomputed by the grader and cannot be overridden.
    """
    solution: set[str] = set()
    for src in solution_sources:
        tree = parse(src)
        if tree is not None:
            solution |= _bound_names(tree)
    defined: set[str] = set(dir(builtins))
    for src in setup_sources + test_sources:
        tree = parse(src)
        if tree is not None:
            defined |= _bound_names(tree)
    needed: set[str] = set()
    for src in test_sources:
        tree = parse(src)
        if tree is not None:
            needed |= _loaded_names(tree)
    return sorted(n for n in solution | (needed - defined) if not n.startswith("__"))


def rebound_setup_names(participant_sources: list[str], setup_sources: list[str]) -> list[str]:
    """Names of the locked setup cells (check helpers, reference data) that the participant's cells
    bind again: grading ignores them, the trainer gets a note."""
    setup: set[str] = set()
    for src in setup_sources:
        tree = parse(src)
        if tree is not None:
            setup |= _bound_names(tree)
    rebound: set[str] = set()
    for src in participant_sources:
        tree = parse(src)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in setup:
                rebound.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for sub in (s for t in targets for s in ast.walk(t)):
                    # A plain name, or a module attribute such as checks.pruefe_post = …
                    if isinstance(sub, ast.Name) and sub.id in setup:
                        rebound.add(sub.id)
                    elif isinstance(sub, ast.Attribute) and sub.attr in setup:
                        rebound.add(sub.attr)
    return sorted(n for n in rebound if not n.startswith("_"))
