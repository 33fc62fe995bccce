"""Hostile submissions graded next to honest ones (issue #10, findings 1 and 2).

Real nbgrader, real bubblewrap, the course's own task a02_pressemitteilung. The attackers
know every host path (the seminar folder, the system's temp folder): the sandbox must hold
even then. Without the sandbox (the code before issue #10) each of these attacks succeeded.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

A = "a02_pressemitteilung"


def _cells_by_id(nb: dict) -> dict[str, dict]:
    return {c["metadata"].get("nbgrader", {}).get("grade_id"): c for c in nb["cells"]}


def _with_answer(release: dict, code: str) -> dict:
    """The released notebook with the attack in the first answer cell."""
    nb = copy.deepcopy(release)
    _cells_by_id(nb)["antwort_x"]["source"] = code
    return nb


def _setup_helpers(release: dict) -> list[str]:
    """The functions the locked setup cells import: what a cheater would redefine."""
    import ast

    names = []
    for cell in release["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if cell["cell_type"] == "code" and meta.get("locked") and not meta.get("grade"):
            for node in ast.walk(ast.parse("".join(cell["source"]))):
                if isinstance(node, ast.ImportFrom):
                    names += [a.asname or a.name for a in node.names if a.name[0].islower()]
    return names


def _attacks(seminar: Path, marker: str, helpers: list[str]) -> dict[str, str]:
    tmp = tempfile.gettempdir()
    sabotage = f"""
