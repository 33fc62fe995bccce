"""File input and output shared by all rooms: German errors on read, no half-written files on write."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from kommsocial._german import decimal, thousands
from kommsocial.errors import InputError

MB = 1024 * 1024
# A user's input file (plan, post data, roster); far above any real one, small enough for memory.
MAX_INPUT_BYTES = 50 * MB
# A text to check (post, draft, reply, source text): a long press release has 20 000 characters.
MAX_TEXT_CHARS = 100_000
# Bytes of a text file: four per character at most in UTF-8, plus a BOM.
MAX_TEXT_BYTES = MAX_TEXT_CHARS * 4 + 3

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def _size_text(n_bytes: int) -> str:
    if n_bytes >= MB:
        return f"{decimal(n_bytes / MB, 0)} MB"
    return f"{max(1, n_bytes // 1024)} KB"


class TooLarge(InputError):
    """A file or stream over its size limit."""


def too_large(file: str | None, limit: int) -> InputError:
    """The German error for a file over `limit` bytes."""
    return TooLarge(
        f"Die Datei ist zu groß (erlaubt sind höchstens {_size_text(limit)}).",
        file=file,
        hint="Prüfen Sie, ob Sie die richtige Datei gewählt haben, oder teilen Sie sie in kleinere Dateien auf.",
    )


def read_input_bytes(path: str | Path, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a user's input file (never changed); missing, folder or over `limit` bytes → InputError."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            # Read one byte more than allowed: the size on disk may change or lie (pipes, /proc).
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError("Die Datei wurde nicht gefunden.", file=str(path), hint="Prüfen Sie den Pfad.") from None
    except IsADirectoryError:
        raise InputError("Das ist ein Ordner, keine Datei.", file=str(path)) from None
    except PermissionError:
        raise InputError("Die Datei darf nicht gelesen werden.", file=str(path),
                         hint="Prüfen Sie die Zugriffsrechte der Datei.") from None
    if len(data) > limit:
        raise too_large(str(path), limit)
    return data


def read_limited(stream: BinaryIO, limit: int, name: str) -> bytes:
    """Read at most `limit` bytes from a stream (e.g. stdin); more → InputError."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(name, limit)
    return data


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    return line, offset - (before.rfind(b"\n") + 1) + 1


def decode_text(data: bytes, file: str | None) -> str:
    """Decode UTF-8 (a BOM is fine); UTF-16, Windows-1252 or binary data → InputError with position."""
    hint = "Speichern Sie die Datei als UTF-8 (im Editor: „Speichern unter“ → Codierung „UTF-8“)."
    if data.startswith(_UTF32_BOMS) or data.startswith(_UTF16_BOMS):
        raise InputError("Die Datei ist in UTF-16 (Unicode) gespeichert, erwartet wird UTF-8.", file=file, hint=hint)
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        line, col = _position(data, nul)
        raise InputError(f"Die Datei enthält keinen lesbaren Text (Steuerzeichen in Zeile {line}, Spalte {col}).",
                         file=file, hint="Wählen Sie eine Textdatei. " + hint)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        try:
            data.decode("cp1252")
            kind = "ist nicht in UTF-8 gespeichert, vermutlich in Windows-1252 (ANSI)"
        except UnicodeDecodeError:
            kind = "ist nicht in UTF-8 gespeichert"
        raise InputError(f"Die Datei {kind}: unlesbares Zeichen in Zeile {line}, Spalte {col}.",
                         file=file, hint=hint) from None


def read_input_text(path: str | Path, *, limit: int = MAX_INPUT_BYTES) -> str:
    """A user's UTF-8 text file, size-limited, with German errors for every encoding problem."""
    return decode_text(read_input_bytes(path, limit=limit), str(path))


def _text_too_long(what: str, file: str | None, count: str, limit: int) -> InputError:
    return InputError(
        f"{what} ist zu lang: {count} Zeichen, erlaubt sind höchstens {thousands(limit)}.",
        file=file,
        hint="Prüfen Sie den Text in kleineren Abschnitten, zum Beispiel je Beitrag oder Absatz.",
    )


def check_text_length(text: str, *, what: str = "Der Text", file: str | None = None,
                      limit: int = MAX_TEXT_CHARS) -> str:
    """Return `text`, or raise InputError when it is longer than `limit` characters."""
    if len(text) > limit:
        raise _text_too_long(what, file, thousands(len(text)), limit)
    return text


def read_draft_bytes(data: bytes, file: str, *, what: str = "Der Text") -> str:
    """Decode a text to check (post, draft, source) and enforce MAX_TEXT_CHARS."""
    if len(data) > MAX_TEXT_BYTES:
        raise _text_too_long(what, file, "mehr als " + thousands(MAX_TEXT_CHARS), MAX_TEXT_CHARS)
    return check_text_length(decode_text(data, file), what=what, file=file)


def read_draft(path: str | Path, *, what: str = "Der Text") -> str:
    """A text to check from a file; only MAX_TEXT_BYTES + 1 bytes are ever read."""
    try:
        data = read_input_bytes(path, limit=MAX_TEXT_BYTES)
    except TooLarge:
        raise _text_too_long(what, str(path), "mehr als " + thousands(MAX_TEXT_CHARS), MAX_TEXT_CHARS) from None
    return read_draft_bytes(data, str(path), what=what)


def sha256_file(path: str | Path, *, chunk: int = MB) -> str:
    """SHA-256 of a file, read in chunks so a huge file never lands in memory."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


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
