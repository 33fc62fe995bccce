"""Progress display for long seminar work: a rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def fortschritt(beschreibung: str, gesamt: int) -> Iterator[Callable[[str], None]]:
    """Yield `schritt(text)` that advances by one; writes to stderr so `--json` output stays clean."""
    stream = sys.stderr
    if stream.isatty() and gesamt > 0:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=Console(file=stream), transient=False) as bar:
            task = bar.add_task(beschreibung, total=gesamt)

            def schritt(text: str) -> None:
                bar.update(task, advance=1, description=f"{beschreibung}: {text}")

            yield schritt
        return
    erledigt = 0

    def zeile(text: str) -> None:
        nonlocal erledigt
        erledigt += 1
        print(f"[{erledigt}/{gesamt}] {beschreibung}: {text}", file=stream, flush=True)

    yield zeile
