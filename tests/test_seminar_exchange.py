"""Seminar on a JupyterHub: release to nbgrader's exchange, a participant fetches and submits, collect, grade."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]
A = "s01_probe"
BIN = Path(sys.executable).parent


def participant(cmd: str, home: Path, exchange: Path) -> None:
    """What the participant's JupyterLab does in the Assignments tab (nbgrader fetch/submit)."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run([str(BIN / "nbgrader"), cmd, A, "--course", "kommsocial", f"--Exchange.root={exchange}",
                    f"--Exchange.assignment_dir={home}", f"--Exchange.cache={home / '.cache'}"],
                   cwd=home, env=env, check=True, capture_output=True)


def test_exchange_cycle(tmp_path: Path):
    from nbgrader.utils import get_username

    exchange, home, d = tmp_path / "exchange", tmp_path / "home", tmp_path / "kurs"
    exchange.mkdir()
    home.mkdir()
    exchange.chmod(0o777)
    assert run_cli("seminar", "init", str(d), "--quelle", str(ROOT / "tests/data/seminar/solutions"))[0] == 0
    code, out, _ = run_cli("seminar", "release", str(d), A, "--exchange", "--exchange-root", str(exchange))
    assert code == 0 and "Austauschordner" in out
    assert (exchange / "kommsocial" / "outbound" / A / f"{A}.ipynb").is_file()
    # Releasing again (corrected task) must work too.
    assert run_cli("seminar", "release", str(d), A, "--exchange", "--exchange-root", str(exchange))[0] == 0

    participant("fetch_assignment", home, exchange)
    nb_path = home / A / f"{A}.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "antwort_1":
            cell["source"] = "anzahl = 3"
    nb_path.write_text(json.dumps(nb), encoding="utf-8")
    participant("submit", home, exchange)

    code, out, _ = run_cli("seminar", "collect", str(d), A, "--exchange-root", str(exchange))
    user = get_username()
    assert code == 0 and "1 Abgaben" in out
    assert (d / "submitted" / user / A / f"{A}.ipynb").is_file()
    assert run_cli("seminar", "grade", str(d), A, "--workers", "1")[0] == 0
    code, out, _ = run_cli("seminar", "report", str(d), A, "--json")
    entry = {p["id"]: p for p in json.loads(out)["participants"]}[user]
    assert entry["status"] == "ok" and entry["score"] == 2.0

    code, out, _ = run_cli("seminar", "purge", str(d), user, "--exchange-root", str(exchange))
    assert code == 0 and "inbound" in out
    assert not list((exchange / "kommsocial" / "inbound").iterdir())
