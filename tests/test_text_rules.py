"""Every style rule: a positive and a negative case, spans into the text, thresholds named."""

from __future__ import annotations

import pytest

from kommsocial.errors import InputError
from kommsocial.text import analyze
from kommsocial.text.lexicon import amtsdeutsch_file


def _rule(report, rule):
    return [f for f in report.findings if f.rule == rule]


def _spans(report, rule):
    return [report.text[f.start : f.end] for f in _rule(report, rule)]


def test_every_finding_has_complete_fields():
    text = "Zwecks Durchführung der Prüfung wurde die Straße gesperrt, ggf. länger. #stadtfestmusterstadt"
    report = analyze(text, "x", image=True)
    assert report.findings
    for f in report.findings:
        assert f.severity in ("fehler", "warnung", "hinweis")
        assert f.message and f.threshold
        assert 0 <= f.start <= f.end <= len(text)


# --- laenge ---------------------------------------------------------------

def test_laenge_error_over_platform_limit_with_span_from_overflow():
    text = "Wir feiern. " * 30  # 360 characters
    report = analyze(text.strip(), "x")
    (f,) = _rule(report, "laenge")
    assert f.severity == "fehler"
    assert "X erlaubt 280" in f.message and "Kürzen Sie um 79" in f.message
    assert f.start == 280 and f.end == len(report.text)
    assert "280" in f.threshold and "docs.x.com" in f.threshold


def test_laenge_no_finding_within_limit_and_bluesky_counts_graphemes():
    assert not _rule(analyze("Wir feiern. " * 20, "x"), "laenge")
    emoji_post = "Fest " + "\U0001F469\u200D\U0001F469\u200D\U0001F467" * 290  # 295 graphemes
    assert not _rule(analyze(emoji_post, "bluesky"), "laenge")
    assert _rule(analyze(emoji_post, "x"), "laenge")


# --- satzlaenge -----------------------------------------------------------

def _sentence(n: int) -> str:
    return " ".join(["Wort"] * (n - 1) + ["Ende."])


def test_satzlaenge_thresholds_warn_and_error():
    r21 = analyze(_sentence(21), "facebook")
    r27 = analyze(_sentence(27), "facebook")
    (w,) = _rule(r21, "satzlaenge")
    (e,) = _rule(r27, "satzlaenge")
    assert w.severity == "warnung" and "21 Wörter" in w.message
    assert w.threshold == "max. 20 Wörter je Satz (Standard)"
    assert e.severity == "fehler" and e.threshold == "max. 26 Wörter je Satz (Standard)"
    assert (e.start, e.end) == (0, len(r27.text))


def test_satzlaenge_no_finding_at_threshold():
    assert not _rule(analyze(_sentence(20), "facebook"), "satzlaenge")


# --- lesbarkeit -----------------------------------------------------------

def test_lesbarkeit_warns_on_hard_text_only():
    hard = ("Die Inanspruchnahme kommunaler Dienstleistungsangebote erfordert grundsätzlich eine vorherige "
            "elektronische Registrierung unter Verwendung personenbezogener Identifikationsmerkmale.")
    easy = "Sie brauchen ein Konto. Das Konto ist kostenlos. Sie legen es in fünf Minuten an. Wir helfen gern."
    (f,) = _rule(analyze(hard, "facebook"), "lesbarkeit")
    assert f.severity == "warnung" and "Flesch-Amstad mind. 45" in f.threshold
    assert not _rule(analyze(easy, "facebook"), "lesbarkeit")


# --- amtsdeutsch ----------------------------------------------------------

def test_lexicon_has_150_entries_with_alternatives():
    lex = amtsdeutsch_file()
    assert len(lex.eintraege) >= 150
    assert all(e.alternative.strip() for e in lex.eintraege)
    labels = {e.label for e in lex.eintraege}
    assert {"zwecks", "mittels", "seitens", "Inanspruchnahme", "in Kenntnis setzen", "zur Anwendung bringen"} <= labels


@pytest.mark.parametrize(
    ("text", "hit", "alternative"),
    [
        ("Zwecks Anmeldung kommen Sie ins Rathaus.", "Zwecks", "für"),
        ("Wir setzen Sie in Kenntnis, sobald es Neues gibt.", "setzen Sie in Kenntnis", "informieren"),
        ("Sie werden rechtzeitig in Kenntnis gesetzt.", "in Kenntnis gesetzt", "informieren"),
        ("Die Stadt setzte die Anwohner gestern in Kenntnis.", "setzte die Anwohner gestern in Kenntnis",
         "informieren"),
        ("Die neue Regel kommt ab Montag zur Anwendung.", "kommt ab Montag zur Anwendung", "angewendet"),
        ("Die Regel wurde zur Anwendung gebracht.", "zur Anwendung gebracht", "anwenden"),
        ("Nach der Inanspruchnahme der Leistung zahlen Sie.", "Inanspruchnahme", "Nutzung"),
        ("Die Zahlung erfolgt im Dezember.", "erfolgt", "aktiv"),
        ("Die Formulare stehen online zur Verfügung.", "stehen online zur Verfügung", "gibt"),
    ],
)
def test_amtsdeutsch_finds_words_and_inflected_funktionsverbgefuege(text, hit, alternative):
    report = analyze(text, "x")
    found = _rule(report, "amtsdeutsch")
    assert [report.text[f.start : f.end] for f in found] == [hit]
    assert alternative in found[0].suggestion and alternative in found[0].message
    assert found[0].severity == "warnung" and "Amtsdeutsch-Liste" in found[0].threshold


