"""Text checks behind the crisis scoring: corrections of forged notices, service numbers."""

from __future__ import annotations

from kommsocial.crisis import textcheck as tc


def test_calling_a_notice_forged_corrects_the_rumour():
    text = "Das Schreiben „Trinkwasser verseucht“ ist gefälscht. Das Wasser ist einwandfrei."
    assert tc.corrects_rumour(text, ["Trinkwasser verseucht"])
    assert tc.repeats_rumour(text, ["Trinkwasser verseucht"]) is None


def test_fake_and_faelschung_count_as_correction():
    assert tc.corrects_rumour("Achtung Fake: Die Meldung zur Schulschließung stammt nicht von uns.",
                              ["Schulschließung"])
    assert tc.corrects_rumour("Die Schulschließung ist eine Fälschung.", ["Schulschließung"])


def test_plain_repetition_is_still_detected():
    assert tc.repeats_rumour("Das Trinkwasser verseucht – bitte abkochen!", ["Trinkwasser verseucht"])


def test_emergency_numbers_are_never_unconfirmed():
    assert tc.unconfirmed_numbers("Im Notfall wählen Sie die 112 oder die 110.", set()) == []
    assert tc.unconfirmed_numbers("Fragen beantwortet die Behördennummer 115.", set()) == []


def test_other_numbers_stay_unconfirmed():
    assert tc.unconfirmed_numbers("Es gibt 40 Verletzte, Notruf 112.", set()) == ["40"]
    assert tc.unconfirmed_numbers("Es gibt 40 Verletzte.", {"40"}) == []
