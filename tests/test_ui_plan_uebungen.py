"""Code-free plan exercises of module 03 (ui/plan_uebungen.py): a form for new posts, moving a post."""

from __future__ import annotations

from conftest import ROOT
from kommsocial.plan import read_plan
from kommsocial.ui.plan_uebungen import BeitraegeUebung, VerschiebenUebung

PLAN = ROOT / "course" / "03_redaktionsplan" / "plan_musterstadt.csv"
BEISPIEL = {"Datum": "30.03.2027", "Uhrzeit": "11:00", "Kanal": "Instagram",
            "Thema": "Stadtbücherei: längere Öffnungszeiten", "Format": "Bild", "Pressemitteilung": "ja"}


def _uebung() -> BeitraegeUebung:
    return BeitraegeUebung(read_plan(PLAN), [BEISPIEL])


def test_one_channel_is_not_enough():
    u = _uebung()
    assert u.check() is False
    assert "1 Social-Media-Kanal geplant. Planen Sie mindestens 2." in u.feedback.value


def test_a_second_channel_at_night_is_named_with_its_row_then_solved():
    u = _uebung()
    u.add({**BEISPIEL, "Kanal": "Facebook", "Uhrzeit": "23:30", "Format": "Link"})
    assert u.check() is False
    assert "Ihre Zeile 2:" in u.feedback.value and "Nacht" in u.feedback.value
    u.zeilen.children[1].uhrzeit.value = "12:00"
    assert u.check() is True
    assert "Gut gemacht" in u.feedback.value


def test_unticked_press_release_and_unusable_date():
    u = _uebung()
    u.add({**BEISPIEL, "Kanal": "Facebook", "Uhrzeit": "12:00", "Pressemitteilung": "nein"})
    assert u.check() is False
    assert "1 Beitrag ist nicht als Teil der Pressemitteilung markiert" in u.feedback.value
    u.zeilen.children[1].pm.value = True
    u.zeilen.children[1].datum.value = "31.02.2027"
    assert u.check() is False
    assert "Ihre Zeile 2:" in u.feedback.value


def test_empty_rows_do_not_count_and_text_is_escaped():
    u = _uebung()
    u.add()
    u.add({**BEISPIEL, "Kanal": "Facebook", "Thema": "<script>alert(1)</script>", "Uhrzeit": "04:00"})
    assert len(u.rows()) == 2
    u.check()
    assert "<script>" not in u.feedback.value


def test_the_add_button_adds_a_row():
    u = _uebung()
    u.neu.click()
    assert len(u.zeilen.children) == 2
    u.button.click()
    assert "Noch nicht fertig" in u.feedback.value


def _verschieben() -> VerschiebenUebung:
    folder = ROOT / "course" / "03_redaktionsplan"
    return VerschiebenUebung([("Musterstadt", read_plan(folder / "Musterstadt.csv")),
                              ("Beispieldorf", read_plan(folder / "Beispieldorf.csv"))],
                             kommune="Beispieldorf", zeile=2, kanal="Instagram")


def test_moving_the_post_away_solves_the_overlap():
    u = _verschieben()
    assert u.datum.value == "03.05.2027"
    assert u.check() is False and "Überschneidung auf Instagram" in u.feedback.value
    u.datum.value = "05.05.2027"
    assert u.check() is True and "Gelöst" in u.feedback.value


def test_a_date_that_is_none_gets_a_german_hint():
    u = _verschieben()
    u.datum.value = "nächsten Mittwoch"
    assert u.check() is False
    assert "ist kein Datum" in u.feedback.value and "TT.MM.JJJJ" in u.feedback.value
