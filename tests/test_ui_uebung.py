"""Code-free exercises (ui/uebung.py): numbers and row numbers typed as people type them."""

from __future__ import annotations

import pytest

from kommsocial._eingabe import parse_number, parse_rows
from kommsocial.ui.uebung import ZahlenCheck, ZeilenCheck


@pytest.mark.parametrize(("typed", "value"), [("43,5", 43.5), ("43.5", 43.5), (" 43,5 % ", 43.5), ("7", 7.0),
                                               ("-2,25", -2.25)])
def test_numbers_as_people_type_them(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["", "vierzig", "43,5,1", "1.234,5", "<b>1</b>", "=1+1"])
def test_what_is_not_a_number(typed):
    assert parse_number(typed) is None


def test_rows_with_commas_semicolons_and_spaces():
    assert parse_rows("4, 9;12  15") == [4, 9, 12, 15]
    assert parse_rows("4, neun") is None
    assert parse_rows("") == []


def test_zahlen_check_right_wrong_and_open():
    check = ZahlenCheck({"Wochenende": 41.27, "Werktage": 63.9}, toleranz=0.1, einheit="%", tipp="Teilen Sie.")
    assert check.check() is False
    assert check.feedback.value.count("Noch offen") == 2
    check.inputs["Wochenende"].value = "41,3"
    check.inputs["Werktage"].value = "70"
    assert check.check() is False
    assert "Wochenende: Richtig." in check.feedback.value
    assert "Werktage: Bitte prüfen" in check.feedback.value and "Tipp: Teilen Sie." in check.feedback.value
    check.inputs["Werktage"].value = "63,9 %"
    assert check.check() is True
    assert "Tipp" not in check.feedback.value


def test_zahlen_check_escapes_what_was_typed():
    check = ZahlenCheck({"Quote": 1.0})
    check.inputs["Quote"].value = "<img src=x onerror=alert(1)>"
    check.check()
    assert "<img" not in check.feedback.value and "&lt;img" in check.feedback.value


def test_zeilen_check_counts_missing_and_extra_rows():
    check = ZeilenCheck({4, 9}, was="selbst freigegebene Beiträge", tipp="Vergleichen Sie die Spalten.")
    check.field.value = "4, 5, 6"
    assert check.check() is False
    assert "2 Zeilen zu viel, 1 Zeile fehlt." in check.feedback.value
    check.field.value = "9 4"
    assert check.check() is True
    assert "Richtig: 2 selbst freigegebene Beiträge." in check.feedback.value
    check.field.value = "vier"
    assert check.check() is False and "Zeilennummern" in check.feedback.value


def test_button_click_runs_the_check():
    check = ZeilenCheck({3}, was="Beiträge")
    check.field.value = "3"
    check.button.click()
    assert "Richtig" in check.feedback.value
