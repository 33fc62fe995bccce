"""Course notebooks do not open as changed: the server hands them out with the kernel's language_info."""

from __future__ import annotations

import asyncio
import json
import shutil

from conftest import ROOT, in_fresh_thread
from kommsocial import launch
from kommsocial.lab_contents import CourseContentsManager, kernel_language_info, with_kernel_language

NOTEBOOK = ROOT / "course" / "00_einstieg" / "00_willkommen.ipynb"


def test_kernel_language_info_is_what_ipykernel_reports():
    import sys

    info = kernel_language_info()
    assert info["name"] == "python" and info["version"] == sys.version.split()[0]
    assert info["codemirror_mode"] == {"name": "ipython", "version": 3}


def test_python_notebook_gets_the_full_language_info():
    meta = {"kernelspec": {"name": "python3", "language": "python"}, "language_info": {"name": "python"}}
    assert with_kernel_language(meta) is True
    assert meta["language_info"] == kernel_language_info()
    assert with_kernel_language(meta) is False  # already complete: nothing to do


def test_other_languages_are_left_alone():
    meta = {"kernelspec": {"name": "ir", "language": "R"}, "language_info": {"name": "R"}}
    assert with_kernel_language(meta) is False
    assert meta["language_info"] == {"name": "R"}


def test_manager_serves_course_notebooks_with_it_and_leaves_the_file(tmp_path):
    shutil.copy(NOTEBOOK, tmp_path / "kurs.ipynb")
    before = (tmp_path / "kurs.ipynb").read_bytes()
    manager = CourseContentsManager(root_dir=str(tmp_path))
    # In a thread of its own: a browser test in this worker may keep an event loop running here.
    model = in_fresh_thread(lambda: asyncio.run(manager.get("kurs.ipynb")))
    assert model["content"].metadata["language_info"] == kernel_language_info()
    listing = in_fresh_thread(lambda: asyncio.run(manager.get("")))
    assert listing["type"] == "directory"
    assert (tmp_path / "kurs.ipynb").read_bytes() == before  # only what the browser gets changes
    assert json.loads(before)["metadata"]["language_info"] == {"name": "python"}


def test_lab_and_hub_use_the_manager():
    assert f"--ServerApp.contents_manager_class={launch.CONTENTS_MANAGER}" in launch.lab_command(
        8888, "t", "127.0.0.1", False)
    assert f"{CourseContentsManager.__module__}.{CourseContentsManager.__name__}" == launch.CONTENTS_MANAGER
    for role in ("teilnehmende", "trainer"):
        config = json.loads((ROOT / "deploy" / "jupyterhub" / "config" / role / "jupyter_server_config.json")
                            .read_text(encoding="utf-8"))
        assert config["ServerApp"]["contents_manager_class"] == launch.CONTENTS_MANAGER
