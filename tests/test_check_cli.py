"""`kommsocial pruefen` and `kommsocial entwurf` through kommsocial.cli.main: exit codes, JSON shape, stdin."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

DATA = Path(__file__).parent / "data" / "text"
EXAMPLE = Path(__file__).resolve().parents[1] / "widgets" / "kommsocial" / "text" / "hausstil_beispiel.yaml"
GOOD = "Am Samstag feiern wir das Stadtfest auf dem Marktplatz. Kommen Sie vorbei!"


def test_clean_post_exit_0_and_json_shape():
    proc = run_cli("check", "-", "--platform", "bluesky", "--json", stdin=GOOD)
    assert proc.code == 0, proc.err
    data = json.loads(proc.out)  # exactly one JSON object
    assert set(data) == {"platform", "length", "readability", "findings"}
    assert data["platform"] == "bluesky"
    assert data["length"] == {"counted": len(GOOD), "limit": 300, "unit": "Grapheme"}
    assert isinstance(data["readability"]["flesch_amstad"], float)
    assert data["readability"]["words"] == 12 and data["readability"]["sentences"] == 2
    assert data["findings"] == []


def test_error_finding_exit_1_with_finding_fields(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text("Wir feiern. " * 30, encoding="utf-8")
    proc = run_cli("check", str(post), "--platform", "x", "--json")
    assert proc.code == 1, proc.err
    data = json.loads(proc.out)
    (f,) = [f for f in data["findings"] if f["rule"] == "laenge"]
    assert {"rule", "severity", "message", "start", "end", "suggestion"} <= set(f)
    assert f["severity"] == "fehler" and isinstance(f["start"], int)
    assert post.read_text(encoding="utf-8") == "Wir feiern. " * 30  # input untouched


def test_image_without_alt_text_is_an_error_and_alt_text_fixes_it():
    assert run_cli("check", "--platform", "x", "--bild", stdin=GOOD).code == 1
    ok = run_cli("check", "--platform", "x", "--bild", "--alt-text",
                 "Menschen tanzen auf dem Marktplatz vor einer Bühne.", stdin=GOOD)
    assert ok.code == 0, ok.out


def test_human_output_is_german_and_pipe_safe():
    proc = run_cli("check", "--platform", "x", stdin="Zwecks Anmeldung kommen Sie ins Rathaus.")
    assert proc.code == 0
    out = proc.out
    assert "Prüfung für X" in out and "Ampel: Gelb" in out and "amtsdeutsch" in out
    assert "\x1b[" not in out  # no terminal colour codes when piped


def test_hausstil_option_changes_result():
    text = "Zwecks Anmeldung kommen Sie ins Rathaus."
    proc = run_cli("check", "--platform", "x", "--hausstil", str(EXAMPLE), "--json", stdin=text)
    assert proc.code == 1  # the example Hausstil makes Amtsdeutsch an error
    (f,) = json.loads(proc.out)["findings"]
    assert "Hausstil Musterstadt" in f["threshold"]


def test_press_release_flag_checks_w_questions():
    proc = run_cli("check", "--platform", "facebook", "--pressemitteilung", "--json",
                   stdin="Kommt vorbei und feiert mit!")
    rules = [f["rule"] for f in json.loads(proc.out)["findings"]]
    assert rules.count("w-fragen") == 3


def test_unusable_input_exit_2_without_traceback(tmp_path):
    cases = [
        (run_cli("check", str(tmp_path / "fehlt.txt"), "--platform", "x"), "nicht gefunden"),
        (run_cli("check", "--platform", "x", stdin="   \n"), "leer"),
        (run_cli("check", "--platform", "myspace", stdin=GOOD), "Gültig sind: x, bluesky"),
    ]
    broken = tmp_path / "hausstil.yaml"
    broken.write_text("name: X\nsatzlaenge:\n  fehler: viele\n", encoding="utf-8")
    cases.append((run_cli("check", "--platform", "x", "--hausstil", str(broken), stdin=GOOD), "Zeile 3"))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Grüße".encode("latin-1"))
    cases.append((run_cli("check", str(latin1), "--platform", "x"), "UTF-8"))
    for proc, expected in cases:
        assert proc.code == 2, proc.err
        assert expected in proc.err
        assert "Traceback" not in proc.err and proc.out == ""


def test_entwurf_command_json():
    pm = (DATA / "pm_stadtfest.txt").read_text(encoding="utf-8")
    proc = run_cli("entwurf", "--platform", "x,mastodon", "--json", stdin=pm)
    assert proc.code == 0, proc.err
    drafts = json.loads(proc.out)["entwuerfe"]
    assert [d["platform"] for d in drafts] == ["x", "mastodon"]
    assert all(d["counted"] <= d["limit"] for d in drafts)
    assert all(d["label"] == "Entwurf – bitte prüfen und anpassen" for d in drafts)


def test_several_platforms_are_each_checked_once_in_order():
    long_post = "Am Samstag feiern wir das Stadtfest auf dem Marktplatz. " * 6  # too long for X only
    proc = run_cli("check", "-", "--platform", "x,instagram", "--platform", "x", "--json", stdin=long_post)
    assert proc.code == 1, proc.err  # X has a length error
    reports = json.loads(proc.out)["berichte"]
    assert [r["platform"] for r in reports] == ["x", "instagram"]
    assert any(f["rule"] == "laenge" for f in reports[0]["findings"])
    assert not any(f["rule"] == "laenge" for f in reports[1]["findings"])
    human = run_cli("check", "-", "--platform", "bluesky,mastodon", stdin=GOOD)
    assert human.code == 0, human.err
    assert human.out.count("Prüfung für") == 2 and "Bluesky" in human.out and "Mastodon" in human.out
    wrong = run_cli("check", "-", "--platform", "x,gibtsnicht", stdin=GOOD)
    assert wrong.code == 2 and "gibtsnicht" in wrong.err


def test_human_output_has_german_numbers_and_plurals():
    one = run_cli("check", "-", "--platform", "instagram", stdin="Ein Satz.")
    assert one.code == 0, one.err
    assert "von 2.200 Zeichen" in one.out and "2 Wörter, 1 Satz" in one.out
    assert "0 Warnungen, 0 Hinweise" in one.out


def test_positions_are_counted_from_one_in_the_human_output():
    text = "Zwecks Anmeldung rufen Sie uns an."
    human = run_cli("check", "-", "--platform", "instagram", stdin=text)
    data = json.loads(run_cli("check", "-", "--platform", "instagram", "--json", stdin=text).out)
    (f,) = [f for f in data["findings"] if f["rule"] == "amtsdeutsch"]
    assert f["start"] == 0  # JSON keeps offsets for programs
    assert f"Zeichen 1–{f['end']}: „Zwecks" in human.out
