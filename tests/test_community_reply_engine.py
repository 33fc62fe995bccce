"""Reply check on the assessment engine: replies the old substring checks let through or wrongly warned about."""

from __future__ import annotations

import pytest

from kommsocial.community import get_comment, pruefe_antwort
from kommsocial.community.checks import pruefe_antwort_regeln, pruefe_hoeflich
from kommsocial.community.reply import personal_data
from kommsocial.seminar.checks import Hinweis

JANSSEN = get_comment("daten-bescheid")


def failed(text: str, kommentar=JANSSEN) -> dict[str, str]:
    return {p.id: p.schwere for p in pruefe_antwort(text, kommentar.plattform, kommentar=kommentar).probleme}


def test_contact_details_without_a_sentence_do_not_get_full_marks():
    text = "Danke Sie 0123 4567-400 musterstadt.example/kontakt."
    assert failed(text) == {"satzlaenge": "fehler"}
    with pytest.raises(Hinweis, match="ganzen Sätzen"):
        pruefe_antwort_regeln(text, "daten-bescheid")


@pytest.mark.parametrize("text", [
    ("Danke für Ihre Nachricht, Herr Janssen. Ihr Bescheid ist korrekt, die Grundsteuer stimmt so. Fragen "
     "beantwortet die Steuerabteilung: 0123 4567-400."),
    "Danke, Herr Janssen. Wir haben Ihren Bescheid geprüft: Er ist in Ordnung. Rufen Sie 0123 4567-400 an.",
    "Danke, Herr Janssen. Der Betrag ist leider richtig berechnet. Bitte rufen Sie 0123 4567-400 an.",
])
def test_judging_the_individual_case_in_public_is_flagged(text):
    r = pruefe_antwort(text, "facebook", kommentar=JANSSEN)
    assert failed(text) == {"daten": "fehler"}
    assert "Einzelfall öffentlich" in r.get("daten").meldung


def test_asking_about_the_case_without_judging_it_is_fine():
    text = ("Danke, Herr Janssen. Wenn Sie meinen, dass Ihr Bescheid nicht stimmt, rufen Sie bitte die "
            "Steuerabteilung unter 0123 4567-400 an.")
    assert failed(text) == {}


@pytest.mark.parametrize("text, fund", [
    ("Danke, Herr Janssen. Zu Kassenzeichen vier sieben eins eins rufen Sie bitte 0123 4567-400 an.", "4711"),
    ("Danke, Herr Janssen. Für die Birken-Allee zwölf rufen Sie bitte 0123 4567-400 an.", "Birkenallee 12"),
    ("Danke, Herr Janssen. Zu 4711 0815 rufen Sie bitte 0123 4567-400 an.", "4711"),
])
def test_personal_data_spelled_out_or_split_is_flagged(text, fund):
    assert failed(text) == {"daten": "fehler"}
    assert fund in pruefe_antwort(text, "facebook", kommentar=JANSSEN).get("daten").meldung


def test_personal_data_comes_from_the_comment_not_from_the_post():
    assert personal_data(JANSSEN) == ["4711-0815", "4711", "0815", "Birkenallee 12", "Birkenallee"]
    # the Steuerabteilung's number stands in no comment; a year is no personal number
    assert "2026" not in personal_data(JANSSEN)


@pytest.mark.parametrize("text", [
    ("Wir bedauern den Ärger sehr, Herr Janssen. Melden Sie sich bitte telefonisch bei der Steuerabteilung unter "
     "0123 4567-400."),
    "Das ist ärgerlich, Herr Janssen. Rufen Sie die Steuerabteilung unter 0123 4567-400 an, dort hilft man Ihnen.",
    "Moin Herr Janssen, Ihr Ärger ist verständlich. Die Steuerabteilung erreichen Sie unter 0123 4567-400.",
])
def test_polite_replies_in_unusual_wording_pass(text):
    assert failed(text) == {}
    pruefe_hoeflich(text, "daten-bescheid")


@pytest.mark.parametrize("text, check", [
    ("Dafür sind wir nicht zuständig. Rufen Sie die Steuerabteilung unter 0123 4567-400 an.", "ton"),
    ("Danke. Das ist eben so, Herr Janssen. Rufen Sie 0123 4567-400 an.", "ton"),
    ("Danke, Herr Janssen. Rufen Sie halt die Steuerabteilung unter 0123 4567-400 an.", "anrede"),
    ("Danke, Herr Janssen! Schreib uns über das Kontaktformular auf musterstadt.example/kontakt.", "anrede"),
])
def test_brush_off_and_casual_register_are_errors(text, check):
    assert failed(text).get(check) == "fehler"


def test_thanks_for_praise_needs_no_full_sentence_and_no_data_check():
    lob = get_comment("lob-weihnachtsmarkt")
    assert failed("Vielen Dank für Ihr Lob! 😊", lob) == {}
    assert failed("Danke für nichts.", lob).get("freundlich") == "warnung"  # negated thanks is no thanks
