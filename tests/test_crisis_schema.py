"""Scenario format: every built-in scenario validates; broken files give German, line-numbered errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kommsocial.crisis.schema import builtin_files, list_scenarios, load_scenario, resolve
from kommsocial.errors import InputError

DATA = Path(__file__).parent / "data" / "crisis"
MINI = DATA / "mini.yaml"
REQUIRED_IDS = {"grossbrand", "bombenentschaerfung", "starkregen", "cyberangriff", "shitstorm", "falschmeldung"}


@pytest.mark.parametrize("path", builtin_files(), ids=lambda p: p.stem)
def test_builtin_scenario_validates_and_is_big_enough(path: Path) -> None:
    sc = load_scenario(path)
    assert sc.id == path.stem, "meta.id must equal the file name"
    base = [i for i in sc.injects if not i.folge]
    assert len(base) >= 25
    assert sc.meta.dauer >= 60
    assert max(i.minute for i in base) >= 60, "injects must spread over at least 60 minutes"
    assert len(sc.entscheidungen) >= 2
    assert len(sc.erwartungen) >= 4
    assert 3 <= len(sc.meta.lernziele) <= 5
    tags = {t for i in base for t in i.tags}
    assert {"geruecht", "fakt", "frage"} <= tags, "rumours, facts and questions must be mixed"
    roles = {p.rolle for p in sc.personas}
    assert {"buerger", "presse", "troll", "lagezentrum"} <= roles


def test_all_six_builtin_ids_exist() -> None:
    ids = {s.id for s in list_scenarios()}
    assert REQUIRED_IDS.issubset(ids)


def test_placeholders_are_filled_and_overridable() -> None:
    sc = resolve("grossbrand")
    assert "{" not in sc.render(sc.meta.titel)
    assert "Beispielhausen" in sc.render(sc.meta.titel, {"stadt": "Beispielhausen"})


def _broken(old: str, new: str, tmp_path: Path) -> InputError:
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "kaputt.yaml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(target)
    return info.value


def _line_of(needle: str, path: Path) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def test_yaml_syntax_error_names_line() -> None:
    with pytest.raises(InputError) as info:
        load_scenario(DATA / "mini_kaputt_syntax.yaml")
    err = info.value
    assert err.line is not None and 4 <= err.line <= 6
    assert "YAML-Syntaxfehler" in str(err)


def test_wrong_type_names_line_and_field(tmp_path: Path) -> None:
    err = _broken("  dauer: 30", "  dauer: dreißig", tmp_path)
    assert err.field == "meta.dauer"
    assert err.line == _line_of("dauer: dreißig", tmp_path / "kaputt.yaml")
    assert "ganze Zahl" in str(err)


def test_unknown_persona_reference(tmp_path: Path) -> None:
    err = _broken("    persona: tr\n    tags: [geruecht]", "    persona: trolli\n    tags: [geruecht]", tmp_path)
    assert err.field == "injects[3].persona"
    assert err.line == _line_of("persona: trolli", tmp_path / "kaputt.yaml")
    assert "trolli" in str(err) and "nicht definiert" in str(err)


def test_unknown_placeholder(tmp_path: Path) -> None:
    err = _broken("Was ist am {ort} los?", "Was ist am {platz} los?", tmp_path)
    assert "{platz}" in str(err) and "unbekannt" in str(err)
    assert err.field == "injects[2].text"


def test_duplicate_id(tmp_path: Path) -> None:
    err = _broken("  - id: a4\n", "  - id: a3\n", tmp_path)
    assert "mehrfach" in str(err) and err.field == "injects[4].id"
    lines = (tmp_path / "kaputt.yaml").read_text(encoding="utf-8").splitlines()
    second = [n for n, line in enumerate(lines, 1) if line == "  - id: a3"][1]
    assert err.line == second


def test_unknown_follow_up_and_reply_to(tmp_path: Path) -> None:
    err = _broken("folge_injects: [f1]", "folge_injects: [f9]", tmp_path)
    assert "f9" in str(err) and err.field.endswith("folge_injects")
    err = _broken("antwort_auf: a3", "antwort_auf: a99", tmp_path)
    assert "a99" in str(err) and err.field == "injects[4].antwort_auf"


def test_minute_after_end_and_unknown_field(tmp_path: Path) -> None:
    err = _broken("    minute: 20\n    kanal: warnung", "    minute: 45\n    kanal: warnung", tmp_path)
    assert "nach dem Ende" in str(err) and err.field == "injects[5].minute"
    err = _broken("    haltung: \"sachlich\"", "    haltung: \"sachlich\"\n    alter: 40", tmp_path)
    assert "unbekanntes Feld" in str(err)
    assert err.line == _line_of("alter: 40", tmp_path / "kaputt.yaml")


def test_expectation_needs_deadline_and_target(tmp_path: Path) -> None:
    err = _broken("    ziel: a4\n    binnen: 10\n", "", tmp_path)
    assert "bis_minute" in str(err) or "ziel" in str(err)


def test_invalid_channel_lists_allowed_values(tmp_path: Path) -> None:
    err = _broken("kanal: lagemeldung", "kanal: twitter", tmp_path)
    assert "unzulässiger Wert" in str(err) and "feed" in str(err)
