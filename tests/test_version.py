"""The version is defined once (pyproject.toml); the package, the command and the changelog agree."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import kommsocial
from conftest import ROOT


def _declared() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_package_and_command_report_the_version_of_pyproject():
    version = _declared()
    assert kommsocial.__version__ == version
    # A real process: the command as installed prints the version, not only main().
    out = subprocess.run([sys.executable, "-m", "kommsocial.cli", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == f"kommsocial {version}"


def test_no_module_writes_the_version_number_itself():
    version = re.escape(_declared())
    pattern = re.compile(rf"""["']{version}["']""")
    hits = [str(p.relative_to(ROOT)) for p in (ROOT / "widgets" / "kommsocial").rglob("*.py")
            if pattern.search(p.read_text(encoding="utf-8"))]
    assert not hits, hits


def test_changelog_names_the_current_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {_declared()}" in text and "## Unveröffentlicht" in text
