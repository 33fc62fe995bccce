"""Generate participant versions (exercises/) from instructor notebooks (solutions/) with nbgrader.

Generation runs in a throw-away course folder, so no gradebook or log lands in
the repository and several assignments can be generated side by side.

    python -m kommsocial.seminar.generate            # all assignments
    python -m kommsocial.seminar.generate a02_pressemitteilung
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from kommsocial import paths
from kommsocial.errors import KommSocialError
from kommsocial.seminar.config import apply_common


def assignment_ids(source: Path | None = None) -> list[str]:
    """Assignment folders in solutions/ (those holding at least one notebook)."""
    source = source or paths.solutions_dir()
    return sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def generate_release(assignment: str, dest: Path, source: Path | None = None) -> Path:
    """Run nbgrader generate_assignment for one assignment and copy the result to dest/<assignment>.

    Returns:
        The folder with the generated participant version.
    """
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    source = source or paths.solutions_dir()
    if not (source / assignment).is_dir():
        raise KommSocialError(f"Die Aufgabe „{assignment}“ gibt es in {source} nicht.")
    with tempfile.TemporaryDirectory(prefix="kommsocial-gen-") as tmp:
        root = Path(tmp)
        shutil.copytree(source / assignment, root / "source" / assignment,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        c = apply_common(Config())
        c.CourseDirectory.root = str(root)
        c.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
        c.CourseDirectory.course_id = "kommsocial"
        api = NbGraderAPI(config=c)
        result = api.generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            raise KommSocialError(
                f"nbgrader konnte „{assignment}“ nicht erzeugen:\n{result.get('error') or result.get('log')}"
            )
        target = dest / assignment
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(root / "release" / assignment, target)
    return target


def main(argv: list[str] | None = None) -> int:
    """Regenerate exercises/ for the named (or all) assignments."""
    names = (argv if argv is not None else sys.argv[1:]) or assignment_ids()
    dest = paths.exercises_dir()
    dest.mkdir(exist_ok=True)
    for name in names:
        out = generate_release(name, dest)
        print(f"erzeugt: {out.relative_to(paths.project_root())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
