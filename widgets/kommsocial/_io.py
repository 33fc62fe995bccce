"""File input and output shared by all rooms: German errors on read, no half-written files on write."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kommsocial.errors import InputError


def read_input_bytes(path: str | Path) -> bytes:
    """Read a user's input file (never changed); missing file or folder → InputError."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("Die Datei wurde nicht gefunden.", file=str(path), hint="Prüfen Sie den Pfad.") from None
    except IsADirectoryError:
        raise InputError("Das ist ein Ordner, keine Datei.", file=str(path)) from None


def atomic_write(path: str | Path, data: bytes) -> Path:
    """Write bytes via a temporary file in the same folder and a rename."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError("Der Zielordner existiert nicht.", file=str(path), hint="Legen Sie den Ordner zuerst an.")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
