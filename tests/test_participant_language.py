"""No developer talk reaches participants, self-learners or trainers who do not program.

Scans what users read: every cell of the course notebooks and apps and of the participant version of the
graded tasks (exercises/), and every user-visible string in the package's views and command lines. English
comments and docstrings in notebook code cells count too: participants see those cells.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT

# Words a participant should not have to know, each with the German word to use instead.
DEVELOPER_WORDS = {
    r"(?i)\bseeds?\b": "Nummer oder Datensatz",
    r"(?i)sqlalchemy": "Datenbank-Adresse",
    r"\bInjects?\b": "Einspielung",
    r"(?i)white cell": "Übungsleitung",
    r"(?i)umgebungsvariable": "Einstellung",
    r"Jede Grenze steht dort genau einmal": "(Entwicklersicht, streichen)",
    r"(?i)\bdebugg": "Fehler suchen",
}
_PATTERNS = [(re.compile(p), fix) for p, fix in DEVELOPER_WORDS.items()]

_ENGLISH = re.compile(r"\b(the|and|of|is|are|to|with|for|from|this|that|returns?|shows?|keeps?|when|its|an|by)\b",
                      re.IGNORECASE)

NOTEBOOKS = sorted(p for top in ("course", "exercises") for p in (ROOT / top).rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
PACKAGE = ROOT / "widgets" / "kommsocial"
VIEW_AND_CLI = sorted({*PACKAGE.glob("ui/*.py"), *PACKAGE.glob("*/cli.py"), PACKAGE / "cli.py",
                       *PACKAGE.glob("crisis/actions.py"), *PACKAGE.glob("crisis/engine.py"),
                       *PACKAGE.glob("crisis/schema.py")})


def developer_words(text: str) -> list[str]:
    """The developer words in `text`, each with the word to use instead."""
    return [f"„{m.group(0)}“ → {fix}" for rx, fix in _PATTERNS for m in rx.finditer(text)]


def english_comments(code: str) -> list[str]:
    """Comments and docstrings in a code cell that read as English sentences."""
    found = []
    for text in re.findall(r"#\s*(.+)", code) + re.findall(r'"""(.+?)"""', code, re.DOTALL):
        words = re.findall(r"[A-Za-zÄÖÜäöüß]+", text)
        hits = _ENGLISH.findall(text)
        if words and len(hits) >= 2 and len(hits) / len(words) > 0.15:
            found.append(text.strip()[:80])
    return found


def docstring_ids(tree: ast.AST) -> set[int]:
    """ids of the docstring constants of a parsed module (its own, its classes' and its functions')."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _shown_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module except docstrings (those are for developers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = docstring_ids(tree)
    # A bare identifier (a JSON key such as "seed") is data for programs, not text for people.
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
            and not re.fullmatch(r"[a-z_]+", n.value)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_speaks_to_participants(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    for number, cell in enumerate(nb["cells"]):
        text = "".join(cell["source"])
        problems += [f"Zelle {number}: {hit}" for hit in developer_words(text)]
        if cell["cell_type"] == "code":
            problems += [f"Zelle {number}: englischer Kommentar „{c}“" for c in english_comments(text)]
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", VIEW_AND_CLI, ids=lambda p: str(p.relative_to(ROOT)))
def test_views_and_commands_show_no_developer_words(path: Path):
    problems = [f"Zeile {line}: {hit}" for line, text in _shown_strings(path) for hit in developer_words(text)]
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


def test_the_scan_finds_what_it_should():
    assert developer_words("Wählen Sie einen Inject und den Seed.") == [
        "„Seed“ → Nummer oder Datensatz", "„Inject“ → Einspielung"]
    assert developer_words("QuizView(anzahl=5, seed=4)")
    assert not developer_words("datenbank.fire_inject(code) und injects: im Szenario")
    assert english_comments("# Show the feedback for the current choices.\nx = 1")
    assert not english_comments("# Zeigt die Rückmeldung zur aktuellen Auswahl.\nx = 1")
    assert not english_comments('"""Prüft den Text; gibt die Meldung zurück."""')
    assert _shown_strings(Path(__file__))  # the literal scan sees this file's strings
    assert len(NOTEBOOKS) > 30 and len(VIEW_AND_CLI) > 20
