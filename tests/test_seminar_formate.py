"""Seminar formats (course/trainer/formate.yaml): they validate, cover the course, add up, and render formate.md.

Broken inputs run against a tiny course folder in tmp_path, so the expected minutes and lines are known.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from kommsocial.errors import InputError
from kommsocial.seminar import formate
from kommsocial.seminar.formate import load_formate, render_markdown, stated_duration

SHIPPED_MD = ROOT / "course" / "trainer" / "formate.md"


@pytest.fixture(scope="module")
def plan() -> formate.Seminarplan:
    return load_formate()


def _dauer_im_notebook(path: Path) -> int:
    """Read „Dauer: ca. N Minuten“ independently of the engine."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "".join("".join(c["source"]) for c in cells[:3] if c["cell_type"] == "markdown")
    return int(re.search(r"Dauer: ca\. (\d+) Minuten", text).group(1))


# -- the shipped file -------------------------------------------------------------------------


def test_shipped_formats_validate(plan):
    assert [f.format.id for f in plan.formate] == ["ein-tag", "zwei-tage", "online", "selbstlernpfad"]
    for fp in plan.formate:
        assert len(fp.einheiten) == fp.format.anzahl_einheiten
        for ep in fp.einheiten:
            for vorher, nachher in zip(ep.bloecke, ep.bloecke[1:], strict=False):
                assert vorher.block.ende == nachher.block.beginn, (ep.einheit.titel, nachher.block.titel)
            for bp in ep.bloecke:
                assert bp.belegt <= bp.block.dauer, (ep.einheit.titel, bp.block.titel)
                if bp.block.art != "Pause":
                    assert bp.block.technik_ausfall or ep.einheit.technik_ausfall, bp.block.titel


def test_every_module_and_notebook_appears(plan):
    assert plan.fehlende_module() == []
    assert plan.fehlende_notebooks() == []
    used = set().union(*(fp.notebooks() for fp in plan.formate))
    for nb in ("course/01_strategie_organisation/02_plattformwahl_und_regeln.ipynb",
               "course/01_strategie_organisation/03_rollen_und_dienstanweisung.ipynb",
               "course/08_ki/01_ki_im_alltag.ipynb"):
        assert nb in used
    modules = sorted(d.name for d in (ROOT / "course").iterdir() if re.match(r"\d\d_", d.name))
    assert [m.ordner for m in plan.datei.module] == [f"course/{m}" for m in modules]
    for m in plan.datei.module:
        assert m.zielgruppen, m.ordner


def test_every_graded_task_is_offered(plan):
    used = {t for fp in plan.formate for e in fp.format.einheiten
            for t in [*(t for b in e.bloecke for t in b.aufgaben), *(e.danach.aufgaben if e.danach else [])]}
    tasks = {p.name for p in (ROOT / "solutions").iterdir() if (p / f"{p.name}.ipynb").is_file()}
    assert tasks <= used, sorted(tasks - used)


def test_format_lengths(plan):
    # (units, minutes per unit with breaks, teaching minutes per unit)
    expected = {"ein-tag": (1, 450, 360), "zwei-tage": (2, 450, 360), "online": (4, 90, 85)}
    for fid, (n, dauer, lehrzeit) in expected.items():
        fp = plan.format(fid)
        assert [(e.dauer, e.lehrzeit) for e in fp.einheiten] == [(dauer, lehrzeit)] * n
    ein_tag = plan.format("ein-tag")
    assert (ein_tag.dauer, ein_tag.lehrzeit, ein_tag.pausen, ein_tag.belegt) == (450, 360, 90, 295)
    zwei = plan.format("zwei-tage")
    assert [e.belegt for e in zwei.einheiten] == [345, 290]
    online = plan.format("online")
    assert (online.lehrzeit, online.belegt, online.eigenarbeit) == (340, 265, 135)


