"""`kommsocial apps` as a public website (issue #14, "Public app hosting"), in real headless Chromium.

- No request leaves the machine: every request of the start page and of app pages is recorded (and
  aborted when it goes to another host); Voilà's lab template loads Font Awesome from a CDN, the
  kommsocial template does not, and the icons still come from Voilà's own bundle.
- German start page with each app's title (first heading of its notebook) and description; no code,
  no file list. German loading text while the app starts; German error pages.
- `--vorwaermen N`: Voilà's kernel pool, one preheated kernel per app; a visitor gets a pooled kernel,
  the pool is refilled (pooled kernels do not count against --max-kernels), and SIGTERM leaves no
  server and no kernel behind.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import ROOT, alive, descendants, free_port, wait_for_http
from kommsocial import launch, paths
from kommsocial.public_server import app_catalog

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ENGLISH = re.compile(r"\b(Running|Executing|Reading|Loading|Select items|Voilà Home)\b")
READY = ".widget-box, .jupyter-widgets"
APPS = ("post_werkstatt.ipynb", "redaktionsplan.ipynb")  # an app with icons on its buttons is among them


def _start_cli(tmp_path: Path, *options: str) -> tuple[subprocess.Popen, str, Path]:
    """`kommsocial apps` exactly as an admin starts it, on a free port."""
    port = free_port()
    log = tmp_path / f"apps-{port}.log"
    with log.open("w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "kommsocial.cli", "apps", "--port", str(port), *options],
                                cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    wait_for_http(base + "/voila/tree", proc, log)
    return proc, base, log


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def apps_server(tmp_path_factory):
    proc, base, log = _start_cli(tmp_path_factory.mktemp("apps"))
    yield base
    _stop(proc)


def _record(page) -> list[str]:
    """Every URL the page asks for; requests to other hosts are aborted (and stay recorded)."""
    urls: list[str] = []

    def route(r):
        urls.append(r.request.url)
        if urlparse(r.request.url).hostname in LOCAL_HOSTS or r.request.url.startswith("data:"):
            r.continue_()
        else:
            r.abort()

    page.context.route("**/*", route)
    page.on("websocket", lambda ws: urls.append(ws.url))
    return urls


def _external(urls: list[str]) -> list[str]:
    return sorted({u for u in urls if not u.startswith("data:") and urlparse(u).hostname not in LOCAL_HOSTS})


# --- without a browser -------------------------------------------------------------------------------

def test_catalog_has_a_title_and_a_description_for_every_app():
    catalog = app_catalog(paths.apps_dir())
    assert [e["datei"] for e in sorted(catalog, key=lambda e: e["datei"])] == launch.app_names()
    by_file = {e["datei"]: e for e in catalog}
    assert by_file["post_werkstatt.ipynb"]["titel"] == "Post-Werkstatt"
    assert by_file["redaktionsplan.ipynb"]["titel"] == "Redaktionsplan prüfen"
    for entry in catalog:
        assert entry["titel"] and not entry["titel"].startswith("#"), entry
        assert entry["beschreibung"] and "\n" not in entry["beschreibung"] and len(entry["beschreibung"]) <= 160
        assert "**" not in entry["beschreibung"] and "](" not in entry["beschreibung"]


def test_apps_command_settings():
    cold = launch.apps_command(8866, "127.0.0.1")
    assert "--VoilaConfiguration.template=kommsocial" in cold
    assert f"--MappingKernelManager.cull_idle_timeout={launch.IDLE_MINUTES * 60}" in cold
    assert "--MappingKernelManager.cull_connected=True" in cold
    # 30 visitors at once on two cores: cell output arrives late; Voilà's 4 s default left their pages empty.
    assert "--VoilaExecutor.iopub_timeout=120" in cold
    assert "--BoundedWebsocketConnection.leave_grace_seconds=30" in cold
    assert not any("preheat" in a for a in cold)
    warm = launch.apps_command(8866, "127.0.0.1", preheat=2, idle_minutes=5)
    assert "--VoilaConfiguration.preheat_kernel=True" in warm
    assert "--VoilaConfiguration.default_pool_size=2" in warm
    assert "--MappingKernelManager.cull_idle_timeout=300" in warm


def test_negative_preheat_is_refused_in_german():
    res = subprocess.run([sys.executable, "-m", "kommsocial.cli", "apps", "--vorwaermen", "-1"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert res.returncode == 2 and "mindestens 0" in res.stderr and "Traceback" not in res.stderr


# --- in Chromium -------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.slow
def test_start_page_is_german_lists_app_titles_and_loads_nothing_from_outside(apps_server, page):
    urls = _record(page)
    page.goto(apps_server + "/")
    expect(page.locator("h1")).to_have_text("Lern-Apps: Social Media für Kommunen")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    catalog = app_catalog(paths.apps_dir())
    links = page.locator("ul.ks-apps a")
    expect(links).to_have_count(len(catalog))
    for entry in catalog:
        link = page.locator(f'ul.ks-apps a[href$="/voila/render/{entry["datei"]}"]')
        expect(link.locator(".ks-app-titel")).to_have_text(entry["titel"])
        expect(link.locator(".ks-app-beschreibung")).to_have_text(entry["beschreibung"])
    text = page.locator("body").inner_text()
    assert not ENGLISH.search(text), text
    assert ".ipynb" not in text and "import " not in text  # no file names, no code
    page.wait_for_load_state("networkidle")
    assert urls, "the recorder saw the page's requests"
    assert _external(urls) == []

    # The same page on /voila/tree, and a German page for an address that does not exist.
    page.goto(apps_server + "/voila/tree")
    expect(page.locator("ul.ks-apps a")).to_have_count(len(catalog))
    page.goto(apps_server + "/voila/render/gibt_es_nicht.ipynb")
    expect(page.locator("h1")).to_have_text("Diese Seite gibt es nicht.")
    assert not ENGLISH.search(page.locator("body").inner_text())
    assert _external(urls) == []


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("app", APPS)
def test_app_page_german_loading_text_icons_and_no_external_request(apps_server, page, app):
    urls = _record(page)
    # #loading_text is removed once the app is shown: keep every text it had.
    page.add_init_script("""
        window.__ladetexte = [];
        new MutationObserver(() => {
            const el = document.getElementById("loading_text");
            if (el && window.__ladetexte[window.__ladetexte.length - 1] !== el.textContent) {
                window.__ladetexte.push(el.textContent);
            }
        }).observe(document, {subtree: true, childList: true, characterData: true});
    """)
    title = {e["datei"]: e["titel"] for e in app_catalog(paths.apps_dir())}[app]
    page.goto(f"{apps_server}/voila/render/{app}", wait_until="commit", timeout=90_000)
    page.wait_for_selector(READY, timeout=90_000)
    expect(page.locator("#loading")).to_have_count(0)
    texts = page.evaluate("window.__ladetexte")
    assert any(t.startswith(f"{title}: Die App wird gestartet") for t in texts), texts
    assert any(re.fullmatch(r"Die App wird vorbereitet: Schritt \d+ von \d+ …", t) for t in texts), texts
    assert not [t for t in texts if ENGLISH.search(t)], texts
    expect(page).to_have_title(title)

    # Icons come from Voilà's own Font Awesome (no CDN): the icon font is loaded and used.
    icon = page.locator(".jupyter-widgets button i.fa").first
    expect(icon).to_be_visible()
    page.wait_for_function("document.fonts.check('900 16px \"Font Awesome 5 Free\"')", timeout=30_000)
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('Font Awesome') && f.status === 'loaded')")
    assert "Font Awesome" in icon.evaluate("e => getComputedStyle(e, '::before').fontFamily")

    page.wait_for_load_state("networkidle")
    assert any("/api/kernels/" in u for u in urls), "the widgets' websocket was recorded"
    assert _external(urls) == []


# --- preheated kernels ---------------------------------------------------------------------------------

def _kernels(pid: int) -> set[int]:
    found = set()
    for p in descendants(pid):
        try:
            if alive(p) and b"ipykernel" in Path(f"/proc/{p}/cmdline").read_bytes():
                found.add(p)
        except OSError:
            pass
    return found


def _wait_until(condition, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {timeout} s:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.25)  # polling a state, bounded by the deadline


@pytest.mark.browser
@pytest.mark.slow
def test_preheated_kernels_serve_visitors_refill_and_leave_nothing_after_sigterm(tmp_path, page):
    apps = launch.app_names()
    # A cap far below the pool: pooled kernels must not count as visitors.
    proc, base, log = _start_cli(tmp_path, "--vorwaermen", "1", "--max-kernels", "2")
    try:
        filled = re.compile(r"Kernel pool of (\S+) is filled")
        _wait_until(lambda: set(filled.findall(log.read_text(errors="replace"))) >= set(apps), 240,
                    "one preheated kernel per app", log)
        assert len(_kernels(proc.pid)) == len(apps)

        urls = _record(page)
        page.goto(f"{base}/voila/render/post_werkstatt.ipynb", timeout=90_000)
        page.wait_for_selector(READY, timeout=90_000)
        assert re.search(r"Using pre-heated kernel: \S+ for post_werkstatt\.ipynb", log.read_text())
        expect(page.locator(".ks-post-text textarea:visible").first).to_be_visible()
        assert _external(urls) == []
        # The pool of post_werkstatt is refilled although there are more kernels than --max-kernels.
        _wait_until(lambda: len(filled.findall(log.read_text(errors="replace"))) > len(apps), 120,
                    "the pool refill", log)
        _wait_until(lambda: len(_kernels(proc.pid)) == len(apps) + 1, 60, "the refilled kernel", log)
        assert "Kernel pool not refilled" not in log.read_text()

        family = descendants(proc.pid)
        assert len([p for p in family if p in _kernels(proc.pid)]) == len(apps) + 1
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=40) is not None
        _wait_until(lambda: not any(alive(p) for p in family), 30, "the end of server and kernels", log)
        assert not [p for p in family if alive(p)]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.mark.browser
@pytest.mark.slow
def test_a_closed_page_gives_its_kernel_back(tmp_path, browser):
    """A visitor who closes the tab frees the kernel within --verlassen seconds, not after the idle minutes;
    a visitor who stays keeps theirs."""
    proc, base, log = _start_cli(tmp_path, "--verlassen", "3")
    try:
        pages = []
        for _ in range(2):
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="de-DE")
            pg = context.new_page()
            pg.goto(f"{base}/voila/render/post_werkstatt.ipynb", timeout=90_000)
            pg.wait_for_selector(READY, timeout=90_000)
            pages.append((context, pg))
        _wait_until(lambda: len(_kernels(proc.pid)) == 2, 60, "one kernel per open page", log)
        staying = pages[1][1]

        pages[0][0].close()  # the first visitor leaves
        _wait_until(lambda: len(_kernels(proc.pid)) == 1, 60, "the end of the left page's kernel", log)
        assert "its page was closed" in log.read_text()
        # The visitor who stayed still gets answers from their kernel.
        editor = staying.locator(".ks-post-text textarea:visible").first
        editor.fill("Kommen Sie zum Stadtfest.")
        expect(staying.locator(".ks-preview-text:visible").first).to_contain_text("Kommen Sie zum Stadtfest.")
        assert len(_kernels(proc.pid)) == 1
        pages[1][0].close()
        _wait_until(lambda: not _kernels(proc.pid), 60, "no kernel after every visitor left", log)
    finally:
        _stop(proc)
