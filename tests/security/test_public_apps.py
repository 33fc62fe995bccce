"""An anonymous visitor against a running `kommsocial apps` (issue #10, findings 3 and 8).

Crafted websocket frames (legacy protocol without subprotocol, and v1) whose count field
is huge used to block Voilà's event loop while its memory grew by ~35 MB/s. Now the frame
is dropped, the connection closed, and the server keeps answering. Page loads beyond the
kernel cap get a German "busy" page; every kernel runs with a memory limit. Loopback only.
"""

from __future__ import annotations

import asyncio
import os
import re
import struct
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, free_port, in_fresh_thread, stop, wait_for_http
from kommsocial.launch import apps_command
from kommsocial.public_server import BUSY, V1, frame_problem

pytestmark = pytest.mark.slow

MAX_KERNELS = 8  # more than the tests below open on the shared server
KERNEL_MEMORY = 1536 * 1024**2


def _start(tmp_path_factory, max_kernels: int):
    port = free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    with log.open("w") as fh:
        proc = subprocess.Popen(apps_command(port, "127.0.0.1", max_kernels=max_kernels,
                                             kernel_memory=KERNEL_MEMORY),
                                cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    wait_for_http(base + "/voila/tree", proc, log)
    return {"base": base, "proc": proc, "log": log, "max_kernels": max_kernels}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    started = _start(tmp_path_factory, MAX_KERNELS)
    yield started
    stop(started["proc"])


@pytest.fixture()
def small_server(tmp_path_factory):
    """A server of its own with room for two pages: the cap is counted from zero."""
    started = _start(tmp_path_factory, 2)
    yield started
    stop(started["proc"])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _page(base: str, app: str = "wirkung.ipynb") -> str:
    with urllib.request.urlopen(f"{base}/voila/render/{app}", timeout=60) as resp:
        return resp.read().decode("utf-8")


def _open_page(base: str, app: str = "wirkung.ipynb") -> str:
    return re.search(r'kernelId": "([0-9a-f-]+)"', _page(base, app)).group(1)


def _attack(base: str, kernel_id: str, frame: bytes, subprotocols: list[str] | None) -> int | None:
    """Send one binary frame; returns the close code the server answered with (None: still open)."""
    from tornado.websocket import websocket_connect

    async def go() -> int | None:
        url = base.replace("http", "ws") + f"/api/kernels/{kernel_id}/channels?session_id=angriff"
        ws = await websocket_connect(url, subprotocols=subprotocols)
        await ws.write_message(frame, binary=True)
        try:
            while await asyncio.wait_for(ws.read_message(), timeout=5) is not None:
                pass  # status messages of the kernel may come first
        except TimeoutError:
            return None
        return ws.close_code

    return in_fresh_thread(lambda: asyncio.run(go()))  # no running loop there, whatever ran before


def _answers_within(base: str, seconds: float) -> bool:
    start = time.monotonic()
    try:
        with urllib.request.urlopen(f"{base}/voila/tree", timeout=seconds) as resp:
            resp.read()
    except (urllib.error.URLError, TimeoutError):
        return False
    return time.monotonic() - start < seconds


@pytest.mark.parametrize("protocol", ["legacy", "v1"])
def test_crafted_frame_is_dropped_and_server_stays_responsive(server, protocol):
    base, pid = server["base"], server["proc"].pid
    kernel_id = _open_page(base)
    before = _rss_mb(pid)
    if protocol == "legacy":
        frame, subprotocols = struct.pack("!i", 0x7FFFFFF0) + b'{"channel": "shell"}', None
    else:
        frame, subprotocols = (2**60).to_bytes(8, "little") + b"shell" + b"{}" * 10, [V1]
    close_code = _attack(base, kernel_id, frame, subprotocols)
    assert _answers_within(base, 2.0)
    time.sleep(1)
    assert _rss_mb(pid) - before < 50  # before the fix: ~35 MB per second, without end
    assert close_code == 1003
    assert "Dropped websocket frame" in server["log"].read_text(encoding="utf-8")


def test_kernel_cap_gives_german_busy_page_and_kernels_have_a_memory_limit(small_server):
    server = small_server
    base = server["base"]
    opened = []
    busy = None
    for _ in range(server["max_kernels"] + 2):  # bounded: never more than two beyond the cap
        try:
            opened.append(_open_page(base))
        except urllib.error.HTTPError as err:
            busy = err
            break
    assert busy is not None and busy.code == 503 and BUSY in busy.read().decode("utf-8") + str(busy.reason)
    assert len(opened) == server["max_kernels"]
    kernels = [p for p in os.listdir("/proc") if p.isdigit() and _is_kernel_of(int(p), server["proc"].pid)]
    assert kernels, "the open pages have kernels"
    for p in kernels:
        limits = Path(f"/proc/{p}/limits").read_text(encoding="ascii")
        assert re.search(rf"Max address space\s+{KERNEL_MEMORY}\s+{KERNEL_MEMORY}", limits), limits


def test_crafted_widget_message_gets_no_server_paths(server):
    """A widget state no browser would send: the reply is German and names no file on the server."""
    import json

    from tornado.websocket import websocket_connect

    base = server["base"]
    html = _page(base)
    kernel_id = re.search(r'kernelId": "([0-9a-f-]+)"', html).group(1)
    model_ids = sorted(set(re.findall(r'model_id[\\]*": [\\]*"([0-9a-f]{32})', html)))
    assert model_ids, "the page shows widgets"

    async def go() -> list[dict]:
        url = base.replace("http", "ws") + f"/api/kernels/{kernel_id}/channels?session_id=angriff"
        ws = await websocket_connect(url)
        for mid in model_ids[:5]:
            await ws.write_message(json.dumps({
                "channel": "shell", "buffers": [], "metadata": {}, "parent_header": {},
                "header": {"msg_id": "m-" + mid, "msg_type": "comm_msg", "username": "", "session": "angriff",
                           "version": "5.3", "date": "2026-12-07T00:00:00Z"},
                "content": {"comm_id": mid, "data": {"method": "update", "buffer_paths": [],
                                                     "state": {"_dom_classes": 5, "layout": "/etc/passwd"}}}}))
        seen = []
        try:
            while (raw := await asyncio.wait_for(ws.read_message(), timeout=4)) is not None:
                if isinstance(raw, str):
                    seen.append(json.loads(raw))
        except TimeoutError:
            pass
        ws.close()
        return seen

    replies = in_fresh_thread(lambda: asyncio.run(go()))
    errors = [m for m in replies if m.get("msg_type") in ("error", "stream")]
    assert errors, "the crafted state is refused with a message"
    text = json.dumps(errors, ensure_ascii=False)
    assert "site-packages" not in text and str(ROOT) not in text and "Traceback" not in text
    assert "Diese Eingabe konnte nicht verarbeitet werden" in text


def _is_kernel_of(pid: int, server_pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return int(stat.rsplit(")", 1)[1].split()[1]) == server_pid and b"ipykernel" in cmdline


def test_well_formed_frames_pass_the_check():
    from jupyter_client.session import Session
    from jupyter_server.services.kernels.connection.base import serialize_binary_message, serialize_msg_to_ws_v1

    session = Session()
    msg = session.msg("comm_msg", content={"data": {"method": "request_state"}, "comm_id": "x"})
    msg["channel"] = "shell"
    msg["buffers"] = [b"\x00" * 10, b"abc"]
    assert frame_problem(serialize_binary_message(msg), None) is None
    parts = session.serialize({k: msg[k] for k in ("header", "parent_header", "metadata", "content")})
    assert frame_problem(serialize_msg_to_ws_v1(parts[2:], "shell"), V1) is None
    assert frame_problem('{"channel": "shell"}', None) is None  # text frames go to json.loads


@pytest.mark.parametrize("frame,protocol", [
    (b"", None), (b"\x00\x00", None), (struct.pack("!i", -1) + b"{}", None),
    (struct.pack("!i", 3) + struct.pack("!I", 8) + b"{}", None),  # count larger than the header holds
    (struct.pack("!i", 1) + struct.pack("!I", 10_000) + b"{}", None),  # offset beyond the frame
    ((2**63).to_bytes(8, "little") + b"x" * 40, V1), ((1).to_bytes(8, "little") + b"x" * 8, V1),
])
def test_malformed_frames_are_refused(frame, protocol):
    assert frame_problem(frame, protocol) is not None
