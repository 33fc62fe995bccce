"""Printable handouts (kommsocial seminar handouts): the PDFs exist, hold the course's headings, no code, no network.

Headings, code and file order are read here from the notebooks and Markdown files themselves, independently
of kommsocial.seminar.handouts, and compared with the text pypdf extracts from the printed PDF.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, chromium_path, in_fresh_thread
from kommsocial.cli import main
from kommsocial.errors import InputError
from kommsocial.seminar import handouts

COURSE = ROOT / "course"
TRAINER = COURSE / "trainer"
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)


def module_folders() -> list[Path]:
    return sorted(p for p in COURSE.iterdir() if p.is_dir() and re.match(r"^\d\d_", p.name)
                  and any(p.glob("*.ipynb")))


def cells(nb: Path) -> list[dict]:
    return json.loads(nb.read_text(encoding="utf-8"))["cells"]


def src(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def norm(text: str) -> str:
    """Compare like a reader: ligatures unfolded (NFKC), any run of white space one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def plain(heading: str) -> str:
    return norm(re.sub(r"[*_`]+", "", re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)))


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]


# Module 00 (the first folder) and the module with the most notebooks: both read from the folders.
FOLDERS = module_folders()
CHOSEN = sorted({FOLDERS[0], max(FOLDERS, key=lambda p: len(list(p.glob("*.ipynb"))))})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, handouts.Druckergebnis]:
    out = tmp_path_factory.mktemp("handouts")
    chosen = handouts.waehle_module(handouts.module(), [p.name for p in CHOSEN])
    results = handouts.baue(out, module_auswahl=chosen, leitfaden=True, executable=chromium_path())
    return {r.pfad.name: r for r in results}


def test_course_has_modules_to_print():
    assert len(FOLDERS) >= 2
    assert [m.ordner for m in handouts.module()] == FOLDERS


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("folder", CHOSEN, ids=[p.name for p in CHOSEN])
def test_module_handout_has_headings_and_no_code(built, folder: Path):
    result = built[f"modul_{folder.name}.pdf"]
    assert result.blockiert == [], "the handout page asked for something outside its local file"
    pages = pdf_pages(result.pfad)
    text = norm("\n".join(pages))
    notebooks = sorted(folder.glob("*.ipynb"))

    markdown_chars = cursor = 0
    for nb in notebooks:
        md = "\n".join(src(c) for c in cells(nb) if c["cell_type"] == "markdown")
        markdown_chars += len(md)
        headings = [plain(m.group(1)) for m in HEADING.finditer(md)]
        assert headings, nb
        missing = [h for h in headings if h not in text]
        assert not missing, f"{nb.name}: headings not in the PDF: {missing}"
        # Headings come in the notebooks' order, notebook after notebook.
        for h in headings:
            found = text.find(h, cursor)
            assert found >= 0, f"{nb.name}: heading {h!r} not after the preceding ones"
            cursor = found + len(h)

        md_norm = norm(md)
        code = [src(c) for c in cells(nb) if c["cell_type"] == "code" and src(c).strip()]
        for block in code:
            for line in block.splitlines():
                line = norm(line.lstrip("# "))
                if len(line) < 12 or line in md_norm:
                    continue  # too short to be telling, or quoted in the notebook's own text
                assert line not in text, f"{nb.name}: code cell line printed: {line!r}"
        if len(code) > 1:
            assert "Übung im Notebook" in text

    for marker in ("import ", "print(", "ipywidgets", "raise NotImplementedError"):
        assert marker not in text or marker in norm(" ".join(
            src(c) for nb in notebooks for c in cells(nb) if c["cell_type"] == "markdown")), marker

    # Every notebook starts on a new page; an A4 page holds at most ~4,500 characters of this text.
    assert len(notebooks) <= len(pages) <= len(notebooks) + markdown_chars // 1200, (len(pages), markdown_chars)
    assert len(pages) >= markdown_chars // 4500
    # Header and footer on each page: title, „Stand“, page numbers.
    for i, page in enumerate(pages, start=1):
        assert f"Seite {i} von {len(pages)}" in norm(page)
        assert "Stand:" in page
        assert f"Modul {folder.name[:2]}" in page