@pytest.mark.parametrize(
    "text",
    [
        "Die Zwecksetzung des Festes ist klar.",  # word boundary: "zwecks" inside another word
        "Der Mittelsmann bringt die Kenntnis nicht mit.",
        "Wir informieren Sie, sobald es Neues gibt.",
        "Das Fest findet am Samstag statt.",
        "Wir bringen Kuchen mit. Die Anwendung ist einfach.",  # verb and noun in different sentences
    ],
)
def test_amtsdeutsch_negative(text):
    assert not _rule(analyze(text, "x"), "amtsdeutsch")


# --- nominalstil ----------------------------------------------------------

def test_nominalstil_chain_and_density():
    report = analyze(
        "Nach Durchsicht erfolgt die Durchführung der Prüfung zur Sicherstellung der Einhaltung der "
        "Bestimmungen hinsichtlich der Verwendung.", "facebook")
    found = _rule(report, "nominalstil")
    assert "Durchführung der Prüfung" in [report.text[f.start : f.end] for f in found]
    assert any(f.severity == "warnung" and "max. 3" in f.threshold for f in found)


def test_nominalstil_negative():
    assert not _rule(analyze("Wir prüfen die Anträge und melden uns bei Ihnen.", "x"), "nominalstil")


# --- passiv ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Die Brücke wurde gestern geschlossen.", "wurde gestern geschlossen"),
        ("Die Straße wird ab Montag gesperrt.", "wird ab Montag gesperrt"),
        ("Wir bitten um Geduld, weil die Straße saniert wird.", "saniert wird"),
        ("Der Termin wurde verschoben.", "wurde verschoben"),
        ("Der Antrag ist genehmigt worden.", "genehmigt worden"),
        ("Die Allee wird ab Montag, 23.11., für drei Wochen saniert.",
         "wird ab Montag, 23.11., für drei Wochen saniert"),
    ],
)
def test_passiv_positive(text, span):
    report = analyze(text, "x")
    found = _rule(report, "passiv")
    assert [report.text[f.start : f.end] for f in found] == [span]
    assert found[0].severity == "hinweis"


@pytest.mark.parametrize(
    "text",
    [
        "Die Stadt schließt die Brücke.",
        "Wir werden morgen feiern.",
        "Es wird gegen 10 Uhr warm.",
        "Das wird ein schönes Fest, gestern war es ruhig.",
        "Wir werden Sie informieren.",
        "Das wird schön, die Stadt hat alles geplant.",
    ],
)
def test_passiv_negative(text):
    assert not _rule(analyze(text, "x"), "passiv")


# --- abkuerzung -----------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Bringen Sie ggf. Ihren Ausweis mit.", "ggf."),
        ("Das gilt i. d. R. für alle.", "i. d. R."),
        ("Das gilt i.d.R. für alle.", "i.d.R."),
        ("Rathaus bzw. Bürgerbüro.", "bzw."),
        ("Es gibt u. a. Musik.", "u. a."),
        ("Post z. Hd. Frau Beispiel.", "z. Hd."),
    ],
)
def test_abkuerzung_positive(text, span):
    report = analyze(text, "x")
    found = _rule(report, "abkuerzung")
    assert span in [report.text[f.start : f.end] for f in found]


def test_abkuerzung_explained_or_absent_is_fine():
    assert not _rule(analyze("Bringen Sie gegebenenfalls (ggf.) Ihren Ausweis mit.", "x"), "abkuerzung")
    assert not _rule(analyze("Der Öffentliche Nahverkehr (ÖPNV) fährt. Der ÖPNV ist pünktlich.", "x"), "abkuerzung")
    assert not _rule(analyze("Wir feiern in der EU und beim WDR.", "x"), "abkuerzung")


def test_unexplained_acronym_is_a_hint():
    report = analyze("Der ÖPNV fährt normal.", "x")
    (f,) = _rule(report, "abkuerzung")
    assert f.severity == "hinweis" and report.text[f.start : f.end] == "ÖPNV"


# --- hashtags -------------------------------------------------------------

