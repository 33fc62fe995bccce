"""Finding 9: every YAML/JSON reader refuses deep nesting, huge files and wrong encodings in German (exit 2)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_PLAN = ROOT / "widgets" / "kommsocial" / "plan" / "beispielplan.csv"
READERS = {
    "check --hausstil": ["check", "{ok}", "--platform", "x", "--hausstil", "{f}"],
    "scenario validate": ["scenario", "validate", "{f}"],
    "scenario play": ["scenario", "play", "{f}"],
    "scenario play --responses": ["scenario", "play", "starkregen", "--responses", "{f}"],
    "scenario neu": ["scenario", "neu", "{f}", "--db", "{tmp}/krisen.db"],
    "legal impressum": ["legal", "impressum", "{f}"],
    "plan --hausregel": ["plan", "check", str(SAMPLE_PLAN), "--hausregel", "{f}"],
    "community bewerten": ["community", "bewerten", "{f}"],
    "strategie check": ["strategie", "check", "{f}"],
    "strategie dienstanweisung": ["strategie", "dienstanweisung", "{f}"],
}


def _bad_files(folder: Path) -> dict[str, Path]:
    files = {
        "tief-fluss.yaml": ("[" * 10_000 + "]" * 10_000 + "\n").encode(),
        "tief-block.yaml": "".join(" " * i + "-\n" for i in range(900)).encode(),
        "tief-zuordnung.yaml": "".join(" " * i + "a:\n" for i in range(900)).encode() + b" " * 900 + b"x\n",
        "tief.json": ("[" * 10_000 + "]" * 10_000).encode(),
        "tief-objekt.json": ('{"a":' * 10_000 + "1" + "}" * 10_000).encode(),
        "utf16.yaml": "plattform: facebook\nbehoerde: Stadt Müllerhausen\n".encode("utf-16"),
        "utf16.json": '{"drohung-blitzer": "löschen"}'.encode("utf-16"),
        "cp1252.yaml": "plattform: facebook\nbehoerde: Stadt Müllerhausen\n".encode("cp1252"),
        "cp1252.json": '{"drohung-blitzer": "löschen"}'.encode("cp1252"),
        "binaer.yaml": bytes(range(256)) * 64,
        "binaer.json": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64,
        "verweise.yaml": b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
            b"%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n"
            % ((bytes([98 + i]),) * 2 + (bytes([97 + i]),) * 9)
            for i in range(20)),
    }
    out = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    big = folder / "gross.yaml"
    with big.open("w", encoding="utf-8") as fh:  # 50 MB of valid YAML
        line = "schluessel: ein ganz normaler Wert in einer viel zu großen Datei\n" * 1000
        for _ in range(50 * 1024 * 1024 // len(line.encode()) + 1):
            fh.write(line)
    out["gross.yaml"] = big
    return out


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> dict[str, Path]:
    return _bad_files(tmp_path_factory.mktemp("eingaben"))


def argv_for(reader: str, f: Path, tmp_path: Path) -> list[str]:
    ok = tmp_path / "beitrag.txt"
    ok.write_text("Die Stadt informiert über die Sperrung.", encoding="utf-8")
    return [a.format(f=f, ok=ok, tmp=tmp_path) for a in READERS[reader]]


BAD_NAMES = ["tief-fluss.yaml", "tief-block.yaml", "tief-zuordnung.yaml", "tief.json", "tief-objekt.json",
             "utf16.yaml", "utf16.json", "cp1252.yaml", "cp1252.json", "binaer.yaml", "binaer.json",
             "gross.yaml", "verweise.yaml"]


@pytest.mark.parametrize("name", BAD_NAMES)
@pytest.mark.parametrize("reader", list(READERS))
def test_reader_refuses_in_german(reader, name, bad, tmp_path):
    f = bad[name]
    start = time.perf_counter()
    code, out, err = run_cli(*argv_for(reader, f, tmp_path))
    elapsed = time.perf_counter() - start
    assert code == 2, (code, out, err)
    assert err.startswith("Fehler: Datei ") and f.name in err, err
    assert "Traceback" not in err and "Error" not in err, err
    assert elapsed < 5, f"{reader} took {elapsed:.1f} s"
    if name.startswith(("tief", "cp1252", "binaer")):
        assert "Zeile" in err, err  # the position of the problem
    if name.startswith("tief"):
        assert "verschachtelt" in err
    elif name.startswith("utf16"):
        assert "UTF-16" in err and "UTF-8" in err
    elif name.startswith("cp1252"):
        assert "Windows-1252" in err and "Spalte" in err
    elif name == "gross.yaml":
        assert "zu groß" in err and "2 MB" in err


def test_utf8_bom_is_fine(tmp_path):
    f = tmp_path / "antworten.json"
    f.write_bytes('{"drohung-blitzer": "melden"}'.encode("utf-8-sig"))
    code, _out, err = run_cli("community", "bewerten", str(f))
    assert code == 0, err


@pytest.mark.parametrize("reader", ["community bewerten", "scenario validate", "check --hausstil"])
def test_no_traceback_in_a_real_process(reader, bad, tmp_path):
    """The console script, not only main(): RecursionError or UnicodeDecodeError must never escape."""
    for name in ("tief-fluss.yaml", "tief.json", "cp1252.json", "binaer.json"):
        proc = subprocess.run([sys.executable, "-m", "kommsocial.cli", *argv_for(reader, bad[name], tmp_path)],
                              capture_output=True, text=True, check=False, timeout=60)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr and bad[name].name in proc.stderr
