"""Normalisation: date and time forms, numbers in words, number roles, phone numbers, URLs, compounds."""

from __future__ import annotations

import pytest

from kommsocial.assess.doc import prepare
from kommsocial.assess.entities import find_entities, normalize_url, phone_digits
from kommsocial.assess.match import find_term, negated
from kommsocial.assess.numbers import word_value


def kinds(text: str) -> list[tuple[str, object]]:
    return [(e.kind, e.value) for e in find_entities(text)]


@pytest.mark.parametrize("text", ["am 12. Juni", "am 12.06.", "am 12.6.2027", "am 12. Juni 2027", "am zwölften Juni",
                                  "am 12.06.27", "2027-06-12"])
def test_date_forms(text):
    dates = [v for k, v in kinds(text) if k == "datum"]
    assert dates and dates[0][:2] == (12, 6)


@pytest.mark.parametrize("text,time", [("bis 16 Uhr", "16:00"), ("bis 16.00 Uhr", "16:00"), ("bis 16:00", "16:00"),
                                       ("von 10 bis 16 Uhr", "16:00"), ("10–16 Uhr", "16:00"),
                                       ("bis sechzehn Uhr", "16:00"), ("um 14 Uhr", "14:00")])
def test_time_forms(text, time):
    times = [v for k, v in kinds(text) if k == "uhrzeit"]
    assert times and time in times[0]


def test_weekday_and_full_month_keeps_sentence_end():
    doc = prepare("Am Samstag, 12. Juni. Die Feuerwache öffnet.")
    assert ("wochentag", 5) in kinds(doc.text)
    assert len(doc.sentences) == 2


@pytest.mark.parametrize("word,value", [("zwölf", 12), ("zweiundzwanzig", 22), ("Dutzende", 12), ("dreißig", 30),
                                        ("zwanzigsten", 20), ("Haus", None)])
def test_number_words(word, value):
    assert word_value(word) == value


@pytest.mark.parametrize("text,kind,role", [
    ("Nächstes Update in 30 Minuten.", "dauer", ""),
    ("Bürgertelefon 0123 4567-0.", "telefon", ""),
    ("Rufen Sie die 112.", "telefon", ""),
    ("Am Gerätehaus 4", "zahl", "adresse"),
    ("Mitglieder ab 10 Jahren", "alter", ""),
    ("Pressemitteilung Nr. 101/2027", "zahl", "nummer"),
    ("Es gibt 20 Verletzte.", "zahl", "anzahl"),
    ("Es gibt zwanzig Verletzte.", "zahl", "anzahl"),
    ("Seit 17:30 Uhr regnet es.", "uhrzeit", ""),
])
def test_number_roles(text, kind, role):
    found = [(e.kind, e.role) for e in find_entities(text)]
    assert (kind, role) in found, found


def test_phone_and_url_normalisation():
    assert phone_digits("+49 123 4567-0") == phone_digits("0123 4567-0") == "012345670"
    assert normalize_url("https://www.Musterstadt.example/feuerwehr/") == "musterstadt.example/feuerwehr"
    urls = [v for k, v in kinds("Siehe musterstadt.example/kontakt.") if k == "url"]
    assert urls == ["musterstadt.example/kontakt"]


@pytest.mark.parametrize("text,term", [("Betreten Sie keine Tiefgaragen.", "Garage"),
                                       ("Die Kellerräume sind gesperrt.", "Keller"),
                                       ("Die Feuerwachen öffnen.", "Feuerwache"),
                                       ("Die Notunterkünfte sind offen.", "Notunterkunft"),
                                       ("Die Wache Nord öffnet.", "Wache Nord")])
def test_lemmas_and_compounds(text, term):
    assert find_term(prepare(text), term)


def test_negation_scope_stops_at_the_clause():
    doc = prepare("Wir wissen nicht, ob die Keller betroffen sind.")
    hit = find_term(doc, "Keller")[0]
    assert not negated(doc, hit)
    doc = prepare("Betreten Sie Keller und Tiefgaragen nicht.")
    assert all(negated(doc, h) for h in find_term(doc, "Keller") + find_term(doc, "Tiefgarage"))
