"""nbgrader helpers for posts: pass on good posts, fail on bad ones with a German message."""

from __future__ import annotations

import pytest

from kommsocial.seminar.checks import Hinweis
from kommsocial.seminar.post_checks import (
    pruefe_hashtags,
    pruefe_laenge,
    pruefe_lesbarkeit,
    pruefe_ohne_amtsdeutsch,
    pruefe_pflichtangaben,
    pruefe_post,
    pruefe_satzlaenge,
)

GOOD = ("Am Samstag, 21.11., feiern wir das Stadtfest auf dem Marktplatz. Es gibt Musik und Essen. "
        "Kommen Sie vorbei! #Stadtfest #Musterstadt")


def test_good_post_passes_all_checks():
    pruefe_post(GOOD, "x", pflichtangaben=["21.11.", "Marktplatz"], max_hashtags=2, flesch_min=50,
                max_satzlaenge=15)


def test_too_long_names_numbers_and_fix():
    with pytest.raises(Hinweis) as exc:
        pruefe_laenge("a" * 312, "x")
    assert str(exc.value) == ("Ihr Beitrag ist 312 gewichtete Zeichen lang, X erlaubt 280. "
                              "Kürzen Sie um 32 gewichtete Zeichen.")


def test_hashtag_limits_platform_and_task():
    with pytest.raises(Hinweis, match="Instagram erlaubt höchstens 5"):
        pruefe_hashtags("Fest! #a1 #b2 #c3 #d4 #e5 #f6", "instagram")
    with pytest.raises(Hinweis, match="Die Aufgabe erlaubt höchstens 1. Entfernen Sie 1"):
        pruefe_hashtags("Fest! #Stadtfest #Musterstadt", "x", max_hashtags=1)
    with pytest.raises(Hinweis, match="#StadtfestMusterstadt"):
        pruefe_hashtags("Fest! #stadtfestmusterstadt", "x")
    pruefe_hashtags("Fest! #Stadtfest #Musterstadt", "x", max_hashtags=2)


def test_amtsdeutsch_message_lists_words_and_alternatives():
    with pytest.raises(Hinweis) as exc:
        pruefe_ohne_amtsdeutsch("Zwecks Anmeldung setzen wir Sie in Kenntnis.")
    msg = str(exc.value)
    assert "„Zwecks“ → für" in msg and "informieren" in msg
    pruefe_ohne_amtsdeutsch("Wir informieren Sie über die Anmeldung.")


def test_readability_and_sentence_length():
    hard = ("Die Inanspruchnahme kommunaler Dienstleistungsangebote erfordert grundsätzlich eine vorherige "
            "elektronische Registrierung unter Verwendung personenbezogener Identifikationsmerkmale.")
    with pytest.raises(Hinweis, match="zu schwer zu lesen: Flesch-Amstad"):
        pruefe_lesbarkeit(hard, flesch_min=40)
    with pytest.raises(Hinweis, match="Ein Satz hat 14 Wörter .*erlaubt sind 10.*„Die Inanspruchnahme"):
        pruefe_satzlaenge(hard, max_woerter=10)
    pruefe_lesbarkeit("Wir feiern. Kommen Sie!", flesch_min=40)


def test_required_details_and_empty_or_wrong_type():
    with pytest.raises(Hinweis, match="Es fehlt noch: „Marktplatz“"):
        pruefe_pflichtangaben("Fest am 21.11.", ["21.11.", "Marktplatz"])
    with pytest.raises(Hinweis, match="noch leer"):
        pruefe_post("   ", "x")
    with pytest.raises(Hinweis, match="sollte ein Text"):
        pruefe_post(42, "x")
    with pytest.raises(Hinweis, match="„Ihr Entwurf“ ist noch leer"):
        pruefe_post(None, "x", name="Ihr Entwurf")


def test_pruefe_post_reports_first_problem():
    with pytest.raises(Hinweis, match="fehlt noch"):
        pruefe_post("Zwecks Fest.", "x", pflichtangaben=["Marktplatz"])
    with pytest.raises(Hinweis, match="Amtsdeutsch"):
        pruefe_post("Zwecks Fest auf dem Marktplatz.", "x", pflichtangaben=["Marktplatz"])
    pruefe_post("Zwecks Fest auf dem Marktplatz.", "x", ohne_amtsdeutsch=False)
