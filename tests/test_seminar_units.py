"""Seminar building blocks without grading: roster import, name matching, init rules, self-check, progress."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from kommsocial.errors import InputError
from kommsocial.seminar.roster import parse_roster

SOURCE = ROOT / "tests" / "data" / "seminar" / "solutions"
A = "s01_probe"


def csv_file(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "liste.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding,sep", [("utf-8-sig", ";"), ("cp1252", ";"), ("utf-8", ",")])
def test_roster_reads_excel_variants(tmp_path, encoding, sep):
    text = sep.join(["id", "vorname", "nachname", "email"]) + "\r\n" + \
        sep.join(["jkoenig", "Jörg", "König-Weiß", "j.koenig@musterstadt.example"]) + "\r\n\r\n"
    people = parse_roster(csv_file(tmp_path, text, encoding))
    assert [(p.id, p.vorname, p.nachname, p.email) for p in people] == [
        ("jkoenig", "Jörg", "König-Weiß", "j.koenig@musterstadt.example")]


@pytest.mark.parametrize("text,needle", [
    ("id;vorname;email\nmm;Max;m@x.de\n", "Es fehlen Spalten: nachname"),
    ("id;vorname;nachname;email\n;Max;Muster;m@x.de\n", "Zeile 2: Die id ist leer."),
    ("id;vorname;nachname;email\nmm;Max;Muster;\nok;A;B;\nmm;Moritz;Muster;\n",
     "Zeile 4: Die id „mm“ steht schon in Zeile 2."),
    ("id;vorname;nachname;email\nmüller;Max;Müller;\n", "Zeile 2: Die id „müller“ enthält unzulässige Zeichen"),
    ("id;vorname;nachname;email\nm+m;Max;M;\n", "unzulässige Zeichen"),
    ("id;vorname;nachname;email\nmm;Max;Muster;max(at)musterstadt\n",
     "Zeile 2: Die E-Mail-Adresse „max(at)musterstadt“ ist ungültig."),
])
def test_roster_errors_name_the_line(tmp_path, text, needle):
    with pytest.raises(InputError) as info:
        parse_roster(csv_file(tmp_path, text))
    assert needle in str(info.value)
    assert "liste.csv" in str(info.value)


def test_roster_all_or_nothing(tmp_path):
    d = tmp_path / "kurs"
    assert run_cli("seminar", "init", str(d), "--quelle", str(SOURCE))[0] == 0
    good = csv_file(tmp_path, "id;vorname;nachname;email\naa;A;A;\nbb;B;B;\n")
    assert run_cli("seminar", "roster", str(d), str(good))[0] == 0
    bad = tmp_path / "kaputt.csv"
    bad.write_text("id;vorname;nachname;email\ncc;C;C;\naa;Neu;Name;\ndd;D;D;kaputt\n", encoding="utf-8")
    code, out, err = run_cli("seminar", "roster", str(d), str(bad))
    assert code == 2 and "Zeile 4" in err and "nichts wurde gespeichert" in err and "Traceback" not in err
    from kommsocial.seminar.folder import open_seminar

    people = open_seminar(d).students()
    assert [(p["id"], p["vorname"]) for p in people] == [("aa", "A"), ("bb", "B")]  # cc not added, aa unchanged


def test_init_refuses_repository_and_non_empty(tmp_path):
    code, _, err = run_cli("seminar", "init", str(ROOT / "seminar_hier"))
    assert code == 2 and "Repository" in err
    assert not (ROOT / "seminar_hier").exists()
    (tmp_path / "voll").mkdir()
    (tmp_path / "voll" / "x.txt").write_text("x")
    code, _, err = run_cli("seminar", "init", str(tmp_path / "voll"))
    assert code == 2 and "nicht leer" in err
    code, _, err = run_cli("seminar", "grade", str(tmp_path / "gibtsnicht"), A)
    assert code == 2 and "kein Seminarordner" in err


def test_init_writes_nbgrader_config(tmp_path):
    d = tmp_path / "kurs"
    code, out, _ = run_cli("seminar", "init", str(d), "--quelle", str(SOURCE),
                           "--db", f"sqlite:///{tmp_path / 'nb.db'}")
    assert code == 0
    from kommsocial.seminar.folder import open_seminar

    c = open_seminar(d).config()
    assert c.CourseDirectory.root == str(d.resolve())
    assert c.CourseDirectory.db_url == f"sqlite:///{tmp_path / 'nb.db'}"
    assert c.Execute.timeout == 60 and c.OverwriteCells.add_missing_cells is True
    assert (tmp_path / "nb.db").is_file() and (d / "source" / A / f"{A}.ipynb").is_file()


@pytest.mark.parametrize("name,expected", [
    ("s01_probe_mmuster.ipynb", "mmuster"),
    ("Max Muster - aufgabe.ipynb", "mmuster"),
    ("muster_max_final.ipynb", "mmuster"),
    ("abgabe von max.muster@musterstadt.example.ipynb", "mmuster"),
    ("Jörg König.ipynb", "jkoenig"),
    ("joerg_koenig_v2.ipynb", "jkoenig"),
    ("erika.ipynb", None),
    ("Muster.ipynb", None),
])
def test_file_name_matching(tmp_path, name, expected):
    from kommsocial.seminar.intake import _who

    people = [
        {"id": "mmuster", "vorname": "Max", "nachname": "Muster", "email": "max.muster@musterstadt.example"},
        {"id": "jkoenig", "vorname": "Jörg", "nachname": "König", "email": ""},
        {"id": "emuster", "vorname": "Erika", "nachname": "Muster", "email": ""},
    ]
    path = tmp_path / name
    assert _who(path, tmp_path, people)[0] == expected


def test_selbsttest_reports_public_tests_only(tmp_path):
    """Blank: every test fails with a German hint; solution: all pass, hidden tests never run."""
    import nbformat

    sol = nbformat.read(SOURCE / A / f"{A}.ipynb", as_version=4)
    for cell in sol.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_antwort_1":
            # A hidden test that would fail: the self-check must not run it.
            cell.source = cell.source.replace('pruefe_gleich(anzahl + 0, 3, "anzahl")',
                                              'pruefe_gleich(anzahl, 99, "anzahl")')
    path = tmp_path / "meins.ipynb"
    nbformat.write(sol, path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    from kommsocial.seminar.selbsttest import pruefen

    result = pruefen(path)
    assert [t.name for t in result.tests] == ["test_antwort_1", "test_antwort_2", "test_antwort_3"]
    assert result.alle_bestanden
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before

    blank = tmp_path / "leer.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "antwort_2":
            cell.source = 'titel = "Neuer Wertstoffhof"'
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "antwort_1":
            cell.source = "raise NotImplementedError()"
    nbformat.write(nb, blank)
    code, out, _ = run_cli("seminar", "selbsttest", str(blank))
    assert code == 1
    assert "test_antwort_1 (2 Punkte): noch nicht bestanden" in out
    assert "In „titel“ fehlt noch: „Musterstadt“" in out
    assert "test_antwort_3 (1 Punkt): bestanden" in out
    code, out, _ = run_cli("seminar", "selbsttest", str(blank), "--json")
    data = json.loads(out)
    assert data["alle_bestanden"] is False and len(data["tests"]) == 3
    html = result._repr_html_()
    assert "3 von 3" in html


def test_selbsttest_errors(tmp_path):
    code, _, err = run_cli("seminar", "selbsttest", str(tmp_path / "fehlt.ipynb"))
    assert code == 2 and "nicht gefunden" in err
    (tmp_path / "kaputt.ipynb").write_text("{kaputt", encoding="utf-8")
    code, _, err = run_cli("seminar", "selbsttest", str(tmp_path / "kaputt.ipynb"))
    assert code == 2 and "kein gültiges Notebook" in err


def test_progress_plain_lines_without_tty(capsys):
    from kommsocial.seminar.progress import fortschritt

    with fortschritt("Bewerten", 2) as schritt:
        schritt("aa")
        schritt("bb")
    err = capsys.readouterr().err
    assert err.splitlines() == ["[1/2] Bewerten: aa", "[2/2] Bewerten: bb"]


@pytest.mark.nbgrader
@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_grade_with_non_file_database_url(tmp_path, backend, request):
    """A gradebook URL that is not a plain SQLite file (PostgreSQL) builds the worker template from source/."""
    d = tmp_path / "kurs"
    # sqlite+pysqlite:// takes the same code path as postgresql://…
    url = f"sqlite+pysqlite:///{tmp_path / 'zentral.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    assert run_cli("seminar", "init", str(d), "--quelle", str(SOURCE), "--db", url)[0] == 0
    roster = csv_file(tmp_path, "id;vorname;nachname;email\naa;A;A;\nbb;B;B;\n")
    assert run_cli("seminar", "roster", str(d), str(roster))[0] == 0
    assert run_cli("seminar", "release", str(d), A)[0] == 0
    for pid, src in (("aa", d / "source" / A / f"{A}.ipynb"), ("bb", d / "release" / A / f"{A}.ipynb")):
        (d / "submitted" / pid / A).mkdir(parents=True)
        (d / "submitted" / pid / A / f"{A}.ipynb").write_bytes(src.read_bytes())
    assert run_cli("seminar", "grade", str(d), A, "--workers", "2")[0] == 0
    code, out, _ = run_cli("seminar", "report", str(d), A, "--json")
    scores = {p["id"]: p["score"] for p in json.loads(out)["participants"]}
    assert scores == {"aa": 4.0, "bb": 0.0}
    assert not (d / "gradebook.db").exists()  # everything went into the configured database


@pytest.mark.notebook
def test_selbsttest_from_a_notebook_cell(tmp_path):
    """pruefen() works inside a running kernel (nested kernel) and shows German HTML."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from conftest import execute_notebook

    path = tmp_path / "zelle.ipynb"
    target = SOURCE / A / f"{A}.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell(
        f"from kommsocial.seminar.selbsttest import pruefen\nergebnis = pruefen({str(target)!r})\nergebnis")]), path)
    nb = execute_notebook(path)
    html = nb.cells[0].outputs[-1]["data"]["text/html"]
    assert "Selbsttest: 3 von 3 öffentlichen Tests bestanden" in html


@pytest.mark.parametrize("url,needle", [
    ("nichtda://x@127.0.0.1:1/db", "ist ungültig"),
    ("postgresql://seminar:geheim@127.0.0.1:1/seminar", "ist nicht erreichbar"),  # no server on that port
    ("postgresql+psycopg2://seminar@127.0.0.1:1/seminar", "fehlt der Datenbanktreiber"),
])
def test_init_with_unusable_database_leaves_nothing_behind(tmp_path, url, needle):
    d = tmp_path / "kurs"
    code, _, err = run_cli("seminar", "init", str(d), "--quelle", str(SOURCE), "--db", url)
    assert code == 2 and f"Das Notenbuch {url.split(':geheim')[0]}" in err and needle in err, err
    assert "Traceback" not in err and "geheim" not in err  # no password in the message
    assert any(fix in err for fix in ("Prüfen Sie", "Nennen Sie", "Installieren Sie")), err
    assert not d.exists()