def test_block_sums_come_from_the_notebooks(plan):
    tag = plan.format("ein-tag").einheiten[0]
    bloecke = {bp.block.zeit: bp for bp in tag.bloecke}
    krise = bloecke["14:15–15:00"]
    nb = ROOT / "course/04_krisenkommunikation/01_grundlagen_erstmeldung.ipynb"
    assert [p.pfad for p in krise.posten] == [nb.relative_to(ROOT).as_posix()]
    assert krise.belegt == _dauer_im_notebook(nb) == 45
    assert krise.block.dauer == 45
    # The former block 5 (Erstmeldung + Übung in 60 minutes) now holds 45 + a 15-minute part.
    geruecht = bloecke["15:00–15:15"]
    assert [(p.minuten, p.abschnitte) for p in geruecht.posten] == [(15, ("4. Übung: Ordnen Sie den Feed ein",))]
    aufgabe = bloecke["11:15–12:00"]
    assert [(p.pfad, p.minuten, p.quelle) for p in aufgabe.posten] == [("a02_pressemitteilung", 45, "Notebook")]
    # a05 states no duration; the YAML estimate is used.
    zwei = plan.format("zwei-tage").einheiten[1]
    # a04, a05, a06, then the code-free a08 (40) and a09 (50), then the pandas Vertiefung a03 and a07.
    assert plan.format("zwei-tage").freiwillig == 45 + 45 + 45 + 40 + 50 + 45 + 50
    assert zwei.einheit.danach is not None and "a05_recht" in zwei.einheit.danach.aufgaben


def test_rendered_markdown_is_the_committed_file(plan):
    assert SHIPPED_MD.read_text(encoding="utf-8") == render_markdown(plan), (
        "course/trainer/formate.md passt nicht zu formate.yaml. "
        "Führen Sie „kommsocial seminar formate --schreiben“ aus und committen Sie beide Dateien."
    )


def test_markdown_shows_plan_fallbacks_and_audiences(plan):
    md = render_markdown(plan)
    assert "| 14:15–15:00 | 45 | Übung | Krisenkommunikation: die Erstmeldung. |" in md
    assert md.count("Wenn die Technik ausfällt") >= 10
    assert "| 01 Strategie und Organisation | ✓ |  | ✓ |" in md
    assert "## Vorbereitung (für alle Formate mit Aufgaben)" in md
    assert "verteilen DIR AUFGABE --exchange" in md and "„Assignments“" in md


# -- broken inputs on a small course folder ---------------------------------------------------


def _notebook(path: Path, dauer: int | None, headings: tuple[str, ...] = ()) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    first = "# Titel\n\n" + (f"Dauer: ca. {dauer} Minuten\n" if dauer else "")
    cells = [{"cell_type": "markdown", "metadata": {}, "source": first}]
    cells += [{"cell_type": "markdown", "metadata": {}, "source": f"## {h}\n\nText."} for h in headings]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
                    encoding="utf-8")


@pytest.fixture
def kurs(tmp_path: Path) -> Path:
    _notebook(tmp_path / "course/01_modul/01_lang.ipynb", 45, ("1. Teil", "2. Teil"))
    _notebook(tmp_path / "course/01_modul/02_kurz.ipynb", 20)
    _notebook(tmp_path / "course/apps/werkstatt.ipynb", None)
    _notebook(tmp_path / "solutions/a01_mit/a01_mit.ipynb", 30)
    _notebook(tmp_path / "solutions/a02_ohne/a02_ohne.ipynb", None)
    return tmp_path


GOOD = """\
titel: Seminarformate
stand: 2026-12-08
einleitung: [Ein kleiner Plan zum Testen.]
vorbereitung: [Seminarordner anlegen.]
module:
  - {ordner: course/01_modul, titel: Modul, zielgruppen: [pressestelle], hinweis: Zum Testen}
aufgaben:
  - {id: a02_ohne, dauer: 25}
formate:
  - id: kurz
    titel: Kurzformat
    kurztitel: kurz
    zielgruppe: Testgruppe
    umfang: Ein Vormittag
    einheit: Tag
    anzahl_einheiten: 1
    dauer_je_einheit: 150
    lehrzeit_je_einheit: 135
    raum: Ein Raum
    material: [Karten]
    einheiten:
      - titel: Vormittag
        technik_ausfall: Auf Papier weiterarbeiten
        bloecke:
          - zeit: "09:00–09:45"
            titel: Langes Notebook
            art: Input
            notebooks: [course/01_modul/01_lang.ipynb]
          - zeit: "09:45–10:00"
            titel: Pause
            art: Pause
          - zeit: "10:00–10:30"
            titel: Kurzes Notebook
            art: Übung
            notebooks: [course/01_modul/02_kurz.ipynb]
            apps: [werkstatt]
          - zeit: "10:30–11:30"
            titel: Zwei Aufgaben
            art: Aufgabe
            aufgaben: [a01_mit, a02_ohne]
"""


