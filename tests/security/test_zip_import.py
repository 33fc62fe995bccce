"""Finding 7: `seminar collect --from` with hostile zips and folders – bounded, reported, nothing outside."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli
from kommsocial.errors import InputError
from kommsocial.seminar.folder import open_seminar
from kommsocial.seminar.intake import import_files
from kommsocial.seminar.zip_import import ZipLimits

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "data" / "seminar" / "solutions"
A = "s01_probe"
NOTEBOOK = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
MB = 1024 * 1024


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("vorlage") / "kurs"
    assert run_cli("seminar", "init", str(d), "--quelle", str(SOURCE))[0] == 0
    roster = d.parent / "liste.csv"
    roster.write_text("id;vorname;nachname;email\naa;Anna;Alt;\nbb;Bernd;Berg;\n", encoding="utf-8")
    assert run_cli("seminar", "roster", str(d), str(roster))[0] == 0
    return d


@pytest.fixture
def seminar_dir(template, tmp_path) -> Path:
    d = tmp_path / "kurs"
    shutil.copytree(template, d)
    return d


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def seminar_state(d: Path) -> tuple[dict, dict]:
    return tree(d / "submitted"), tree(d / "importe")


def zeros_entry(zf: zipfile.ZipFile, name: str, size: int) -> None:
    """Write `size` zero bytes as one entry in 1 MB chunks (bounded memory)."""
    chunk = bytes(MB)
    with zf.open(name, "w", force_zip64=size > 2**31 - 1) as fh:
        for _ in range(size // MB):
            fh.write(chunk)


def test_two_gb_zip_bomb_is_never_unpacked(seminar_dir, tmp_path):
    bomb = tmp_path / "abgaben.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("aa_s01_probe.ipynb", NOTEBOOK)
        zeros_entry(zf, "bb_s01_probe.ipynb", 2048 * MB)
    assert bomb.stat().st_size < 12 * MB
    def collect(archive: Path, folder: Path) -> tuple[int, str, str, float]:
        out, err = tmp_path / "out.txt", tmp_path / "err.txt"
        with out.open("w") as fo, err.open("w") as fe:
            proc = subprocess.Popen([sys.executable, "-m", "kommsocial.cli", "seminar", "collect", str(folder), A,
                                     "--from", str(archive)], stdout=fo, stderr=fe)
            # wait4: the peak memory of this one process (RUSAGE_CHILDREN would include earlier tests' children).
            _pid, status, usage = os.wait4(proc.pid, 0)
        return os.waitstatus_to_exitcode(status), out.read_text(), err.read_text(), usage.ru_maxrss / 1024

    # Baseline: the same command on a small honest zip, in a copy of the seminar (Python, pandas, nbgrader …).
    small = tmp_path / "klein.zip"
    with zipfile.ZipFile(small, "w") as zf:
        zf.writestr("aa_s01_probe.ipynb", NOTEBOOK)
    baseline_dir = tmp_path / "vergleich"
    shutil.copytree(seminar_dir, baseline_dir)
    *_rest, baseline_mb = collect(small, baseline_dir)
    returncode, stdout, stderr, peak_mb = collect(bomb, seminar_dir)
    proc = subprocess.CompletedProcess([], returncode)
    assert proc.returncode == 1, stdout + stderr  # imported, but something needs attention
    assert "aa_s01_probe.ipynb → aa" in stdout
    assert "bb_s01_probe.ipynb: größer als 50 MB – nicht übernommen" in stdout, stdout
    assert "Traceback" not in stderr
    assert not (seminar_dir / "submitted" / "bb").exists()
    assert sum(p.stat().st_size for p in seminar_dir.rglob("*") if p.is_file()) < 20 * MB
    # Never read into memory: 2 GB would show; the import of the program itself is the baseline.
    assert peak_mb < baseline_mb + 150, f"collect used {peak_mb:.0f} MB, baseline {baseline_mb:.0f} MB"


def test_bomb_entry_dropped_by_ratio_honest_file_imported(seminar_dir, tmp_path):
    bomb = tmp_path / "abgaben.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("aa_s01_probe.ipynb", NOTEBOOK)
        zeros_entry(zf, "bb_s01_probe.ipynb", 20 * MB)
    res = import_files(open_seminar(seminar_dir), A, bomb)
    assert res.zugeordnet == [("aa_s01_probe.ipynb", "aa")]
    reasons = dict(res.nicht_zugeordnet)
    assert "ZIP-Bombe" in reasons["bb_s01_probe.ipynb"] and "nicht übernommen" in reasons["bb_s01_probe.ipynb"]
    assert not (seminar_dir / "submitted" / "bb").exists()


def test_lowered_limits_refuse_total_and_single_file(seminar_dir, tmp_path):
    archive = tmp_path / "abgaben.zip"
    with zipfile.ZipFile(archive, "w") as zf:  # stored: no ratio, only sizes count
        zf.writestr("aa_s01_probe.ipynb", NOTEBOOK)
        zf.writestr("bb_s01_probe.ipynb", b" " * (2 * MB))
    sem = open_seminar(seminar_dir)
    res = import_files(sem, A, archive, limits=ZipLimits(max_file_bytes=MB))
    assert "größer als 1 MB" in dict(res.nicht_zugeordnet)["bb_s01_probe.ipynb"]
    before = seminar_state(seminar_dir)
    with pytest.raises(InputError, match="nichts übernommen"):
        import_files(sem, A, archive, limits=ZipLimits(max_total_bytes=MB))
    assert seminar_state(seminar_dir) == before


def test_many_files_refused_before_writing(seminar_dir, tmp_path):
    archive = tmp_path / "viele.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(2500):
            zf.writestr(f"x/{i}.txt", b"")
    before = seminar_state(seminar_dir)
    code, _out, err = run_cli("seminar", "collect", str(seminar_dir), A, "--from", str(archive))
    assert code == 2 and "2500 Dateien" in err and "höchstens 2000" in err, err
    assert seminar_state(seminar_dir) == before


def _patch_sizes(data: bytes, name: bytes, new_size: int) -> bytes:
    """Make the local and central headers of entry `name` declare `new_size` uncompressed bytes."""
    buf = bytearray(data)
    local = buf.find(b"PK\x03\x04" + b"\x00" * 0, 0)
    while local >= 0:
        n = int.from_bytes(buf[local + 26:local + 28], "little")
        if buf[local + 30:local + 30 + n] == name:
            buf[local + 22:local + 26] = new_size.to_bytes(4, "little")
        local = buf.find(b"PK\x03\x04", local + 4)
    central = buf.find(b"PK\x01\x02")
    while central >= 0:
        n = int.from_bytes(buf[central + 28:central + 30], "little")
        if buf[central + 46:central + 46 + n] == name:
            buf[central + 24:central + 28] = new_size.to_bytes(4, "little")
        central = buf.find(b"PK\x01\x02", central + 4)
    return bytes(buf)


def test_lying_header_sizes_are_enforced_while_streaming(seminar_dir, tmp_path):
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("aa_s01_probe.ipynb", NOTEBOOK)
        zf.writestr("bb_s01_probe.ipynb", bytes(8 * MB))
    archive = tmp_path / "luege.zip"
    archive.write_bytes(_patch_sizes(raw.getvalue(), b"bb_s01_probe.ipynb", 1000))
    with zipfile.ZipFile(archive) as zf:  # the directory claims 1000 bytes (ratio looks harmless)
        assert zf.getinfo("bb_s01_probe.ipynb").file_size == 1000
    res = import_files(open_seminar(seminar_dir), A, archive)
    assert res.zugeordnet == [("aa_s01_probe.ipynb", "aa")]
    assert "nicht übernommen" in dict(res.nicht_zugeordnet)["bb_s01_probe.ipynb"]
    assert not (seminar_dir / "submitted" / "bb").exists()
    assert not list((seminar_dir / "importe").rglob("bb_s01_probe.ipynb"))


def test_traversal_and_link_entries_are_listed_and_nothing_lands_outside(seminar_dir, tmp_path):
    archive = tmp_path / "boese.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("aa_s01_probe.ipynb", NOTEBOOK)
        for name in ("../../draussen.ipynb", "/tmp/absolut_bb.ipynb", "bb/../../../weg.ipynb",
                     "..\\..\\windows.ipynb"):
            zf.writestr(name, NOTEBOOK)
        link = zipfile.ZipInfo("bb_link.ipynb")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    outside_before = sorted(p.name for p in tmp_path.parent.iterdir())
    code, out, err = run_cli("seminar", "collect", str(seminar_dir), A, "--from", str(archive))
    assert code == 1, err  # something needs the trainer's attention
    assert "aa_s01_probe.ipynb → aa" in out
    for name in ("../../draussen.ipynb", "/tmp/absolut_bb.ipynb", "bb/../../../weg.ipynb", "..\\..\\windows.ipynb"):
        assert f"{name}: Pfad zeigt aus dem Archiv heraus – nicht übernommen" in out, out
    assert "bb_link.ipynb: Verknüpfung (Symlink) – nicht übernommen" in out
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == outside_before
    assert not Path("/tmp/absolut_bb.ipynb").exists()
    assert not (seminar_dir / "submitted" / "bb").exists()
    written = [p for p in seminar_dir.rglob("*") if p.is_symlink()]
    assert written == []


def test_folder_links_are_not_followed(seminar_dir, tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("Passwort", encoding="utf-8")
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    (inbox / "aa_s01_probe.ipynb").write_bytes(NOTEBOOK)
    os.symlink(secret, inbox / "bb_s01_probe.ipynb")
    os.symlink(tmp_path, inbox / "ordner_bb")
    res = import_files(open_seminar(seminar_dir), A, inbox)
    reasons = dict(res.nicht_zugeordnet)
    assert res.zugeordnet == [("aa_s01_probe.ipynb", "aa")]
    assert "Symlink" in reasons["bb_s01_probe.ipynb"] and "Symlink" in reasons["ordner_bb"]
    assert not any("Passwort" in p.read_text(errors="ignore") for p in seminar_dir.rglob("*") if p.is_file())


def test_sha256_file_streams(tmp_path, monkeypatch):
    from kommsocial._io import sha256_file
    from kommsocial.seminar.precheck import file_hashes

    big = tmp_path / "abgabe" / "gross.ipynb"
    big.parent.mkdir()
    with big.open("wb") as fh:
        for _ in range(64):
            fh.write(b"x" * MB)
    expected = hashlib.sha256(b"x" * (64 * MB)).hexdigest()
    assert sha256_file(big) == expected

    def no_whole_reads(self):
        raise AssertionError("read_bytes would load the whole file")

    monkeypatch.setattr(Path, "read_bytes", no_whole_reads)
    assert file_hashes(big.parent) == {"gross.ipynb": expected}
