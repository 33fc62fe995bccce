"""Guards for the public Voilà apps, where every visitor is an anonymous stranger.

- Websocket frames are checked before jupyter_server parses them: its parsers trust the
  count field at the start of a binary frame (legacy protocol: 4-byte buffer count,
  v1 protocol: 8-byte offset count) and build a format string or a list of that size,
  so one crafted frame blocks the event loop and eats memory (docs/voila-websocket-frame.md).
- At most ``max_kernels`` kernels run at once; the next visitor gets a German "busy" page.
- Every kernel runs with an address-space limit, so one page cannot take the machine's memory,
  and reports errors to the browser without server paths (public_kernel.py).
- Pages come from the Voilà template ``kommsocial`` (voila_templates/): nothing is loaded from
  another host, German start page with the apps' titles, German loading text.
- With preheating (Voilà's kernel pool), pooled kernels do not count as visitors; a pool is
  refilled only while there is room for visitors, so at most
  ``max_kernels + pool size x number of apps`` kernels run.

``python -m kommsocial.public_server <voila options>`` runs Voilà with the template directory on
the Jupyter data path (launch.apps_command builds that command line).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import struct
import sys
import uuid
from pathlib import Path
from typing import Any

from jupyter_client.ioloop import AsyncIOLoopKernelManager
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Float, Integer

V1 = "v1.kernel.websocket.jupyter.org"
MAX_PARTS = 64  # a Jupyter message has header, parent, metadata, content and a few buffers
BUSY = ("Die Lern-Apps sind gerade stark besucht. Bitte versuchen Sie es in einigen Minuten noch einmal.")
TEMPLATE = "kommsocial"
TEMPLATE_ROOT = Path(__file__).resolve().parent / "voila_templates"  # holds voila/templates/kommsocial/
# For apps whose notebook has no prose paragraph of its own (their introduction is a widget).
BESCHREIBUNG_ERSATZ = {
    "ki_pruefung.ipynb": "Prüfen Sie KI-Entwürfe auf erfundene Zahlen, Daten, Zitate und Links und schreiben "
                         "Sie eine bessere Fassung.",
    "recht_navigator.ipynb": "Entscheidungshilfen mit Ampel, Wissenskarten mit Quellen und ein Quiz zu "
                             "Rechtsfragen rund um Social Media in Kommunen.",
}
BESCHREIBUNG_MAX = 160


def frame_problem(message: Any, subprotocol: str | None) -> str | None:
    """Why a websocket frame must not reach jupyter_server's parser, or None when it is well formed."""
    if not isinstance(message, bytes):
        return None  # text frames are parsed by json.loads, which has no such count field
    size = len(message)
    if subprotocol == V1:
        if size < 8:
            return "frame shorter than its header"
        count = int.from_bytes(message[:8], "little")
        width, fmt = 8, "<Q"
    else:
        if size < 4:
            return "frame shorter than its header"
        count = struct.unpack("!i", message[:4])[0]
        width, fmt = 4, "!I"
    if not 1 <= count <= MAX_PARTS or width * (count + 1) > size:
        return f"implausible part count {count} for a frame of {size} bytes"
    offsets = [struct.unpack(fmt, message[width * (i + 1): width * (i + 2)])[0] for i in range(count)]
    if any(not width * (count + 1) <= o <= size for o in offsets) or offsets != sorted(offsets):
        return "offsets outside the frame"
    if subprotocol == V1 and count < 2:
        return "v1 frame without channel"
    return None


class BoundedWebsocketConnection(ZMQChannelsWebsocketConnection):
    """ZMQ websocket connection that drops malformed binary frames before parsing them, and ends the
    visitor's kernel once the page is gone (Voilà itself keeps it until idle culling, minutes later)."""

    leave_grace_seconds = Float(
        30.0, help="Seconds a kernel whose page closed waits for it to reconnect (a short network loss) "
                   "before it ends.").tag(config=True)

    def handle_incoming_message(self, incoming_msg: Any) -> None:
        problem = frame_problem(incoming_msg, self.subprotocol)
        if problem is not None:
            self.log.warning("Dropped websocket frame for kernel %s: %s", self.kernel_id, problem)
            if self.websocket_handler is not None:
                self.websocket_handler.close(1003, "malformed frame")
            return
        super().handle_incoming_message(incoming_msg)

    def disconnect(self) -> None:  # type: ignore[override]  # the base declares it async, ZMQ's is not
        super().disconnect()
        manager, kernel_id = self.multi_kernel_manager, self.kernel_id
        asyncio.get_running_loop().call_later(
            self.leave_grace_seconds, lambda: _keep(asyncio.ensure_future(end_if_left(manager, kernel_id))))


