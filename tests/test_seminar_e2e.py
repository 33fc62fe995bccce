"""Whole seminar cycle on real nbgrader: init → roster → release → collect → grade → feedback → report → export → purge.

Uses the small fixture assignment tests/data/seminar/solutions/s01_probe (3 autograded
tests, one hidden, one manually graded answer) and simulated submissions: full
solutions, blanks, partial answers and 14 kinds of broken notebooks (faelle.py).
The whole cycle runs twice: with the default SQLite gradebook and with a PostgreSQL
gradebook (tests/pgserver.py starts a throwaway server).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "tests" / "data" / "seminar"))
import faelle  # noqa: E402

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

A = "s01_probe"
SOURCE = ROOT / "tests" / "data" / "seminar" / "solutions"
KINDS = ["voll", "leer", "teilweise", *faelle.KAPUTT, "kein_notebook_in_ordner"]
# Participant per kind; names exercise umlauts, Windows-1252 and HTML escaping.
PEOPLE = {kind: (f"t{i:02d}", f"Vorname{i}", f"Müller{i}") for i, kind in enumerate(KINDS)}
PEOPLE["voll"] = ("mmuster", "Max", "Muster")
PEOPLE["leer"] = ("emeier", "Erika", "Meier-Größe")
PEOPLE["teilweise"] = ("jkoenig", "<b>Jörg</b>", "König")
ABSENT = ("ohne", "Otto", "Ohneabgabe")


def tree_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def write_roster(path: Path) -> None:
    lines = ["id;vorname;nachname;email"]
    for pid, vor, nach in [*PEOPLE.values(), ABSENT]:
        lines.append(f"{pid};{vor};{nach};{pid}@musterstadt.example")
    # As Excel on Windows saves "CSV (Trennzeichen-getrennt)": Windows-1252, CRLF.
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seminar(request, tmp_path_factory) -> dict:
    """A graded seminar plus everything observed on the way."""
    base = tmp_path_factory.mktemp("seminar")
    d = base / "kurs"
    db: list[str] = []
    if request.param == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        name = cluster.create_database()
        request.addfinalizer(lambda: cluster.drop_database(name))
        db = ["--db", cluster.url(name)]
    code, out, _ = run_cli("seminar", "init", str(d), "--quelle", str(SOURCE), *db)
    assert code == 0 and A in out
    write_roster(base / "liste.csv")
    code, out, _ = run_cli("seminar", "roster", str(d), str(base / "liste.csv"))
    assert code == 0 and f"{len(PEOPLE) + 1} neu" in out
    code, _, _ = run_cli("seminar", "release", str(d), A)
    assert code == 0

    sol = faelle.load(d / "source" / A / f"{A}.ipynb")
    rel = faelle.load(d / "release" / A / f"{A}.ipynb")
    inbox, zipped = base / "eingang", base / "eingang_zip"
    inbox.mkdir()
    zipped.mkdir()
    expected_map = {}
    for n, kind in enumerate(KINDS):
        pid, vor, nach = PEOPLE[kind]
        data = faelle.notebook_bytes(kind, sol, rel)
        if data is None:
            continue
        # Different naming habits: id in the file name, "Vorname Nachname - …", a folder per e-mail.
        style = n % 3
        if style == 0:
            rel_name = f"{A}_{pid}.ipynb"
        elif style == 1:
            rel_name = f"{vor.replace('<b>', '').replace('</b>', '')} {nach} - aufgabe.ipynb"
        else:
            rel_name = f"{pid}@musterstadt.example/abgabe.ipynb"
        target = (zipped if kind in ("voll", "sys_exit") else inbox) / rel_name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        expected_map[rel_name] = pid
    (inbox / "irgendwas.ipynb").write_bytes(faelle.notebook_bytes("voll", sol, rel))
    (inbox / "foto.jpg").write_bytes(b"\xff\xd8\xff")
    inbox_before = tree_hashes(inbox)
    code, out_folder, _ = run_cli("seminar", "collect", str(d), A, "--from", str(inbox))
    assert code == 1  # unmatched files need attention
    archive = base / "abgaben.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in zipped.rglob("*.ipynb"):
            zf.write(p, p.relative_to(zipped).as_posix())
    code, out_zip, _ = run_cli("seminar", "collect", str(d), A, "--from", str(archive))
    assert code == 0
    # A submission folder without the notebook (e.g. collected from the hub with a renamed file).
    empty = d / "submitted" / PEOPLE["kein_notebook_in_ordner"][0] / A
    empty.mkdir(parents=True)
    (empty / "meine_loesung.ipynb").write_bytes(faelle.notebook_bytes("voll", sol, rel))

    submitted_before = tree_hashes(d / "submitted")
    code, out_grade, _ = run_cli("seminar", "grade", str(d), A, "--workers", "2", "--timeout", "10", "--json")
    assert code == 0
    return {"dir": d, "base": base, "backend": request.param,
            "db_url": db[1] if db else f"sqlite:///{d / 'gradebook.db'}", "inbox": inbox,
            "inbox_before": inbox_before, "out_folder": out_folder, "out_zip": out_zip, "expected_map": expected_map,
            "grade": json.loads(out_grade), "submitted_before": submitted_before}


def test_release_folders_and_zips(seminar):
    d = seminar["dir"]
    for pid, _, _ in [*PEOPLE.values(), ABSENT]:
        nb = d / "verteilen" / pid / A / f"{A}.ipynb"
        assert nb.is_file()
        text = nb.read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
        with zipfile.ZipFile(d / "verteilen" / f"{pid}_{A}.zip") as zf:
            assert zf.read(f"{A}/{A}.ipynb").decode("utf-8") == text


def test_collect_matches_names_and_reports_the_rest(seminar):
    d, out = seminar["dir"], seminar["out_folder"] + seminar["out_zip"]
    for rel_name, pid in seminar["expected_map"].items():
        assert f"{rel_name} → {pid}" in out
        assert (d / "submitted" / pid / A / f"{A}.ipynb").is_file()
    assert "irgendwas.ipynb: kein Name, keine id" in out
    assert "foto.jpg: kein Notebook" in out
    kept = d / "importe" / A / "_nicht_zugeordnet"
    assert (kept / "irgendwas.ipynb").is_file() and (kept / "foto.jpg").is_file()
    # Copies, never moves: the inbox is untouched.
    assert tree_hashes(seminar["inbox"]) == seminar["inbox_before"]


def test_grade_statuses_and_reasons(seminar):
    parts = seminar["grade"]["participants"]
    for kind, status in {**faelle.KAPUTT, "voll": "ok", "leer": "ok", "teilweise": "ok",
                         "kein_notebook_in_ordner": "fehler"}.items():
        assert parts[PEOPLE[kind][0]]["status"] == status, (kind, parts[PEOPLE[kind][0]])
    assert parts["ohne"]["status"] == "fehlt"
    reason = {kind: parts[PEOPLE[kind][0]]["message"] or "" for kind in KINDS}
    assert "JSON-Fehler in Zeile" in reason["json_kaputt"]
    assert "leer (0 Byte)" in reason["leere_datei"]
    assert "Zellenliste" in reason["kein_notebook"]
    assert "Kennzeichnung fehlt" in reason["ohne_kennzeichnung"]
    assert "abgestürzt" in reason["os_exit"]
    assert "„test_antwort_1“" in reason["test_geloescht"] and "ergänzt" in reason["test_geloescht"]
    assert "„antwort_4“" in reason["antwort_geloescht"]
    assert "umgewandelt" in reason["umgetippt"]
    assert "länger als 10 Sekunden" in reason["endlosschleife"]
    assert "sys.exit" in reason["sys_exit"]
    assert "gekürzt" in reason["riesige_ausgabe"]
    assert "doppelt" in reason["doppelte_zelle"]
    assert "geschützte Zelle „test_antwort_1“" in reason["test_veraendert"]
    assert "meine_loesung.ipynb" in reason["kein_notebook_in_ordner"]
    assert parts["mmuster"]["message"] is None


def test_submitted_files_byte_identical(seminar):
    assert tree_hashes(seminar["dir"] / "submitted") == seminar["submitted_before"]


def test_report_json_scores(seminar, tmp_path):
    d = seminar["dir"]
    code, out, _ = run_cli("seminar", "report", str(d), A, "--json", "--xlsx", str(tmp_path / "bericht.xlsx"))
    assert code == 0
    rep = json.loads(out)
    assert rep["assignment"] == A and rep["max_score"] == 6.0
    by_id = {p["id"]: p for p in rep["participants"]}
    assert set(by_id) == {p[0] for p in PEOPLE.values()} | {"ohne"}
    for kind in KINDS:
        entry = by_id[PEOPLE[kind][0]]
        assert entry["score"] == faelle.expected_score(kind), (kind, entry)
        assert entry["max_score"] == 6.0
    assert by_id["ohne"] == {"id": "ohne", "score": None, "max_score": 6.0, "status": "fehlt",
                             "message": by_id["ohne"]["message"]}
    assert (d / f"bericht_{A}.png").read_bytes()[:4] == b"\x89PNG"
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "bericht.xlsx")
    rows = list(wb["Teilnehmende"].iter_rows(values_only=True))
    assert rows[0][:4] == ("id", "Name", "Status", "Punkte")
    assert rows[[r[0] for r in rows].index("mmuster")][:4] == ("mmuster", "Max Muster", "ok", 4)
    tasks = list(wb["Aufgabenteile"].iter_rows(values_only=True))
    assert any(r[0] == "jkoenig" and r[2] == "test_antwort_2" and r[4] == 0 and "titel" in r[6] for r in tasks)


def test_feedback_german_and_escaped(seminar):
    d = seminar["dir"]
    code, out, _ = run_cli("seminar", "feedback", str(d), A)
    assert code == 0 and "Rückmeldungen geschrieben" in out
    page = (d / "feedback" / "jkoenig" / A / "rueckmeldung.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Jörg&lt;/b&gt; König" in page and "<b>Jörg" not in page
    assert "2 von 6" in page
    assert "noch nicht erfüllt" in page
    assert "Die Variable „titel“ fehlt" in page  # titel not defined in the partial answer
    assert "Hier haben Sie noch keine Antwort eingetragen" in page  # manual answer left as stub
    full = (d / "feedback" / "mmuster" / A / "rueckmeldung.html").read_text(encoding="utf-8")
    assert "4 von 6" in full and "wird noch bewertet" in full  # the manual answer waits for the trainer
    assert (d / "feedback" / "mmuster" / A / f"{A}.html").is_file()  # nbgrader's own feedback as well
    broken = (d / "feedback" / PEOPLE["json_kaputt"][0] / A / "rueckmeldung.html").read_text(encoding="utf-8")
    assert "nicht automatisch bewertet" in broken and "JSON-Fehler" in broken


def test_export_pseudonymised(seminar, tmp_path):
    d = seminar["dir"]
    assert run_cli("seminar", "export", str(d), "--csv", str(tmp_path / "a.csv"), "--pseudonymisiert")[0] == 0
    assert run_cli("seminar", "export", str(d), "--csv", str(tmp_path / "b.csv"), "--pseudonymisiert")[0] == 0
    assert run_cli("seminar", "export", str(d), "--csv", str(tmp_path / "namen.csv"))[0] == 0
    pseudo = (tmp_path / "a.csv").read_bytes()
    assert pseudo == (tmp_path / "b.csv").read_bytes()  # stable pseudonyms
    text = pseudo.decode("utf-8-sig")
    for pid, _vor, nach in [*PEOPLE.values(), ABSENT]:
        assert pid not in text and nach not in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["pseudonym", A, "summe"] and len(rows) == len(PEOPLE) + 2
    assert sorted(r[1] for r in rows[1:] if r[1]).count("4") == sum(
        1 for k in KINDS if faelle.expected_score(k) == 4.0)
    named = (tmp_path / "namen.csv").read_text(encoding="utf-8-sig")
    assert "mmuster;Max;Muster;mmuster@musterstadt.example;4;4" in named


def test_parallel_grades_equal_sequential_nbgrader(seminar, tmp_path):
    """Same submissions, graded by plain sequential `nbgrader autograde` in a twin seminar."""
    d = seminar["dir"]
    twin = tmp_path / "zwilling"
    assert run_cli("seminar", "init", str(twin), "--quelle", str(SOURCE))[0] == 0
    api_res = run_cli("seminar", "roster", str(twin), str(seminar["base"] / "liste.csv"))
    assert api_res[0] == 0
    from kommsocial.seminar.distribute import generate
    from kommsocial.seminar.folder import open_seminar

    generate(open_seminar(twin), A)
    shutil.copytree(d / "submitted", twin / "submitted")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "autograde", A, "--force",
                           "--Execute.timeout=10"], cwd=twin, env=env, capture_output=True, text=True, check=False)
    failed = set(re.findall(r"error processing assignment '[^']*' for student '([^']+)'", proc.stderr + proc.stdout))
    from nbgrader.api import Gradebook

    def grades(db_url: str) -> dict[str, dict[str, float | None]]:
        with Gradebook(db_url, "kommsocial") as gb:
            return {s.student_id: {g.name: g.auto_score for nb in s.notebooks for g in nb.grades}
                    for s in gb.assignment_submissions(A)}

    ours, theirs = grades(seminar["db_url"]), grades(f"sqlite:///{twin / 'gradebook.db'}")
    graded_by_nbgrader = {p.name for p in (twin / "autograded").iterdir()}
    compared = sorted((graded_by_nbgrader - failed) & set(ours))
    # Plain nbgrader stops on these (KeyError); our pre-check repairs them in the grading copy.
    assert {PEOPLE["antwort_geloescht"][0], PEOPLE["doppelte_zelle"][0]} <= failed
    for pid in compared:
        assert ours[pid] == theirs[pid], pid
    must_compare = {PEOPLE[k][0] for k in ("voll", "leer", "teilweise", "umgetippt", "endlosschleife", "sys_exit",
                                            "riesige_ausgabe", "fremder_kernel", "test_veraendert",
                                            "test_geloescht")}
    assert must_compare <= set(compared), must_compare - set(compared)


def test_purge_removes_everything_of_one_person(seminar, request):
    d = seminar["dir"]
    run_cli("seminar", "feedback", str(d), A)
    code, out, _ = run_cli("seminar", "purge", str(d), "mmuster")
    assert code == 0
    for expected in ("Notenbuch", "submitted/mmuster", "autograded/mmuster", "feedback/mmuster",
                     "verteilen/mmuster", f"verteilen/mmuster_{A}.zip", f"importe/{A}/mmuster", f"status/{A}.json"):
        assert expected in out, expected
    leftovers = [str(p) for p in d.rglob("*mmuster*")]
    assert leftovers == []
    assert "mmuster" not in (d / "status" / f"{A}.json").read_text(encoding="utf-8")
    from nbgrader.api import Gradebook

    with Gradebook(seminar["db_url"], "kommsocial") as gb:
        ids = {s.id for s in gb.students}
        assert gb.find_student("emeier").submissions
    assert "mmuster" not in ids and "emeier" in ids
    assert (d / "submitted" / "emeier" / A).is_dir()
    assert run_cli("seminar", "purge", str(d), "mmuster")[0] == 2  # nothing left: clear error
    if seminar["backend"] == "sqlite":
        # No readable remains in the SQLite file (VACUUM after deleting).
        assert b"mmuster" not in (d / "gradebook.db").read_bytes()
        return
    # No readable remains in the PostgreSQL database's files (VACUUM FULL after deleting).
    cluster = request.getfixturevalue("pg_cluster")
    files = cluster.database_files(seminar["db_url"])
    assert files and not [f for f in files if b"mmuster" in f.read_bytes()]
    assert [f for f in files if b"emeier" in f.read_bytes()]  # the check does see the others' rows
