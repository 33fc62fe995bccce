"""Every plan rule fires on a positive case, stays quiet on a negative one, and states its threshold."""

from __future__ import annotations

from datetime import date

import pytest

from kommsocial.errors import InputError
from kommsocial.plan import check_plan, load_settings, read_plan_bytes

HEADER = "Datum;Uhrzeit;Kanal;Thema;Format;Verantwortlich;Status;Kampagne;Pressemitteilung;Kategorie"


def plan_of(*rows: str):
    return read_plan_bytes(("\n".join([HEADER, *rows]) + "\n").encode(), "test.csv")


def rules(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_pflichtfeld_and_datum_positive_and_negative():
    bad = check_plan(plan_of("01.12.2026;10:00;;Thema;;;;;;", "xx.12.2026;10:00;Facebook;Thema;;;;;;"))
    assert [(f.row, f.rule, f.severity) for f in bad if f.rule in {"pflichtfeld", "datum"}] == [
        (2, "pflichtfeld", "fehler"), (3, "datum", "fehler")]
    good = check_plan(plan_of("01.12.2026;10:00;Facebook;Thema;;;;;;"))
    assert not rules(good, "pflichtfeld") and not rules(good, "datum")


def test_feiertag_names_the_holiday_of_the_land():
    plan = plan_of("31.10.2026;10:00;Facebook;Reformationstag;;;;;;", "02.11.2026;10:00;Facebook;Montag;;;;;;")
    ni = rules(check_plan(plan, land="NI"), "feiertag")
    assert [(f.row, f.severity) for f in ni] == [(2, "hinweis")]
    assert "Reformationstag" in ni[0].message and "NI" in ni[0].threshold
    # 31 October is no public holiday in Bayern.
    assert rules(check_plan(plan, land="BY"), "feiertag") == []


def test_feiertag_regional():
    plan = plan_of("06.01.2027;10:00;Facebook;Dreikönig;;;;;;")
    assert rules(check_plan(plan, land="BY"), "feiertag")
    assert not rules(check_plan(plan, land="NI"), "feiertag")


def test_unknown_land():
    with pytest.raises(InputError, match="Bundesland"):
        check_plan(plan_of("01.12.2026;10:00;Facebook;x;;;;;;"), land="XX")


def test_luecke_counts_days_without_posts():
    # 1st -> 5th: 3 empty days (2,3,4) = allowed with default 3; 5th -> 10th: 4 empty days.
    plan = plan_of("01.12.2026;10:00;Facebook;a;;;;;;", "05.12.2026;10:00;Facebook;b;;;;;;",
                   "10.12.2026;10:00;Facebook;c;;;;;;")
    found = rules(check_plan(plan), "luecke")
    assert [(f.row, f.severity) for f in found] == [(4, "warnung")]
    assert "4 Tage" in found[0].message and "aktiv" in found[0].message
    assert "höchstens 3 Tage" in found[0].threshold


def test_luecke_threshold_overridable(tmp_path):
    rule_file = tmp_path / "haus.yaml"
    rule_file.write_text("luecke:\n  max_tage_ohne_beitrag: 5\n", encoding="utf-8")
    plan = plan_of("01.12.2026;10:00;Facebook;a;;;;;;", "10.12.2026;10:00;Facebook;c;;;;;;")
    found = rules(check_plan(plan, settings=load_settings(rule_file)), "luecke")
    assert "höchstens 5 Tage" in found[0].threshold
    rule_file.write_text("luecke:\n  max_tage_ohne_beitrag: 8\n", encoding="utf-8")
    assert not rules(check_plan(plan, settings=load_settings(rule_file)), "luecke")


def test_ueberlast_per_channel_and_day():
    same_channel = [f"01.12.2026;{h}:00;Instagram;Thema {h};;;;;;" for h in (9, 11, 13, 15)]
    found = rules(check_plan(plan_of(*same_channel)), "ueberlast")
    assert [(f.row, f.severity) for f in found] == [(5, "warnung")]
    assert "4 Beiträge" in found[0].message and "höchstens 3" in found[0].threshold
    mixed = same_channel[:3] + ["01.12.2026;15:00;Facebook;x;;;;;;", "02.12.2026;09:00;Instagram;y;;;;;;"]
    assert not rules(check_plan(plan_of(*mixed)), "ueberlast")


def test_ueberlast_channel_names_case_insensitive():
    channels = ((9, "instagram"), (10, "Instagram"), (11, "INSTAGRAM "), (12, "Instagram"))
    rows = [f"01.12.2026;{h}:00;{k};t;;;;;;" for h, k in channels]
    assert rules(check_plan(plan_of(*rows)), "ueberlast")


@pytest.mark.parametrize("uhrzeit, night", [
    ("22:00", True), ("23:59", True), ("00:30", True), ("05:59", True),
    ("06:00", False), ("21:59", False), ("", False),
])
def test_nachtruhe(uhrzeit, night):
    found = rules(check_plan(plan_of(f"01.12.2026;{uhrzeit};Facebook;t;;;;;;")), "nachtruhe")
    assert bool(found) is night
    if night:
        assert found[0].threshold.startswith("Nachtruhe 22:00–06:00")


def test_nachtruhe_overridable_without_midnight(tmp_path):
    rule_file = tmp_path / "haus.yaml"
    rule_file.write_text('nachtruhe:\n  beginn: "01:00"\n  ende: "05:00"\n', encoding="utf-8")
    s = load_settings(rule_file)
    assert rules(check_plan(plan_of("01.12.2026;02:00;Facebook;t;;;;;;"), settings=s), "nachtruhe")
    assert not rules(check_plan(plan_of("01.12.2026;23:00;Facebook;t;;;;;;"), settings=s), "nachtruhe")


def test_vorwahlzeit_only_for_reports_inside_the_window():
    plan = plan_of(
        "01.08.2027;10:00;Facebook;Bilanz Radwege;;;;;;Leistungsbericht",   # 6 weeks before: hit
        "01.03.2027;10:00;Facebook;Bilanz Kita;;;;;;Erfolgsbilanz",         # > 12 weeks before: ok
        "05.09.2027;10:00;Facebook;So wählen Sie;;;;;;Wahlinformation",     # other category: ok
        "20.09.2027;10:00;Facebook;Bilanz nach der Wahl;;;;;;Leistungsbericht",  # after election: ok
    )
    wahl = date(2027, 9, 12)
    found = rules(check_plan(plan, wahltag=wahl), "vorwahlzeit")
    assert [(f.row, f.severity) for f in found] == [(2, "warnung")]
    f = found[0]
    assert "Gebot äußerster Zurückhaltung" in f.message and "BVerfGE 44, 125" in f.message
    assert "keine Rechtsberatung" in f.message and "Stand" in f.message
    assert f.card == "neutralitaet-vorwahlzeit"
    assert "12 Wochen" in f.threshold and "Hausregel" in f.threshold
    assert not rules(check_plan(plan), "vorwahlzeit"), "without an election date the rule is off"


def test_vorwahlzeit_weeks_configurable(tmp_path):
    rule_file = tmp_path / "haus.yaml"
    rule_file.write_text("vorwahlzeit:\n  wochen_vor_wahl: 30\n", encoding="utf-8")
    plan = plan_of("01.03.2027;10:00;Facebook;Bilanz Kita;;;;;;erfolgsbilanz")
    found = rules(check_plan(plan, wahltag=date(2027, 9, 12), settings=load_settings(rule_file)), "vorwahlzeit")
    assert found and "30 Wochen" in found[0].threshold


def test_kampagne_on_one_channel_only():
    plan = plan_of("01.12.2026;10:00;Facebook;a;;;;BundID;;", "02.12.2026;10:00;facebook;b;;;;bundid;;",
                   "03.12.2026;10:00;Instagram;c;;;;Jubiläum;;", "04.12.2026;10:00;Facebook;d;;;;Jubiläum;;")
    found = rules(check_plan(plan), "kampagne")
    assert [(f.row, f.severity) for f in found] == [(2, "hinweis")]
    assert "BundID" in found[0].message and "mindestens 2" in found[0].threshold


def test_every_finding_states_a_threshold():
    plan = plan_of("25.12.2026;23:00;Facebook;a;;;;Kampagne;;Leistungsbericht", "10.01.2027;;;x;;;;;;")
    found = check_plan(plan, wahltag=date(2027, 1, 31))
    assert {f.rule for f in found} >= {"feiertag", "nachtruhe", "kampagne", "vorwahlzeit", "pflichtfeld"}
    assert all(f.threshold for f in found)


def test_findings_sorted_by_row():
    plan = plan_of("05.12.2026;23:00;Facebook;a;;;;;;", "01.12.2026;23:00;Facebook;b;;;;;;")
    rows = [f.row for f in check_plan(plan)]
    assert rows == sorted(rows)


def test_broken_hausregel_names_file_and_line(tmp_path):
    rule_file = tmp_path / "haus.yaml"
    rule_file.write_text("luecke:\n  max_tage_ohne_beitrag: viele\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_settings(rule_file)
    assert "Zeile 2" in str(exc.value) and "max_tage_ohne_beitrag" in str(exc.value)
    rule_file.write_text("lueke:\n  max_tage_ohne_beitrag: 2\n", encoding="utf-8")
    with pytest.raises(InputError, match="unbekanntes Feld"):
        load_settings(rule_file)
