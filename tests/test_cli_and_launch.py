"""The `kommsocial` command frame and the start-up of JupyterLab with German UI and Voilà."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, alive, descendants, free_port, run_cli, stop, wait_for_http
from kommsocial import launch


def test_help_is_german():
    res = run_cli("--hilfe")
    assert res.code == 0
    assert "Aufruf:" in res.out and "Befehle" in res.out
    for cmd in ("lab", "apps", "check"):
        assert cmd in res.out


def test_unknown_option_exits_2_with_german_message():
    res = run_cli("lab", "--gibtesnicht")
    assert res.code == 2
    assert "Fehler: unbekannte Angaben" in res.err
    assert "Traceback" not in res.err


def test_no_command_prints_help_and_exits_2():
    res = run_cli()
    assert res.code == 2
    assert "Befehle" in res.out


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
                                stdout=fh, stderr=subprocess.STDOUT, env=launch.lab_env())
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
        # Participants: nbgrader's trainer tools are off, the assignment list stays.
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=30) as r:
            page = r.read().decode("utf-8")
        config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S).group(1))
        disabled = config.get("disabledExtensions", [])
        assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                "@jupyter/nbgrader:course-list"} <= set(disabled), disabled
        assert "@jupyter/nbgrader:assignment-list" not in disabled
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(f"{base}/formgrader?token={token}", timeout=30)
        assert gone.value.code == 404
    finally:
        stop(proc)


def test_trainer_lab_keeps_nbgrader_tools():
    env = launch.lab_env(trainer=True, base={"PATH": "/usr/bin"})
    assert "JUPYTER_CONFIG_PATH" not in env
    participant = launch.lab_env(base={"PATH": "/usr/bin", "JUPYTER_CONFIG_PATH": "/etc/x"})
    first, rest = participant["JUPYTER_CONFIG_PATH"].split(os.pathsep, 1)
    assert first.endswith("deploy/jupyterhub/config/teilnehmende") and rest == "/etc/x"


@pytest.mark.slow
def test_apps_stopped_with_sigterm_leave_no_server_or_kernel(tmp_path):
    """What systemd or a container runtime does: SIGTERM to `kommsocial apps`."""
    import signal

    port = free_port()
    log = tmp_path / "apps.log"
    with log.open("w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "kommsocial.cli", "apps", "--port", str(port)],
                                stdout=fh, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/voila/tree", proc, log)
        urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/render/post_werkstatt.ipynb", timeout=60).read()
        family = descendants(proc.pid)
        assert len(family) >= 2, "server and one kernel run"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) is not None
        deadline = time.monotonic() + 30
        while any(alive(p) for p in family) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in family if alive(p)], log.read_text(encoding="utf-8")[-2000:]
    finally:
        if proc.poll() is None:
            proc.kill()


def test_first_free_port_skips_a_busy_port():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        chosen = launch.first_free_port("127.0.0.1", port)
        assert chosen != port and port < chosen < port + launch.PORT_TRIES


def test_all_ports_busy_is_a_german_error(monkeypatch):
    from kommsocial.errors import KommSocialError

    monkeypatch.setattr(launch.socket.socket, "bind", lambda self, addr: (_ for _ in ()).throw(OSError(98, "busy")))
    with pytest.raises(KommSocialError, match="alle belegt.*make start PORT=9000"):
        launch.first_free_port("127.0.0.1", 8888, tries=3)


def _make_dry_run(*args: str) -> str:
    """The command `make -n start …` would run (as a nested make under `make test` it also prints directories)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    res = subprocess.run(["make", "--no-print-directory", "-n", "start", *args], capture_output=True, text=True,
                         cwd=ROOT, timeout=60, env=env)
    assert res.returncode == 0, res.stderr
    (line,) = [ln for ln in res.stdout.splitlines() if "kommsocial lab" in ln]
    return line.strip()


def test_make_start_passes_the_port():
    assert _make_dry_run("PORT=9123").endswith("kommsocial lab --port 9123")
    assert "--port" not in _make_dry_run()


@pytest.mark.slow
@pytest.mark.parametrize(("command", "probe"), [
    ("lab", "/lab/tree/course/00_einstieg"),
    ("apps", "/voila/render/post_werkstatt.ipynb"),
])
def test_busy_port_prints_the_addresses_in_use(tmp_path, command, probe):
    """A second `make start` while the first runs: every printed address must answer, none the busy port."""
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        log = tmp_path / f"{command}.log"
        proc = subprocess.Popen([sys.executable, "-m", "kommsocial.cli", command, "--port", str(port)],
                                stdout=subprocess.PIPE, stderr=log.open("w"), text=True, cwd=ROOT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            assert proc.stdout is not None
            lines = []
            for line in proc.stdout:
                lines.append(line)
                if line.startswith("Beenden mit"):
                    break
            printed = "".join(lines)
            assert f"Port {port} ist belegt; KommSocial nutzt Port" in printed
            urls = re.findall(r"http://localhost:(\d+)(/\S*)", printed)
            assert len(urls) >= len(launch.app_names())
            used = {int(p) for p, _ in urls}
            assert len(used) == 1 and port not in used
            url = next(f"http://127.0.0.1:{p}{path}" for p, path in urls if path.startswith(probe))
            wait_for_http(url, proc, log, timeout=120)
            with urllib.request.urlopen(url, timeout=120) as r:
                assert r.status == 200
        finally:
            stop(proc)
