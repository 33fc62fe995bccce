"""Moderation log (CSV, atomic, formula-safe) and the Art. 16 DSA report draft."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from kommsocial.community.dokumentation import Meldung, eintrag, protokoll_csv, schreibe_protokoll
from kommsocial.errors import InputError


def sample(**changes):
    data = dict(zeitpunkt=dt.datetime(2026, 11, 21, 9, 30), plattform="facebook",
                link="https://facebook.example/musterstadt/posts/1?comment=2", autor="Musterstädter Patriot",
                kommentar="Man sollte die ganze Bude abfackeln.", aktionen=["dokumentieren", "Melden", "löschen"],
                grund="Netiquette Regel 2: Aufruf zu Gewalt", beweis="2026-11-21_0930_kommentar.png",
                bearbeitet_von="A. Schmidt")
    data.update(changes)
    return eintrag(**data)


def test_log_entry_normalises_actions_and_is_complete():
    e = sample()
    assert e.aktionen == ("dokumentieren", "melden", "loeschen")
    assert e.fehlende_angaben() == []
    with pytest.raises(InputError):
        sample(aktionen=["wegwerfen"])


def test_incomplete_entry_names_what_is_missing():
    e = sample(link="facebook.example/x", beweis=" ", aktionen=[])
    assert e.fehlende_angaben() == ["Screenshot oder Sicherung", "Link (vollständige Adresse mit https://)", "Aktion"]


def test_csv_is_semicolon_separated_german_and_formula_safe(tmp_path: Path):
    evil = sample(kommentar='=HYPERLINK("http://böse.example";"klick")', autor="@troll")
    text = protokoll_csv([sample(), evil])
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert rows[0][0] == "zeitpunkt" and rows[1][0] == "21.11.2026 09:30"
    assert rows[1][5] == "dokumentieren, melden, löschen"
    assert rows[2][4].startswith("'=") and rows[2][3] == "'@troll"
    out = schreibe_protokoll(tmp_path / "protokoll.csv", [sample()])
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [p.name for p in tmp_path.iterdir()] == ["protokoll.csv"]  # no temp file left behind
    with pytest.raises(InputError):
        schreibe_protokoll(tmp_path / "fehlt" / "p.csv", [sample()])


def test_dsa_report_lists_missing_parts_and_builds_text():
    empty = Meldung(url="facebook.example", begruendung="Hetze", name="", email="", guter_glaube=False)
    assert len(empty.fehlende_angaben()) == 4
    full = Meldung(url="https://facebook.example/musterstadt/posts/1?comment=2",
                   begruendung="Der Kommentar ruft dazu auf, eine Unterkunft für Geflüchtete anzuzünden.",
                   name="Stadt Musterstadt, Pressestelle", email="presse@musterstadt.example", guter_glaube=True)
    assert full.fehlende_angaben() == []
    assert "gutem Glauben" in full.text() and full.url in full.text()
