"""Entry point inside the grading sandbox: execute one notebook with a fresh kernel.

Called as ``python -m kommsocial.seminar.sandbox_run IN OUT TIMEOUT MAX_PROCESSES``. The
notebook holds the participant's cells and the locked instructor cells, but no
tests; its last cell writes the answers' values to a JSON file. Nothing here is
trusted afterwards: the grader only reads the outputs and the values back as data.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import Any

BACKGROUND_FILE = "hintergrund.json"  # how many processes the submission left running
STUCK_FILE = "festgefahren.json"  # written when a cell ignored the interrupt after its time limit
PROBE_SECONDS = 10  # how long a kernel may take to answer after an interrupt

TIMEOUT_OUTPUT = {"output_type": "error", "ename": "CellTimeoutError", "evalue": "",
                  "traceback": ["CellTimeoutError: Zeitlimit der Zelle überschritten"]}
STUCK_OUTPUT = {"output_type": "error", "ename": "CellStuckError", "evalue": "",
                "traceback": [("Zeitlimit der Zelle überschritten. Die Zelle ließ sich nicht abbrechen; "
                               "die folgenden Zellen liefen nicht.")]}


def main(argv: list[str]) -> int:
    src, dest, timeout, max_processes = argv[0], argv[1], int(argv[2]), int(argv[3])
    if max_processes > 0:
        # Set here, inside the sandbox, so that only this submission's processes count.
        resource.setrlimit(resource.RLIMIT_NPROC, (max_processes, max_processes))
    import nbformat
    from nbclient import NotebookClient

    timed_out: list[Any] = []
    stuck: Any = None

    class Client(NotebookClient):
        async def _async_handle_timeout(self, timeout: int, cell: Any = None) -> Any:
            timed_out.append(cell)  # remember the cell: the kernel only reports a KeyboardInterrupt
            reply = await super()._async_handle_timeout(timeout, cell)
            if not await self._answers_after_interrupt():
                # The cell catches or ignores SIGINT: every later cell would wait out its own time limit.
                raise KernelStuck
            return reply

        async def _answers_after_interrupt(self) -> bool:
            from queue import Empty

            from jupyter_core.utils import ensure_async

            kc: Any = self.kc
            msg_id = kc.kernel_info()
            deadline = time.monotonic() + PROBE_SECONDS
            while (left := deadline - time.monotonic()) > 0:
                try:
                    msg = await ensure_async(kc.get_shell_msg(timeout=left))
                except Empty:
                    return False
                if msg.get("parent_header", {}).get("msg_id") == msg_id:
                    return True
            return False

    nb = nbformat.read(src, as_version=4)
    client = Client(
        nb, timeout=timeout, allow_errors=True, interrupt_on_timeout=True, kernel_name="python3",
        error_on_timeout={"ename": "CellTimeoutError", "evalue": "",
                          "traceback": ["CellTimeoutError: Zeitlimit der Zelle überschritten"]},
        extra_arguments=["--HistoryManager.hist_file=:memory:"],
        resources={"metadata": {"path": "."}})
    try:
        client.execute()
    except KernelStuck:
        stuck = timed_out[-1]
        with open(STUCK_FILE, "w", encoding="utf-8") as fh:
            json.dump({"zelle": next(n for n, c in enumerate(nb.cells, start=1) if c is stuck)}, fh)
    finally:
        for cell in timed_out:
            if cell is not None:
                cell.outputs = [o for o in cell.outputs if o.get("ename") != "KeyboardInterrupt"]
                cell.outputs.append(nbformat.from_dict(STUCK_OUTPUT if cell is stuck else TIMEOUT_OUTPUT))
        nbformat.write(nb, dest)
        _count_background()
    return 0


class KernelStuck(Exception):
    """The kernel did not answer after the interrupt that followed a cell's time limit."""


def _count_background() -> None:
    """Write how many processes outlived the kernel; the PID namespace shows only this submission's."""
    others: list[int] = []
    for _ in range(20):  # the kernel itself needs a moment to exit after shutdown
        others = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, os.getpid())]
        if not others:
            break
        time.sleep(0.1)
    with open(BACKGROUND_FILE, "w", encoding="utf-8") as fh:
        json.dump({"anzahl": len(others)}, fh)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