_PENDING: set[asyncio.Future[None]] = set()


def _keep(task: asyncio.Future[None]) -> None:
    """Hold a reference until the task is done (the event loop keeps only weak ones)."""
    _PENDING.add(task)
    task.add_done_callback(_PENDING.discard)


async def end_if_left(manager: Any, kernel_id: str) -> None:
    """Shut a visitor's kernel down when no page is connected to it any more."""
    if kernel_id not in manager:
        return
    if manager.kernel_model(kernel_id).get("connections", 0) == 0:
        manager.log.info("Kernel %s ended: its page was closed", kernel_id)
        await manager.shutdown_kernel(kernel_id)


def _pool_tasks(manager: Any) -> list[tuple[str, Any]]:
    """(notebook, task) of Voilà's kernel pools; empty without preheating."""
    pools = getattr(manager, "_pools", None) or {}
    return [(name, task) for name, pool in list(pools.items()) for task in list(pool)]


def _failed(task: Any) -> bool:
    return task.done() and (task.cancelled() or task.exception() is not None)


class CappedKernelManager(AsyncMappingKernelManager):
    """At most max_kernels visitor kernels; each one is started with an address-space limit.

    With ``--preheat_kernel`` Voilà subclasses this manager (voila_kernel_manager_factory) and keeps
    pools of started kernels that have run the notebook. A visitor takes a pooled kernel without a
    new start; the pool is then refilled through start_kernel. Pooled kernels are not visitors;
    a refill is refused while the visitors fill the cap (the failed refill is dropped and the pool
    topped up when a kernel ends), so the number of kernels stays bounded.
    """

    max_kernels = Integer(12, help="Kernels that may run at the same time (one per open app page).").tag(config=True)

    def _starting(self, refill: bool) -> set[str]:
        """Ids of kernels being started (pool refills or visitors): they may not be listed yet."""
        name = "_starting_refills" if refill else "_starting_visitors"
        if name not in self.__dict__:
            self.__dict__[name] = set()
        return self.__dict__[name]

    def pooled_kernel_ids(self) -> set[str]:
        """Kernels waiting in a pool for a visitor, and refills being started."""
        ids = set(self._starting(refill=True))
        for _name, task in _pool_tasks(self):
            if task.done() and not _failed(task):
                ids.add(task.result().get("kernel_id"))
        return ids

    def visitor_count(self) -> int:
        """Kernels that belong to an open (or recently open) app page, those being started included."""
        return len((set(self.list_kernel_ids()) | self._starting(refill=False)) - self.pooled_kernel_ids())

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        if kwargs.get("kernel_id") is not None:  # a known kernel (restart): no new one
            return await super().start_kernel(*args, **kwargs)
        refill = (kwargs.get("env") or {}).get("VOILA_PREHEAT") == "True"
        if self.visitor_count() >= self.max_kernels:
            if refill:
                self.log.info("Kernel pool not refilled: %d visitors fill the cap", self.max_kernels)
            raise web.HTTPError(503, reason=BUSY)
        # Our own id, so that the kernel is counted from now on, not only once it runs.
        kernel_id = kwargs["kernel_id"] = str(uuid.uuid4())
        starting = self._starting(refill)
        starting.add(kernel_id)
        try:
            return await super().start_kernel(*args, **kwargs)
        finally:
            starting.discard(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        await super().shutdown_kernel(kernel_id, *args, **kwargs)
        self._refill_pools()

    async def shutdown_all(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self._stopping = True  # the server stops: no pool is refilled any more
        await super().shutdown_all(*args, **kwargs)

    def _refill_pools(self) -> None:
        """Drop refills refused at the cap and top the pools up again (there may be room now)."""
        pools = getattr(self, "_pools", None)
        if not pools or not hasattr(self, "fill_if_needed") or getattr(self, "_stopping", False):
            return
        for name, pool in list(pools.items()):
            failed = [task for task in pool if _failed(task)]
            for task in failed:
                pool.remove(task)
            if failed:
                self.fill_if_needed(notebook_name=name)


class LimitedKernel(AsyncIOLoopKernelManager):
    """Starts the kernel through kommsocial.limited_kernel, which sets the memory limit first."""

    memory_bytes = Integer(1536 * 1024**2, help="Address space per kernel in bytes.").tag(config=True)

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        # The extension keeps server paths out of error messages (public_kernel.py).
        return [sys.executable, "-m", "kommsocial.limited_kernel", str(self.memory_bytes), *cmd,
                "--IPKernelApp.extensions=kommsocial.public_kernel",
                "--IPKernelApp.capture_fd_output=False"], kw  # low-level stderr to the server log


def _plain(markdown: str) -> str:
    """Markdown of one paragraph as plain text on one line."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # links and images: their text
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split())


def _first_sentence(text: str, limit: int = BESCHREIBUNG_MAX) -> str:
    match = re.search(r"^(.+?[.!?:])(\s|$)", text)
    sentence = match.group(1) if match else text
    if sentence.endswith(":"):
        sentence = sentence[:-1] + "."
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;–-") + " …"
    return sentence


def app_entry(path: Path) -> dict[str, str]:
    """Title (first Markdown heading) and one-line description (first sentence of prose) of one app."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    title, description = "", ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for block in re.split(r"\n\s*\n", cell.source):
            lines = block.strip().splitlines()
            if not lines:
                continue
            heading = re.match(r"#\s+(.+)", lines[0])
            if heading and not title:
                title = _plain(heading.group(1))
                lines = lines[1:]
            if not lines or re.match(r"\s*(#|[-*+] |\d+[.)] |>|\||```)", lines[0]):
                continue  # headings, lists, quotes, tables and code are no description
            if title and not description:
                description = _first_sentence(_plain(" ".join(lines)))
        if title and description:
            break
    if not title:
        title = path.stem.replace("_", " ").capitalize()
    return {"datei": path.name, "titel": title,
            "beschreibung": description or BESCHREIBUNG_ERSATZ.get(path.name, "")}


def app_catalog(apps_dir: Path) -> list[dict[str, str]]:
    """All apps of a folder for the start page, sorted by title."""
    entries = [app_entry(p) for p in Path(apps_dir).glob("*.ipynb")]
    return sorted(entries, key=lambda e: e["titel"].casefold())


def server_args(max_kernels: int, memory_bytes: int) -> list[str]:
    """Voilà command-line options that switch the guards on."""
    here = __name__
    return [
        f"--Voila.kernel_websocket_connection_class={here}.BoundedWebsocketConnection",
        f"--VoilaConfiguration.multi_kernel_manager_class={here}.CappedKernelManager",
        f"--CappedKernelManager.max_kernels={max_kernels}",
        f"--CappedKernelManager.kernel_manager_class={here}.LimitedKernel",
        f"--LimitedKernel.memory_bytes={memory_bytes}",
    ]


def page_args() -> list[str]:
    """Voilà option for the German pages of the template ``kommsocial``."""
    return [f"--VoilaConfiguration.template={TEMPLATE}"]


def start_page_arg(apps_dir: Path, idle_minutes: int | None = None) -> str:
    """Voilà option that hands the start page its data (apps with titles, idle time)."""
    variables: dict[str, Any] = {"kommsocial_apps": app_catalog(apps_dir)}
    if idle_minutes is not None:
        variables["kommsocial_leerlauf_minuten"] = idle_minutes
    return "--Voila.tornado_settings=" + json.dumps({"jinja_template_vars": variables}, ensure_ascii=False)


def preheat_args(pool_size: int) -> list[str]:
    """Voilà options for pool_size preheated kernels per app (none: 0)."""
    if pool_size <= 0:
        return []
    return ["--VoilaConfiguration.preheat_kernel=True", f"--VoilaConfiguration.default_pool_size={pool_size}"]


def serve(argv: list[str] | None = None) -> None:
    """Run Voilà with the kommsocial template on the Jupyter data path. The start page data is read
    here from the served folder (the first argument), so the command line stays short."""
    args = list(sys.argv[1:] if argv is None else argv)
    current = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join([str(TEMPLATE_ROOT), *([current] if current else [])])
    folder = next((a for a in args if not a.startswith("-")), None)
    if folder and Path(folder).is_dir() and not any(a.startswith("--Voila.tornado_settings") for a in args):
        idle = next((int(a.split("=", 1)[1]) for a in args
                     if a.startswith("--MappingKernelManager.cull_idle_timeout=")), None)
        args.append(start_page_arg(Path(folder), None if idle is None else max(1, round(idle / 60))))
    from voila.app import main

    sys.argv = ["voila", *args]
    main()


__all__ = ["BUSY", "TEMPLATE", "BoundedWebsocketConnection", "CappedKernelManager", "LimitedKernel", "app_catalog",
           "app_entry", "frame_problem", "page_args", "preheat_args", "serve", "server_args", "start_page_arg"]


if __name__ == "__main__":
    # Run as `python -m`: import the module under its package name, so that Voilà's class names
    # (kommsocial.public_server.CappedKernelManager, ...) refer to the same classes.
    from kommsocial.public_server import serve as _serve

    _serve()
