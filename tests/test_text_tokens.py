"""Sentence splitting around numbers: ordinals stay inside the sentence, real ends after numbers split."""

from __future__ import annotations

import pytest

from kommsocial.text.tokens import sentences


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Die Stadt lädt alle Gäste zum 42. Musterstädter Stadtfest ein.",
        "Am 3. Oktober feiern wir den Tag der Deutschen Einheit.",
        "Die 5. Auflage des Heftes liegt im Rathaus aus.",
        "Das Fest findet im 3. Quartal auf dem Marktplatz statt.",
        "Wir feiern den 100. Geburtstag der Musikschule.",
        "Der Verein wird beim 2. Lauf wieder dabei sein.",
        "Sie erhalten die Urkunde zur 25. Wiederkehr des Tages.",
        "Am 21. November beginnt der Markt.",
    ],
)
def test_ordinal_before_capitalised_word_does_not_end_the_sentence(text):
    assert _texts(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Es kamen 300 Gäste. Danach gab es Musik.", ["Es kamen 300 Gäste.", "Danach gab es Musik."]),
        ("Gezählt wurden 300. Danach gab es Musik.", ["Gezählt wurden 300.", "Danach gab es Musik."]),
        ("Die Zahl lag bei 300. Junge Leute kamen.", ["Die Zahl lag bei 300.", "Junge Leute kamen."]),
        ("Die Linie fährt bis 22 Uhr. Am 3. Oktober fährt sie nicht.",
         ["Die Linie fährt bis 22 Uhr.", "Am 3. Oktober fährt sie nicht."]),
        ("Das Budget beträgt 5000. Die Stadt zahlt 2000. Der Rest kommt vom Land.",
         ["Das Budget beträgt 5000.", "Die Stadt zahlt 2000.", "Der Rest kommt vom Land."]),
    ],
)
def test_real_sentence_end_after_a_number_still_splits(text, expected):
    assert _texts(text) == expected


def test_ordinal_headline_and_numbered_list_lines():
    text = (
        "Pressemitteilung Nr. 98/2027\n\n"
        "42. Musterstädter Stadtfest vom 18. bis 20. Juni 2027: Programm steht fest\n\n"
        "Die Stadt lädt ein."
    )
    assert _texts(text) == [
        "Pressemitteilung Nr. 98/2027",
        "42. Musterstädter Stadtfest vom 18. bis 20. Juni 2027: Programm steht fest",
        "Die Stadt lädt ein.",
    ]
    listing = "So melden Sie sich an:\n1. Formular ausfüllen\n2. Unterlagen hochladen"
    assert not any(t.endswith(("1.", "2.")) for t in _texts(listing)), _texts(listing)


def test_hard_wrapped_line_starting_with_a_number_can_end_a_sentence():
    text = (
        "Die Zahl der Gäste auf dem Marktplatz in der Innenstadt lag am Ende des Tages bei\n"
        "300. Danach wurde weitergefeiert."
    )
    assert len(sentences(text)) == 2, _texts(text)


def test_original_stadtfest_lead_is_one_sentence():
    text = (
        "Die Stadt Musterstadt lädt in Kooperation mit dem Verein Musterstädter Kaufleute e. V. alle "
        "Bürgerinnen und Bürger sowie Gäste zum 42. Musterstädter Stadtfest ein. Die offizielle Eröffnung "
        "erfolgt am Freitag, 18. Juni 2027, um 18 Uhr auf dem Marktplatz."
    )
    first, second = _texts(text)
    assert first.endswith("zum 42. Musterstädter Stadtfest ein.")
    assert second.startswith("Die offizielle Eröffnung")
