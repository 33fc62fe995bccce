"""`kommsocial seminar bewerten --workers 2` vs. plain sequential `nbgrader autograde` on the same 20 submissions.

Both run as separate commands on identical seminar folders (fixture assignment of
tests/data/seminar); prints the wall-time ratio (target ≤ 0.6 on 2 cores) and
whether the grades of every cell agree.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data" / "seminar"))
import faelle  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
ASSIGNMENT = "s01_probe"
KINDS = ["voll"] * 8 + ["teilweise"] * 6 + ["leer"] * 6


def setup(folder: Path) -> None:
    """Seminar folder with 20 participants and their submissions."""
    run([str(BIN / "kommsocial"), "seminar", "anlegen", str(folder),
         "--quelle", str(ROOT / "tests/data/seminar/solutions")])
    roster = folder.parent / f"{folder.name}.csv"
    roster.write_text("id;vorname;nachname;email\n" + "".join(
        f"p{i:02d};Person;Nummer{i};\n" for i in range(len(KINDS))), encoding="utf-8")
    run([str(BIN / "kommsocial"), "seminar", "roster", str(folder), str(roster)])
    run([str(BIN / "kommsocial"), "seminar", "verteilen", str(folder), ASSIGNMENT])
    sol = faelle.load(folder / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    rel = faelle.load(folder / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    for i, kind in enumerate(KINDS):
        target = folder / "submitted" / f"p{i:02d}" / ASSIGNMENT
        target.mkdir(parents=True)
        (target / f"{ASSIGNMENT}.ipynb").write_bytes(faelle.notebook_bytes(kind, sol, rel))


def run(cmd: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def grades(folder: Path) -> dict[tuple[str, str], float | None]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}", "kommsocial") as gb:
        return {(s.student_id, g.name): g.auto_score
                for s in gb.assignment_submissions(ASSIGNMENT) for nb in s.notebooks for g in nb.grades}


def main() -> int:
    rounds = int(os.environ.get("BENCH_ROUNDS", "2"))
    with tempfile.TemporaryDirectory(prefix="bench-seminar-") as tmp:
        seq, par = Path(tmp) / "sequentiell", Path(tmp) / "parallel"
        setup(seq)
        setup(par)
        # Interleaved rounds: other load on the machine hits both sides alike.
        t_seq, t_par = [], []
        for _ in range(rounds):
            t_seq.append(run([str(BIN / "nbgrader"), "autograde", ASSIGNMENT, "--force"], cwd=seq))
            t_par.append(run([str(BIN / "kommsocial"), "seminar", "bewerten", str(par), ASSIGNMENT, "--workers", "2"]))
        g_seq, g_par = grades(seq), grades(par)
        same = g_seq == g_par and len(g_seq) == len(KINDS) * 4
        print(f"submissions: {len(KINDS)}, CPU cores: {os.cpu_count()}, rounds: {rounds}, "
              f"load average at end: {os.getloadavg()[0]:.1f}")
        print("baseline nbgrader autograde (sequential): " + ", ".join(f"{t:.1f} s" for t in t_seq))
        print("kommsocial seminar bewerten --workers 2:     " + ", ".join(f"{t:.1f} s" for t in t_par))
        print("ratio per round: " + ", ".join(f"{p / s:.2f}" for p, s in zip(t_par, t_seq)))
        print(f"ratio parallel/sequential (total): {sum(t_par) / sum(t_seq):.2f} (target <= 0.6)")
        print(f"grades identical: {'yes' if same else 'NO'} ({len(g_par)} graded cells)")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
