"""Course notebooks opened in JupyterLab (what `make start` starts) do not show as changed.

JupyterLab writes the kernel's language_info into a notebook when the kernel starts; a notebook whose
stored metadata differs then shows the unsaved-changes dot and asks to be saved on close. The server
hands notebooks out with the kernel's language_info (kommsocial.lab_contents), so only an edit marks them.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import expect

from conftest import ROOT, free_port, stop, wait_for_http
from kommsocial import launch

NOTEBOOKS = (
    "course/00_einstieg/00_willkommen.ipynb",
    "course/04_krisenkommunikation/02_warnmittel_zusammenarbeit.ipynb",
    "course/07_wirkung/02_dialog_statt_fans.ipynb",
    "exercises/a02_pressemitteilung/a02_pressemitteilung.ipynb",
)
DIRTY = re.compile(r"\bjp-mod-dirty\b")


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory):
    port, token = free_port(), "unveraendert"
    log = tmp_path_factory.mktemp("lab") / "lab.log"
    with log.open("w") as fh:
        proc = subprocess.Popen(launch.lab_command(port, token, "127.0.0.1", False), cwd=ROOT, stdout=fh,
                                stderr=subprocess.STDOUT, env=launch.lab_env())
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/api/status?token={token}", proc, log)
        yield base, token
    finally:
        stop(proc)  # also when the server never answered: no orphan server


def _open(page, lab_url, notebook: str):
    base, token = lab_url
    page.goto(f"{base}/lab/tree/{notebook}?token={token}&reset", timeout=120_000)
    tab = page.locator(".lm-TabBar-tab.jp-mod-current")
    expect(tab).to_contain_text(notebook.rsplit("/", 1)[-1], timeout=120_000)
    # The kernel is up and has answered: this is when JupyterLab writes its language_info.
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first).to_be_attached(
        timeout=120_000)
    return tab


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_opened_notebook_is_not_marked_as_changed(page, lab_url, notebook):
    tab = _open(page, lab_url, notebook)
    expect(tab).not_to_have_class(DIRTY)
    # An edit still marks it: the check above would see a change if there was one.
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")  # a new cell below (locked nbgrader cells cannot be typed into)
    expect(tab).to_have_class(DIRTY)
