"""Course module 01 follows the course notebook conventions (structure, interaction, Stand, sources)."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from fakes import RESEARCH_STAND

MODULE = ROOT / "course" / "01_strategie_organisation"
NOTEBOOKS = sorted(MODULE.glob("*.ipynb"))


def test_module_has_strategy_platform_and_dienstanweisung_notebooks():
    assert [p.name for p in NOTEBOOKS] == [
        "01_strategie_und_phase0.ipynb", "02_plattformwahl_und_regeln.ipynb", "03_rollen_und_dienstanweisung.ipynb"]


def cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"])
            for c in nb["cells"]]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_structure_title_goals_duration_summary_and_sources(path):
    cs = cells(path)
    kind, first = cs[0]
    assert kind == "markdown" and first.startswith("# ")
    goals = first.split("## Lernziele", 1)[1].split("Dauer:", 1)[0]
    assert 3 <= goals.count("\n- ") <= 5
    assert "Dauer: ca. " in first and " Minuten" in first
    assert f"Stand: {RESEARCH_STAND}" in first and "keine Rechtsberatung" in first
    kind, last = cs[-1]
    assert kind == "markdown" and "## Zusammenfassung" in last and "## Weiterführend" in last
    assert last.index("## Zusammenfassung") < last.index("## Weiterführend")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_has_an_exercise_and_an_interactive_element(path):
    text = "\n".join(src for _k, src in cells(path))
    assert "## Übung" in text
    code = "\n".join(src for k, src in cells(path) if k == "code")
    assert any(tool in code for tool in ("ReifegradCheck()", "DienstanweisungBuilder()", "Prüfzelle", "Auswertung"))


def test_the_two_widgets_are_used_in_the_module():
    code = "\n".join(src for p in NOTEBOOKS for k, src in cells(p) if k == "code")
    assert "ReifegradCheck()" in code and "DienstanweisungBuilder()" in code


def test_the_ten_golden_rules_are_all_taught():
    text = "\n".join(src for _k, src in cells(MODULE / "02_plattformwahl_und_regeln.ipynb"))
    for rule in ("aktiv", "kommunikativ", "mutig", "gelassen", "kreativ", "humorvoll", "verständlich", "schnell",
                 "wachsam", "Pause machen"):
        assert f"**{rule}**" in text
