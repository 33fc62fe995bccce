"""Course text practises what it teaches: no Amtsdeutsch in any markdown cell of course/ or solutions/.

Quoted passages („…“, "…", »…«) and code (`…`, ```…```) are skipped, because the course quotes
bad examples on purpose. Sentences that cite a law ("§ 23 Abs. 1 nennt …") are skipped too: they
keep the statutory wording.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from kommsocial.text import analyze
from kommsocial.text.tokens import blank_quoted, sentences

NOTEBOOKS = sorted(
    p for folder in ("course", "solutions") for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)


def amtsdeutsch_in_markdown(nb: dict) -> list[str]:
    """Problems as "Zelle N: „Wort“ → Alternative" for every markdown cell."""
    problems = []
    for i, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        text = blank_quoted(source)
        for s in sentences(text):
            if "§" in text[s.start : s.end]:
                text = text[: s.start] + " " * (s.end - s.start) + text[s.end :]
        for f in analyze(text, platform="facebook").findings:
            if f.rule == "amtsdeutsch":
                problems.append(f"Zelle {i}: „{source[f.start:f.end]}“ → {f.suggestion}")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_amtsdeutsch_in_course_text(path: Path):
    problems = amtsdeutsch_in_markdown(json.loads(path.read_text(encoding="utf-8")))
    assert not problems, f"{path.relative_to(ROOT)} enthält Amtsdeutsch:\n" + "\n".join(problems)


def test_checker_finds_plain_and_skips_quoted_examples():
    nb = {"cells": [
        {"cell_type": "markdown", "source": "Zwecks Anmeldung kommen Sie ins Rathaus."},
        {"cell_type": "markdown", "source": ["Schreiben Sie nicht „zwecks“, sondern „für“. ",
                                             "Auch `mittels` und \"seitens\" sind Beispiele."]},
        {"cell_type": "code", "source": "zwecks = 1"},
        {"cell_type": "markdown", "source": "```\nDie Durchführung der Prüfung\n```\nWir prüfen."},
        {"cell_type": "markdown", "source": "„Seitens der Stadt wird darauf hingewiesen,\ndass dies zu erfolgen hat.“"},
        {"cell_type": "markdown",
         "source": "§ 23 KUG nennt Personen als Beiwerk neben einer Örtlichkeit. Zwecks Übung."},
    ]}
    assert amtsdeutsch_in_markdown(nb) == ["Zelle 1: „Zwecks“ → für; um … zu", "Zelle 6: „Zwecks“ → für; um … zu"]
