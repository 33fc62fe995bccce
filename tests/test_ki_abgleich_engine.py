"""Source comparison on the assessment engine's entities: cases the old digit-and-word-list code got wrong."""

from __future__ import annotations

import pytest

from kommsocial.ki import abgleich, nicht_belegt

QUELLE = (
    "Die Feuerwache Nord lädt am Samstag, 12. Juni 2027, von 10 bis 16 Uhr zum Tag der offenen Tür ein. "
    "Fünfzehn Fahrzeuge sind zu sehen, die Führung dauert 45 Minuten. Infos: musterstadt.example/feuerwehr, "
    "Tel. +49 5123 60-0."
)


def status(entwurf: str) -> list[tuple[str, bool]]:
    return [(a.text, a.belegt) for a in abgleich(QUELLE, entwurf)]


@pytest.mark.parametrize("entwurf, text", [
    ("Tag der offenen Tür am zwölften Juni!", "zwölften Juni"),
    ("Tag der offenen Tür am 12.06.", "12.06."),
    ("Am Samstag, den 12.6., ist die Wache offen.", "Samstag, den 12.6."),
    ("Offen bis vier Uhr nachmittags.", "vier Uhr nachmittags"),
    ("Offen bis 16:00.", "16:00"),
    ("Zu sehen sind 15 Fahrzeuge.", "15"),
    ("Zu sehen sind fünfzehn Fahrzeuge.", "fünfzehn"),
    ("Fragen: 05123 600", "05123 600"),
    ("Alles unter musterstadt.example/feuerwehr", "musterstadt.example/feuerwehr"),
    ("Die Führung dauert 45 Minuten.", "45"),
])
def test_the_same_fact_in_another_form_is_supported(entwurf, text):
    assert status(entwurf) == [(text, True)]


@pytest.mark.parametrize("entwurf, text", [
    # a digit that only occurs inside the source's date is no support for a count
    ("Zu sehen sind 12 Fahrzeuge.", "12"),
    ("Zu sehen sind dreiundzwanzig Fahrzeuge.", "dreiundzwanzig"),
    ("Die Führung dauert 12 Minuten.", "12"),
    ("Anmeldung: musterstadt.example/anmeldung", "musterstadt.example/anmeldung"),
    ("Am Sonntag, 12. Juni, ist offen.", "Sonntag, 12. Juni"),
    ("Offen bis fünf Uhr nachmittags.", "fünf Uhr nachmittags"),
])
def test_invented_facts_in_any_form_are_flagged(entwurf, text):
    assert nicht_belegt(abgleich(QUELLE, entwurf))[0].text == text


def test_ranks_and_idioms_are_no_numbers():
    assert status("Bitte achten Sie auf die Kinder, lassen Sie die Absperrung nicht außer Acht.") == []
    assert status("Das ist der dritte Tag der offenen Tür.") == []


def test_a_year_from_a_source_date_supports_the_year_alone():
    assert status("Schon vormerken: 2027 öffnet die Wache.") == [("2027", True)]
