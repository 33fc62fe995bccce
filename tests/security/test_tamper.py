"""A submission changed after collect is never graded as changed (issue #10, finding 6).

Before: a changed file stopped the run once, stayed in submitted/, and the re-run graded it.
Now: grading uses the recorded copy, restores submitted/ and keeps the changed version in
quarantaene/; when the recorded copy is changed too, the submission is not graded at all.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from kommsocial.seminar import integrity

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

A = "s01_probe"
SOURCE = ROOT / "tests" / "data" / "seminar" / "solutions"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _blank_answers(nb: dict) -> dict:
    """The tampered version: the full solution with every answer removed (scores 0 if graded)."""
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("solution"):
            cell["source"] = ""
    return nb


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("tamper")
    d = base / "kurs"
    assert run_cli("seminar", "init", str(d), "--quelle", str(SOURCE))[0] == 0
    (base / "liste.csv").write_text("id;vorname;nachname;email\nanna;Anna;A;a@x.example\n"
                                    "bert;Bert;B;b@x.example\ncarla;Carla;C;c@x.example\n", encoding="utf-8")
    assert run_cli("seminar", "roster", str(d), str(base / "liste.csv"))[0] == 0
    assert run_cli("seminar", "release", str(d), A)[0] == 0
    solution = (d / "source" / A / f"{A}.ipynb").read_text(encoding="utf-8")
    inbox = base / "eingang"
    inbox.mkdir()
    for pid in ("anna", "bert", "carla"):
        (inbox / f"{A}_{pid}.ipynb").write_text(solution, encoding="utf-8")
    assert run_cli("seminar", "collect", str(d), A, "--from", str(inbox))[0] == 0
    return {"dir": d, "solution": solution}


def _grade(d: Path) -> dict:
    code, out, _ = run_cli("seminar", "grade", str(d), A, "--workers", "2", "--timeout", "20", "--json")
    assert code == 0, out
    return json.loads(out)["participants"]


def test_changed_submission_is_restored_and_quarantined(collected):
    d, solution = collected["dir"], collected["solution"]
    nb_path = d / "submitted" / "bert" / A / f"{A}.ipynb"
    original = _sha(nb_path)
    tampered = json.dumps(_blank_answers(json.loads(solution)))
    nb_path.write_text(tampered, encoding="utf-8")

    first = _grade(d)
    assert first["bert"]["status"] == "ok"
    assert "nach dem Einsammeln verändert" in first["bert"]["message"] and f"{A}.ipynb" in first["bert"]["message"]
    assert _sha(nb_path) == original  # submitted/ holds the collected version again
    kept = list((d / "quarantaene" / A).glob("bert-*/" + f"{A}.ipynb"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == tampered
    assert first["anna"]["status"] == "ok" and not first["anna"]["message"]

    # The re-run grades the collected version without a new note, with the same points as anna's.
    second = _grade(d)
    assert second["bert"]["status"] == "ok" and not second["bert"]["message"]
    code, report, _ = run_cli("seminar", "report", str(d), A, "--json")
    assert code == 0
    by_id = {p["id"]: p for p in json.loads(report)["participants"]}
    assert by_id["bert"]["score"] == by_id["anna"]["score"] == 4.0  # the full automatic points of s01_probe


def test_changed_record_and_submission_are_not_graded(collected):
    d = collected["dir"]
    nb_path = d / "submitted" / "carla" / A / f"{A}.ipynb"
    nb_path.write_text("{}", encoding="utf-8")
    copy = integrity.recorded_folder(d, A, "carla") / f"{A}.ipynb"
    copy.chmod(0o644)
    copy.write_text("{}", encoding="utf-8")

    result = _grade(d)
    assert result["carla"]["status"] == "fehler"
    message = result["carla"]["message"]
    assert "Nicht bewertet" in message and "kommsocial seminar einsammeln" in message
    assert list((d / "quarantaene" / A).glob("carla-*"))
    # A second run still refuses: nothing silently accepts the changed file.
    assert _grade(d)["carla"]["status"] == "fehler"


def test_verify_restores_a_change_made_after_the_check(collected, tmp_path):
    """The check after grading: a change made while the workers ran is found and undone."""
    d = collected["dir"]
    nb_path = d / "submitted" / "anna" / A / f"{A}.ipynb"
    before = _sha(nb_path)
    assert integrity.verify(d, A, "anna").status == "ok"
    nb_path.write_text("verändert", encoding="utf-8")
    check = integrity.verify(d, A, "anna")
    assert check.status == "wiederhergestellt" and _sha(nb_path) == before


def test_purge_removes_recorded_copies(collected):
    d = collected["dir"]
    assert integrity.recorded_folder(d, A, "bert").is_dir()
    code, out, _ = run_cli("seminar", "purge", str(d), "bert")
    assert code == 0 and f"{integrity.ARCHIVE}/{A}/bert" in out
    assert not integrity.recorded_folder(d, A, "bert").exists()
    assert not list((d / "quarantaene" / A).glob("bert-*"))
    assert not (d / integrity.ARCHIVE / A / "bert.json").exists()
