"""IPython extension for the kernels of the public apps: errors reach the browser without paths.

ipywidgets reports a failing widget message (for example a crafted state such as a date in
the year 99999) with the shell's full traceback, which names files on the server. Here the
browser gets a short German message; the full traceback goes to the server's log.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any

MESSAGE = "Diese Eingabe konnte nicht verarbeitet werden. Bitte laden Sie die Seite neu."


def load_ipython_extension(ip: Any) -> None:
    original = ip._showtraceback

    def _showtraceback(etype: Any, evalue: Any, stb: Any) -> None:
        print("".join(traceback.format_exception(etype, evalue, evalue.__traceback__)), file=sys.__stderr__)
        original(etype, MESSAGE, [MESSAGE])

    ip._showtraceback = _showtraceback