def _load(kurs: Path, text: str) -> formate.Seminarplan:
    path = kurs / "formate.yaml"
    path.write_text(text, encoding="utf-8")
    return load_formate(path, root=kurs)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def _error(kurs: Path, text: str) -> InputError:
    with pytest.raises(InputError) as info:
        _load(kurs, text)
    err = info.value
    assert err.file == str(kurs / "formate.yaml")
    assert err.hint, "Jede Meldung nennt, was zu ändern ist."
    return err


def test_small_plan_validates_and_adds_up(kurs):
    plan = _load(kurs, GOOD)
    ep = plan.formate[0].einheiten[0]
    assert [bp.belegt for bp in ep.bloecke] == [45, 0, 20, 30 + 25]
    assert (ep.dauer, ep.lehrzeit, ep.pausen, ep.belegt) == (150, 135, 15, 120)
    aufgaben = ep.bloecke[3].posten
    assert [(p.pfad, p.minuten, p.quelle) for p in aufgaben] == [("a01_mit", 30, "Notebook"),
                                                                   ("a02_ohne", 25, "formate.yaml")]


def test_duration_is_read_from_the_notebook_not_copied(kurs):
    _notebook(kurs / "course/01_modul/02_kurz.ipynb", 25)
    assert stated_duration(kurs / "course/01_modul/02_kurz.ipynb") == 25
    formate._notebook.cache_clear()
    assert _load(kurs, GOOD).formate[0].einheiten[0].bloecke[2].belegt == 25
    _notebook(kurs / "course/01_modul/02_kurz.ipynb", 35)
    formate._notebook.cache_clear()
    err = _error(kurs, GOOD)
    assert "„Kurzes Notebook“ (10:00–10:30) dauert 30 Minuten" in err.reason
    assert "brauchen 35 Minuten (02_kurz.ipynb 35)" in err.reason


def test_block_too_short_for_its_notebooks(kurs):
    text = GOOD.replace('"09:00–09:45"', '"09:00–09:30"').replace('"09:45–10:00"', '"09:30–10:00"')
    text = text.replace("dauer_je_einheit: 150", "dauer_je_einheit: 150").replace(
        "lehrzeit_je_einheit: 135", "lehrzeit_je_einheit: 120")
    err = _error(kurs, text)
    assert err.reason == ("Der Block „Langes Notebook“ (09:00–09:30) dauert 30 Minuten. Seine Notebooks und "
                          "Aufgaben brauchen 45 Minuten (01_lang.ipynb 45).")
    assert err.line == _line(text, '"09:00–09:30"')
    assert err.field == "formate[1].einheiten[1].bloecke[1].zeit"
    assert "Verlängern Sie den Block um 15 Minuten" in err.hint
    assert "abschnitte" in err.hint
    assert "Zeile" in str(err) and "Datei" in str(err)


def test_a_part_of_a_notebook_fits_a_short_block(kurs):
    text = GOOD.replace('"09:00–09:45"', '"09:00–09:30"').replace('"09:45–10:00"', '"09:30–10:00"')
    text = text.replace("lehrzeit_je_einheit: 135", "lehrzeit_je_einheit: 120")
    text = text.replace("notebooks: [course/01_modul/01_lang.ipynb]",
                        "notebooks:\n              - {pfad: course/01_modul/01_lang.ipynb, "
                        "abschnitte: [1. Teil], minuten: 25}")
    ep = _load(kurs, text).formate[0].einheiten[0]
    assert ep.bloecke[0].belegt == 25
    bad = text.replace("abschnitte: [1. Teil]", "abschnitte: [3. Teil]")
    err = _error(kurs, bad)
    assert "„3. Teil“ ist keine Überschrift" in err.reason and "1. Teil; 2. Teil" in err.hint
    assert err.line == _line(bad, "3. Teil")
    too_long = text.replace("minuten: 25}", "minuten: 45}")
    assert "das ganze Notebook nur 45 Minuten" in _error(kurs, too_long).reason


