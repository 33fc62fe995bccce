"""Course notebooks open in JupyterLab without showing as changed.

When a kernel starts, JupyterLab writes the kernel's `language_info` (with the exact Python version) into
the notebook's metadata, and any difference marks the notebook as unsaved. The course cannot ship the
version of every participant's Python, so the server fills it in when it hands a Python notebook to the
browser: the kernel then reports what is already there and the notebook stays unchanged until the
participant edits it.
"""

from __future__ import annotations

from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

CLASS_NAME = f"{__name__}.CourseContentsManager"


def kernel_language_info() -> dict[str, Any]:
    """What the Python kernel (ipykernel, same interpreter as the server) reports as its language."""
    from ipykernel.ipkernel import IPythonKernel

    return dict(IPythonKernel.language_info)


def with_kernel_language(metadata: dict[str, Any]) -> bool:
    """Put the kernel's language_info into a Python notebook's metadata; True if something changed."""
    spec = metadata.get("kernelspec") or {}
    current = metadata.get("language_info") or {}
    if spec.get("language", current.get("name", "python")) != "python" or current.get("name", "python") != "python":
        return False
    wanted = {**current, **kernel_language_info()}
    if wanted == current:
        return False
    metadata["language_info"] = wanted
    return True


class CourseContentsManager(AsyncLargeFileManager):
    """Jupyter's file contents manager; notebooks leave it with the running kernel's language_info."""

    async def get(self, path: Any, content: Any = True, type: Any = None,  # noqa: A002 (Jupyter's names)
                  format: Any = None, require_hash: Any = False) -> Any:  # noqa: A002
        model = await super().get(path, content=content, type=type, format=format, require_hash=require_hash)
        if model.get("type") == "notebook" and model.get("content") is not None:
            with_kernel_language(model["content"].metadata)
        return model
