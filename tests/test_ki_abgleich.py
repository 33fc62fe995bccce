"""Source-vs-draft comparison and review scoring of the KI room."""

from __future__ import annotations

import pytest

from kommsocial.errors import InputError
from kommsocial.ki import abgleich, bewerte, bewerte_stellen, get_case, pruefe

QUELLE = (
    "Pressemitteilung der Stadt Musterstadt, 23.11.2026\n"
    "Der Wochenmarkt zieht am Samstag, 5. Dezember 2026, auf den Rathausplatz. Er ist von 8 bis 13 Uhr "
    "geöffnet. 1.200 Besucherinnen und Besucher kamen im Vorjahr, drei neue Stände kommen hinzu. "
    "Bürgermeisterin Anna Beispiel eröffnet den Markt. Infos: https://www.musterstadt.de/markt, "
    "Fragen an markt@musterstadt.de oder 05123 60-0."
)


def status(entwurf: str) -> dict[str, bool]:
    return {a.text: a.belegt for a in abgleich(QUELLE, entwurf)}


def test_supported_details_are_not_flagged():
    entwurf = ("Am Samstag, 5. Dezember, zieht der Markt auf den Rathausplatz: 8 bis 13 Uhr, 3 neue Stände, "
               "im Vorjahr 1200 Gäste. Bürgermeisterin Anna Beispiel eröffnet. Infos: musterstadt.de/markt/ "
               "oder markt@musterstadt.de, Tel. 05123 600")
    result = abgleich(QUELLE, entwurf)
    assert result and all(a.belegt for a in result), [a for a in result if not a.belegt]
    kinds = {a.art for a in result}
    assert {"datum", "uhrzeit", "zahl", "name", "link", "email", "telefon"} <= kinds


def test_invented_number_date_time_and_link_are_flagged():
    got = status("Am Sonntag, 6. Dezember, ab 9 Uhr: 25 neue Stände! Infos: https://musterstadt.de/wochenmarkt")
    assert got == {"Sonntag, 6. Dezember": False, "9 Uhr": False, "25": False,
                   "https://musterstadt.de/wochenmarkt": False}


def test_wrong_weekday_for_a_supported_date_is_flagged():
    assert status("Freitag, 5. Dezember") == {"Freitag, 5. Dezember": False}
    assert status("5.12.2026") == {"5.12.2026": True}
    assert status("5.12.2027") == {"5.12.2027": False}


def test_date_range_takes_the_month_of_the_second_day():
    got = abgleich("Gesperrt vom 7. bis 18. Dezember 2026.", "Gesperrt vom 7. bis 23. Dezember.")
    assert [(a.text, a.belegt) for a in got] == [("7.", True), ("23. Dezember", False)]


def test_invented_quote_name_mail_and_phone_are_flagged():
    got = status("„Wir freuen uns sehr auf alle Gäste“, sagt Max Mustermann. Mail: info@musterstadt.de, "
                 "Tel. 05123 999888")
    assert got == {"Wir freuen uns sehr auf alle Gäste": False, "Max Mustermann": False,
                   "info@musterstadt.de": False, "05123 999888": False}


def test_quote_from_the_source_is_supported():
    quelle = "„Der Markt gehört ins Zentrum“, sagt Bürgermeisterin Anna Beispiel."
    assert [(a.art, a.belegt) for a in abgleich(quelle, "„Der Markt gehört ins Zentrum“, sagt Anna Beispiel.")] == [
        ("zitat", True), ("name", True)]


def test_number_words_and_decimal_forms():
    assert status("drei neue Stände, vier alte") == {"drei": True, "vier": False}
    assert abgleich("Pegel 3,10 Meter", "Pegel 3,1 Meter")[0].belegt
    assert not abgleich("Pegel 3,10 Meter", "Pegel 3,2 Meter")[0].belegt


def test_pruefe_combines_comparison_text_and_tone():
    result = pruefe(QUELLE, "Zwecks Einkauf: ein unvergessliches Erlebnis am 6. Dezember!", "x")
    assert [a.text for a in result.nicht_belegt] == ["6. Dezember"]
    rules = [f.rule for f in result.findings]
    assert "amtsdeutsch" in rules and "werbesprache" in rules
    assert result.ampel == "rot"
    assert result.to_dict()["nicht_belegt"][0]["art"] == "datum"
    clean = pruefe(QUELLE, "Der Wochenmarkt ist am 5. Dezember auf dem Rathausplatz.", "x")
    assert clean.nicht_belegt == [] and clean.ampel == "gruen"


def test_pruefe_rejects_unknown_platform():
    with pytest.raises(InputError):
        pruefe(QUELLE, "Text", "myspace")


# --- scoring -------------------------------------------------------------------------------------------

def test_full_review_scores_full_marks():
    fall = get_case("lindenallee")
    b = bewerte(fall, [p.id for p in fall.probleme], urteil=fall.kennzeichnung.urteil)
    assert b.uebersehen == [] and b.fehlalarme == []
    assert b.punkte == b.max_punkte == len(fall.probleme) + 1
    assert b.quote == 1.0


def test_false_alarms_cost_points_and_missed_are_listed():
    fall = get_case("lindenallee")
    b = bewerte(fall, ["enddatum", "umleitung", "beginn"], urteil="text_offenlegen")
    assert [p.id for p in b.gefunden] == ["enddatum"]
    assert [p.id for p in b.uebersehen] == ["fuenf_minuten", "link", "zukunftskanal"]
    assert [a.id for a in b.fehlalarme] == ["umleitung", "beginn"]
    assert b.kennzeichnung_richtig is False
    assert b.punkte == 0  # 1 found − 2 false alarms, never below zero
    assert b.to_dict()["fehlalarme"] == ["umleitung", "beginn"]


def test_unknown_tick_is_a_german_error():
    with pytest.raises(InputError, match="gehört nicht zum Übungsfall"):
        bewerte(get_case("lindenallee"), ["gibtsnicht"])


def test_marked_passages_scoring():
    fall = get_case("weihnachtsmarkt")
    text = fall.entwurf
    quote = text.index("„Unser")
    harmless = text.index("Geöffnet täglich")
    b = bewerte_stellen(fall, [(quote, quote + 10), (harmless, harmless + 8)])
    assert [p.id for p in b.gefunden] == ["zitat"]
    assert [p.id for p in b.uebersehen] == ["staende", "erlebnis"]
    assert b.leere_saetze == [(harmless, harmless + 8)]
    assert b.punkte == 0 and b.kennzeichnung_richtig is None


def test_whole_draft_problem_cannot_be_marked_as_passage():
    fall = get_case("kita_ratsbeschluss")
    b = bewerte_stellen(fall, [(0, len(fall.entwurf))], urteil="text_offenlegen")
    assert "kennzeichnung" in [p.id for p in b.uebersehen]
    assert len(b.gefunden) == len(fall.probleme) - 1 and b.kennzeichnung_richtig is True


def test_weekday_is_checked_against_the_calendar():
    # 5 December 2026 is a Saturday; "Sonnabend" is the northern German word for it.
    assert status("Sonnabend, 5. Dezember") == {"Sonnabend, 5. Dezember": True}
    assert abgleich("Am 1.12.2026 geht es los.", "Am Dienstag, 1. Dezember")[0].belegt
    assert not abgleich("Am 1.12.2026 geht es los.", "Am Mittwoch, 1. Dezember")[0].belegt
