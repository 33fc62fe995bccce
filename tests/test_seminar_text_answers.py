"""Answers written as text (seminar/text_answers.py): read as people write them, wrong ones told in German.

Every helper either passes or raises `Hinweis` with a German message; odd input (None, a list, an empty
string, a number word, a row too many) never ends in another exception.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kommsocial.seminar.checks import Hinweis
from kommsocial.seminar.text_answers import (
    lies_daten,
    lies_namen,
    lies_uhrzeit,
    lies_wochentag,
    lies_zahl,
    lies_zeilen,
    pruefe_buchstabe,
    pruefe_rangfolge,
    pruefe_uhrzeit_form,
    pruefe_wahr,
    pruefe_wochentag,
    pruefe_zahl,
    pruefe_zahl_form,
    pruefe_zeilen,
    pruefe_zeitraum,
    pruefe_zuordnung,
)

KANAELE = ["Presse", "Instagram", "Facebook", "Mastodon", "WhatsApp-Kanal"]


def _message(check, *args, **kwargs) -> str:
    with pytest.raises(Hinweis) as info:
        check(*args, **kwargs)
    return str(info.value)


@pytest.mark.parametrize(("typed", "value"), [
    ("24", 24), (" 24 ", 24), ("24 Beiträge", 24), ("vierundzwanzig", 24), ("ca. 18", 18), ("4,21", 4.21),
    ("4,21 %", 4.21), ("4.21", 4.21), ("1.234", 1234), ("1.234,5", 1234.5), ("0,0421", 0.0421), (18, 18),
])
def test_numbers_as_people_write_them(typed, value):
    assert lies_zahl(typed) == pytest.approx(value)


@pytest.mark.parametrize("typed", ["", "viel", "18 oder 19", None, True, [18], "1,2,3"])
def test_what_is_not_one_number(typed):
    assert lies_zahl(typed) is None


def test_number_messages_say_what_is_wrong():
    assert "noch leer" in _message(pruefe_zahl_form, "", "anzahl")
    assert "noch leer" in _message(pruefe_zahl_form, None, "anzahl")
    assert "Text in Anführungszeichen" in _message(pruefe_zahl_form, [18], "anzahl")
    assert "keine Zahl" in _message(pruefe_zahl_form, "viele", "anzahl")
    assert "mehrere Zahlen" in _message(pruefe_zahl_form, "18 oder 19", "anzahl")
    wrong = _message(pruefe_zahl, "17", 18, "anzahl", tipp="Zählen Sie jede Zeile.")
    assert "stimmt noch nicht" in wrong and "„17“" in wrong and "Tipp: Zählen Sie jede Zeile." in wrong
    assert "mal 100" in _message(pruefe_zahl, "0,0421", 4.21, "rate", toleranz=0.011, prozent=True)
    pruefe_zahl("vierundzwanzig", 24, "anzahl")
    pruefe_zahl("4,2", 4.21, "rate", toleranz=0.011)


def test_rows_with_words_commas_and_spaces():
    assert lies_zeilen("5, 10, 15") == [5, 10, 15]
    assert lies_zeilen("Zeilen 5; 10 und 15.") == [5, 10, 15]
    assert lies_zeilen("5 10 15") == [5, 10, 15]
    assert lies_zeilen("fünf") is None
    pruefe_zeilen("15, 5 und 10", [5, 10, 15], "nachtzeilen")
    assert "1 Zeile gehört nicht dazu" in _message(pruefe_zeilen, "5, 10, 12, 15", [5, 10, 15], "nachtzeilen")
    assert "2 Zeilen fehlen" in _message(pruefe_zeilen, "5", [5, 10, 15], "nachtzeilen")
    assert "doppelt" in _message(pruefe_zeilen, "5, 5, 10, 15", [5, 10, 15], "nachtzeilen")
    assert "etwas anderes als Zeilennummern" in _message(pruefe_zeilen, "die Nachtbeiträge", [5], "nachtzeilen")


@pytest.mark.parametrize("typed", ["08.06. bis 13.06.", "8. bis 13. Juni", "8.–13.06.", "08.06.2027 - 13.06.2027",
                                   "vom 8. Juni bis zum 13. Juni", "8.6.-13.6.", "2027-06-08 bis 2027-06-13"])
def test_periods_in_common_spellings(typed):
    assert lies_daten(typed, 2027) == [dt.date(2027, 6, 8), dt.date(2027, 6, 13)]
    pruefe_zeitraum(typed, dt.date(2027, 6, 8), dt.date(2027, 6, 13), "luecke_zeitraum")


def test_period_messages():
    von, bis = dt.date(2027, 6, 8), dt.date(2027, 6, 13)
    assert "Tage mit Beiträgen" in _message(pruefe_zeitraum, "7.6. bis 14.6.", von, bis, "luecke")
    assert "1 statt zwei Daten" in _message(pruefe_zeitraum, "8. Juni", von, bis, "luecke")
    assert "nicht gibt" in _message(pruefe_zeitraum, "31.06. bis 2.07.", von, bis, "luecke")
    assert "nach dem letzten" in _message(pruefe_zeitraum, "13.06. bis 08.06.", von, bis, "luecke")
    assert "stimmt noch nicht" in _message(pruefe_zeitraum, "9.6. bis 13.6.", von, bis, "luecke")


def test_names_lists_and_rankings():
    assert lies_namen("Instagram, Facebook > mastodon und WhatsApp", KANAELE) == (
        ["Instagram", "Facebook", "Mastodon", "WhatsApp-Kanal"], [])
    assert lies_namen("1. Instagram 2. Facebook", KANAELE)[0] == ["Instagram", "Facebook"]
    assert lies_namen("Instagram Facebook WhatsApp Kanal", KANAELE)[0] == ["Instagram", "Facebook", "WhatsApp-Kanal"]
    order = ["Instagram", "Facebook", "Mastodon"]
    pruefe_rangfolge("instagram; facebook; Mastodon", order, "rangfolge")
    assert "Platz 2" in _message(pruefe_rangfolge, "Instagram, Mastodon, Facebook", order, "rangfolge")
    assert "Es fehlt noch Mastodon" in _message(pruefe_rangfolge, "Instagram, Facebook", order, "rangfolge")
    # An empty or short answer never shows the expected order.
    assert "Facebook, Instagram" in _message(pruefe_rangfolge, "", order, "rangfolge")
    assert "Nennen Sie alle: Facebook, Instagram, Mastodon" in _message(pruefe_rangfolge, "Mastodon", order,
                                                                       "rangfolge")
    assert "„Twitter“ kenne ich nicht" in _message(pruefe_rangfolge, "Instagram, Twitter, Facebook, Mastodon",
                                                   order, "rangfolge")
    assert "mehr als einmal" in _message(pruefe_rangfolge, "Instagram, Instagram, Facebook, Mastodon", order,
                                         "rangfolge")


def test_pairs_of_name_and_count():
    soll = {"Presse": 2, "Instagram": 6, "Facebook": 6, "Mastodon": 3, "WhatsApp-Kanal": 1}
    pruefe_zuordnung("Presse: 2\nInstagram: 6\nFacebook 6\nMastodon = drei\nWhatsApp: 1", soll, "je_kanal")
    pruefe_zuordnung("Presse: 2, Instagram: 6, Facebook: 6 Beiträge, Mastodon: 3, WhatsApp-Kanal: 1", soll, "je_kanal")
    assert "Bei Facebook stimmt" in _message(
        pruefe_zuordnung, "Presse: 2\nInstagram: 6\nFacebook: 5\nMastodon: 3\nWhatsApp-Kanal: 1", soll, "je_kanal")
    assert "Es fehlt noch Mastodon" in _message(
        pruefe_zuordnung, "Presse: 2\nInstagram: 6\nFacebook: 6\nWhatsApp-Kanal: 1", soll, "je_kanal")
    assert "„TikTok“ kenne ich nicht" in _message(pruefe_zuordnung, "TikTok: 2", soll, "je_kanal")
    assert "keine eindeutige Zahl" in _message(pruefe_zuordnung, "Presse: viele", soll, "je_kanal")
    assert "mehr als einmal" in _message(pruefe_zuordnung, "Presse: 2\nPresse: 2", soll, "je_kanal")


def test_weekday_time_and_letter():
    assert lies_wochentag("dienstags") == ["Dienstag"]
    assert lies_wochentag("Di") == ["Dienstag"]
    assert lies_wochentag("Sonnabend") == ["Samstag"]
    assert lies_wochentag("Dienstag, so steht es da") == ["Dienstag"]
    pruefe_wochentag("Dienstag.", "Dienstag", "tag")
    assert "mehrere Tage" in _message(pruefe_wochentag, "Dienstag oder Mittwoch", "Dienstag", "tag")
    assert "keinen Wochentag" in _message(pruefe_wochentag, "Werktag", "Dienstag", "tag")
    assert "„Mittwoch“" in _message(pruefe_wochentag, "Mittwoch", "Dienstag", "tag")
    assert lies_uhrzeit("8 Uhr") == dt.time(8, 0)
    assert lies_uhrzeit("um 08:30") == dt.time(8, 30)
    assert lies_uhrzeit("8.00 Uhr") == dt.time(8, 0)
    assert lies_uhrzeit("25:00") is None
    assert pruefe_uhrzeit_form("09:30", "zeit") == dt.time(9, 30)
    assert "keine Uhrzeit" in _message(pruefe_uhrzeit_form, "morgens", "zeit")
    pruefe_buchstabe("b)", "ABCDEF", "B", "klasse")
    pruefe_buchstabe("Klasse B", "ABCDEF", "B", "klasse")
    assert "genau einen Buchstaben" in _message(pruefe_buchstabe, "G", "ABCDEF", None, "klasse")
    assert "„C“ gewählt" in _message(pruefe_buchstabe, "c", "ABCDEF", "B", "klasse")
    klassen = ["bis 1 Std.", "1–4 Std.", "4–8 Std."]
    pruefe_buchstabe("1-4 Stunden", "ABC", "B", "klasse", namen=klassen)
    pruefe_buchstabe("1 bis 4 Std", "ABC", "B", "klasse", namen=klassen)
    assert "„A“ gewählt" in _message(pruefe_buchstabe, "bis 1 Std.", "ABC", "B", "klasse", namen=klassen)
    assert "Bitte" in _message(pruefe_wahr, False, "Bitte prüfen.")
    pruefe_wahr(True, "nie gezeigt")


@pytest.mark.parametrize("odd", [None, ..., "", "   ", [1, 2], {"a": 1}, True, object()])
def test_odd_values_only_ever_give_german_hints(odd):
    checks = [
        lambda: pruefe_zahl(odd, 18, "x"),
        lambda: pruefe_zeilen(odd, [5], "x"),
        lambda: pruefe_zeitraum(odd, dt.date(2027, 6, 8), dt.date(2027, 6, 13), "x"),
        lambda: pruefe_rangfolge(odd, ["Instagram", "Facebook"], "x"),
        lambda: pruefe_zuordnung(odd, {"Presse": 2}, "x"),
        lambda: pruefe_wochentag(odd, "Dienstag", "x"),
        lambda: pruefe_uhrzeit_form(odd, "x"),
        lambda: pruefe_buchstabe(odd, "ABC", "A", "x"),
    ]
    for check in checks:
        with pytest.raises(Hinweis) as info:
            check()
        assert "„x“" in str(info.value)