def test_overlapping_blocks(kurs):
    text = GOOD.replace('"10:00–10:30"', '"09:50–10:30"')
    err = _error(kurs, text)
    assert err.reason == ("Der Block „Kurzes Notebook“ (09:50–10:30) beginnt, bevor „Pause“ (09:45–10:00) endet. "
                          "Beide überschneiden sich um 10 Minuten.")
    assert err.line == _line(text, '"09:50–10:30"')
    assert "um 10:00 beginnen" in err.hint


def test_gap_between_blocks(kurs):
    text = GOOD.replace('"10:00–10:30"', '"10:15–10:30"').replace('"10:30–11:30"', '"10:30–11:30"')
    err = _error(kurs, text)
    assert "fehlen 15 Minuten" in err.reason
    assert err.line == _line(text, '"10:15–10:30"')


def test_missing_notebook_path(kurs):
    text = GOOD.replace("course/01_modul/02_kurz.ipynb", "course/01_modul/02_kurtz.ipynb")
    err = _error(kurs, text)
    assert err.reason == "Das Notebook „course/01_modul/02_kurtz.ipynb“ gibt es nicht."
    assert err.line == _line(text, "02_kurtz")
    assert err.field == "formate[1].einheiten[1].bloecke[3].notebooks[1]"
    assert "Dateinamen" in err.hint


def test_missing_app_and_task(kurs):
    err = _error(kurs, GOOD.replace("apps: [werkstatt]", "apps: [werkstat]"))
    assert "Die App „werkstat“ gibt es nicht" in err.reason and "werkstatt" in err.hint
    err = _error(kurs, GOOD.replace("[a01_mit, a02_ohne]", "[a01_mit, a03_fehlt]"))
    assert "„a03_fehlt“ gibt es nicht" in err.reason


def test_task_without_any_duration(kurs):
    text = GOOD.replace("  - {id: a02_ohne, dauer: 25}\n", "").replace("aufgaben:\nformate", "formate")
    text = text.replace("aufgaben:\n", "aufgaben: []\n", 1)
    err = _error(kurs, text)
    assert err.reason == "Für die Aufgabe „a02_ohne“ ist keine Dauer bekannt."
    assert "unter „aufgaben“" in err.hint


def test_task_duration_contradicting_the_notebook(kurs):
    text = GOOD.replace("  - {id: a02_ohne, dauer: 25}\n",
                        "  - {id: a02_ohne, dauer: 25}\n  - {id: a01_mit, dauer: 20}\n")
    err = _error(kurs, text)
    assert "nennt selbst 30 Minuten, hier stehen 20" in err.reason
    assert err.line == _line(text, "a01_mit, dauer: 20")


@pytest.mark.parametrize(("zeit", "teil"), [
    ('"09:75–10:00"', "„09:75“ ist keine Uhrzeit"),
    ('"25:00–26:00"', "„25:00“ ist keine Uhrzeit"),
    ('"09:00 bis 09:45"', "„09:00 bis 09:45“ ist keine Zeitspanne"),
    ('"09:45–09:00"', "liegt das Ende nicht nach dem Beginn"),
    ("9:45", "als Zahl gelesen"),
])
def test_bad_clock_time(kurs, zeit, teil):
    text = GOOD.replace('"09:00–09:45"', zeit)
    err = _error(kurs, text)
    assert teil in err.reason
    assert "09:00–09:45" in err.reason  # the example of the right form
    assert err.line == _line(text, f"zeit: {zeit}")
    assert err.field == "formate[1].einheiten[1].bloecke[1].zeit"


