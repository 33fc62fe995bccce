"""Public app hosting (issue #14): kernel memory and first render of every Voilà app, cold and preheated.

The server is the one `kommsocial apps` starts (launch.apps_command: standalone Voilà, the kommsocial
template, kernel cap and memory limit), serving a copy of course/apps/ plus a baseline notebook that shows
one ipywidgets label. A visitor is a fresh page in headless Chromium; first render = from the request until
the first widget is visible. Per app and round: a new page, so a new kernel.

Printed per app, with the baseline measured in the same run on the same server:
- kernel RSS / RSS of the baseline's kernel (a bare ipywidgets kernel)      target <= 1.5
- first render / first render of the baseline notebook                    target <= 1.3
- first render with one preheated kernel per app / cold first render      target <= 0.6
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 3
BASELINE = "_leer.ipynb"
READY = ".jupyter-widgets, .widget-box"
# Many visitors are many pages of one browser: none of them may be throttled as a background tab.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                  "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                  "--disable-backgrounding-occluded-windows"]


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("Chromium not found: run `make test` once (it installs Debian's chromium) or set CHROMIUM_PATH.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_folder() -> Path:
    """A copy of course/apps/ with the baseline notebook (an ipywidgets label, nothing else)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-apps-"))
    for nb in (ROOT / "course" / "apps").glob("*.ipynb"):
        shutil.copy(nb, folder / nb.name)
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": "import ipywidgets as widgets\nwidgets.Label('Leer')"}
    nb = {"cells": [cell], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                         "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    (folder / BASELINE).write_text(json.dumps(nb), encoding="utf-8")
    return folder


@contextmanager
def apps_server(folder: Path, preheat: int = 0, max_kernels: int = 80) -> Iterator[tuple[str, psutil.Process]]:
    """`kommsocial apps` on folder (same options), on a free port; yields base URL and server process."""
    from kommsocial import launch

    port = free_port()
    cmd = launch.apps_command(port, "127.0.0.1", max_kernels=max_kernels, preheat=preheat)
    cmd[cmd.index(str(launch.paths.apps_dir()))] = str(folder)
    log = folder / f"server-{port}.log"
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, cwd=folder)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/voila/tree", timeout=5).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                sys.exit("server did not start:\n" + log.read_text(errors="replace")[-3000:])
            time.sleep(0.3)
    try:
        yield base, psutil.Process(proc.pid)
    finally:
        family = descendants(psutil.Process(proc.pid))
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        for p in family:
            if p.is_running():
                p.kill()


def descendants(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return proc.children(recursive=True)
    except psutil.Error:
        return []


def rss_mb(procs: list[psutil.Process]) -> float:
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total / 1024**2


def wait_idle(server: psutil.Process, limit_percent: float = 15.0, quiet_seconds: float = 2.0,
              timeout: float = 240.0) -> None:
    """Wait until server and kernels are quiet (preheating or culling done), so renders do not overlap."""
    quiet_since = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        procs = [server, *descendants(server)]
        before = sum(_cpu(p) for p in procs)
        time.sleep(0.5)
        used = (sum(_cpu(p) for p in procs) - before) / 0.5 * 100
        if used < limit_percent:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= quiet_seconds:
                return
        else:
            quiet_since = None


def _cpu(p: psutil.Process) -> float:
    try:
        t = p.cpu_times()
        return t.user + t.system
    except psutil.Error:
        return 0.0


def render_once(browser, base: str, app: str, server: psutil.Process) -> tuple[float, float]:
    """One visitor: seconds to the first visible widget, and RSS (MB) of the kernel that serves the page."""
    before = {p.pid for p in descendants(server)}
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(f"{base}/voila/render/{app}", timeout=180_000)
        page.wait_for_selector(READY, state="visible", timeout=180_000)
        seconds = time.perf_counter() - start
        page.wait_for_timeout(1000)  # the kernel settles (widget comms opened) before its memory is read
        # The kernel started for this visit (with preheating the page takes a pool kernel instead, and
        # the new process is its replacement: memory is only read for cold visits).
        kernels = [p for p in descendants(server) if p.pid not in before]
        return seconds, rss_mb(kernels)
    finally:
        context.close()


def measure(browser, base: str, server: psutil.Process, apps: list[str]) -> dict[str, tuple[float, float]]:
    """Median first render (s) and median kernel RSS (MB) per app over ROUNDS visits."""
    results = {}
    for app in apps:
        times, memory = [], []
        for _ in range(ROUNDS):
            wait_idle(server)
            seconds, mb = render_once(browser, base, app, server)
            times.append(seconds)
            memory.append(mb)
        results[app] = (statistics.median(times), statistics.median(memory))
    return results


def main() -> int:
    from playwright.sync_api import sync_playwright

    folder = app_folder()
    apps = sorted(p.name for p in folder.glob("*.ipynb") if p.name != BASELINE)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
            with apps_server(folder) as (base, server):
                cold = measure(browser, base, server, [BASELINE, *apps])
            with apps_server(folder, preheat=1) as (base, server):
                wait_idle(server, quiet_seconds=3.0)
                warm = {}
                for app in apps:
                    wait_idle(server)  # the pool refills after each visit
                    warm[app] = render_once(browser, base, app, server)[0]
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    base_s, base_mb = cold[BASELINE]
    print(f"baseline (one ipywidgets label): first render {base_s:.2f} s, kernel {base_mb:.0f} MB")
    print(f"{'app':<26} {'render s':>8} {'ratio':>6} {'kernel MB':>9} {'ratio':>6} {'preheat s':>9} {'ratio':>6}")
    worst = {"render": 0.0, "memory": 0.0, "preheat": 0.0}
    for app in apps:
        seconds, mb = cold[app]
        r_render, r_mem, r_warm = seconds / base_s, mb / base_mb, warm[app] / seconds
        worst = {"render": max(worst["render"], r_render), "memory": max(worst["memory"], r_mem),
                 "preheat": max(worst["preheat"], r_warm)}
        print(f"{app:<26} {seconds:8.2f} {r_render:6.2f} {mb:9.0f} {r_mem:6.2f} {warm[app]:9.2f} {r_warm:6.2f}")
    print(f"worst ratio first render / empty notebook: {worst['render']:.2f} (target <= 1.3)")
    print(f"worst ratio kernel memory / bare ipywidgets kernel: {worst['memory']:.2f} (target <= 1.5)")
    print(f"worst ratio preheated / cold first render: {worst['preheat']:.2f} (target <= 0.6)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
