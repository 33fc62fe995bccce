"""Guards for the public Voilà apps, where every visitor is an anonymous stranger.

- Websocket frames are checked before jupyter_server parses them: its parsers trust the
  count field at the start of a binary frame (legacy protocol: 4-byte buffer count,
  v1 protocol: 8-byte offset count) and build a format string or a list of that size,
  so one crafted frame blocks the event loop and eats memory (docs/voila-websocket-frame.md).
- At most ``max_kernels`` kernels run at once; the next visitor gets a German "busy" page.
- Every kernel runs with an address-space limit, so one page cannot take the machine's memory,
  and reports errors to the browser without server paths (public_kernel.py).
"""

from __future__ import annotations

import struct
import sys
from typing import Any

from jupyter_client.ioloop import AsyncIOLoopKernelManager
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Integer

V1 = "v1.kernel.websocket.jupyter.org"
MAX_PARTS = 64  # a Jupyter message has header, parent, metadata, content and a few buffers
BUSY = ("Die Lern-Apps sind gerade stark besucht. Bitte versuchen Sie es in einigen Minuten noch einmal.")


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
    """ZMQ websocket connection that drops malformed binary frames before parsing them."""

    def handle_incoming_message(self, incoming_msg: Any) -> None:
        problem = frame_problem(incoming_msg, self.subprotocol)
        if problem is not None:
            self.log.warning("Dropped websocket frame for kernel %s: %s", self.kernel_id, problem)
            if self.websocket_handler is not None:
                self.websocket_handler.close(1003, "malformed frame")
            return
        super().handle_incoming_message(incoming_msg)


class CappedKernelManager(AsyncMappingKernelManager):
    """At most max_kernels kernels; each one is started with an address-space limit."""

    max_kernels = Integer(12, help="Kernels that may run at the same time (one per open app page).").tag(config=True)

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        if kwargs.get("kernel_id") is None and len(self.list_kernel_ids()) >= self.max_kernels:
            raise web.HTTPError(503, reason=BUSY)
        return await super().start_kernel(*args, **kwargs)


class LimitedKernel(AsyncIOLoopKernelManager):
    """Starts the kernel through kommsocial.limited_kernel, which sets the memory limit first."""

    memory_bytes = Integer(1536 * 1024**2, help="Address space per kernel in bytes.").tag(config=True)

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        # The extension keeps server paths out of error messages (public_kernel.py).
        return [sys.executable, "-m", "kommsocial.limited_kernel", str(self.memory_bytes), *cmd,
                "--IPKernelApp.extensions=kommsocial.public_kernel",
                "--IPKernelApp.capture_fd_output=False"], kw  # low-level stderr to the server log


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


__all__ = ["BUSY", "BoundedWebsocketConnection", "CappedKernelManager", "LimitedKernel", "frame_problem",
           "server_args"]
