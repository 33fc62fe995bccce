"""Reply checker: length per platform, formal Sie, tone, friendliness, required details, data leaks."""

from __future__ import annotations

import pytest

from kommsocial.community import get_comment, pruefe_antwort
from kommsocial.community.reply import max_length
from kommsocial.errors import InputError

GOOD = "Danke für Ihre Frage! Mit dem Rad kommen Sie durch. Gesperrt ist die Straße nur für Autos."


def failed(result) -> dict[str, str]:
    return {p.id: p.schwere for p in result.probleme}


def test_good_reply_is_green():
    r = pruefe_antwort(GOOD, "x", kommentar=get_comment("frage-radweg"))
    assert r.ok and r.ampel == "gruen" and failed(r) == {}


def test_du_form_is_an_error():
    r = pruefe_antwort("Danke! Mit dem Rad kommst du durch, schreib uns gern.", "x",
                       kommentar=get_comment("frage-radweg"))
    assert failed(r)["anrede"] == "fehler" and not r.ok
    assert "„du“" in r.get("anrede").meldung


def test_missing_sie_is_a_warning_and_sentence_initial_sie_does_not_count():
    r = pruefe_antwort("Danke! Sie ist bis 20. Dezember gesperrt. Das Rad kommt durch.", "x",
                       kommentar=get_comment("frage-radweg"))
    assert failed(r) == {"anrede": "warnung"} and r.ok and r.ampel == "gelb"


@pytest.mark.parametrize("text, kind", [
    ("Wer lesen kann, ist klar im Vorteil: Sie kommen mit dem Rad durch. Danke!", "sarkasmus"),
    ("Danke für den Blödsinn. Sie kommen mit dem Rad durch.", "beleidigung"),
    ("Danke! Selbst schuld, wenn Sie den Beitrag nicht lesen. Mit dem Rad kommen Sie durch.", "schuldzuweisung"),
])
def test_sarcasm_insults_and_blame_are_errors(text, kind):
    r = pruefe_antwort(text, "x", kommentar=get_comment("frage-radweg"))
    assert failed(r).get("ton") == "fehler"
    assert not r.ok


def test_shouting_is_only_a_warning():
    r = pruefe_antwort("Danke für Ihre Frage! Mit dem Rad kommen Sie DURCH.", "x",
                       kommentar=get_comment("frage-radweg"))
    assert failed(r) == {"ton": "warnung"}


def test_missing_required_details_fail_and_are_named():
    r = pruefe_antwort("Danke für Ihre Frage! Wir melden uns bei Ihnen.", "facebook",
                       kommentar=get_comment("frage-oeffnungszeiten"))
    assert failed(r)["beantwortet"] == "fehler"
    assert "„nord“" in r.get("beantwortet").meldung and "„termin“" in r.get("beantwortet").meldung


def test_explicit_required_details_override_the_comment():
    r = pruefe_antwort("Danke, Sie finden uns im Rathaus.", "facebook", pflichtangaben=[["rathaus"]])
    assert r.get("beantwortet").ok


def test_repeating_personal_numbers_from_the_comment_is_an_error():
    k = get_comment("daten-bescheid")
    r = pruefe_antwort("Danke, Herr Janssen. Zum Kassenzeichen 4711-0815 rufen Sie bitte 0123 4567-400 an.",
                       "facebook", kommentar=k)
    assert failed(r)["daten"] == "fehler" and "4711-0815" in r.get("daten").meldung


def test_length_uses_the_platform_limit_and_the_course_guideline():
    assert max_length("x")[0] == 280
    limit, why = max_length("facebook")
    assert limit == 500 and "Kursrichtwert" in why
    long_fb = "Danke für Ihre Frage. " * 30  # 660 characters: fine for Facebook posts, too long as a reply
    r = pruefe_antwort(long_fb, "facebook")
    assert failed(r)["laenge"] == "warnung"
    r = pruefe_antwort("Danke für Ihre Frage. " * 14, "x")  # 308 > 280
    assert failed(r)["laenge"] == "fehler" and "X erlaubt höchstens 280" in r.get("laenge").meldung


def test_amtsdeutsch_from_the_text_engine_is_a_warning():
    r = pruefe_antwort("Danke! Sie können die Unterlagen mittels Formular zwecks Prüfung einreichen.", "facebook")
    assert failed(r)["amtsdeutsch"] == "warnung"
    assert "„mittels“" in r.get("amtsdeutsch").meldung


def test_empty_reply_and_unknown_platform():
    assert not pruefe_antwort("  ", "x").ok
    with pytest.raises(InputError):
        pruefe_antwort("Danke!", "myspace")


def test_json_form_has_every_check():
    d = pruefe_antwort(GOOD, "x", kommentar=get_comment("frage-radweg")).to_dict()
    assert d["ok"] is True and d["max_zeichen"] == 280
    assert {p["id"] for p in d["punkte"]} == {"laenge", "anrede", "ton", "freundlich", "beantwortet", "daten",
                                              "amtsdeutsch", "satzlaenge"}
