"""Trainer notes per course notebook (course/trainer/notizen/) and the participant feedback form.

Every course notebook has a notes file with Ziel, Kernbotschaften, Diskussionsfragen, Typische Fragen and
Musterantworten; every „Ihre Antwort“ prompt of a notebook (found by reading the notebook, not from a list)
has a model answer that quotes the heading of the prompt; the notes name only notebooks that exist; they cite
only law and case numbers that the legal knowledge cards carry, with „Stand“ and „keine Rechtsberatung“; the
feedback form asks for no personal data. The checker tests at the end make sure each rule can fail.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from kommsocial.seminar import notizen
from test_facts_in_course import find_problems, missing_disclaimer
from test_participant_language import developer_words

NOTEBOOKS = notizen.course_notebooks()
NOTES = sorted(notizen.NOTIZEN.rglob("*.md"))
FORM = ROOT / "course" / "trainer" / "rueckmeldebogen.md"
README = ROOT / "course" / "trainer" / "README.md"


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


def test_all_course_notebooks_found():
    modules = {p.parent.name for p in NOTEBOOKS}
    assert len(NOTEBOOKS) >= 35, "Die Kurs-Notebooks wurden nicht gefunden."
    assert {"00_einstieg", "05_recht", "10_pressearbeit"} <= modules
    assert not any(p.parent.name == "apps" for p in NOTEBOOKS), "Die Apps brauchen keine Trainernotizen."


def test_prompts_are_found_in_the_notebooks():
    found = {(p.notebook.name, p.ueberschrift) for nb in NOTEBOOKS for p in notizen.prompts(nb)}
    assert ("01_strategie_und_phase0.ipynb", "Übung 2: Warum diese Reihenfolge?") in found
    assert ("01_kommentare_beantworten.ipynb", "5. Übung: Ihre Antwort") in found
    assert len(found) >= 6


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_has_complete_trainer_notes(notebook: Path):
    problems = notizen.check_notes(notebook)
    assert not problems, "\n".join(problems)


def test_no_notes_without_notebook():
    problems = notizen.orphan_notes()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", NOTES, ids=_ids(NOTES))
def test_notes_cite_only_sourced_law_with_stand_and_disclaimer(path: Path):
    text = path.read_text(encoding="utf-8")
    problems = find_problems(text, str(path.relative_to(ROOT)))
    problems += [f"{path.relative_to(ROOT)}: Es fehlt „{w}“." for w in missing_disclaimer(text)]
    problems += [f"{path.relative_to(ROOT)}: {hit}" for hit in developer_words(text)]
    assert not problems, "\n".join(problems)


def test_trainer_guide_links_the_notes_and_the_form():
    text = README.read_text(encoding="utf-8")
    assert "notizen/" in text, "Der Leitfaden verlinkt die Trainernotizen nicht."
    assert "rueckmeldebogen.md" in text, "Der Leitfaden verlinkt den Rückmeldebogen nicht."


# ---------------------------------------------------------------------------------------------
# The feedback form
# ---------------------------------------------------------------------------------------------
FORM_SECTIONS = ("Inhalte", "Tempo", "Werkzeuge", "Seminarleitung", "Ihre Anmerkungen")
PERSONAL_DATA = re.compile(r"(?im)^\s*(?:[-*|]\s*)?(?:Name|Vorname|Nachname|E-Mail|Telefon|Geburtsdatum|"
                           r"Dienststelle|Unterschrift)\s*[:|_]")


def test_feedback_form_has_its_sections():
    text = FORM.read_text(encoding="utf-8")
    headings = re.findall(r"^#{2,3} +(.+?)\s*$", text, flags=re.MULTILINE)
    for name in FORM_SECTIONS:
        assert any(name in h for h in headings), f"Im Rückmeldebogen fehlt der Abschnitt „{name}“."
    assert "anonym" in text.lower()
    scales = re.findall(r"☐ 1.*☐ 5", text)
    assert len(scales) >= 8, f"Der Rückmeldebogen hat nur {len(scales)} Bewertungsskalen (erwartet: mindestens 8)."


def test_feedback_form_asks_for_no_personal_data():
    text = FORM.read_text(encoding="utf-8")
    hits = PERSONAL_DATA.findall(text)
    assert not hits, f"Der Rückmeldebogen fragt nach persönlichen Daten: {hits}"
    assert not notizen.unknown_notebooks(text, str(FORM.relative_to(ROOT)))


# ---------------------------------------------------------------------------------------------
# The checker can fail
# ---------------------------------------------------------------------------------------------
def _mini_course(tmp_path: Path) -> tuple[Path, Path]:
    """A course with one notebook (two prompts) and complete notes, in tmp_path."""
    course = tmp_path / "course"
    (course / "01_modul").mkdir(parents=True)
    nb = {"cells": [
        {"cell_type": "markdown", "source": "# Titel\n\n## Lernziele\n\n- Sie prüfen Ihre Antwort selbst."},
        {"cell_type": "markdown", "source": ["## Übung 1: Abwägen\n", "\n", "Was tun Sie?"]},
        {"cell_type": "markdown", "source": "*Ihre Antwort:* …"},
        {"cell_type": "code", "source": "# Sie sehen sofort, ob Ihre Antwort stimmt."},
        {"cell_type": "markdown", "source": "## 2. Übung: Ihre Antwort\n\nSchreiben Sie."},
        {"cell_type": "markdown",
         "source": "## 3. Tipps\n\nSchreiben Sie es nicht in Ihre Antwort. **Ihre Aufgabe:** lesen."},
    ]}
    notebook = course / "01_modul" / "01_thema.ipynb"
    notebook.write_text(json.dumps(nb), encoding="utf-8")
    notes = notizen.notes_path(notebook, course)
    notes.parent.mkdir(parents=True)
    notes.write_text(
        "# Notizen\n\nNotebook: `01_modul/01_thema.ipynb`\n\n## Ziel\n\nDas Ziel.\n\n"
        "## Kernbotschaften\n\n- eins\n- zwei\n- drei\n\n"
        "## Diskussionsfragen\n\n- Frage eins?\n- Frage zwei?\n\n"
        "## Typische Fragen\n\n### „A?“\n\nA.\n\n### „B?“\n\nB.\n\n"
        "## Musterantworten\n\n### Musterantwort: „Übung 1: Abwägen“\n\nSo.\n\n"
        "### Musterantwort: „2. Übung: Ihre Antwort“\n\nSo.\n",
        encoding="utf-8")
    return course, notebook


def test_checker_finds_prompts_with_their_headings(tmp_path: Path):
    course, notebook = _mini_course(tmp_path)
    found = [(p.zelle, p.ueberschrift) for p in notizen.prompts(notebook)]
    assert found == [(3, "Übung 1: Abwägen"), (5, "2. Übung: Ihre Antwort")]
    assert notizen.check_notes(notebook, course) == []


@pytest.mark.parametrize("old, new, expected", [
    ("### Musterantwort: „Übung 1: Abwägen“", "### Lösung", "Musterantwort zur Aufgabe unter „Übung 1: Abwägen“"),
    ("## Diskussionsfragen", "## Fragen", "Abschnitt „## Diskussionsfragen“"),
    ("- drei\n", "", "„Kernbotschaften“ hat 2 Punkte"),
    ("### „B?“", "„B?“", "„Typische Fragen“ hat 1 Fragen"),
    ("`01_modul/01_thema.ipynb`", "`01_modul/01_thema.ipynb`, siehe `02_gibt_es_nicht.ipynb`",
     "„02_gibt_es_nicht.ipynb“ gibt es nicht"),
    ("`01_modul/01_thema.ipynb`", "", "nennen ihr Notebook 01_thema.ipynb nicht"),
])
def test_checker_reports_broken_notes(tmp_path: Path, old: str, new: str, expected: str):
    course, notebook = _mini_course(tmp_path)
    notes = notizen.notes_path(notebook, course)
    notes.write_text(notes.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = notizen.check_notes(notebook, course)
    assert any(expected in p for p in problems), problems


def test_checker_reports_missing_and_orphan_notes(tmp_path: Path):
    course, notebook = _mini_course(tmp_path)
    notes = notizen.notes_path(notebook, course)
    shutil.move(notes, notes.with_name("01_alt.md"))
    assert any("fehlen" in p for p in notizen.check_notes(notebook, course))
    assert any("kein Notebook" in p for p in notizen.orphan_notes(course))


def test_fact_check_catches_an_invented_reference_in_notes():
    assert find_problems("Das BVerfG entschied (2 BvE 99/24).", "Probe")
    assert missing_disclaimer("Nach § 5 DDG braucht ein Profil ein Impressum.")


def test_notes_index_links_every_notes_file():
    index = notizen.NOTIZEN / "README.md"
    text = index.read_text(encoding="utf-8")
    missing = [str(p.relative_to(notizen.NOTIZEN)) for p in NOTES if p != index
               and f"]({p.relative_to(notizen.NOTIZEN)})" not in text]
    assert not missing, "Die Übersicht course/trainer/notizen/README.md verlinkt nicht: " + ", ".join(missing)