def test_unit_length_must_match_the_format(kurs):
    err = _error(kurs, GOOD.replace("lehrzeit_je_einheit: 135", "lehrzeit_je_einheit: 140"))
    assert err.reason == "„Vormittag“ hat 135 Minuten Lehrzeit ohne Pausen, das Format sieht 140 Minuten vor."
    err = _error(kurs, GOOD.replace("dauer_je_einheit: 150", "dauer_je_einheit: 450"))
    assert "dauert 150 Minuten (09:00 bis 11:30), das Format sieht 450 Minuten vor" in err.reason
    err = _error(kurs, GOOD.replace("anzahl_einheiten: 1", "anzahl_einheiten: 2"))
    assert "nennt 2 Einheiten, beschreibt aber 1" in err.reason


def test_fallback_is_required(kurs):
    text = GOOD.replace("        technik_ausfall: Auf Papier weiterarbeiten\n", "")
    err = _error(kurs, text)
    assert err.reason == "Für den Block „Langes Notebook“ fehlt „technik_ausfall“."


def test_every_module_folder_needs_an_audience(kurs):
    _notebook(kurs / "course/02_neu/01_x.ipynb", 10)
    err = _error(kurs, GOOD)
    assert "„course/02_neu“ fehlt der Eintrag unter „module“" in err.reason


def test_unknown_field_and_kind(kurs):
    err = _error(kurs, GOOD.replace("art: Input", "art: Vortrag"))
    assert "unzulässiger Wert" in err.reason and err.line == _line(GOOD, "art: Input")
    err = _error(kurs, GOOD.replace("    raum: Ein Raum", "    raum: Ein Raum\n    raeume: zwei"))
    assert "unbekanntes Feld" in err.reason


def test_break_holds_no_content(kurs):
    text = GOOD.replace("            art: Pause\n", "            art: Pause\n            aufgaben: [a01_mit]\n")
    assert "Die Pause „Pause“ enthält Notebooks oder Aufgaben" in _error(kurs, text).reason


def test_coverage_report_names_unused_notebooks(kurs):
    _notebook(kurs / "course/01_modul/03_ungenutzt.ipynb", 10)
    plan = _load(kurs, GOOD)
    assert plan.fehlende_notebooks() == ["course/01_modul/03_ungenutzt.ipynb"]
    assert plan.fehlende_module() == []


def test_small_plan_renders(kurs):
    md = render_markdown(_load(kurs, GOOD))
    assert "| 09:00–09:45 | 45 | Input | Langes Notebook. |" in md
    assert "Bewertete Aufgabe `a02_ohne`: 25 Minuten." in md
    assert "| `a02_ohne` | 25 Minuten, geschätzt. |" in md
    assert textwrap.dedent("""\
        - **Wenn die Technik ausfällt,** gilt für den ganzen Tag:""").strip("- ") in md


# -- command line -----------------------------------------------------------------------------


def test_cli_prints_checks_and_writes(tmp_path, kurs, capsys):
    from kommsocial.cli import main

    assert main(["seminar", "formate", "ein-tag"]) == 0
    out = capsys.readouterr().out
    assert "1 Tag in Präsenz [ein-tag]: 6 Stunden Lehrzeit" in out
    assert "14:15–15:00" in out and "01_grundlagen_erstmeldung.ipynb" in out
    assert "Selbstlernpfad" not in out

    assert main(["seminar", "formate", "gibt-es-nicht"]) == 2
    assert "„gibt-es-nicht“ gibt es nicht" in capsys.readouterr().err

    broken = tmp_path / "kaputt.yaml"
    broken.write_text((ROOT / "course/trainer/formate.yaml").read_text(encoding="utf-8")
                      .replace('"09:10–09:30"', '"09:10–09:3O"', 1), encoding="utf-8")
    assert main(["seminar", "formate", "--datei", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "keine Zeitspanne" in err and "Zeile" in err

    path = kurs / "formate.yaml"
    path.write_text(GOOD, encoding="utf-8")
    (kurs / "formate.md").write_text("alt", encoding="utf-8")
    # --datei with a file of another course folder: paths are checked against the checkout, so this fails …
    assert main(["seminar", "formate", "--datei", str(path), "--schreiben"]) == 2
    assert (kurs / "formate.md").read_text(encoding="utf-8") == "alt"
    capsys.readouterr()
    # … and the shipped file renders exactly the committed Markdown.
    assert main(["seminar", "formate", "--markdown"]) == 0
    assert capsys.readouterr().out == SHIPPED_MD.read_text(encoding="utf-8")
