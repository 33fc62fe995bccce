"""`kommsocial pruefen` and `kommsocial entwurf` in real subprocesses: exit codes, JSON shape, stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data" / "text"
EXAMPLE = Path(__file__).resolve().parents[1] / "widgets" / "kommsocial" / "text" / "hausstil_beispiel.yaml"
GOOD = "Am Samstag feiern wir das Stadtfest auf dem Marktplatz. Kommen Sie vorbei!"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kommsocial.cli", *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


def test_clean_post_exit_0_and_json_shape():
    proc = run("check", "-", "--platform", "bluesky", "--json", stdin=GOOD)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)  # exactly one JSON object
    assert set(data) == {"platform", "length", "readability", "findings"}
    assert data["platform"] == "bluesky"
    assert data["length"] == {"counted": len(GOOD), "limit": 300, "unit": "Grapheme"}
    assert isinstance(data["readability"]["flesch_amstad"], float)
    assert data["readability"]["words"] == 12 and data["readability"]["sentences"] == 2
    assert data["findings"] == []


def test_error_finding_exit_1_with_finding_fields(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text("Wir feiern. " * 30, encoding="utf-8")
    proc = run("check", str(post), "--platform", "x", "--json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    (f,) = [f for f in data["findings"] if f["rule"] == "laenge"]
    assert {"rule", "severity", "message", "start", "end", "suggestion"} <= set(f)
    assert f["severity"] == "fehler" and isinstance(f["start"], int)
    assert post.read_text(encoding="utf-8") == "Wir feiern. " * 30  # input untouched


def test_image_without_alt_text_is_an_error_and_alt_text_fixes_it():
    assert run("check", "--platform", "x", "--bild", stdin=GOOD).returncode == 1
    ok = run("check", "--platform", "x", "--bild", "--alt-text",
             "Menschen tanzen auf dem Marktplatz vor einer Bühne.", stdin=GOOD)
    assert ok.returncode == 0, ok.stdout


def test_human_output_is_german_and_pipe_safe():
    proc = run("check", "--platform", "x", stdin="Zwecks Anmeldung kommen Sie ins Rathaus.")
    assert proc.returncode == 0
    out = proc.stdout
    assert "Prüfung für X" in out and "Ampel: Gelb" in out and "amtsdeutsch" in out
    assert "\x1b[" not in out  # no terminal colour codes when piped


def test_hausstil_option_changes_result():
    text = "Zwecks Anmeldung kommen Sie ins Rathaus."
    proc = run("check", "--platform", "x", "--hausstil", str(EXAMPLE), "--json", stdin=text)
    assert proc.returncode == 1  # the example Hausstil makes Amtsdeutsch an error
    (f,) = json.loads(proc.stdout)["findings"]
    assert "Hausstil Musterstadt" in f["threshold"]


def test_press_release_flag_checks_w_questions():
    proc = run("check", "--platform", "facebook", "--pressemitteilung", "--json", stdin="Kommt vorbei und feiert mit!")
    rules = [f["rule"] for f in json.loads(proc.stdout)["findings"]]
    assert rules.count("w-fragen") == 3


def test_unusable_input_exit_2_without_traceback(tmp_path):
    cases = [
        (run("check", str(tmp_path / "fehlt.txt"), "--platform", "x"), "nicht gefunden"),
        (run("check", "--platform", "x", stdin="   \n"), "leer"),
        (run("check", "--platform", "myspace", stdin=GOOD), "Gültig sind: x, bluesky"),
    ]
    broken = tmp_path / "hausstil.yaml"
    broken.write_text("name: X\nsatzlaenge:\n  fehler: viele\n", encoding="utf-8")
    cases.append((run("check", "--platform", "x", "--hausstil", str(broken), stdin=GOOD), "Zeile 3"))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Grüße".encode("latin-1"))
    cases.append((run("check", str(latin1), "--platform", "x"), "UTF-8"))
    for proc, expected in cases:
        assert proc.returncode == 2, proc.stderr
        assert expected in proc.stderr
        assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_entwurf_command_json():
    pm = (DATA / "pm_stadtfest.txt").read_text(encoding="utf-8")
    proc = run("entwurf", "--platform", "x,mastodon", "--json", stdin=pm)
    assert proc.returncode == 0, proc.stderr
    drafts = json.loads(proc.stdout)["entwuerfe"]
    assert [d["platform"] for d in drafts] == ["x", "mastodon"]
    assert all(d["counted"] <= d["limit"] for d in drafts)
    assert all(d["label"] == "Entwurf – bitte prüfen und anpassen" for d in drafts)


def test_several_platforms_are_each_checked_once_in_order():
    long_post = "Am Samstag feiern wir das Stadtfest auf dem Marktplatz. " * 6  # too long for X only
    proc = run("check", "-", "--platform", "x,instagram", "--platform", "x", "--json", stdin=long_post)
    assert proc.returncode == 1, proc.stderr  # X has a length error
    reports = json.loads(proc.stdout)["berichte"]
    assert [r["platform"] for r in reports] == ["x", "instagram"]
    assert any(f["rule"] == "laenge" for f in reports[0]["findings"])
    assert not any(f["rule"] == "laenge" for f in reports[1]["findings"])
    human = run("check", "-", "--platform", "bluesky,mastodon", stdin=GOOD)
    assert human.returncode == 0, human.stderr
    assert human.stdout.count("Prüfung für") == 2 and "Bluesky" in human.stdout and "Mastodon" in human.stdout
    wrong = run("check", "-", "--platform", "x,gibtsnicht", stdin=GOOD)
    assert wrong.returncode == 2 and "gibtsnicht" in wrong.stderr


def test_human_output_has_german_numbers_and_plurals():
    one = run("check", "-", "--platform", "instagram", stdin="Ein Satz.")
    assert one.returncode == 0, one.stderr
    assert "von 2.200 Zeichen" in one.stdout and "2 Wörter, 1 Satz" in one.stdout
    assert "0 Warnungen, 0 Hinweise" in one.stdout


def test_positions_are_counted_from_one_in_the_human_output():
    text = "Zwecks Anmeldung rufen Sie uns an."
    human = run("check", "-", "--platform", "instagram", stdin=text)
    data = json.loads(run("check", "-", "--platform", "instagram", "--json", stdin=text).stdout)
    (f,) = [f for f in data["findings"] if f["rule"] == "amtsdeutsch"]
    assert f["start"] == 0  # JSON keeps offsets for programs
    assert f"Zeichen 1–{f['end']}: „Zwecks" in human.stdout