@pytest.mark.browser
@pytest.mark.slow
def test_trainer_guide_has_every_file_in_order(built):
    result = built[handouts.LEITFADEN_PDF]
    assert result.blockiert == []
    pages = pdf_pages(result.pfad)
    text = norm("\n".join(pages))
    files = sorted(TRAINER.glob("*.md"))
    assert any(f.name == "README.md" for f in files)
    first_heading = {}
    total = 0
    for f in files:
        md = FENCE.sub("", f.read_text(encoding="utf-8"))  # „# comment“ lines in shell examples are no headings
        total += len(md)
        headings = [plain(m.group(1)) for m in HEADING.finditer(md)]
        missing = [h for h in headings if h not in text]
        assert not missing, f"{f.name}: headings not in the PDF: {missing}"
        first_heading[f.name] = text.find(f"course/trainer/{f.name}")
        assert first_heading[f.name] >= 0, f.name
    order = sorted(first_heading, key=first_heading.__getitem__)
    assert order[0] == "README.md"
    if "formate.md" in first_heading:
        assert order[-1] == "formate.md"
    assert len(files) <= len(pages) <= len(files) + total // 1200
    for i, page in enumerate(pages, start=1):
        assert f"Seite {i} von {len(pages)}" in norm(page)


@pytest.mark.browser
@pytest.mark.slow
def test_external_requests_are_blocked_and_recorded(tmp_path):
    page = ("<!DOCTYPE html><html><head><link rel='stylesheet' href='https://cdn.example.org/x.css'></head>"
            "<body><h1>Probe</h1><img src='http://example.org/logo.png'>"
            "<script src='https://cdn.example.org/require.js'></script></body></html>")
    def probe():
        with handouts.drucker(chromium_path()) as drucke:
            return drucke(page, tmp_path / "probe.pdf", "Probe", "01.01.2027")

    # The sync API needs a thread without a running event loop (the session browser may run one here).
    result = in_fresh_thread(probe)
    # JavaScript is off, so Chromium may not even ask for the script; image and stylesheet it does ask for.
    assert set(result.blockiert) >= {"http://example.org/logo.png", "https://cdn.example.org/x.css"}
    assert set(result.blockiert) <= {"http://example.org/logo.png", "https://cdn.example.org/x.css",
                                     "https://cdn.example.org/require.js"}
    assert "Probe" in norm(pdf_pages(result.pfad)[0])


@pytest.mark.browser
@pytest.mark.slow
def test_cli_writes_one_module(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", chromium_path())
    smallest = min(FOLDERS, key=lambda p: len(list(p.glob("*.ipynb"))))
    assert main(["seminar", "handouts", "--ausgabe", str(tmp_path), "--modul", smallest.name[:2]]) == 0
    out = capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == [f"modul_{smallest.name}.pdf"]
    assert "Fertig: 1 PDF-Datei in" in out
    assert "blockiert" not in out


def test_cli_names_the_fix_when_chromium_is_missing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "kein-chromium"))
    assert main(["seminar", "handouts", "--ausgabe", str(tmp_path / "aus"), "--modul", FOLDERS[0].name[:2]]) == 2
    err = capsys.readouterr().err
    assert "Chromium" in err and "bash scripts/ensure-chromium" in err
    assert not (tmp_path / "aus").exists()


def test_unknown_module_is_a_german_error():
    with pytest.raises(InputError, match="Das Modul „99x“ gibt es nicht"):
        handouts.waehle_module(handouts.module(), ["99x"])


def test_exercise_note_replaces_code():
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Titel\n\n## Lernziele\n\n- etwas"),
        nbformat.v4.new_code_cell("# Werkzeuge laden\nfrom kommsocial.ui import x\nx()"),
        nbformat.v4.new_markdown_cell("## Übung 2: Einen Beitrag schreiben"),
        nbformat.v4.new_code_cell('mein_text = "GEHEIMER_CODE"\nprint(mein_text)'),
        nbformat.v4.new_code_cell("pruefe(mein_text)"),
        nbformat.v4.new_raw_cell("ROHZELLE"),
        nbformat.v4.new_markdown_cell("## Hilfen"),
        nbformat.v4.new_code_cell("import os\n\ndef hilfe():\n    return 1"),
    ])
    out = handouts.handout_notebook(nb, "99_test/01_x.ipynb")
    assert {c.cell_type for c in out.cells} == {"markdown"}
    joined = "\n".join(c.source for c in out.cells)
    assert "GEHEIMER_CODE" not in joined and "ROHZELLE" not in joined and "kommsocial" not in joined
    notes = [c.source for c in out.cells if "Übung im Notebook" in c.source]
    assert len(notes) == 1 and "Einen Beitrag schreiben" in notes[0] and "Übung 2:" not in notes[0]
