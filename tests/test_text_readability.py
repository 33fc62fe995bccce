"""Sentence splitting, word counting and the two German readability formulas."""

from __future__ import annotations

import pytest

from kommsocial.text import analyze
from kommsocial.text.readability import flesch_band, readability
from kommsocial.text.syllables import count_word
from kommsocial.text.tokens import sentences


def _sentence_texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Bringen Sie z. B. Ihren Ausweis mit.",
        "Bringen Sie z.B. Ihren Ausweis mit.",
        "Die Linie Nr. 5 fährt ca. alle zehn Minuten.",
        "Dr. Müller und Prof. Schmidt sprechen.",
        "Das Fest ist am 21.11.2026 auf dem Marktplatz.",
        "Das Fest beginnt um 14.30 Uhr.",
        "Das Fest ist am 21. November auf dem Marktplatz.",
        "Infos gibt es unter https://www.musterstadt.de/fest.info heute.",
        "Infos gibt es unter www.musterstadt.de. heute",
        "Das gilt i. d. R. auch für Vereine.",
        "Schreiben Sie an presse@musterstadt.de für Fragen.",
    ],
)
def test_no_split_inside_abbreviations_dates_times_urls(text):
    assert len(sentences(text)) == 1, _sentence_texts(text)


def test_splits_real_sentence_ends():
    text = "Das Fest beginnt um 14 Uhr. Alle sind eingeladen! Kommen Sie? Infos: https://musterstadt.de/fest. Danke."
    assert _sentence_texts(text) == [
        "Das Fest beginnt um 14 Uhr.",
        "Alle sind eingeladen!",
        "Kommen Sie?",
        "Infos: https://musterstadt.de/fest.",
        "Danke.",
    ]


def test_headline_line_is_own_sentence():
    assert _sentence_texts("Stadtfest 2026\nAm Samstag feiern wir.") == ["Stadtfest 2026", "Am Samstag feiern wir."]


def test_words_exclude_numbers_urls_hashtags():
    s = sentences("Am 21.11.2026 feiern wir #Stadtfest https://musterstadt.de mit @musterstadt.")
    assert [w.text for w in s[0].words] == ["Am", "feiern", "wir", "mit"]


def test_flesch_amstad_and_wstf_follow_the_formulas():
    text = "Die Stadt lädt ein. Das Stadtfest beginnt am Freitag auf dem Marktplatz."
    sents = sentences(text)
    words = [w.text for s in sents for w in s.words]
    syl = [count_word(w) for w in words]
    asl, asw = len(words) / len(sents), sum(syl) / len(words)
    fre = 180 - asl - 58.5 * asw
    ms = 100 * sum(s >= 3 for s in syl) / len(words)
    iw = 100 * sum(len(w) > 6 for w in words) / len(words)
    es = 100 * sum(s == 1 for s in syl) / len(words)
    wstf = 0.1935 * ms + 0.1672 * asl + 0.1297 * iw - 0.0327 * es - 0.875
    r = readability(sents)
    assert (r.words, r.sentences) == (12, 2)
    assert r.flesch_amstad == pytest.approx(fre, abs=0.05)
    assert r.wiener_sachtextformel == pytest.approx(wstf, abs=0.05)


def test_simple_text_reads_easier_than_bureaucratic_text():
    easy = analyze("Wir bauen die Brücke neu. Sie ist ab Montag zu. Fahren Sie bitte über die Ringstraße.", "x")
    hard = analyze(
        "Aufgrund der Durchführung umfangreicher Instandsetzungsmaßnahmen an der Brückenkonstruktion "
        "erfolgt eine vorübergehende Vollsperrung unter Einrichtung einer großräumigen Umleitungsbeschilderung.",
        "x",
    )
    assert easy.readability.flesch_amstad > hard.readability.flesch_amstad + 30
    assert easy.readability.wiener_sachtextformel < hard.readability.wiener_sachtextformel


def test_empty_text_gives_zero_figures():
    r = analyze("", "x").readability
    assert (r.words, r.sentences, r.flesch_amstad) == (0, 0, 0.0)


def test_flesch_bands():
    assert flesch_band(25) == "sehr schwer" and flesch_band(65) == "mittel" and flesch_band(95) == "sehr leicht"


def test_blank_quoted_keeps_offsets():
    from kommsocial.text.tokens import blank_quoted

    text = "Nicht „zwecks“ und `mittels`, aber \"seitens\" – sondern für.\n„zwei\nZeilen“ ok"
    out = blank_quoted(text)
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    assert "zwecks" not in out and "mittels" not in out and "seitens" not in out and "Zeilen" not in out
    assert out.endswith("ok") and "sondern für." in out