import glob, os, subprocess, sys
ZIEL = r'''
import glob, time
ende = time.time() + 40
while time.time() < ende:
    for muster in ({str(seminar)!r} + "/**/*.ipynb", {tmp!r} + "/kommsocial-*/**/*.ipynb", "/tmp/**/*.ipynb",
                   "../*/*.ipynb", "../../*/*/*.ipynb"):
        for pfad in glob.glob(muster, recursive=True):
            try:
                open(pfad, "w").write('{{"cells": [], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}')
            except Exception:
                pass
    time.sleep(0.2)
'''
subprocess.Popen([sys.executable, "-c", ZIEL], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
# {marker}
"""
    spion = f"""
import glob, json, os
gefunden = []
for pid in os.listdir("/proc"):
    try:
        gefunden.append(os.readlink(f"/proc/{{pid}}/cwd"))
    except OSError:
        pass
orte = [{str(seminar)!r}, {tmp!r}, "..", "../..", "/tmp", *gefunden]
for ort in orte:
    if ort in ("/", ""):
        continue
    pfade = glob.glob(ort + "/**/source/**/{A}.ipynb", recursive=True)
    for pfad in pfade + glob.glob(ort + "/**/{A}.ipynb", recursive=True):
        try:
            nb = json.load(open(pfad))
        except Exception:
            continue
        for zelle in nb.get("cells", []):
            text = "".join(zelle.get("source", ""))
            if "BEGIN SOLUTION" in text and zelle.get("cell_type") == "code":
                exec(text, globals())
"""
    faelscher = "\n".join(f"{h} = lambda *args, **kwargs: None" for h in helpers) + """
import builtins
import kommsocial.seminar.checks as checks
import kommsocial.seminar.post_checks as post_checks
nichts = lambda *args, **kwargs: None
pruefe_post = pruefe_typ = pruefe_zwischen = nichts
analyze = lambda *args, **kwargs: []
checks.pruefe_typ = post_checks.pruefe_post = builtins.pruefe_post = nichts
post_x = post_instagram = alt_text_instagram = post_mastodon = "egal"
"""
    notenbuch = f"""
import glob, os, subprocess, sys
SCHREIBER = r'''
import glob, os, sqlite3, time
ende = time.time() + 40
while time.time() < ende:
    kandidaten = glob.glob({str(seminar)!r} + "/gradebook.db")
    kandidaten += glob.glob({tmp!r} + "/kommsocial-grade-*/*/gradebook.db")
    for pid in os.listdir("/proc"):
        try:
            kandidaten += glob.glob(os.readlink(f"/proc/{{pid}}/cwd") + "/**/gradebook.db", recursive=True)
        except OSError:
            pass
    for db in kandidaten:
        try:
            con = sqlite3.connect(db, timeout=1)
            con.execute("update grade set manual_score = 3")
            con.commit()
            con.close()
        except Exception:
            pass
    try:
        open({str(seminar / (marker + ".txt"))!r}, "a").write("x")
    except Exception:
        pass
    time.sleep(0.3)
'''
subprocess.Popen([sys.executable, "-c", SCHREIBER, "{marker}"], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
"""
    prozesse = f"""
import subprocess
for i in range(50):
    subprocess.Popen(["sleep", "777.{marker_digits(marker)}"], start_new_session=True)
"""
    stur = """
import signal, time
signal.signal(signal.SIGINT, signal.SIG_IGN)  # ignores the interrupt after the time limit
while True:
    time.sleep(0.05)
"""
    return {"t02": sabotage, "t03": spion, "t04": faelscher, "t05": notenbuch, "t06": prozesse, "t08": stur}


def marker_digits(marker: str) -> str:
    return str(int(marker[:8], 16))


def _host_processes_with(text: str) -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="ignore")
        except OSError:
            continue
        if text in cmdline and "pytest" not in cmdline:
            found.append(int(pid))
    return found


def _tree_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("sandbox")
    d = base / "kurs"
    marker = uuid.uuid4().hex
    assert run_cli("seminar", "init", str(d), "--quelle", str(ROOT / "solutions"))[0] == 0
    people = ["t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08"]
    (base / "liste.csv").write_text("id;vorname;nachname;email\n" + "".join(
        f"{p};Vorname{p};Nachname{p};{p}@musterstadt.example\n" for p in people), encoding="utf-8")
    assert run_cli("seminar", "roster", str(d), str(base / "liste.csv"))[0] == 0
    assert run_cli("seminar", "release", str(d), A)[0] == 0
    solution = json.loads((d / "source" / A / f"{A}.ipynb").read_text(encoding="utf-8"))
    release = json.loads((d / "release" / A / f"{A}.ipynb").read_text(encoding="utf-8"))
    inbox = base / "eingang"
    inbox.mkdir()
    notebooks = {"t01": solution, "t07": solution,
                 **{p: _with_answer(release, code) for p, code in _attacks(d, marker, _setup_helpers(release)).items()}}
    for pid, nb in notebooks.items():
        (inbox / f"{A}_{pid}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    assert run_cli("seminar", "collect", str(d), A, "--from", str(inbox))[0] == 0
    submitted_before = _tree_hashes(d / "submitted")
    source_before = _tree_hashes(d / "source")
    code, out, _ = run_cli("seminar", "grade", str(d), A, "--workers", "2", "--timeout", "30", "--json")
    assert code == 0, out
    time.sleep(2)  # anything still running would write now
    with sqlite3.connect(d / "gradebook.db") as con:
        scores = {}
        for student, auto, manual in con.execute(
                "select submitted_assignment.student_id, sum(grade.auto_score), sum(grade.manual_score) "
                "from grade join submitted_notebook on grade.notebook_id = submitted_notebook.id "
                "join submitted_assignment on submitted_notebook.assignment_id = submitted_assignment.id "
                "group by submitted_assignment.student_id"):
            scores[student] = (auto or 0, manual)
    return {"dir": d, "marker": marker, "helpers": _setup_helpers(release), "result": json.loads(out), "scores": scores,
            "submitted_before": submitted_before, "source_before": source_before}


def test_honest_submissions_keep_full_points(graded):
    scores, parts = graded["scores"], graded["result"]["participants"]
    full = scores["t01"][0]
    assert full >= 10  # the automatic points of a02 (X, Instagram, alt text, Mastodon)
    assert scores["t07"][0] == full  # graded after the saboteur and the gradebook writer
    for pid in ("t01", "t07"):
        assert parts[pid]["status"] == "ok" and not parts[pid]["message"], parts[pid]


def test_cheats_get_no_automatic_points(graded):
    scores, parts = graded["scores"], graded["result"]["participants"]
    for pid in ("t02", "t03", "t04", "t05", "t06", "t08"):
        assert parts[pid]["status"] == "ok", parts[pid]
        assert scores[pid][0] == 0, (pid, scores[pid])
        assert scores[pid][1] is None, (pid, scores[pid])  # nobody wrote a manual score


def test_helper_redefinition_is_noted(graded):
    message = graded["result"]["participants"]["t04"]["message"] or ""
    assert graded["helpers"], "a02 imports its check helpers in the setup cell"
    assert all(f"„{h}“" in message for h in graded["helpers"]) and "Originalfassung" in message, message


def test_background_processes_are_noted_and_gone(graded):
    parts = graded["result"]["participants"]
    for pid in ("t02", "t05", "t06"):
        assert "im Hintergrund gestartet" in (parts[pid]["message"] or ""), parts[pid]
    assert _host_processes_with(graded["marker"]) == []
    assert _host_processes_with("777." + marker_digits(graded["marker"])) == []


def test_nothing_outside_the_sandbox_changed(graded):
    d = graded["dir"]
    assert _tree_hashes(d / "submitted") == graded["submitted_before"]
    assert _tree_hashes(d / "source") == graded["source_before"]
    assert not (d / (graded["marker"] + ".txt")).exists()


def test_submission_ignoring_the_interrupt_stops_early_with_a_german_note(graded):
    message = graded["result"]["participants"]["t08"]["message"] or ""
    assert "ließ sich danach nicht abbrechen" in message and "zählen 0" in message, message
    assert "Timeout" not in message and "Traceback" not in message
    # Stopped after the stuck cell: not every later cell waited out its own limit (30 s each).
    assert message.count("länger als") == 1 and "ließen sich nicht aus dem Notebook lesen" not in message, message
