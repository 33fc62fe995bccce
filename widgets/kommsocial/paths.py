"""Where the course material lives (repository checkout or current folder)."""

from __future__ import annotations

from pathlib import Path

from kommsocial.errors import KommSocialError


def project_root() -> Path:
    """The folder that holds course/, solutions/ and exercises/.

    The package is installed editable from widgets/, so the checkout is two
    levels above it; otherwise the current folder is used.
    """
    candidate = Path(__file__).resolve().parents[2]
    if (candidate / "course").is_dir():
        return candidate
    cwd = Path.cwd()
    if (cwd / "course").is_dir():
        return cwd
    raise KommSocialError(
        "Der Kursordner wurde nicht gefunden. Starten Sie den Befehl im KommSocial-Ordner "
        "(dort, wo die Ordner „course“ und „solutions“ liegen)."
    )


def course_dir() -> Path:
    """Teaching notebooks."""
    return project_root() / "course"


def apps_dir() -> Path:
    """Voilà apps for self-learners."""
    return course_dir() / "apps"


def solutions_dir() -> Path:
    """nbgrader source: instructor notebooks."""
    return project_root() / "solutions"


def exercises_dir() -> Path:
    """nbgrader release: participant notebooks generated from solutions/."""
    return project_root() / "exercises"
