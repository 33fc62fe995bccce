"""Trainer notes per course notebook (course/trainer/notizen/): find them and check them.

Every course notebook ``course/NN_modul/NN_name.ipynb`` has a Markdown file
``course/trainer/notizen/NN_modul/NN_name.md`` with the headings Ziel, Kernbotschaften,
Diskussionsfragen, Typische Fragen and Musterantworten. Every „Ihre Antwort …“ prompt in a
notebook's Markdown cells needs a section ``### Musterantwort: „<Überschrift>“`` that quotes the
heading under which the prompt stands. The messages are German: trainers read them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
COURSE = ROOT / "course"
NOTIZEN = COURSE / "trainer" / "notizen"

PFLICHT = ("Ziel", "Kernbotschaften", "Diskussionsfragen", "Typische Fragen", "Musterantworten")
# (heading, least, most) for the counted parts: bullets, or ### sub-headings for Typische Fragen.
ANZAHL = (("Kernbotschaften", 3, 5), ("Diskussionsfragen", 2, 4), ("Typische Fragen", 2, 4))

# A prompt asks the participant to write: a placeholder („*Ihre Antwort:* …“, „*Ihre Begründungen:* …“),
# an instruction („Notieren Sie Ihre Antworten“) or a heading („## 5. Übung: Ihre Antwort“). A mere mention
# („schreiben Sie es nicht in Ihre Antwort“, „Sie prüfen Ihre Antwort“) asks for nothing.
PROMPT = re.compile(
    r"(?<!\*)\*Ihre [A-ZÄÖÜ][\w-]*:\*(?!\*)"
    r"|\b(?i:schreiben|notieren|begründen|formulieren)\s+Sie\s+Ihre\s+Antwort"
    r"|^#{1,6}\s.*\bIhre Antwort",
    re.MULTILINE,
)
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
IPYNB = re.compile(r"[\w./-]*\.ipynb")


@dataclass(frozen=True)
class Aufforderung:
    """One „Ihre Antwort“ prompt: notebook, cell number (from 1) and the heading it stands under."""

    notebook: Path
    zelle: int
    ueberschrift: str


def course_notebooks(course: Path = COURSE) -> list[Path]:
    """The course notebooks of the modules 00 … NN (not the apps, not checkpoints)."""
    return sorted(
        p for p in course.glob("[0-9][0-9]_*/*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )


def notes_path(notebook: Path, course: Path = COURSE) -> Path:
    """course/05_recht/03_bildrechte.ipynb → course/trainer/notizen/05_recht/03_bildrechte.md."""
    rel = notebook.relative_to(course)
    return course / "trainer" / "notizen" / rel.with_suffix(".md")


def _markdown_cells(notebook: Path) -> list[tuple[int, str, str]]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    out = []
    for number, cell in enumerate(nb.get("cells", []), start=1):
        source = cell.get("source", "")
        out.append((number, cell.get("cell_type", ""), source if isinstance(source, str) else "".join(source)))
    return out


def prompts(notebook: Path) -> list[Aufforderung]:
    """Every „Ihre Antwort“ prompt (see PROMPT) in a Markdown cell, with the last heading before it.

    Prompts under „Lernziele“ describe the notebook, they ask for nothing, so they do not count.
    """
    found: list[Aufforderung] = []
    heading = ""
    for number, kind, source in _markdown_cells(notebook):
        if kind != "markdown":
            continue
        for m in PROMPT.finditer(source):
            headings = [h for h in HEADING.finditer(source) if h.start() <= m.start()]
            current = headings[-1].group(2) if headings else heading
            if current.strip() != "Lernziele" and (number, current) not in {(a.zelle, a.ueberschrift) for a in found}:
                found.append(Aufforderung(notebook, number, current))
        headings = HEADING.findall(source)
        if headings:
            heading = headings[-1][1]
    return found


def _sections(text: str) -> dict[str, str]:
    """Level-2 sections of a Markdown text: heading → body."""
    parts = re.split(r"^## +(.+?)\s*$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _count(section: str, name: str) -> int:
    if name == "Typische Fragen":
        return len(re.findall(r"^### ", section, flags=re.MULTILINE))
    return len(re.findall(r"^(?:[-*]|\d+\.) ", section, flags=re.MULTILINE))


def musterantwort_heading(ueberschrift: str) -> str:
    """The heading a notes file uses for the model answer to a prompt."""
    return f"### Musterantwort: „{ueberschrift}“"


def notebook_refs(text: str) -> list[str]:
    """Every notebook file name a text mentions (``01_impressum.ipynb``, ``course/…/x.ipynb``)."""
    return IPYNB.findall(text)


def _known_notebooks(root: Path) -> tuple[set[str], set[str]]:
    paths = [p for top in ("course", "exercises", "solutions") for p in (root / top).rglob("*.ipynb")
             if ".ipynb_checkpoints" not in p.parts]
    return {str(p.relative_to(root)) for p in paths} | {str(p.relative_to(root / "course")) for p in paths
                                                       if p.is_relative_to(root / "course")}, {p.name for p in paths}


def check_notes(notebook: Path, course: Path = COURSE) -> list[str]:
    """German messages for everything the notes of one notebook lack (empty list: all fine)."""
    path = notes_path(notebook, course)
    rel = path.relative_to(course.parent)
    if not path.exists():
        return [f"{rel}: Die Trainernotizen zu {notebook.name} fehlen."]
    text = path.read_text(encoding="utf-8")
    problems: list[str] = []
    sections = _sections(text)
    for name in PFLICHT:
        if name not in sections:
            problems.append(f"{rel}: Es fehlt der Abschnitt „## {name}“.")
    for name, least, most in ANZAHL:
        if name in sections:
            n = _count(sections[name], name)
            if not least <= n <= most:
                what = "Fragen (### …)" if name == "Typische Fragen" else "Punkte"
                problems.append(f"{rel}: „{name}“ hat {n} {what}, erwartet sind {least} bis {most}.")
    if "Ziel" in sections and not sections["Ziel"].strip():
        problems.append(f"{rel}: Der Abschnitt „Ziel“ ist leer.")
    if notebook.name not in text:
        problems.append(f"{rel}: Die Notizen nennen ihr Notebook {notebook.name} nicht.")
    for prompt in prompts(notebook):
        if musterantwort_heading(prompt.ueberschrift) not in text:
            problems.append(
                f"{rel}: Es fehlt die Musterantwort zur Aufgabe unter „{prompt.ueberschrift}“ "
                f"(Zelle {prompt.zelle}); Überschrift: {musterantwort_heading(prompt.ueberschrift)}"
            )
    problems += unknown_notebooks(text, str(rel), course.parent)
    return problems


def unknown_notebooks(text: str, where: str, root: Path = ROOT) -> list[str]:
    """Messages for every mentioned notebook that does not exist in the repository."""
    paths, names = _known_notebooks(root)
    return [f"{where}: Das Notebook „{ref}“ gibt es nicht." for ref in notebook_refs(text)
            if ref not in paths and ref not in names]


def orphan_notes(course: Path = COURSE) -> list[str]:
    """Notes files without a notebook (a renamed or deleted notebook leaves them behind)."""
    expected = {notes_path(nb, course) for nb in course_notebooks(course)}
    folder = course / "trainer" / "notizen"
    return [f"{p.relative_to(course.parent)}: Zu diesen Notizen gibt es kein Notebook."
            for p in sorted(folder.rglob("*.md")) if p not in expected and p.name != "README.md"]


def check_all(course: Path = COURSE) -> list[str]:
    """All problems of all trainer notes."""
    problems = [p for nb in course_notebooks(course) for p in check_notes(nb, course)]
    return problems + orphan_notes(course)
