"""Hausstil files override thresholds, switch rules, change severities and extend word lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from kommsocial.errors import InputError
from kommsocial.text import analyze
from kommsocial.text.hausstil import Hausstil, load

EXAMPLE = Path(__file__).resolve().parents[1] / "widgets" / "kommsocial" / "text" / "hausstil_beispiel.yaml"


def _rule(report, rule):
    return [f for f in report.findings if f.rule == rule]


def test_example_file_loads():
    hs = load(EXAMPLE)
    assert hs.name == "Musterstadt" and hs.satzlaenge.warnung == 18


def test_sentence_threshold_from_hausstil_is_named():
    text = " ".join(["Wort"] * 18 + ["Ende."])  # 19 words: fine by default, too long for Musterstadt
    assert not _rule(analyze(text, "facebook"), "satzlaenge")
    (f,) = _rule(analyze(text, "facebook", hausstil=EXAMPLE), "satzlaenge")
    assert f.severity == "warnung"
    assert f.threshold == "max. 18 Wörter je Satz (Hausstil Musterstadt)"


def test_rule_can_be_switched_off_and_severity_changed():
    text = "Zwecks Anmeldung wurde die Liste geschlossen."
    off = analyze(text, "x", hausstil={"regeln": {"passiv": {"aktiv": False}}})
    assert not _rule(off, "passiv") and _rule(off, "amtsdeutsch")
    strict = analyze(text, "x", hausstil=EXAMPLE)
    (f,) = _rule(strict, "amtsdeutsch")
    assert f.severity == "fehler" and "Hausstil Musterstadt" in f.threshold
    assert strict.has_errors


def test_own_words_and_allowed_words():
    text = "Das Bürgerservicecenter bleibt bis auf Weiteres zu."
    default = analyze(text, "x")
    assert [default.text[f.start:f.end] for f in _rule(default, "amtsdeutsch")] == ["bis auf Weiteres"]
    own = analyze(text, "x", hausstil=EXAMPLE)
    found = _rule(own, "amtsdeutsch")
    assert [own.text[f.start:f.end] for f in found] == ["Bürgerservicecenter"]
    assert found[0].suggestion == "Bürgerbüro" and "eigene Liste (Hausstil Musterstadt)" in found[0].threshold


def test_allowed_abbreviations_and_readability_bounds():
    text = "Das DRK hilft ca. drei Tage."
    assert _rule(analyze(text, "x"), "abkuerzung")
    assert not _rule(analyze(text, "x", hausstil=EXAMPLE), "abkuerzung")
    medium = "Die Verwaltung informiert über die Öffnungszeiten der Bürgerbüros während der Feiertage im Dezember."
    assert not [f for f in _rule(analyze(medium, "x"), "lesbarkeit") if "Wiener" in f.message]
    wiener = [f for f in _rule(analyze(medium, "x", hausstil=EXAMPLE), "lesbarkeit") if "Wiener" in f.message]
    assert wiener and "höchstens 10 (Hausstil Musterstadt)" in wiener[0].threshold


def test_house_hashtag_limit():
    text = "Fest! #Eins #Zwei #Drei #Vier"
    (f,) = _rule(analyze(text, "x", hausstil=EXAMPLE), "hashtags")
    assert f.severity == "warnung" and "(Hausstil Musterstadt)" in f.threshold
    assert not _rule(analyze(text, "x"), "hashtags")


def test_broken_hausstil_gives_line_numbered_error(tmp_path):
    bad = tmp_path / "hausstil.yaml"
    bad.write_text("name: Test\nsatzlaenge:\n  warnung: zwanzig\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        analyze("Hallo.", "x", hausstil=bad)
    assert exc.value.line == 3 and "satzlaenge.warnung" in str(exc.value)
    syntax = tmp_path / "kaputt.yaml"
    syntax.write_text("name: Test\nregeln: [passiv\n", encoding="utf-8")
    with pytest.raises(InputError) as exc2:
        load(syntax)
    assert exc2.value.line is not None and "YAML" in str(exc2.value)


def test_unknown_rule_and_wrong_order_rejected():
    with pytest.raises(InputError, match="Unbekannte Regel „pasiv“"):
        load({"regeln": {"pasiv": {"aktiv": False}}})
    with pytest.raises(InputError, match="größer oder gleich"):
        load({"satzlaenge": {"warnung": 30, "fehler": 20}})


def test_defaults_are_the_standard():
    assert load(None) == Hausstil()


def test_own_undotted_abbreviation_from_hausstil():
    report = analyze("Die Kreisstraße im MuLa ist frei.", "x", hausstil=EXAMPLE)
    found = [f for f in _rule(report, "abkuerzung") if report.text[f.start:f.end] == "MuLa"]
    assert found and "Landkreis Musterland" in found[0].suggestion
    assert "eigene Liste (Hausstil Musterstadt)" in found[0].threshold
    assert not _rule(analyze("Die Kreisstraße im Landkreis Musterland (MuLa) ist frei.", "x", hausstil=EXAMPLE),
                     "abkuerzung")
