"""The `kommsocial` command frame and the start-up of JupyterLab with German UI and Voilà."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

import pytest

from conftest import ROOT, free_port, stop, wait_for_http
from kommsocial import launch
from kommsocial.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kommsocial.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_help_is_german():
    res = run_cli("--hilfe")
    assert res.returncode == 0
    assert "Aufruf:" in res.stdout and "Befehle" in res.stdout
    for cmd in ("lab", "apps", "check"):
        assert cmd in res.stdout


def test_unknown_option_exits_2_with_german_message():
    res = run_cli("lab", "--gibtesnicht")
    assert res.returncode == 2
    assert "Fehler: unbekannte Angaben" in res.stderr
    assert "Traceback" not in res.stderr


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "Befehle" in capsys.readouterr().out


def test_german_ui_override_written(tmp_path):
    target = launch.ensure_german_ui(tmp_path)
    data = json.loads(target.read_text())
    assert data["@jupyterlab/translation-extension:plugin"]["locale"] == "de_DE"
    assert data["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    # keeps other settings and is idempotent
    target.write_text(json.dumps({"x": 1}))
    launch.ensure_german_ui(tmp_path)
    assert json.loads(target.read_text())["x"] == 1


def test_public_apps_hide_code_and_tracebacks():
    cmd = launch.apps_command(8866, "127.0.0.1")
    assert "--strip_sources=True" in cmd and "--show_tracebacks=False" in cmd
    assert any("cull_idle_timeout" in a for a in cmd)


@pytest.mark.slow
def test_lab_serves_german_language_pack_and_voila(tmp_path):
    """What `make start` starts: JupyterLab answers, knows de_DE, and serves Voilà inside."""
    port, token = free_port(), "testtoken"
    log = tmp_path / "lab.log"
    with log.open("w") as fh:
        proc = subprocess.Popen(launch.lab_command(port, token, "127.0.0.1", False), cwd=ROOT,
                                stdout=fh, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(f"{base}/api/status?token={token}", proc, log)
        with urllib.request.urlopen(f"{base}/lab/api/translations/?token={token}", timeout=30) as r:
            langs = json.loads(r.read())["data"]
        assert "de_DE" in langs
        apps = launch.app_names()
        assert apps, "course/apps/ has no apps"
        with urllib.request.urlopen(f"{base}/voila/render/course/apps/{apps[0]}?token={token}", timeout=120) as r:
            assert r.status == 200
    finally:
        stop(proc)
