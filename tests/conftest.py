"""Shared helpers: in-process CLI runner, notebook execution, a Voilà server like `kommsocial apps`, Chromium."""

from __future__ import annotations

import atexit
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import NamedTuple

import pytest

from pgserver import backend, pg_cluster, pg_url  # noqa: F401 (fixtures: a throwaway PostgreSQL server)

ROOT = Path(__file__).resolve().parents[1]
# Keyrings and default crisis stores of the tests live in a private temporary home, never in ~/.kommsocial
# (subprocesses, notebooks and servers started by the tests inherit it).
os.environ["KOMMSOCIAL_HOME"] = tempfile.mkdtemp(prefix="kommsocial-home-")
# Removed when this test process ends (each xdist worker imports conftest and owns its own home).
atexit.register(shutil.rmtree, os.environ["KOMMSOCIAL_HOME"], True)
os.environ.pop("KOMMSOCIAL_KRISEN_DB", None)
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


class Result(NamedTuple):
    """What one `kommsocial …` call did: exit code and everything it wrote to stdout and stderr."""

    code: int
    out: str
    err: str


def run_cli(*args: str | os.PathLike, stdin: str | bytes | None = None) -> Result:
    """`kommsocial ARGS…` in this process: calls kommsocial.cli.main with stdout and stderr captured.

    `stdin` (text is sent as UTF-8) replaces standard input for the call, like `input=` of subprocess.run.
    A SystemExit (argparse on --hilfe or a bad option) becomes the exit code, as the interpreter would make it;
    any other exception propagates, so a traceback fails the test instead of hiding in stderr.
    What the command wrote to stderr is passed on to the test's stderr as well (shown when a test fails).
    Tests that need a separate process (the console script, signals, another environment, a server) use
    subprocess and say why.
    """
    from kommsocial.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main([os.fspath(a) for a in args])
            except SystemExit as exc:
                if exc.code is None or isinstance(exc.code, int):
                    code = exc.code or 0
                else:  # sys.exit("message"): the interpreter prints it and exits with 1
                    print(exc.code, file=sys.stderr)
                    code = 1
    finally:
        sys.stdin = old_stdin
    sys.stderr.write(err.getvalue())  # also to the test's own stderr: pytest shows it when the test fails
    return Result(code, out.getvalue(), err.getvalue())


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    """Poll until the server answers; fail with its log if it dies or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited early:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status < 500:
                    return
        except Exception:
            time.sleep(0.3)
    pytest.fail(f"server did not answer {url} within {timeout}s:\n{log.read_text(errors='replace')[-4000:]}")


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server process (and wait)."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def execute_notebook(path: Path, timeout: int = 180):
    """Execute a notebook in a fresh kernel with its folder as working directory; returns it."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return nb


def _proc_state(pid: int) -> str:
    """State letter of a process from /proc (R, S, Z …); raises OSError when it is gone."""
    return Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]


def alive(pid: int) -> bool:
    """Is the process still there (a zombie counts as gone)?"""
    try:
        return _proc_state(pid) != "Z"
    except OSError:
        return False


def descendants(pid: int) -> set[int]:
    """Every process below `pid` (children, grandchildren …), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text(encoding="ascii")
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def in_fresh_thread(fn, timeout: float = 180):
    """Run fn in a new thread: no event loop runs there (Playwright's sync API may run one in this worker)."""
    result, errors = [], []

    def target():
        try:
            result.append(fn())
        except BaseException as exc:  # re-raised in the test thread
            errors.append(exc)

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(timeout=timeout)
    if t.is_alive():
        raise TimeoutError(f"{getattr(fn, '__name__', fn)} did not finish within {timeout:g} s")
    if errors:
        raise errors[0]
    return result[0] if result else None


@contextmanager
def voila_notebook(folder: Path, name: str, source: str, *voila_args: str) -> Iterator[str]:
    """Standalone Voilà serving `folder` (also its working directory) with one notebook of one code cell
    `source`; yields the base URL and stops the server afterwards."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / name)
    port = free_port()
    log = folder / "voila.log"
    with log.open("w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "voila", str(folder), f"--port={port}",
                                 "--Voila.ip=127.0.0.1", "--no-browser", *voila_args],
                                cwd=folder, stdout=fh, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(base + "/voila/tree", proc, log)
        yield base
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def voila_apps_url(tmp_path_factory) -> str:
    """Base URL of a standalone Voilà serving course/apps/ exactly as `kommsocial apps` does."""
    from kommsocial.launch import apps_command

    port = free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log.open("w") as fh:
        # Many browser tests share this server; the kernel cap itself is tested in tests/security.
        proc = subprocess.Popen(apps_command(port, "127.0.0.1", max_kernels=200), cwd=ROOT, stdout=fh,
                                stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    wait_for_http(base + "/voila/tree", proc, log)
    yield base
    stop(proc)


def chromium_path() -> str:
    """Debian's Chromium; the test run installs it (see .ci/run and scripts/ensure-chromium)."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("Chromium not found: run `make test` (it installs Debian's chromium) or set CHROMIUM_PATH.")


@pytest.fixture(scope="session")
def browser():
    """Real headless Chromium driven by Playwright."""
    from playwright.sync_api import expect, sync_playwright

    # A widget update goes browser -> kernel -> browser; on a loaded machine that takes seconds.
    # Browser tests assert with `expect(...)`, which waits up to this long for the state.
    expect.set_options(timeout=30_000)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh browser page; JavaScript dialogs are recorded (a fired alert means injected script ran)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def open_app(page, base_url: str, app: str, ready_selector: str = ".widget-box, .jupyter-widgets",
             timeout_ms: int = 90_000):
    """Open a Voilà app and wait until its widgets are rendered."""
    page.goto(f"{base_url}/voila/render/{app}", timeout=timeout_ms)
    page.wait_for_selector(ready_selector, timeout=timeout_ms)
    return page


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files (tests/data/golden/) from the current output instead of comparing")
