"""Run the instructor's tests in the grader's own process, on the participant's answers as data.

The cells run in a fresh namespace: the locked instructor cells first (so their
constants come from the seminar's own copy), then the participant's answer values,
then the tests. Outputs are built the way a kernel would report them, so nbgrader's
own scoring (an error output means 0 points) works unchanged.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from nbformat.v4 import new_output

from kommsocial.seminar.answers import UnsupportedValue

MAX_TEXT = 20_000


class _CellTimeout(Exception):
    pass


@contextlib.contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise _CellTimeout

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@contextlib.contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _german_error(exc: BaseException, answers: set[str]) -> tuple[str, str]:
    """(ename, message) for the feedback; Hinweis messages are German already."""
    from kommsocial.seminar.checks import Hinweis

    if isinstance(exc, Hinweis):
        return "Hinweis", str(exc)
    if isinstance(exc, NameError) and getattr(exc, "name", None) in answers:
        return "Hinweis", (f"Die Variable „{exc.name}“ fehlt. Haben Sie die Antwortzelle ausgefüllt und "
                           "ausgeführt?")
    if isinstance(exc, AssertionError):
        return "AssertionError", str(exc) or "Eine Prüfung ist fehlgeschlagen."
    return type(exc).__name__, (f"Der Test konnte Ihre Antwort nicht prüfen ({type(exc).__name__}: "
                                f"{str(exc)[:300]}). Prüfen Sie, ob Ihre Antwort die verlangte Form hat.")


def _run_one(source: str, namespace: dict[str, Any], timeout: int, answers: set[str]) -> list[Any]:
    """Execute one cell; returns its outputs as nbformat nodes."""
    import ast

    from kommsocial.seminar.answers import parse

    tree = parse(source)
    if tree is None:
        return [new_output("error", ename="SyntaxError", evalue="Die Testzelle enthält einen Syntaxfehler.",
                           traceback=["SyntaxError: Die Testzelle enthält einen Syntaxfehler."])]
    assert isinstance(tree, ast.Module)
    tail = tree.body[-1] if tree.body else None
    last = tail if isinstance(tail, ast.Expr) else None
    if last is not None:
        tree.body.pop()
    out = io.StringIO()
    outputs: list[Any] = []
    result: Any = None
    try:
        with _alarm(timeout), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            exec(compile(tree, "<Test>", "exec"), namespace)  # noqa: S102 - instructor's own test code
            if last is not None:
                result = eval(compile(ast.Expression(last.value), "<Test>", "eval"), namespace)
    except _CellTimeout:
        error: tuple[str, str] | None = ("CellTimeoutError", f"Der Test lief länger als {timeout} Sekunden.")
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - every failure of a test (also SystemExit) is a result
        error = _german_error(exc, answers)
    else:
        error = None
    text = out.getvalue()
    if text:
        outputs.append(new_output("stream", name="stdout", text=text[:MAX_TEXT]))
    if error is None and result is not None:
        outputs.append(new_output("execute_result", data={"text/plain": repr(result)[:MAX_TEXT]},
                                  execution_count=None))
    if error is not None:
        ename, message = error
        outputs.append(new_output("error", ename=ename, evalue=message, traceback=[f"{ename}: {message}"]))
    return outputs


def run_tests(setup: list[str], tests: dict[str, str], values: dict[str, Any], answers: list[str],
              cwd: Path, timeout: int) -> dict[str, list[Any]]:
    """Outputs per test cell id. Setup cells run first (their outputs are dropped), then the values."""
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": __builtins__}
    wanted = set(answers)
    with _cwd(cwd):
        for source in setup:
            _run_one(source, namespace, timeout, wanted)
        # A name the participant left undefined keeps the setup's value or stays undefined (NameError).
        namespace.update({name: values[name] for name in answers if name in values})
        return {cell_id: _run_one(source, namespace, timeout, wanted) for cell_id, source in tests.items()}


__all__ = ["UnsupportedValue", "run_tests"]
