"""Safe unpacking of a submissions zip (and safe listing of a folder) for `seminar collect --from`.

A zip from e-mail or a learning platform is untrusted. Limits on file count, total
size, single file size and compression ratio are checked from the zip directory
first and enforced again while streaming, because the sizes a zip declares can lie.
Entries that cannot be taken (path leading outside, links, too large, encrypted,
damaged) are returned with a German reason, so the collect report lists them.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kommsocial.errors import InputError

MB = 1024 * 1024
_CHUNK = MB


@dataclass(frozen=True)
class ZipLimits:
    """Upper bounds for one import; a seminar of 30 people sends a few MB."""

    max_files: int = 2000
    max_total_bytes: int = 500 * MB
    max_file_bytes: int = 50 * MB  # the same limit grading applies to a notebook
    max_ratio: int = 200  # notebooks pack 5–20 times; a zip bomb packs 1000 times
    ratio_from_bytes: int = MB  # tiny files may pack extremely well and are harmless


DEFAULT_LIMITS = ZipLimits()


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{max(1, n // 1024)} KB"


def _safe_parts(name: str) -> tuple[str, ...] | None:
    """Path parts of an entry name, or None if it points outside the archive."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = tuple(p for p in PurePosixPath(name).parts if p not in ("", "."))
    if any(p == ".." for p in parts) or not parts:
        return None
    return parts


def _refusal(info: zipfile.ZipInfo, limits: ZipLimits) -> str | None:
    """German reason why an entry is not taken, judged from the zip directory alone."""
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "Verknüpfung (Symlink) – nicht übernommen"
    if _safe_parts(info.filename) is None:
        return "Pfad zeigt aus dem Archiv heraus – nicht übernommen"
    if info.flag_bits & 0x1:
        return "verschlüsselt – nicht übernommen"
    if info.file_size > limits.max_file_bytes:
        return f"größer als {_mb(limits.max_file_bytes)} – nicht übernommen"
    if info.file_size >= limits.ratio_from_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        return "ungewöhnlich stark gepackt (mögliche ZIP-Bombe) – nicht übernommen"
    return None


def _too_much(source: Path, what: str) -> InputError:
    return InputError(f"Die ZIP-Datei enthält {what}. Es wurde nichts übernommen.", file=str(source),
                      hint="Packen Sie nur die Notebooks der Teilnehmenden ein, bei Bedarf in mehreren ZIP-Dateien.")


def _stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, allowed: int) -> int:
    """Copy one entry in chunks; stops past `allowed` bytes (the declared size may lie)."""
    written = 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zf.open(info) as src, open(dest, "wb") as out:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if written > allowed:
                raise OverflowError
            out.write(chunk)
    return written


def extract(source: Path, base: Path, limits: ZipLimits = DEFAULT_LIMITS) -> list[tuple[str, str]]:
    """Unpack `source` into the empty folder `base`; returns dropped entries (name, German reason).

    Raises:
        InputError: too many files or too much data in total; then `base` may hold
            partial data, but nothing outside it was written (callers use a temp folder).
    """
    dropped: list[tuple[str, str]] = []
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise InputError("Die ZIP-Datei ist beschädigt.", file=str(source),
                         hint="Laden Sie sie erneut herunter oder packen Sie die Dateien neu.") from None
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > limits.max_files:
            raise _too_much(source, f"{len(infos)} Dateien, erlaubt sind höchstens {limits.max_files}")
        declared = sum(i.file_size for i in infos if _refusal(i, limits) is None)
        if declared > limits.max_total_bytes:
            raise _too_much(source, f"entpackt {_mb(declared)}, erlaubt sind höchstens {_mb(limits.max_total_bytes)}")
        total = 0
        root = base.resolve()
        for info in infos:
            reason = _refusal(info, limits)
            if reason:
                dropped.append((info.filename, reason))
                continue
            parts = _safe_parts(info.filename)
            assert parts is not None  # _refusal has refused every path that leaves the archive
            dest = base.joinpath(*parts)
            if not dest.resolve().is_relative_to(root):
                dropped.append((info.filename, "Pfad zeigt aus dem Archiv heraus – nicht übernommen"))
                continue
            allowed = min(info.file_size, limits.max_file_bytes, limits.max_total_bytes - total)
            try:
                total += _stream(zf, info, dest, allowed)
            except OverflowError:
                dest.unlink(missing_ok=True)
                if total + allowed >= limits.max_total_bytes:
                    raise _too_much(source, f"entpackt mehr als {_mb(limits.max_total_bytes)}") from None
                dropped.append((info.filename, "enthält mehr Daten, als die ZIP-Datei angibt – nicht übernommen"))
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                dest.unlink(missing_ok=True)
                dropped.append((info.filename, "beschädigt oder nicht lesbar – nicht übernommen"))
    return dropped


def folder_files(base: Path, limits: ZipLimits = DEFAULT_LIMITS, *,
                 skip: frozenset[str] = frozenset()) -> tuple[list[Path], list[tuple[str, str]]]:
    """Regular files below `base` within the limits, and dropped ones (relative name, German reason).

    Links are never followed: a link could point at any file of the trainer's computer.
    """
    files: list[Path] = []
    dropped: list[tuple[str, str]] = []
    total = 0
    for dirpath, dirnames, filenames in os.walk(base):  # os.walk does not enter linked folders
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if d not in skip)
        for d in list(dirnames):
            if (here / d).is_symlink():
                dirnames.remove(d)
                dropped.append((str((here / d).relative_to(base)), "Verknüpfung (Symlink) – nicht übernommen"))
        for name in sorted(filenames):
            path = here / name
            rel = str(path.relative_to(base))
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                dropped.append((rel, "Verknüpfung (Symlink) – nicht übernommen"))
            elif not stat.S_ISREG(st.st_mode):
                dropped.append((rel, "keine normale Datei – nicht übernommen"))
            elif st.st_size > limits.max_file_bytes:
                dropped.append((rel, f"größer als {_mb(limits.max_file_bytes)} – nicht übernommen"))
            else:
                total += st.st_size
                files.append(path)
        if len(files) > limits.max_files:
            raise InputError(f"Der Ordner enthält mehr als {limits.max_files} Dateien. Es wurde nichts übernommen.",
                             file=str(base), hint="Wählen Sie den Ordner mit den Notebooks der Teilnehmenden.")
        if total > limits.max_total_bytes:
            raise InputError(f"Der Ordner enthält mehr als {_mb(limits.max_total_bytes)}. Es wurde nichts übernommen.",
                             file=str(base), hint="Wählen Sie den Ordner mit den Notebooks der Teilnehmenden.")
    return sorted(files), dropped