def test_hashtags_over_platform_limit():
    six = "Fest am Samstag! #A1 #B2 #C3 #D4 #E5 #F6"
    (f,) = _rule(analyze(six, "instagram"), "hashtags")
    assert f.severity == "fehler" and "Instagram erlaubt 5" in f.message
    assert six[f.start : f.end] == "#F6" and "5 Hashtags" in f.threshold
    (t,) = _rule(analyze("Fest! #Stadtfest #Musterstadt", "threads"), "hashtags")
    assert "Threads erlaubt 1" in t.message


def test_hashtags_within_limit():
    assert not _rule(analyze("Fest am Samstag! #A1 #B2 #C3 #D4 #E5", "instagram"), "hashtags")
    assert not _rule(analyze("Fest! #Stadtfest", "threads"), "hashtags")
    assert not _rule(analyze("Fest! #a1 #b2 #c3 #d4 #e5 #f6 #g7", "x"), "hashtags")  # X: no hashtag limit


# --- hashtag-schreibweise --------------------------------------------------

def test_hashtag_schreibweise_suggests_camel_case():
    report = analyze("Wir feiern! #stadtfestmusterstadt", "x")
    (f,) = _rule(report, "hashtag-schreibweise")
    assert f.suggestion == "#StadtfestMusterstadt"
    assert report.text[f.start : f.end] == "#stadtfestmusterstadt"
    (g,) = _rule(analyze("Wir sind für euch da #wirsindfuereuchda #wirsindfüreuch", "x"), "hashtag-schreibweise")
    assert g.suggestion == "#WirSindFürEuch"


@pytest.mark.parametrize("tag", ["#StadtfestMusterstadt", "#Musterstadt", "#Sommerferien", "#stadtfest", "#Fest"])
def test_hashtag_schreibweise_negative(tag):
    assert not _rule(analyze(f"Wir feiern! {tag}", "x"), "hashtag-schreibweise")


# --- alt-text -------------------------------------------------------------

def test_alt_text_missing_short_long_and_redundant():
    (f,) = _rule(analyze("Neues Foto vom Fest.", "x", image=True), "alt-text")
    assert f.severity == "fehler" and (f.start, f.end) == (0, 0)
    short = _rule(analyze("Fest.", "x", alt_text="Bild"), "alt-text")
    assert [x.severity for x in short] == ["warnung"]
    long_alt = "Auf dem Marktplatz tanzen viele Menschen vor der Bühne. " * 6  # 336 characters
    too_long = _rule(analyze("Fest.", "linkedin", alt_text=long_alt), "alt-text")
    assert [x.severity for x in too_long] == ["fehler"] and "LinkedIn erlaubt 300" in too_long[0].message
    assert not _rule(analyze("Fest.", "x", alt_text=long_alt), "alt-text")  # X allows 1000
    redundant = _rule(analyze("Fest.", "x", alt_text="Bild von Menschen, die auf dem Marktplatz tanzen"), "alt-text")
    assert [x.severity for x in redundant] == ["hinweis"]


def test_alt_text_good_or_no_image():
    good = "Bürgermeisterin schneidet ein rotes Band vor der neuen Kita durch."
    assert not _rule(analyze("Die Kita ist eröffnet.", "x", image=True, alt_text=good), "alt-text")
    assert not _rule(analyze("Die Kita ist eröffnet.", "x"), "alt-text")


# --- w-fragen -------------------------------------------------------------

PM_FULL = ("Pressemitteilung: Die Stadt Musterstadt lädt am Samstag, 21.11.2026, um 14 Uhr zum Stadtfest "
           "auf dem Marktplatz ein.")


def test_w_fragen_complete_press_release():
    assert not _rule(analyze(PM_FULL, "facebook"), "w-fragen")


def test_w_fragen_missing_when_and_where():
    report = analyze("Pressemitteilung: Die Stadt Musterstadt lädt herzlich zum großen Stadtfest ein.", "facebook")
    messages = " ".join(f.message for f in _rule(report, "w-fragen"))
    assert "„wann“" in messages and "„wo“" in messages and "„wer“" not in messages


def test_w_fragen_only_for_press_releases_or_on_request():
    post = "Kommt vorbei und feiert mit!"
    assert not _rule(analyze(post, "facebook"), "w-fragen")
    asked = _rule(analyze(post, "facebook", pressemitteilung=True), "w-fragen")
    assert {f.message.split("„")[1].split("“")[0] for f in asked} == {"wer", "wann", "wo"}


# --- API ------------------------------------------------------------------

def test_unknown_platform_raises_input_error():
    with pytest.raises(InputError, match="Gültig sind: x, bluesky"):
        analyze("Hallo", platform="studivz")


def test_report_json_shape():
    d = analyze("Hallo Musterstadt!", platform="mastodon").to_dict()
    assert set(d) == {"platform", "length", "readability", "findings"}
    assert d["length"] == {"counted": 18, "limit": 500, "unit": "Zeichen"}
    assert set(d["readability"]) == {"flesch_amstad", "wiener_sachtextformel", "words", "sentences"}
